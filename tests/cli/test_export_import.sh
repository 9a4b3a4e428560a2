# docket export audit and docket import: files an auditor can open, checked
# by an independent reader, and an export that re-imports into a new database.
. "$(dirname "$0")/lib.sh"
seed
ok person add eve --name '=HYPERLINK("http://x","y")' --team data --email eve@example.org
ok person add fay --name "'=already marked" --team data --login F.Yu
ok context add fraud-scoring --owner ana --problem online --latency-p95-ms 50 --throughput-rps 2000 \
	--stack kubernetes,postgresql --compliance gdpr,pci-dss --shared-features \
	--assumption 'peak is 3x the mean, "roughly"' --assumption '-5% churn is fine' --out-of-scope 'UI, for now'
ok context revise CTX-1 --latency-p95-ms 80 --no-shared-features --stack ""
ok context add churn --owner eve --problem batch --data-gb 5 --on-prem --retrain weekly
ok context add assistant --owner ana --problem online --model-kind llm --retrieval --gpu no \
	--availability 99.95 --velocity "2 GB/day" --pipelines 3 --retrain weekly,on-drift --air-gapped \
	--deploy-target server

ok export audit --out ex
has "^people.csv +4 "
has "wrote ex; audit chain head [0-9a-f]{64}"
for f in people policies contexts blueprints blueprint_items stages gates reviews decisions \
	decision_options evidence decision_evidence decision_links adr_sources risks verification_steps verification_results \
	lineage_edges audit_log; do
	[ -s "ex/$f.csv" ] || fail "ex/$f.csv is missing or empty (a header is always written)"
done
eq "$(stat -c %a ex/people.csv)" 600 "export file mode"
ls -d ex.partial-* 2>/dev/null && fail "a partial directory was left behind"

PYTHONPATH="$DOCKET_SOURCE_DIR/tests/cli" python3 - "$T/ex" "$DOCKET_DB" <<'PY' || fail "independent reader disagrees with the database"
import csv, dbread, hashlib, json, os, sys
d, dbpath = sys.argv[1], sys.argv[2]
db = dbread.connect(dbpath)
def rows(name):
    with open(os.path.join(d, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
def unmark(s):
    t = s[1:] if s.startswith("'") else s
    return t if s.startswith("'") and t.lstrip("'")[:1] in list("=+-@\t\r\n") and t.lstrip("'") else s
# the manifest names every file with its row count and SHA-256
man = rows("MANIFEST.csv")
assert len(man) == 20, len(man)
for m in man:
    data = open(os.path.join(d, m["file"]), "rb").read()
    assert hashlib.sha256(data).hexdigest() == m["sha256"], m["file"]
    if m["file"].endswith(".csv"):
        assert len(rows(m["file"])) == int(m["rows"]), m["file"]
# people, field by field, formula marks undone
people = {r["uuid"]: r for r in rows("people.csv")}
for handle, name, email, team, login, uuid in db.execute("SELECT handle, name, email, team, login, uuid FROM person"):
    r = people[uuid]
    assert (r["handle"], unmark(r["name"]), r["email"] or None, r["team"] or None, r["login"] or None) == (handle, name, email, team, login), (r, name)
assert people[db.execute("SELECT uuid FROM person WHERE handle='eve'").fetchone()[0]]["name"].startswith("'=")
# contexts, lists included
ctx = {r["uuid"]: r for r in rows("contexts.csv")}
assert len(ctx) == db.execute("SELECT count(*) FROM context").fetchone()[0]
for uuid, key, latency, stack, assumptions, sup in db.execute(
        "SELECT uuid, 'CTX-' || id, latency_p95_ms, stack, assumptions, 'CTX-' || supersedes_id FROM context"):
    r = ctx[uuid]
    assert r["key"] == key and r["supersedes"] == (sup or "")
    assert (int(r["latency-p95-ms"]) if r["latency-p95-ms"] else None) == latency
    assert (r["stack"].split(",") if r["stack"] else []) == json.loads(stack)
    assert [unmark(a) for a in r["assumption"].split("\n")] if r["assumption"] else [] == json.loads(assumptions)
# the audit log, hash for hash, and the head
log = rows("audit_log.csv")
dbl = db.execute("SELECT seq, hash, row FROM audit_log ORDER BY seq").fetchall()
assert [(int(r["seq"]), r["hash"], r["row"]) for r in log] == [(s, h, row) for s, h, row in dbl]
assert open(os.path.join(d, "audit_head.txt")).read().strip() == dbl[-1][1]
# lineage edges: CTX-2 revises CTX-1
assert {"from": "CTX-2", "relation": "revises", "to": "CTX-1", "from_kind": "context", "to_kind": "context"} in rows("lineage_edges.csv")
PY
CHECKS=$((CHECKS + 1))

# re-import into a new database reproduces the records
MAIN=$DOCKET_DB
COPY=$(new_db copy)
export DOCKET_DB=$COPY
ok init
ok import people "$T/ex/people.csv" --dry-run
has "^valid_rows +4"
eq "$(sql_db "$COPY" 'SELECT count(*) FROM person')" 0 "dry run wrote people"
ok import people "$T/ex/people.csv"
has "^imported +4"
ok import contexts "$T/ex/contexts.csv"
q_people="SELECT uuid, handle, name, email, team, login FROM person ORDER BY uuid"
# (a retrain cadence is a word: '["' || retrain || '"]' is json_array's text of it)
q_ctx="SELECT c.uuid, c.system, c.revision, p.uuid, c.problem, c.model_kind, c.deploy_target, c.latency_p95_ms, c.throughput_rps, c.availability_pct, c.velocity, c.velocity_gb_day, c.pipelines, c.stack, c.compliance, c.on_prem, c.air_gapped, c.gpu, c.retrieval, c.shared_features, coalesce(c.retraining, '[\"' || c.retrain || '\"]'), c.assumptions, c.out_of_scope, s.uuid FROM context c JOIN person p ON p.id = c.owner_id LEFT JOIN context s ON s.id = c.supersedes_id ORDER BY c.uuid"
eq "$(sql_db "$COPY" "$q_people")" "$(sql_db "$MAIN" "$q_people")" "re-imported people"
eq "$(sql_db "$COPY" "$q_ctx")" "$(sql_db "$MAIN" "$q_ctx")" "re-imported contexts"
ok audit verify
# importing the same people again is refused whole
bad "people.csv:2: handle: 'ana' is already taken" import people "$T/ex/people.csv"

# refused imports leave the database unchanged
printf 'handle,name,shoe-size\nzed,Zed,44\n' > cols.csv
bad "cols.csv:1: shoe-size: not a column of people" import people cols.csv
printf 'handle,email\nzed,z@example.org\n' > miss.csv
bad "miss.csv:1: name: a required column is missing" import people miss.csv
printf 'handle,name\nzed,"Zed\n' > quote.csv
bad "quote.csv:2: malformed CSV" import people quote.csv
printf 'handle,name\nzed,Z\000d\n' > nul.csv
bad "nul.csv:2: the line holds a NUL byte" import people nul.csv
printf 'handle,name\nzed,Z\377d\n' > utf.csv
bad "utf.csv:2: name: is not valid UTF-8" import people utf.csv
printf 'system,owner,problem\nnew,zed,batch\nnew2,ana,realtime\n' > ctx.csv
bad "ctx.csv:2: owner: 'zed' is not a known person" import contexts ctx.csv
echo "$ERR" | grep -q "ctx.csv:3: problem: 'realtime' is not one of" || fail "second bad row not listed: $ERR"
bad "cannot read 'nope.csv'" import people nope.csv
bad "'widgets' is not a subcommand" import widgets x.csv
ok import columns --format csv
has "^contexts,latency-p95-ms,no,"

# export refusals
export DOCKET_DB=$MAIN
bad -- "--out 'ex' exists and is not an empty directory" export audit --out ex
bad -- "--since 'soon' is not a date" export audit --out ex2 --since soon
bad -- "--since 2026-11-23 is after --until 2026-11-01" export audit --out ex2 --since today --until 2026-11-01
bad -- "--team 'Data' is not allowed" export audit --out ex2 --team Data
[ ! -e ex2 ] || fail "a refused export left a directory"
# filters
ok export audit --out ex3 --team data
eq "$(tail -n +2 ex3/people.csv | wc -l)" 2 "team filter on people"
eq "$(tail -n +2 ex3/contexts.csv | cut -d, -f2)" "churn" "team filter on contexts"
ok export audit --out ex4 --until 2026-01-01
eq "$(cat ex4/people.csv | wc -l)" 1 "nothing created before 2026"
mkdir empty && ok export audit --out empty
done_
