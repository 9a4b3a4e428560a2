#!/bin/bash
# docket dryrun, end to end.
. "$(dirname "$0")/lib.sh"
seed
seed_policy
ok context add churn --owner ana --problem batch --data-gb 5 --stack cron,postgresql --cloud aws
ok blueprint generate --context CTX-1

# every branch: all gates pass, then each gate fails in turn
ok dryrun --blueprint BP-1 --format csv
has '^branch,scenario,result,stage,gate,detail,rollback'
has '^1,every gate passes,promoted,,,every gate passed,'
has 'G-1 fails: schema_violations = 1,blocked,ST-2 validate,G-1 schema_violations == 0,schema_violations = 1,nothing is promoted: the current champion keeps serving'
has 'blocked,ST-7 deploy,G-9 scored_rows_fraction >= 0.99,scored_rows_fraction = -0.01,"?move the champion alias back to the previous registry version'
eq "$(echo "$OUT" | grep -c ',blocked,')" 9 "one blocked branch per gate"
ok dryrun --blueprint 1
has 'dry-run of BP-1 over every branch: 10 branches, 1 promoted, 9 blocked with a rollback path, 0 failed'
# each run is recorded as dryrun evidence supporting the blueprint's decisions
has '^recorded as EV-2 \(dryrun\), supporting 15 decisions of BP-1$'
eq "$(sql "SELECT kind || '|' || title || '|' || collected_on FROM evidence WHERE id = 2")" \
   "dryrun|dry-run of BP-1 over every branch: passed|2026-11-23"
eq "$(sql "SELECT count(*) FROM decision_evidence WHERE evidence_id = 2 AND stance = 'supports'")" 15
eq "$(sql "SELECT count(*) FROM evidence WHERE kind = 'dryrun'")" 2 "the csv run was recorded too"
ok evidence show EV-2
has '10\. G-9 fails: scored_rows_fraction = -0.01: blocked at ST-7 deploy by G-9 scored_rows_fraction >= 0.99'
ok decision show D-1
has 'EV-2 +dryrun +dry-run of BP-1 over every branch: passed +supports'

# the metrics given
cat > good.csv <<'CSV'
metric,value
schema_violations,0
null_fraction_max,0.01
row_count_change_pct,4
primary_metric_delta,0.003
slice_metric_drop_max,0.01
signature_check_failures,0
critical_cves,0
approvals,1
scored_rows_fraction,0.999
CSV
ok dryrun --blueprint BP-1 --metrics good.csv --format csv
has '^1,the metrics given,promoted'
sed 's/^primary_metric_delta,.*/primary_metric_delta,-0.02/' good.csv > worse.csv
status 1 dryrun --blueprint BP-1 --metrics worse.csv --format csv
E=$(sql "SELECT max(id) FROM evidence")
eq "$(sql "SELECT title || '|' || sha256 FROM evidence WHERE id = $E")" \
   "dry-run of BP-1 with the metrics given: blocked|$(sha256sum worse.csv | cut -d' ' -f1)" "the metrics file is hashed"
eq "$(sql "SELECT count(*) FROM decision_evidence WHERE evidence_id = $E AND stance = 'contradicts'")" 15
has 'blocked,ST-4 evaluate,G-4 primary_metric_delta >= -0.005,primary_metric_delta = -0.02,nothing is promoted: the current champion keeps serving'
echo "$ERR" | grep -q 'docket: dryrun: promotion is blocked' || fail "blocked message: $ERR"
grep -v scored_rows good.csv > partial.csv
status 1 dryrun --blueprint BP-1 --metrics partial.csv
has 'no value for scored_rows_fraction'

# a gate no value can pass together with another: the dry-run fails
ok gate add --stage ST-4 --metric primary_metric_delta --op '<' --threshold -1
status 1 dryrun --blueprint BP-1
has 'FAILED'
echo "$ERR" | grep -q 'did not end as it must' || fail "failed message: $ERR"
eq "$(sql "SELECT count(*) FROM decision_evidence WHERE evidence_id = (SELECT max(id) FROM evidence) AND stance = 'contradicts'")" 15

bad "--blueprint is required" dryrun
bad "there is no blueprint BP-7" dryrun --blueprint BP-7
printf 'metric;value\n' > bad.csv
bad "bad.csv:1: the header must be 'metric,value'" dryrun --blueprint BP-1 --metrics bad.csv
printf 'metric,value\nauc,x\n' > bad.csv
bad "bad.csv:2: auc 'x' is not a number" dryrun --blueprint BP-1 --metrics bad.csv
bad "--metrics 'none.csv': No such file" dryrun --blueprint BP-1 --metrics none.csv
done_
