#!/bin/sh
# The main job end to end on an example: an ML platform team records its
# people and the context of a fraud-scoring system, revises it after a
# review, and proves the change trail is intact.
# usage: share/examples/demo.sh [path/to/docket]
set -eu
DOCKET=$(cd "$(dirname "${1:-build/docket}")" && pwd)/$(basename "${1:-build/docket}")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/docket-demo-XXXXXX")
export DOCKET_DB="$WORK/docket.db" DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=ana
step() { printf '\n$ docket %s\n' "$*"; "$DOCKET" "$@"; }

step init
step person add ana --name "Ana Lima" --email ana@example.org --team ml-platform
step person add bo --name "Bo Chen" --email bo@example.org --team ml-platform
step person add cy --name "Cy Diaz" --team risk
step person list
step context add fraud-scoring --owner ana --problem online --latency-p95-ms 50 \
	--throughput-rps 2000 --data-gb 40 --velocity "2 GB/day" --label-delay-days 30 \
	--team-size 6 --stack kubernetes,postgresql,airflow --cloud aws --compliance gdpr,pci-dss \
	--budget-usd-month 15000 --shared-features --retrain weekly \
	--assumption "peak traffic is 3x the daily mean" \
	--assumption "chargeback labels arrive within 30 days" \
	--out-of-scope "merchant-facing explanations"
step context revise CTX-1 --latency-p95-ms 80 --throughput-rps 3000 \
	--assumption "the checkout team accepts an 80 ms budget"
step context show CTX-2
step audit log --entity context --limit 2 --format json
step audit verify
echo
echo "database kept at $DOCKET_DB"
