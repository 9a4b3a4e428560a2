#!/bin/bash
# The scenario panel: blueprints for the stacks teams run (managed platforms
# on three clouds, Databricks, Kubeflow on premises and air-gapped, streams,
# LLM services with and without retrieval, on-device models, one person,
# heavy traffic, a tiny budget, compliance regimes), each asserted on its
# JSON body, each generated twice to the same bytes (tests/cli/panel.py).
. "$(dirname "$0")/lib.sh"
not_per_engine "panel.py makes a SQLite database of its own for the catalog's scenarios"
CHECKS=$((CHECKS + 1))
python3 "$DOCKET_SOURCE_DIR/tests/cli/panel.py" "$DOCKET" "$DOCKET_SOURCE_DIR/tests/cli/fixtures/panel.txt" --table \
	|| fail "the panel's expectations do not all hold (see the FAIL lines above)"
done_
