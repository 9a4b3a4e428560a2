#!/bin/sh
# A managed-platform shop: an insurer's claims-fraud model on Amazon
# SageMaker, with Snowflake and GitHub Actions, under SOC 2. The blueprint
# reuses what the platform supplies instead of adding a second of each.
# Regenerate share/examples/platform.md (after a catalog change) with:
#   DOCKET=build/docket sh share/examples/platform.sh > share/examples/platform.md
set -e
: "${DOCKET:=docket}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export DOCKET_DB="$dir/docket.db" DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=example
"$DOCKET" init >/dev/null
"$DOCKET" person add ines --name "Ines Moreau" --team claims-ml >/dev/null
"$DOCKET" policy set claims-ml --appetite 8 --grace-days 5 --acceptance-days 90 \
	--default-due-days 30 --escalate-to ines >/dev/null
"$DOCKET" context add claims-fraud --owner ines --problem online --latency-p95-ms 150 \
	--throughput-rps 60 --availability 99.9 --data-gb 400 --velocity "3 GB/day" \
	--label-delay-days 45 --team-size 7 --stack "SageMaker,Snowflake,GitHub Actions" \
	--cloud aws --compliance soc2 --budget-usd-month 12000 --retrain weekly,on-drift \
	--assumption "a claim is scored once, when it is filed" \
	--out-of-scope "investigator case management" >/dev/null
"$DOCKET" blueprint generate --context CTX-1 >/dev/null
"$DOCKET" blueprint show BP-1 --format md
