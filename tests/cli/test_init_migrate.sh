# docket init and docket migrate: creation, versions, backups.
. "$(dirname "$0")/lib.sh"
sqlite_only "the file: its mode, journal mode and user_version, init over other files, migrate's backup file, a read-only directory"

ok init
has "created .*docket.db"
eq "$(stat -c %a docket.db)" 600 "database mode"
want=$("$DOCKET" --version | sed -n 's/^journal: \([a-z]*\).*/\1/p'); [ "$want" = rollback ] && want=delete
eq "$(sql 'PRAGMA journal_mode')" "$want" "journal mode"
latest=$(latest_migration)
eq "$(sql 'PRAGMA user_version')" "$latest" "user_version after init"

# init never touches an existing database
h=$(dbhash)
status 2 init
echo "$ERR" | grep -q "cannot create .*File exists" || fail "init over a database: $ERR"
eq "$(dbhash)" "$h" "init over an existing database changed it"

# a command on a missing database says what to do, and creates nothing
status 3 --db "$T/missing.db" person list
echo "$ERR" | grep -q "docket init" || fail "missing db message: $ERR"
[ ! -e "$T/missing.db" ] || fail "a read created the database"

# init under a umask that would make it world-readable still gives 0600
(umask 000; "$DOCKET" --db "$T/u.db" init >/dev/null) || fail "init with umask 000"
eq "$(stat -c %a "$T/u.db")" 600 "mode under umask 000"

# migrate --status lists applied migrations with their SHA-256
ok migrate --status --format csv
has "^version,name,sha256,applied_at,binary"
for f in "$DOCKET_SOURCE_DIR"/migrations/*.sql; do
	has "$(sha256sum "$f" | cut -d' ' -f1)"
done
ok migrate
has "up to date"

# a newer database is refused by every command, naming both versions
cp docket.db newer.db
"$SQLITE3" newer.db "PRAGMA user_version = $((latest + 5))"
h=$(dbhash newer.db)
for cmd in "person list" "migrate" "audit verify" "context list"; do
	status 3 --db newer.db $cmd
	echo "$ERR" | grep -q "schema version $((latest + 5)), newer than this docket .*schema version $latest" ||
		fail "newer db ($cmd): $ERR"
done
eq "$(dbhash newer.db)" "$h" "a refused newer database changed"

# an older database: refused until migrated; migrate keeps a backup
if [ "$latest" -ge 2 ]; then
	make_old_db old.db 1
	"$DOCKET" --db old.db person list >/dev/null 2>&1 && fail "person list on an old database succeeded"
	status 3 --db old.db person add ana --name Ana
	echo "$ERR" | grep -q "schema version 1, this docket needs $latest: run 'docket migrate'" || fail "old db: $ERR"
	h=$(dbhash old.db)
	ok --db old.db migrate
	has "backed up to old.db.backup-v1-"
	has "schema version 1 -> $latest"
	backup=$(ls old.db.backup-v1-* | head -1)
	eq "$(dbhash "$backup")" "$h" "backup content"
	eq "$(stat -c %a "$backup")" 600 "backup mode"
	eq "$("$SQLITE3" old.db 'PRAGMA user_version')" "$latest" "migrated version"
	ok --db old.db person add ana --name Ana
	ok --db old.db audit verify
	ok --db old.db migrate --status
	eq "$(echo "$OUT" | grep -c " same$")" "$(ls "$DOCKET_SOURCE_DIR"/migrations/*.sql | wc -l)" "every applied migration matches the binary"
else
	echo "only one migration: older-database cases need a second one"
fi

# not a database at all
echo "plain text, not a database, long enough to look like a header line" > notes.txt
status 3 --db notes.txt person list
echo "$ERR" | grep -q "not a docket database" || fail "text file: $ERR"

# an empty file (touch, or an init killed before its first migration) is
# taken over by init, and the other commands say so (issue 12)
: > empty.db
chmod 644 empty.db
status 3 --db empty.db person list
echo "$ERR" | grep -q "it is empty: run 'docket init'" || fail "empty file: $ERR"
ok --db empty.db init
has "created empty.db"
eq "$(stat -c %a empty.db)" 600 "a taken-over file is 0600"
ok --db empty.db person add ana --name Ana
"$SQLITE3" killed.db 'PRAGMA journal_mode = WAL' >/dev/null
ok --db killed.db init
ok --db killed.db audit verify
# ... but not a link to one, nor a file that holds anything
: > target.db && ln -s target.db link.db
status 2 --db link.db init
echo "$ERR" | grep -q "cannot create 'link.db': File exists" || fail "init over a link: $ERR"
eq "$(stat -c %s target.db)" 0 "init wrote through a link"
"$SQLITE3" other.db 'CREATE TABLE t(x); INSERT INTO t VALUES (1)'
h=$(dbhash other.db)
status 2 --db other.db init
echo "$ERR" | grep -q "File exists (init takes over only an empty file)" || fail "init over another database: $ERR"
eq "$(dbhash other.db)" "$h" "init changed another database"
status 2 --db notes.txt init
eq "$(head -c 10 notes.txt)" "plain text" "init changed a text file"

# a database in a read-only directory is named as such, not "not a docket
# database". Root ignores permissions, so this runs as nobody (setpriv);
# not under valgrind, whose logs nobody cannot write (the plain and
# sanitizer runs cover it).
AS_NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
chmod 711 "$T"
if [ -z "${VALGRIND:-}" ] && $AS_NOBODY test -x "$DOCKET" 2>/dev/null && $AS_NOBODY true 2>/dev/null; then
	mkdir rodir
	"$DOCKET" --db rodir/ro.db init >/dev/null && "$DOCKET" --db rodir/ro.db person add ana --name Ana >/dev/null
	mode=$("$SQLITE3" rodir/ro.db 'PRAGMA journal_mode')
	"$SQLITE3" rodir/ro.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null # its close, the last, removes -wal and -shm
	chown -R 65534 rodir && chmod 555 rodir
	for cmd in "person list" "person add bo --name Bo"; do
		CHECKS=$((CHECKS + 1))
		ERR=$($AS_NOBODY "$DOCKET" --db rodir/ro.db $cmd 2>&1 >/dev/null); RC=$?
		! echo "$ERR" | grep -q "not a docket database" || fail "$cmd in a read-only directory: $ERR"
		# WAL needs a -shm file beside the database: nothing opens
		if [ "$mode" = wal ] || [ "$cmd" != "person list" ]; then
			eq "$RC" 3 "$cmd in a read-only directory: exit status"
		else
			eq "$RC" 0 "$cmd in a read-only directory ($mode journal): exit status"
		fi
		if [ "$mode" = wal ]; then
			echo "$ERR" | grep -q "cannot open 'rodir/ro.db': its directory 'rodir' is read-only" ||
				fail "$cmd in a read-only directory: $ERR"
		fi
	done
	chmod 755 rodir
	ok --db rodir/ro.db person list
	has '^ana '
else
	echo "skipped: the read-only directory case needs setpriv, a binary that user nobody can run, and no valgrind"
fi
chmod 700 "$T"
done_
