#!/bin/bash
# docket copy: the demo's database (share/examples/demo.sh) copied whole
# into a new one, which verifies with the same head, exports the same audit
# CSVs byte for byte, keeps every id, UUID and timestamp, finds the same
# search hits and takes the next write; and every refusal exits 2 with the
# destination as it was.
#
# The destination's engine is named once, below: every check that has to
# look inside a destination goes through the dest_* functions, and a
# PostgreSQL destination is another definition of those functions, not
# another test: the engine the run tests (DOCKET_TEST_ENGINE, lib.sh), or
# DOCKET_COPY_ENGINE. The source is the demo's SQLite file either way.
. "$(dirname "$0")/lib.sh"

# --- the destination's engine ------------------------------------------------
case "${DOCKET_COPY_ENGINE:-$DOCKET_TEST_ENGINE}" in
sqlite)
	# dest NAME: the address of a destination nothing has written yet
	dest() { echo "$T/$1.db"; }
	# dest_state DEST: what the destination holds, as one hash ("absent" when nothing is there)
	dest_state() {
		if [ -e "$1" ]; then "$SQLITE3" "$1" .dump | sha256sum | cut -d' ' -f1; else echo absent; fi
	}
	# dest_rows DEST SQL: the rows a query gives, one a line
	dest_rows() { "$SQLITE3" "$1" "$2"; }
	# dest_init DEST: an empty docket database there, as docket init makes it
	dest_init() { "$DOCKET" --db "$1" init >/dev/null || fail "init $1"; }
	;;
postgres)
	# dest NAME: a database made on the test server, empty (no schema docket)
	dest() { new_db "$1"; }
	# dest_state DEST: "absent" while DEST has no schema docket; a file
	# (a SQLite source given as a destination) as above
	dest_state() {
		if ! is_pg "$1"; then
			if [ -e "$1" ]; then "$SQLITE3" "$1" .dump | sha256sum | cut -d' ' -f1; else echo absent; fi
		elif [ "$(sql_db "$1" "SELECT count(*) FROM pg_namespace WHERE nspname = 'docket'")" = 0 ]; then
			echo absent
		else
			dbhash "$1"
		fi
	}
	# dest_rows DEST SQL: the rows as sqlite3 prints a file's (reals 50.0)
	dest_rows() { sql_as_sqlite "$1" "$2"; }
	dest_init() { "$DOCKET" --db "$1" init >/dev/null || fail "init $1"; }
	;;
*)
	echo "DOCKET_COPY_ENGINE '${DOCKET_COPY_ENGINE:-$DOCKET_TEST_ENGINE}' is not one this test knows (sqlite, postgres)" >&2
	exit 1
	;;
esac

# refused 'PATTERN' DEST CMD...: exit 2, a 'docket: ' message matching
# PATTERN, nothing on stdout, and DEST as it was.
refused() {
	local pattern=$1 to=$2 before after
	shift 2
	before=$(dest_state "$to")
	status 2 "$@"
	after=$(dest_state "$to")
	echo "$ERR" | grep -Eq -- "$pattern" || fail "docket $*: stderr '$ERR' does not match '$pattern'"
	echo "$ERR" | grep -q '^docket: copy: ' || fail "docket $*: message does not start with 'docket: copy: ': $ERR"
	eq "$OUT" "" "docket $*: nothing on stdout"
	eq "$after" "$before" "docket $*: the destination changed"
}

# --- the source: the demo's database -------------------------------------------
TMPDIR="$T" sh "$DOCKET_SOURCE_DIR/share/examples/demo.sh" "$DOCKET" > demo.log 2>&1 ||
	{ fail "the demo stops: $(tail -5 demo.log)"; done_; }
DEMO=$(sed -n 's/^everything is kept in //p' demo.log)
SRC="$DEMO/docket.db"
[ -f "$SRC" ] || { fail "the demo left no database"; done_; }
export DOCKET_DB="$SRC"
ok audit verify --format csv
PIN=$(echo "$OUT" | tr -d '\r' | sed -n 2p | cut -d, -f5)
echo "$PIN" | grep -Eq '^[0-9]+:[0-9a-f]{64}$' || fail "no pin from the source's audit verify: $OUT"
SRC_STATE=$(dbhash "$SRC")

# --- the copy -------------------------------------------------------------------
DST=$(dest copy)
ok copy --from "$SRC" --to "$DST"
AUDIT=$("$SQLITE3" "$SRC" 'SELECT count(*) FROM audit_log')
has "^copied [0-9]+ records and $AUDIT audit rows from $(re_quote "$SRC") to $(re_quote "$DST"); both verify$"
has "^pin +$PIN$"
eq "$(dbhash "$SRC")" "$SRC_STATE" "the source changed"

# the counts, table by table, are the source's
ok copy --from "$SRC" --to "$(dest counted)" --format json
echo "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
c, t = r["copy"], r["tables"]
assert c["audit_rows"] == sum(x["rows"] for x in t if x["table"] == "audit_log"), c
assert c["records"] == sum(x["rows"] for x in t if x["table"] != "audit_log"), c
assert t[-1]["table"] == "audit_log", t
for x in t:
    print(x["table"], x["rows"])' > counts.txt || fail "copy --format json: $OUT"
while read -r table rows; do
	CHECKS=$((CHECKS + 1))
	eq "$rows" "$("$SQLITE3" "$SRC" "SELECT count(*) FROM $table")" "rows of $table"
done < counts.txt
[ "$(wc -l < counts.txt)" -ge 18 ] || fail "copy --format json counts $(wc -l < counts.txt) tables"

# the copy proves itself, with the source's head, and the source's anchors hold on it
ok --db "$DST" audit verify --format csv
eq "$(echo "$OUT" | tr -d '\r' | sed -n 2p | cut -d, -f1,5)" "intact,$PIN" "the copy's verify"
ok --db "$DST" audit verify --head "$PIN" --anchors "$DEMO/docket.anchors" --pubkey "$DEMO/anchor.key.pub"

# the auditors' CSVs, byte for byte (the manifest hashes every file)
ok --db "$SRC" export audit --out ex-src
ok --db "$DST" export audit --out ex-dst
CHECKS=$((CHECKS + 1))
diff -r ex-src ex-dst > export.diff || fail "export audit differs: $(head -5 export.diff)"
[ "$(ls ex-src | wc -l)" -ge 15 ] || fail "export audit wrote only $(ls ex-src | wc -l) files"

# every id, UUID, timestamp and author, table by table, and every audit row whole
for table in $(cut -d' ' -f1 counts.txt); do
	case $table in
	audit_log) q="SELECT * FROM audit_log ORDER BY seq" ;;
	person | policy | context | blueprint | stage | review | decision | evidence | risk | \
		verification_step | verification_result | adr_source)
		q="SELECT id, uuid, created_at, created_by FROM $table ORDER BY id" ;;
	*) q="SELECT * FROM $table ORDER BY id" ;;
	esac
	CHECKS=$((CHECKS + 1))
	[ "$(dest_rows "$DST" "$q")" = "$("$SQLITE3" "$SRC" "$q")" ] || fail "$table differs in the copy"
done
eq "$(dest_rows "$DST" 'SELECT id FROM risk WHERE score <> likelihood * impact ORDER BY id')" "" \
	"risk.score computed in the copy"

# search finds the copied records as it finds them in the source (the
# same records and fields; the match's excerpt is each engine's own)
hits() { echo "$1" | cut -d, -f1-4 | sort; }
for words in fastapi autoscaling "chargeback labels" gdpr; do
	ok --db "$SRC" search "$words" --format csv
	want=$OUT
	ok --db "$DST" search "$words" --format csv
	eq "$(hits "$OUT")" "$(hits "$want")" "search '$words' in the copy"
	[ "$(echo "$want" | wc -l)" -ge 2 ] || fail "search '$words' finds nothing in the demo"
done

# lists and reports read the same
ok --db "$SRC" risk list --format csv; want=$OUT
ok --db "$DST" risk list --format csv
eq "$OUT" "$want" "risk list in the copy"
ok --db "$SRC" report weekly --as-of 2026-11-23; want=$OUT
ok --db "$DST" report weekly --as-of 2026-11-23
eq "$OUT" "$want" "the weekly report from the copy"

# the copy takes the next write, audited after the copied head, with a new id
ok --db "$DST" person add zoe --name "Zoe Quinn" --team ml-platform
ok --db "$DST" audit verify --format csv
eq "$(echo "$OUT" | tr -d '\r' | sed -n 2p | cut -d, -f1,3)" "intact,$((${PIN%%:*} + 1))" "a write after the copy"
eq "$(dest_rows "$DST" "SELECT id FROM person WHERE handle = 'zoe'")" \
	"$(("$("$SQLITE3" "$SRC" 'SELECT max(id) FROM person')" + 1))" "the next id"

# into an empty docket database (docket init made it): allowed
EMPTY=$(dest empty)
dest_init "$EMPTY"
ok copy --from "$SRC" --to "$EMPTY"
ok --db "$EMPTY" audit verify --head "$PIN"

# a copy of the copy is the copy
AGAIN=$(dest again)
ok copy --from "$DST" --to "$AGAIN"
ok --db "$AGAIN" export audit --out ex-again
ok --db "$DST" export audit --out ex-dst2
CHECKS=$((CHECKS + 1))
diff -r ex-dst2 ex-again > again.diff || fail "a copy of the copy differs: $(head -5 again.diff)"

# a database that an older docket made and this one migrated: its trail was
# written by older triggers (before migration 0014's canonical text) and
# its records hold the defaults of columns added since; all copied as they
# are, and the copy verifies (DK_SQL: the valgrind build has no helpers)
if [ -n "${DK_SQL:-}" ]; then
	make_old_db v1.db 1
	"$DK_SQL" v1.db < "$DOCKET_SOURCE_DIR/tests/migrate/v1_records.sql" || fail "filling the version 1 database"
	ok --db v1.db migrate
	ok --db v1.db audit verify
	V1=$(dest v1-copy)
	ok copy --from v1.db --to "$V1"
	has "^copied [0-9]+ records and 39 audit rows from v1.db"
	ok --db "$V1" audit verify --head "$("$SQLITE3" v1.db "SELECT seq || ':' || hash FROM audit_log ORDER BY seq DESC LIMIT 1")"
	ok --db v1.db export audit --out ex-v1
	ok --db "$V1" export audit --out ex-v1-copy
	CHECKS=$((CHECKS + 1))
	diff -r ex-v1 ex-v1-copy > v1.diff || fail "export audit of a migrated database's copy differs: $(head -5 v1.diff)"
fi

# --- refusals: exit 2, the destination as it was ----------------------------------
NEW=$(dest never)
refused "--from is required" "$NEW" copy --to "$NEW"
refused "--to is required" "$NEW" copy --from "$SRC"
refused "--from and --to are required" "$NEW" copy
refused "--from '.*' and --to '.*' are the same file" "$SRC" copy --from "$SRC" --to "$SRC"
refused "are the same file" "$SRC" copy --from "$SRC" --to "$DEMO/../$(basename "$DEMO")/docket.db"
refused "--from and --to are the same \('x.db'\)" "$NEW" copy --from x.db --to x.db
refused "--db is not used by copy" "$NEW" --db "$SRC" copy --from "$SRC" --to "$NEW"
refused "--to '.*' already holds records \([0-9]+ in person\)" "$DST" copy --from "$SRC" --to "$DST"
refused "already holds records" "$EMPTY" copy --from "$DST" --to "$EMPTY"
echo "meeting notes" > notes.txt
refused "--to 'notes.txt' exists and is not an empty docket database" notes.txt copy --from "$SRC" --to notes.txt
eq "$(cat notes.txt)" "meeting notes" "a file that is no database"

# an older source: migrate it first
make_old_db old.db 13
refused "--from 'old.db' is at schema version 13 and this docket copies from version $(latest_migration) only: migrate it first" \
	"$NEW" copy --from old.db --to "$NEW"

# a source that does not verify: a record changed behind the trail
"$SQLITE3" "$SRC" ".backup tampered.db"
"$SQLITE3" tampered.db "DROP TRIGGER person_audit_update; UPDATE person SET name = 'Someone Else' WHERE handle = 'bo'"
refused "--from 'tampered.db' does not verify \(2 findings; the first: schema: person_audit_update: the trigger is missing" \
	"$NEW" copy --from tampered.db --to "$NEW"
"$SQLITE3" "$SRC" ".backup edited.db"
"$SQLITE3" edited.db "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 3;
	$("$SQLITE3" "$SRC" "SELECT sql FROM sqlite_schema WHERE name = 'audit_log_no_update'");"
refused "--from 'edited.db' does not verify \(1 finding; the first: chain: audit_log 3: its content does not match its hash" \
	"$NEW" copy --from edited.db --to "$NEW"
eq "$(dest_state "$NEW")" absent "no destination was made by a refusal"

# a source that is missing is the database error every command gives (exit 3)
status 3 copy --from missing.db --to "$NEW"
echo "$ERR" | grep -q "^docket: copy: no database at 'missing.db'" || fail "missing source: $ERR"
eq "$(dest_state "$NEW")" absent "no destination for a missing source"
eq "$(dbhash "$SRC")" "$SRC_STATE" "the source after every refusal"

# help, usage, the man page
ok copy --help
has "^usage: docket copy --from DB --to DB"
grep -q '^\.B docket copy' "$DOCKET_SOURCE_DIR/share/man/docket.1" || fail "man page lacks docket copy"
done_
