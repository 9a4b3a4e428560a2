#!/bin/bash
# PostgreSQL and SQLite side by side (run on PostgreSQL: the test server
# holds one side). The demo (share/examples/demo.sh) on each engine gives
# the same `blueprint show --format md` bytes and the same `export audit`
# CSV files apart from what each run draws for itself (timestamps, UUIDs,
# the hashes over them, the demo's temporary directory); `docket copy`
# both ways copies every row and the chain unchanged: the copy verifies
# with the source's head, and its export is the source's byte for byte.
. "$(dirname "$0")/lib.sh"
postgres_only "it compares the two engines; the test server holds one side"
SQLITE_DB="$T/demo.db"
PG_DB=$(new_db demo) || { fail "a PostgreSQL database for the demo"; done_; }
demo=$DOCKET_SOURCE_DIR/share/examples/demo.sh
"$demo" "$DOCKET" "$SQLITE_DB" >"$T/demo.sqlite.out" 2>&1 || fail "the demo on SQLite: $(tail -3 "$T/demo.sqlite.out")"
"$demo" "$DOCKET" "$PG_DB" >"$T/demo.pg.out" 2>&1 || fail "the demo on PostgreSQL: $(tail -3 "$T/demo.pg.out")"

# what each run draws for itself
mask() {
	sed -E 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/UUID/g;
	        s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z/TIME/g;
	        s/[0-9a-f]{64}/HASH/g; s/[0-9a-f]{20,}…/HEX…/g; s#/[^ ,"]*/docket-demo-[A-Za-z0-9]+#DEMO#g' "$@"
}
# the demo's own output: the same story, word for word
mask "$T/demo.sqlite.out" | grep -v '^created ' >"$T/a.out"
mask "$T/demo.pg.out" | grep -v '^created ' >"$T/b.out"
cmp -s "$T/a.out" "$T/b.out" || fail "the demo's output differs between engines: $(diff "$T/a.out" "$T/b.out" | head -8)"

# the blueprint, byte for byte
"$DOCKET" --db "$SQLITE_DB" blueprint show BP-1 --format md >"$T/bp.sqlite.md" || fail "blueprint show on SQLite"
"$DOCKET" --db "$PG_DB" blueprint show BP-1 --format md >"$T/bp.pg.md" || fail "blueprint show on PostgreSQL"
[ -s "$T/bp.sqlite.md" ] || fail "an empty blueprint"
cmp -s "$T/bp.sqlite.md" "$T/bp.pg.md" || fail "blueprint show --format md differs: $(diff "$T/bp.sqlite.md" "$T/bp.pg.md" | head -5)"

# the audit export, file by file
"$DOCKET" --db "$SQLITE_DB" export audit --out "$T/x.sqlite" >/dev/null || fail "export audit on SQLite"
"$DOCKET" --db "$PG_DB" export audit --out "$T/x.pg" >/dev/null || fail "export audit on PostgreSQL"
n=0
for f in "$T"/x.sqlite/*.csv; do
	b=$(basename "$f")
	[ "$b" = MANIFEST.csv ] && continue # the files' hashes: of the texts that differ
	n=$((n + 1))
	[ -f "$T/x.pg/$b" ] || { fail "no $b from PostgreSQL"; continue; }
	mask "$f" >"$T/m.a"
	mask "$T/x.pg/$b" >"$T/m.b"
	cmp -s "$T/m.a" "$T/m.b" || fail "$b differs beyond timestamps and UUIDs: $(diff "$T/m.a" "$T/m.b" | head -4)"
done
[ "$n" -ge 15 ] || fail "only $n CSV files compared"
eq "$(ls "$T/x.sqlite" | joined)" "$(ls "$T/x.pg" | joined)" "the export's files"
eq "$(wc -l <"$T/x.sqlite/audit_log.csv")" "$(wc -l <"$T/x.pg/audit_log.csv")" "audit rows on each engine"

# copy SQLite -> PostgreSQL: the chain unchanged, the same export
pin() { "$DOCKET" --db "$1" audit verify | awk '$1 == "pin" { print $2 }'; }
src_pin=$(pin "$SQLITE_DB")
[ -n "$src_pin" ] || fail "no pin from the SQLite demo"
TO_PG=$(new_db from_sqlite)
ok copy --from "$SQLITE_DB" --to "$TO_PG"
ok --db "$TO_PG" audit verify --head "$src_pin"
has "^status +intact"
"$DOCKET" --db "$TO_PG" export audit --out "$T/x.to_pg" >/dev/null || fail "export audit of the copy on PostgreSQL"
diff -r "$T/x.sqlite" "$T/x.to_pg" >"$T/d1" || fail "the copy on PostgreSQL exports differently: $(head -5 "$T/d1")"

# copy PostgreSQL -> SQLite
pg_pin=$(pin "$PG_DB")
ok copy --from "$PG_DB" --to "$T/from_pg.db"
ok --db "$T/from_pg.db" audit verify --head "$pg_pin"
has "^status +intact"
"$DOCKET" --db "$T/from_pg.db" export audit --out "$T/x.from_pg" >/dev/null || fail "export audit of the copy on SQLite"
diff -r "$T/x.pg" "$T/x.from_pg" >"$T/d2" || fail "the copy on SQLite exports differently: $(head -5 "$T/d2")"

# and round again: SQLite -> PostgreSQL -> SQLite gives the first file's rows
ok copy --from "$TO_PG" --to "$T/round.db"
"$DOCKET" --db "$T/round.db" export audit --out "$T/x.round" >/dev/null
diff -r "$T/x.sqlite" "$T/x.round" >"$T/d3" || fail "the round trip exports differently: $(head -5 "$T/d3")"
done_
