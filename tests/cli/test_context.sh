# docket context add | revise | list | show
. "$(dirname "$0")/lib.sh"
seed
ok context add fraud-scoring --owner ana --problem online --latency-p95-ms 50 \
	--throughput-rps 2000 --data-gb 40 --velocity "2 GB/day" --label-delay-days 30 \
	--team-size 6 --stack kubernetes,postgresql --cloud aws --compliance gdpr \
	--budget-usd-month 20000 --shared-features --retrain weekly \
	--assumption "traffic doubles by Q3" --assumption "labels from chargebacks" \
	--out-of-scope "model explainability UI"
eq "$OUT" "CTX-1"
ok context add churn --owner bo --problem batch --data-gb 5 --team-size 2 --stack cron,postgresql --on-prem
eq "$OUT" "CTX-2"

ok context show CTX-1
has "^system +fraud-scoring"
has "^stack +kubernetes, postgresql"
has "^assumptions +traffic doubles by Q3, labels from chargebacks"
has "^revisions:"

before=$(sql "SELECT * FROM context WHERE id = 1")
ok context revise CTX-1 --latency-p95-ms 80 --owner bo --no-shared-features
eq "$OUT" "CTX-3"
eq "$(sql "SELECT * FROM context WHERE id = 1")" "$before" "revising changed the old revision"
ok context show 3 --format json
eq "$(echo "$OUT" | python3 -c '
import json,sys
d=json.load(sys.stdin); c=d["context"]
print(c["revision"], c["latency_p95_ms"], c["owner"], c["shared_features"], c["throughput_rps"], c["supersedes"], ",".join(c["stack"]), len(d["revisions"]), d["revisions"][-1]["current"])')" \
	"2 80 bo 0 2000.0 CTX-1 kubernetes,postgresql 2 1" "revision 2 as JSON"
ok context show CTX-1
has "^superseded_by +CTX-3"

ok context list
has "^CTX-3 +fraud-scoring +2"
hasnt "^CTX-1 "
ok context list --all --format csv
eq "$(echo "$OUT" | wc -l)" 4 "header and three revisions"

ok context revise CTX-2 --stack "" --no-on-prem
eq "$(sql "SELECT stack, on_prem FROM context WHERE id = 4")" "[]|0" "cleared list and flag"

# refusals: exit 2, message, database unchanged
bad -- "--problem 'realtime' is not one of: batch, online, streaming" context add x --owner ana --problem realtime
bad -- "--owner 'zed' is not a known person" context add x --owner zed --problem batch
bad -- "--owner is required" context add x --problem batch
bad -- "--latency-p95-ms '0' is not a whole number from 1 to 3600000" context add x --owner ana --problem online --latency-p95-ms 0
bad -- "--latency-p95-ms 'fast'" context add x --owner ana --problem online --latency-p95-ms fast
bad -- "--throughput-rps '-5' is not a number" context add x --owner ana --problem online --throughput-rps -5
bad -- "--cloud 'ibm' is not one of: aws, gcp, azure, other, none" context add x --owner ana --problem batch --cloud ibm
bad -- "--stack has an empty item" context add x --owner ana --problem batch --stack "a,,b"
bad -- "--compliance 'GDPR' is not a list of regimes" context add x --owner ana --problem batch --compliance GDPR
bad -- "--retrain 'often' is not one of" context add x --owner ana --problem batch --retrain often
bad -- "--team-size '0' is not a whole number" context add x --owner ana --problem batch --team-size 0
bad "SYSTEM 'my system' is not allowed" context add "my system" --owner ana --problem batch
bad "system 'churn' already has a context \(CTX-2\)" context add churn --owner ana --problem batch
bad -- "--on-prem and --no-on-prem contradict" context revise CTX-4 --on-prem --no-on-prem
bad "CTX-1 was already revised by CTX-3" context revise CTX-1 --team-size 3
bad "there is no context CTX-99" context revise CTX-99 --team-size 3
bad "there is no context CTX-99" context show CTX-99
bad "'R-1' is a risk key, not a context key" context show R-1
bad "'CTX-x' is not a context key" context show CTX-x
bad -- "--latency-p95-ms is given twice" context add x --owner ana --problem online --latency-p95-ms 5 --latency-p95-ms 6
bad -- "--assumption 'a.b' has a control character" context add x --owner ana --problem batch --assumption "$(printf 'a\tb')"
done_
