# The file holds its data: after every write command, a copy of docket.db
# alone (no -wal beside it) holds every record, in the journal mode docket
# chose and in WAL; docket backup makes a checked standalone 0600 copy and
# refuses bad paths; --version names the journal mode and why.
. "$(dirname "$0")/lib.sh"
sqlite_only "what the file holds in each journal mode, and docket backup's copy of it"

# the live database and a copy of the .db file alone, dumped whole
dump_live() { "$SQLITE3" "$DOCKET_DB" .dump | sha256sum | cut -d' ' -f1; }
dump_copy() { "$SQLITE3" "file:$1?immutable=1" .dump | sha256sum | cut -d' ' -f1; }

# w CMD...: a write command; then cp docket.db alone holds what the live one does
w() {
	ok "$@"
	rm -f copy.db copy.db-wal copy.db-shm copy.db-journal
	cp "$DOCKET_DB" copy.db
	CHECKS=$((CHECKS + 1))
	local c l
	c=$(dump_copy copy.db)
	l=$(dump_live)
	[ "$c" = "$l" ] || fail "after 'docket $*' ($JOURNAL), docket.db alone lacks records: " \
		"$("$SQLITE3" "file:copy.db?immutable=1" 'SELECT count(*) FROM audit_log') audit rows in the copy, " \
		"$(sql 'SELECT count(*) FROM audit_log') live"
}
key() { "$DOCKET" "$@" | head -1; }

# The write commands of the demo (share/examples/demo.sh), in order.
demo_writes() {
	rm -f "$DOCKET_DB" "$DOCKET_DB"-wal "$DOCKET_DB"-shm "$DOCKET_DB"-journal
	w init
	w person add ana --name "Ana Lima" --email ana@example.org --team ml-platform
	w person add bo --name "Bo Chen" --email bo@example.org --team ml-platform
	w person add lee --name "Lee Park" --email lee@example.org --team risk
	w policy set ml-platform --appetite 9 --grace-days 7 --acceptance-days 90 \
		--default-due-days 30 --escalate-to lee
	w context add fraud-scoring --owner ana --problem online --latency-p95-ms 50 \
		--throughput-rps 2000 --data-gb 40 --velocity "2 GB/day" --label-delay-days 30 \
		--team-size 6 --availability 99.9 --stack kubernetes,postgresql --cloud aws --compliance gdpr \
		--budget-usd-month 15000 --retrain weekly --assumption "peak traffic is 3x the daily mean"
	w context revise CTX-1 --latency-p95-ms 80 --throughput-rps 3000
	w blueprint generate --context CTX-2
	BP=$(echo "$OUT" | head -1)
	TRAIN=$("$DOCKET" stage list --blueprint "$BP" --format csv | grep ',train,' | cut -d, -f1)
	w stage set "$TRAIN" --seed-fixed no
	w stage set "$TRAIN" --seed-fixed yes
	printf 'p95_ms,rps\n71,3100\n' > loadtest.csv
	w evidence add --kind benchmark --title "Load test at 3,000 rps" --file loadtest.csv \
		--summary "p95 71 ms at 3,100 rps"
	EV=$(echo "$OUT" | head -1)
	w review add --on 2026-11-20 --blueprint "$BP" --attendees ana,bo,lee --notes "Reviewed."
	RV=$(echo "$OUT" | head -1)
	w decision add --title "Serve with FastAPI" --area serving --problem "80 ms p95 at 3,000 rps" \
		--option "FastAPI|pro: known" --option "KServe|pro: canary" --chosen FastAPI \
		--rationale "Meets the budget" --makers ana,bo --review "$RV" --blueprint "$BP"
	D=$(echo "$OUT" | head -1)
	w decision link "$D" --evidence "$EV"
	w decision accept "$D" --review "$RV"
	w risk add --title "Autoscaling lags a spike" --owner bo --likelihood 3 --impact 4 \
		--category ops --decision "$D" --blueprint "$BP"
	R=$(echo "$OUT" | head -1)
	w risk step add "$R" --check "p95 under a 3x spike" --metric p95_latency_ms --op '<=' --threshold 80
	VS=$(echo "$OUT" | head -1)
	w risk step record "$VS" --value 74 --evidence "$EV"
	w risk add --title "The vendor's score drifts" --owner ana --likelihood 2 --impact 2 \
		--category model --due +14d
	R3=$(echo "$OUT" | head -1)
	w --actor bo risk accept "$R3" --approver lee --reason "Small exposure" --expires 2027-02-28
	ok audit verify
	ok --db copy.db audit verify
}

mode=$("$DOCKET" --version | sed -n 's/^journal: \([a-z]*\) (\(.*\))$/\1/p')
for JOURNAL in default wal rollback; do
	if [ "$JOURNAL" = default ]; then unset DOCKET_JOURNAL; else export DOCKET_JOURNAL=$JOURNAL; fi
	demo_writes
	want=${DOCKET_JOURNAL:-$mode}
	[ "$want" = rollback ] && want=delete
	eq "$(sql 'PRAGMA journal_mode')" "$want" "journal mode ($JOURNAL)"
done
unset DOCKET_JOURNAL

# --version names the mode and why
ok --version
has "^journal: (wal|rollback) \(SQLite [0-9.]+ (has|lacks) the WAL-reset fix"
lib=$("$SQLITE3" :memory: 'SELECT sqlite_version()')
case "$lib" in
3.[0-9].* | 3.[1-3][0-9].* | 3.4[0-3].* | 3.44.[0-5] | 3.4[5-9].* | 3.50.[0-6] | 3.51.[0-2])
	has "^journal: rollback \(SQLite $lib lacks the WAL-reset fix of 3.51.3\)" ;;
*) has "^journal: wal \(SQLite $lib has the WAL-reset fix\)" ;;
esac
DOCKET_JOURNAL=wal ok --version
has "^journal: wal \(DOCKET_JOURNAL=wal"
DOCKET_JOURNAL=WAL status 2 --version
echo "$ERR" | grep -q "^docket: DOCKET_JOURNAL 'WAL' is not one of: wal, rollback" || fail "bad DOCKET_JOURNAL: $ERR"
eq "$OUT" "" "nothing on stdout before the error"
DOCKET_JOURNAL=sometimes bad "DOCKET_JOURNAL 'sometimes' is not one of" person list

# An existing WAL database, opened alone where a rollback journal is wanted,
# is switched, its WAL folded into the file
if [ "$mode" = rollback ]; then
	rm -f "$DOCKET_DB"*
	DOCKET_JOURNAL=wal ok init
	DOCKET_JOURNAL=wal ok person add zed --name Zed
	eq "$(sql 'PRAGMA journal_mode')" wal "made in WAL"
	ok person add yan --name Yan
	eq "$(sql 'PRAGMA journal_mode')" delete "switched to a rollback journal"
	[ ! -e "$DOCKET_DB-wal" ] || fail "a -wal file is left after the switch"
	eq "$("$SQLITE3" "file:$DOCKET_DB?immutable=1" 'SELECT count(*) FROM person')" 2 "both people in the file"
	demo_writes >/dev/null # back to the demo database for the backup tests
fi

# docket backup: a standalone 0600 copy that passes integrity_check and
# equals the source, while the source is in WAL with frames or not
for JOURNAL in default wal; do
	if [ "$JOURNAL" = default ]; then unset DOCKET_JOURNAL; else export DOCKET_JOURNAL=$JOURNAL; fi
	rm -f bk.db
	ok backup bk.db
	has "backed up .*docket.db to bk.db"
	eq "$(stat -c %a bk.db)" 600 "backup mode ($JOURNAL)"
	eq "$("$SQLITE3" bk.db 'PRAGMA journal_mode')" delete "backup journal mode ($JOURNAL)"
	[ ! -e bk.db-wal ] && [ ! -e bk.db-journal ] || fail "backup left side files ($JOURNAL)"
	eq "$(dump_copy bk.db)" "$(dump_live)" "backup equals the source ($JOURNAL)"
	eq "$("$SQLITE3" bk.db 'PRAGMA integrity_check')" ok "backup integrity ($JOURNAL)"
	ok --db bk.db audit verify
	ok --format json backup bk2.db
	has '"path": ?"bk2.db"'
	rm -f bk2.db
done
unset DOCKET_JOURNAL

# bad paths: exit 2, nothing written, the database unchanged
echo keep > existing.db
bad "cannot create backup 'existing.db': it exists" backup existing.db
eq "$(cat existing.db)" keep "an existing file is untouched"
ln -s nowhere.db dangling.db
bad "cannot create backup 'dangling.db': it exists" backup dangling.db
[ ! -e nowhere.db ] || fail "backup followed a dangling symlink"
ln -s existing.db link.db
bad "cannot create backup 'link.db'" backup link.db
eq "$(cat existing.db)" keep "a symlink's target is untouched"
bad "the backup path is empty" backup ''
bad "cannot create backup 'no/such/dir.db': No such file or directory" backup no/such/dir.db
mkdir adir
bad "cannot create backup 'adir'" backup adir
bad "PATH is required" backup
bad "unexpected argument" backup a.db b.db
[ ! -e a.db ] || fail "backup with two paths wrote one"

done_
