#!/bin/sh
# The main job end to end on an example. An ML platform team records the
# context of a fraud-scoring system, draws a blueprint for it (which proposes
# a decision per component and leaves residual risks, each then given a
# measurable verification step), gates it with docket check, dry-runs it,
# reviews it, records a decision with its evidence and settles the plan's
# proposals, carries the residual risk with an owner and a measurable
# verification step, reads the weekly report, hands auditors CSV files, and
# proves the trail.
# usage: share/examples/demo.sh [path/to/docket [DATABASE]]
# DATABASE: a new file (the default: docket.db in a temporary directory) or
# an empty PostgreSQL database, postgresql://... (see the README's "A team's
# server").
set -eu
BIN=${1:-build/docket}
DOCKET=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/docket-demo-XXXXXX")
cd "$WORK"
export DOCKET_DB="${2:-$WORK/docket.db}" DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=ana
say() { printf '\n## %s\n' "$*"; }
run() { printf '\n$ docket %s\n' "$*"; "$DOCKET" "$@"; }
# a command whose exit status 1 is part of the story (a gate that fails)
run_may_fail() { printf '\n$ docket %s\n' "$*"; "$DOCKET" "$@" || echo "(exit status $?)"; }
key() { "$DOCKET" "$@" | head -1; }

say "1. People, the team's risk policy, and the system's context"
run init
run person add ana --name "Ana Lima" --email ana@example.org --team ml-platform
run person add bo --name "Bo Chen" --email bo@example.org --team ml-platform
run person add lee --name "Lee Park" --email lee@example.org --team risk
run policy set ml-platform --appetite 9 --grace-days 7 --acceptance-days 90 \
	--default-due-days 30 --escalate-to lee
run context add fraud-scoring --owner ana --problem online --latency-p95-ms 50 \
	--throughput-rps 2000 --data-gb 40 --velocity "2 GB/day" --label-delay-days 30 \
	--team-size 6 --availability 99.9 --stack kubernetes,postgresql --cloud aws --compliance gdpr \
	--budget-usd-month 15000 --retrain weekly \
	--assumption "peak traffic is 3x the daily mean" \
	--assumption "chargeback labels arrive within 30 days" \
	--out-of-scope "merchant-facing explanations"
run context revise CTX-1 --latency-p95-ms 80 --throughput-rps 3000
run context show CTX-2

say "2. Draw the plan: a right-sized blueprint from the rule catalog"
BP=$(key blueprint generate --context CTX-2)
echo "$BP"
run blueprint show "$BP" --format md
run stage list --blueprint "$BP"

say "3. Gate it: the training job does not fix its seed yet, and check stops it"
TRAIN=$("$DOCKET" stage list --blueprint "$BP" --format csv | grep ',train,' | cut -d, -f1)
run stage set "$TRAIN" --seed-fixed no
run_may_fail check --blueprint "$BP"
run_may_fail blueprint approve "$BP"
run stage set "$TRAIN" --seed-fixed yes

say "   The plan proposed one decision per component and left residual risks: each gets a measurable step"
run decision list --blueprint "$BP"
run risk list --blueprint "$BP"
# step 'TITLE' CHECK METRIC OP THRESHOLD METHOD: a step for the plan's risk of that title
step() {
	R=$("$DOCKET" risk list --blueprint "$BP" --format csv | grep -F ",$1," | cut -d, -f1)
	[ -n "$R" ] || { echo "the plan left no risk '$1'" >&2; exit 1; }
	run risk step add "$R" --check "$2" --metric "$3" --op "$4" --threshold "$5" --method "$6"
}
step "tracking server down blocks lineage for new runs" "runs registered without lineage last week" \
	runs_without_lineage '==' 0 "weekly query of the tracking server"
step "ONNX conversion changes predictions (operator mismatch)" "largest prediction difference, ONNX against the framework" \
	max_abs_prediction_diff '<=' 0.0001 "parity test on 10,000 held-out rows in CI"
step "cold starts or mesh misconfiguration push p95 latency over budget" "p95 latency under a 3x replayed spike" \
	p95_latency_ms '<=' 80 "k6 replay of the Black Friday trace"
step "a bad model still serves the canary share for one window" "minutes from a failed canary gate to full rollback" \
	canary_rollback_minutes '<=' 15 "a staged bad model in the canary drill"
step "quality degradation undetected until delayed labels arrive" "precision at the alert threshold on the labelled window" \
	precision_at_alert_30d '>=' 0.85 "weekly backfill job once chargebacks arrive"
step "erasure requests not propagated to training snapshots" "erased customer ids still in any training snapshot" \
	erased_ids_in_snapshots '==' 0 "monthly scan of the snapshot bucket"
step "training/serving skew: online features re-implemented in the endpoint" "share of features whose online and offline values differ" \
	feature_skew_fraction '<=' 0.01 "daily comparison of logged requests with the batch features"
run check --blueprint "$BP"
run blueprint approve "$BP"
run dryrun --blueprint "$BP"

say "4. The design review: evidence, a decision, acceptance"
printf 'p95_ms,rps\n71,3100\n' > loadtest.csv
EV=$(key evidence add --kind benchmark --title "Load test of the FastAPI endpoint at 3,000 rps" \
	--file loadtest.csv --summary "p95 71 ms at 3,100 rps on two replicas")
RV=$(key review add --on 2026-11-20 --blueprint "$BP" --attendees ana,bo,lee \
	--notes "Reviewed the serving path and the rollout plan.")
D=$(key decision add --title "Serve with FastAPI on the existing Kubernetes cluster" \
	--area serving --problem "An 80 ms p95 budget at 3,000 rps, on the cluster we already run" \
	--option "FastAPI on Kubernetes|pro: the team knows it|con: we own autoscaling" \
	--option "KServe|pro: canary built in|con: a new control plane to run" \
	--chosen "FastAPI on Kubernetes" --rationale "Meets the budget with what the team runs today" \
	--driver "latency budget" --driver "team of six" --makers ana,bo --review "$RV" \
	--blueprint "$BP" --context CTX-2 --review-by 2027-05-20 --tag serving)
run_may_fail decision accept "$D"
run decision link "$D" --evidence "$EV"
run decision accept "$D" --review "$RV"
run decision show "$D"
# the plan's own proposals: the review turns down KServe for FastAPI, and
# accepts the canary release on the dry-run that supports it
proposed() { "$DOCKET" decision list --blueprint "$BP" --format csv | grep -E "^D-[0-9]+,[0-9]*,\"?$1: " | cut -d, -f1; }
SERVING=$(proposed serving)
CANARY=$(proposed "release strategy")
run decision reject "$SERVING" --reason "The review chose FastAPI on the existing cluster ($D)"
run decision accept "$CANARY" --review "$RV"
run decision show "$CANARY"

say "5. Carry the residual risk: owner, due date, a measurable step"
R=$(key risk add --title "Autoscaling lags a traffic spike and p95 breaks the budget" \
	--owner bo --likelihood 3 --impact 4 --category ops --decision "$D" --blueprint "$BP" \
	--description "HPA reacts in about 60 s; a 3x spike arrives faster")
VS=$(key risk step add "$R" --check "p95 latency under a 3x replayed spike" \
	--metric p95_latency_ms --op '<=' --threshold 80 --method "k6 replay of the Black Friday trace")
run risk step record "$VS" --value 93
run_may_fail risk close "$R" --reason "tested"
run risk step record "$VS" --value 74 --evidence "$EV"
run risk add --title "Chargeback labels arrive later than 30 days" --owner ana \
	--due 2026-11-10 --likelihood 2 --impact 3 --category data
R3=$(key risk add --title "The fraud vendor's score drifts between releases" --owner ana \
	--likelihood 2 --impact 2 --category model --due +14d)
run risk accept "$R3" --approver lee --reason "Small exposure; the vendor pins versions" --expires 2027-02-28
run risk show "$R"
run risk overdue
run risk escalations

say "6. The weekly report"
run report weekly --as-of 2026-11-23
"$DOCKET" report weekly --as-of 2026-11-23 --format html > weekly.html
echo "(HTML report written to $WORK/weekly.html)"

say "7. For the auditors: lineage, CSV export, and the verified trail"
run lineage "$BP" --depth 3
run export audit --out "$WORK/audit"
run audit verify
# a signed anchor of the head, as a cron job would make it (the key and the
# anchor file belong somewhere the database's writers cannot reach)
run audit keygen --out "$WORK/anchor.key"
run audit anchor --key "$WORK/anchor.key" --anchors "$WORK/docket.anchors"
run audit verify --anchors "$WORK/docket.anchors" --pubkey "$WORK/anchor.key.pub"
echo
echo "everything is kept in $WORK"
