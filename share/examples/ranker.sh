#!/bin/sh
# The example context behind share/examples/ranker.md. Regenerate the
# Markdown (after a catalog change) with:
#   DOCKET=build/docket sh share/examples/ranker.sh > share/examples/ranker.md
set -e
: "${DOCKET:=docket}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export DOCKET_DB="$dir/docket.db" DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=example
"$DOCKET" init >/dev/null
"$DOCKET" person add ana --name "Ana Lima" --team ml-platform >/dev/null
"$DOCKET" policy set ml-platform --appetite 9 --grace-days 7 --acceptance-days 90 \
	--default-due-days 30 --escalate-to ana >/dev/null
"$DOCKET" context add ranker --owner ana --problem online --latency-p95-ms 50 \
	--throughput-rps 2000 --data-gb 200 --velocity "20 GB/day" --label-delay-days 30 \
	--team-size 6 --stack kubernetes,prometheus,postgresql --cloud gcp --compliance gdpr \
	--budget-usd-month 8000 --retrain on-drift \
	--assumption "search traffic stays under 3,000 requests/s this year" \
	--out-of-scope "query understanding" >/dev/null
"$DOCKET" blueprint generate --context CTX-1 >/dev/null
"$DOCKET" blueprint show BP-1 --format md
