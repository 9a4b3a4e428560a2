#!/bin/sh
# An LLM service: a support assistant that answers from the product's own
# documentation (retrieval-augmented), on Amazon Bedrock with pgvector in the
# PostgreSQL the team already runs, under GDPR.
# Regenerate share/examples/llm.md (after a catalog change) with:
#   DOCKET=build/docket sh share/examples/llm.sh > share/examples/llm.md
set -e
: "${DOCKET:=docket}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export DOCKET_DB="$dir/docket.db" DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=example
"$DOCKET" init >/dev/null
"$DOCKET" person add sam --name "Sam Okafor" --team support-ai >/dev/null
"$DOCKET" policy set support-ai --appetite 9 --grace-days 7 --acceptance-days 60 \
	--default-due-days 21 --escalate-to sam >/dev/null
"$DOCKET" context add support-assistant --owner sam --problem online --model-kind llm \
	--retrieval --latency-p95-ms 1200 --throughput-rps 8 --availability 99.5 \
	--team-size 4 --stack "bedrock,pgvector,postgresql,github-actions" --cloud aws \
	--compliance gdpr --budget-usd-month 4000 --retrain on-new-data \
	--assumption "answers cite the help-centre article they come from" \
	--out-of-scope "actions on the customer's account" >/dev/null
"$DOCKET" blueprint generate --context CTX-1 >/dev/null
"$DOCKET" blueprint show BP-1 --format md
