#!/bin/bash
# docket export audit and spreadsheets: free text is guarded against formula
# injection but enumerations (operators, statuses) are not; a cell over the
# 32,767 characters a spreadsheet holds is cut, naming NAME_full/N.json
# where the whole row is (in the manifest with its SHA-256), and an import
# reads the cut cell back whole.
. "$(dirname "$0")/lib.sh"
seed
seed_policy
ok context add churn --owner ana --problem batch
ok blueprint generate --context CTX-1
ok gate add --stage ST-2 --metric null_rows --op '==' --threshold 0
ok risk add --title "=HYPERLINK(\"http://x\")" --owner ana --likelihood 2 --impact 2 --category security
ok risk step add "$OUT" --check "-1 means none" --metric failures --op '==' --threshold 0
# 30,001 characters but 36,001 UTF-16 units (an emoji is two), as a
# spreadsheet counts: over the limit although under it in characters
LONG=$(python3 -c 'import sys; sys.stdout.write("=" + "\u00e9" * 10000 + "\U0001F600" * 6000 + "x" * 14000)')
ok risk add --title "long one" --owner bo --likelihood 1 --impact 1 --description "$LONG"
RL=$OUT
ok audit verify

ok export audit --out ex
has "^risks_full/[0-9]+\.json +1 +[0-9a-f]"
has "^audit_log_full/[0-9]+\.json +1 +[0-9a-f]"
has "^[0-9]+ rows had a cell over 32767 characters, cut to fit a spreadsheet; the whole rows are in NAME_full/N.json$"

# --- enumerations as they are, free text marked --------------------------------
grep -q '^G-[0-9]*,ST-2,null_rows,==,0\.0,' ex/gates.csv || fail "gates.csv: the operator == is written as it is"
grep -q ",'==," ex/gates.csv ex/verification_steps.csv && fail "an operator was marked as a formula"
grep -q ",failures,==,0\.0," ex/verification_steps.csv || fail "verification_steps.csv: == as it is"
grep -q ",\"'-1 means none\"," ex/verification_steps.csv || grep -q ",'-1 means none," ex/verification_steps.csv ||
	fail "verification_steps.csv: free text starting with - is still marked"
grep -q "^R-[0-9]*,\"'=HYPERLINK" ex/risks.csv || fail "risks.csv: a formula-like title is still marked"
CHECKS=$((CHECKS + 5))
ok gate list --format csv
has ",null_rows,==,0,"
hasnt "'=="

# --- every cell fits; the whole rows are beside, listed and hashed ----------------
PYTHONPATH="$DOCKET_SOURCE_DIR/tests/cli" python3 - "$T/ex" "$DOCKET_DB" "$RL" <<'PY' || fail "cut cells and whole rows"
import csv, dbread, glob, hashlib, json, os, re, sys
d, dbpath, rl = sys.argv[1], sys.argv[2], sys.argv[3]
csv.field_size_limit(1 << 30)
units = lambda s: len(s.encode("utf-16-le")) // 2
db = dbread.connect(dbpath)
mark = re.compile(r"\n\[cut by docket export: (\d+) of (\d+) characters kept; the whole row is in ([a-z_]+_full/(\d+)\.json)\]$")
manifest = {r["file"]: r for r in csv.DictReader(open(os.path.join(d, "MANIFEST.csv"), newline=""))}
cut = {}
for path in glob.glob(os.path.join(d, "*.csv")):
    name = os.path.basename(path)
    for n, row in enumerate(csv.DictReader(open(path, newline="", encoding="utf-8")), 1):
        for col, v in row.items():
            assert units(v) <= 32767, (name, n, col, units(v))
            m = mark.search(v)
            if m:
                assert m.group(3) == "%s_full/%d.json" % (name[:-4], n), (name, n, m.group(3))
                cut[(name, n, col)] = (v[: m.start()].lstrip("'"), m.group(3), int(m.group(1)), int(m.group(2)))
# every file is in the manifest with its hash, and only those
files = {os.path.relpath(p, d) for p in glob.glob(os.path.join(d, "**"), recursive=True) if os.path.isfile(p)}
assert files - {"MANIFEST.csv"} == set(manifest), (files ^ set(manifest))
for f, r in manifest.items():
    assert hashlib.sha256(open(os.path.join(d, f), "rb").read()).hexdigest() == r["sha256"], f
assert {k[:1] + k[2:] for k in cut} == {("risks.csv", "description"), ("audit_log.csv", "row")}, cut
for (name, n, col), (kept, f, k, total) in cut.items():
    whole = json.load(open(os.path.join(d, f), encoding="utf-8"))
    assert whole[col].startswith(kept) and units(kept) == k and units(whole[col]) == total, (f, k, total)
    assert manifest[f]["rows"] == "1"
    if name == "risks.csv":
        assert whole["key"] == rl
        assert whole["description"] == db.execute("SELECT description FROM risk WHERE 'R-' || id = ?", (rl,)).fetchone()[0]
    else:
        # the chain still verifies from the export: the hash over the whole row
        seq, h, prev = whole["seq"], whole["hash"], whole["prev_hash"]
        text = "%d|%s|%s|%s|%s|%s|%d|%s" % (seq, prev, whole["at"], whole["actor"], whole["action"],
                                             whole["entity"], whole["entity_id"], whole["row"])
        assert hashlib.sha256(text.encode()).hexdigest() == h, seq
        assert db.execute("SELECT row FROM audit_log WHERE seq = ?", (seq,)).fetchone()[0] == whole["row"]
PY
CHECKS=$((CHECKS + 1))

# --- an export re-imports: the cut cell is read whole ---------------------------------
python3 - "$T/ex" "$RL" <<'PY'
import csv, sys
csv.field_size_limit(1 << 30)
d, rl = sys.argv[1], sys.argv[2]
rows = [r for r in csv.DictReader(open(d + "/risks.csv", newline="", encoding="utf-8")) if r["key"] == rl]
w = csv.DictWriter(open(d + "/long.csv", "w", newline="", encoding="utf-8"), fieldnames=list(rows[0]))
w.writeheader()
w.writerows(rows)
PY
cp ex/people.csv people.csv
MAIN=$DOCKET_DB
DOCKET_DB=$(new_db copy)
export DOCKET_DB
ok init
ok import people people.csv
ok import risks ex/long.csv
eq "$(sql "SELECT description FROM risk")" "$LONG" "the whole description came back"
eq "$(sql "SELECT uuid FROM risk")" "$(sql_db "$MAIN" "SELECT uuid FROM risk WHERE 'R-' || id = '$RL'")" "the same record"
# a row file that does not hold the cell, or none at all: refused, nothing written
DOCKET_DB=$(new_db copy2)
export DOCKET_DB
ok init
ok import people people.csv
f=$(ls ex/risks_full/*.json)
cp "$f" whole.json
python3 -c 'import json,sys; p=sys.argv[1]; r=json.load(open(p)); r["description"]="something else"; json.dump(r, open(p, "w"))' "$f"
bad "description: the row file 'ex/risks_full/[0-9]+\.json' does not hold this cell's text" import risks ex/long.csv
rm "$f"
bad "description: the cell was cut at export and its row file 'ex/risks_full/[0-9]+\.json' cannot be read" import risks ex/long.csv
echo '{"key": 1' > "$f"
bad "is not a JSON object" import risks ex/long.csv
eq "$(sql "SELECT count(*) FROM risk")" 0 "nothing imported"
cp whole.json "$f"
ok import risks ex/long.csv --dry-run
has "^valid_rows +1$"
done_
