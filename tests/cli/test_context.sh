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

# what a context can say beyond scale (migration 0006); the reals and
# truth values as sqlite3 prints them, on either engine
ok context add assistant --owner ana --problem online --model-kind llm --retrieval \
	--latency-p95-ms 1500 --throughput-rps 5 --availability 99.9 --pipelines 4 \
	--velocity "500 MB/hour" --retrain weekly,on-drift --cloud gcp
A=$OUT
eq "$(sql_as_sqlite "$DOCKET_DB" "SELECT model_kind, deploy_target, gpu IS NULL, retrieval, availability_pct, pipelines, velocity_gb_day, retraining, retrain IS NULL FROM context WHERE id = ${A#CTX-}")" \
   "llm|server|1|1|99.9|4|12.0|[\"weekly\",\"on-drift\"]|1" "the new fields as stored (gpu not stated)"
ok context show "$A" --format json
eq "$(echo "$OUT" | python3 -c '
import json,sys
c=json.load(sys.stdin)["context"]
print(c["model_kind"], c["retrieval"], c["gpu"], c["velocity_gb_day"], ",".join(c["retrain"]), c["availability_pct"], c["pipelines"])')" \
   "llm 1 None 12.0 weekly,on-drift 99.9 4" "context show has them"
# a revision keeps what it does not give
ok context revise "$A" --gpu no --deploy-target edge
eq "$(sql_as_sqlite "$DOCKET_DB" "SELECT model_kind, deploy_target, gpu, retrieval, retraining, velocity_gb_day FROM context WHERE supersedes_id = ${A#CTX-}")" \
   "llm|edge|0|1|[\"weekly\",\"on-drift\"]|12.0" "a revision keeps the rest"
# a revision of a context written before migration 0006 keeps its one cadence as a list
eq "$(sql "SELECT retraining FROM context WHERE id = 3")" '["weekly"]' "revision 2 of fraud-scoring kept weekly"
# air-gapped means on premises
ok context add site --owner ana --problem batch --air-gapped --cloud none
eq "$(sql "SELECT on_prem, air_gapped, cloud FROM context WHERE system = 'site'")" "1|1|none"
ok context revise "$OUT" --no-air-gapped
eq "$(sql "SELECT on_prem, air_gapped FROM context WHERE system = 'site' AND revision = 2")" "1|0" "still on premises"
# velocity in the units people write
for v in "20 GB/day:20.0" "2 TB/day:2000.0" "500 MB/hour:12.0" "1.5 gb per minute:2160.0" \
	"70 GB/week:10.0" "3 TiB/month:109.9511627776" "10 MB/s:864.0"; do
	ok context add "v$RANDOM" --owner ana --problem batch --velocity "${v%%:*}"
	eq "$(sql_as_sqlite "$DOCKET_DB" "SELECT velocity_gb_day FROM context WHERE id = ${OUT#CTX-}")" "${v#*:}" "velocity ${v%%:*}"
done

# refusals: exit 2, message, database unchanged
bad -- "--problem 'realtime' is not one of: batch, online, streaming" context add x --owner ana --problem realtime
bad -- "--owner 'zed' is not a known person" context add x --owner zed --problem batch
bad -- "--owner is required" context add x --problem batch
bad -- "--latency-p95-ms '0' is not a whole number from 1 to 3600000" context add x --owner ana --problem online --latency-p95-ms 0
bad -- "--latency-p95-ms 'fast'" context add x --owner ana --problem online --latency-p95-ms fast
bad -- "--throughput-rps '-5' is not a number" context add x --owner ana --problem online --throughput-rps -5
bad -- "--cloud 'ibm' is not one of: aws, gcp, azure, other, none" context add x --owner ana --problem batch --cloud ibm
bad -- "--stack has an empty item" context add x --owner ana --problem batch --stack "a,,b"
bad -- "--compliance 'GDPR!' is not a list of regimes" context add x --owner ana --problem batch --compliance 'GDPR!'
ok context add upper --owner ana --problem batch --compliance SOX,GDPR
eq "$(sql "SELECT compliance FROM context WHERE system = 'upper'")" '["sox","gdpr"]' "regimes kept in lower case"
bad -- "--retrain 'often' is not one of" context add x --owner ana --problem batch --retrain often
bad -- "--retrain names 'weekly' twice" context add x --owner ana --problem batch --retrain weekly,weekly
bad -- "--retrain 'none,weekly': none stands alone" context add x --owner ana --problem batch --retrain none,weekly
bad -- "--retrain has an empty item" context add x --owner ana --problem batch --retrain weekly,
bad -- "--model-kind 'genai' is not one of: classical, deep, llm" context add x --owner ana --problem online --model-kind genai
bad -- "--deploy-target 'mobile' is not one of: server, edge" context add x --owner ana --problem online --deploy-target mobile
bad -- "--gpu 'maybe' is not one of: yes, no" context add x --owner ana --problem online --gpu maybe
bad -- "--availability '100' is not a number from 50 to 99.9999" context add x --owner ana --problem online --availability 100
bad -- "--availability '99.9%' is not a number" context add x --owner ana --problem online --availability 99.9%
bad -- "--pipelines '0' is not a whole number from 1 to 100000" context add x --owner ana --problem batch --pipelines 0
bad -- "--velocity 'fast' is not a data rate: write an amount, a unit and a period, e.g. 20 GB/day" context add x --owner ana --problem batch --velocity fast
bad -- "--velocity '20 GB' is not a data rate" context add x --owner ana --problem batch --velocity "20 GB"
bad -- "--velocity '20 GB/fortnight' is not a data rate" context add x --owner ana --problem batch --velocity "20 GB/fortnight"
bad -- "--velocity '0x10 GB/day' is not a data rate" context add x --owner ana --problem batch --velocity "0x10 GB/day"
bad -- "--velocity '5000 events/s' is an event rate, not a data rate: the rate of events belongs in --throughput-rps" context add x --owner ana --problem streaming --velocity "5000 events/s"
bad -- "--on-prem and --cloud aws contradict each other \(on premises means no public cloud" context add x --owner ana --problem batch --on-prem --cloud aws
bad -- "--air-gapped and --cloud gcp contradict each other \(an air-gapped site has no public cloud" context add x --owner ana --problem batch --air-gapped --cloud gcp
bad -- "--air-gapped and --no-on-prem contradict each other" context revise CTX-4 --air-gapped --no-on-prem
bad -- "--retrieval needs --model-kind llm \(an LLM that answers from retrieved documents\), but the model kind is classical" context add x --owner ana --problem online --retrieval
bad -- "--retrieval needs --model-kind llm .*but the model kind is deep" context add x --owner ana --problem online --model-kind deep --retrieval
bad -- "--air-gapped and --no-air-gapped contradict" context revise CTX-4 --air-gapped --no-air-gapped
# a revision is checked with what it keeps
SITE=$(sql "SELECT 'CTX-' || max(id) FROM context WHERE system = 'site'")
bad -- "$SITE is on premises and --cloud aws contradict each other .*revise with --no-on-prem" context revise "$SITE" --cloud aws
bad -- "--retrieval needs --model-kind llm .*but CTX-4's model kind is classical" context revise CTX-4 --retrieval
LATEST_A=$(sql "SELECT 'CTX-' || max(id) FROM context WHERE system = 'assistant'")
bad -- "--retrieval needs --model-kind llm .*but the model kind is deep" context revise "$LATEST_A" --model-kind deep
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
