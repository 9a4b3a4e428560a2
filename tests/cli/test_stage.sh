#!/bin/bash
# docket stage list | set and docket gate add | list | remove, end to end.
. "$(dirname "$0")/lib.sh"
seed
seed_policy
ok context add ranker --owner ana --problem online --latency-p95-ms 50 --throughput-rps 2000 --stack kubernetes
ok blueprint generate --context CTX-1
eq "$(echo "$OUT" | head -1)" "BP-1"

ok stage list --blueprint BP-1 --format csv
has '^key,ordinal,name,inputs,outputs,deps_pinned,seed_fixed,env_captured,data_versioned,idempotent,retryable,reproducible,gates'
has '^ST-1,1,ingest,source tables or files,'
has '^ST-3,3,train,.*,1,1,1,1,1,1,1,0'
has '^ST-7,7,deploy,.*,3'
eq "$(echo "$OUT" | wc -l)" 9 "a header and eight stages"

ok stage set ST-3 --seed-fixed no --retryable no
eq "$OUT" "ST-3 set: retryable no, seed-fixed no" "stage set confirms the flags it set"
eq "$(sql "SELECT '' || seed_fixed || retryable || deps_pinned || idempotent FROM stage WHERE id = 3")" "0011"
ok stage list --blueprint 1 --format json
has '"key": "ST-3", "ordinal": 3, "name": "train", "inputs": \["validated dataset version","training config with seed"\]'
has '"seed_fixed": 0, .*"reproducible": 0'
ok stage set 3 --seed-fixed yes
eq "$(sql "SELECT '' || seed_fixed || retryable FROM stage WHERE id = 3")" "10"

# gates
ok gate list --stage ST-7 --format csv
has '^G-[0-9]+,BP-1,ST-7,deploy,canary_p95_latency_ms,<=,50,2026-11-23'
has 'canary_error_rate,<=,0.01'
ok gate add --stage ST-4 --metric auc_roc --op '>=' --threshold 0.82 --today 2026-11-30
G=$OUT
has '^G-[0-9]+$'
ok gate list --blueprint BP-1 --format csv
has "^$G,BP-1,ST-4,evaluate,auc_roc,>=,0.82,2026-11-30"
eq "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'gate' AND action = 'insert' AND entity_id = ${G#G-}")" 1 "audited"
ok gate remove "$G"
ok gate list --stage ST-4
hasnt auc_roc
eq "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'gate' AND action = 'delete'")" 1 "removal audited"
ok gate list
has 'schema_violations'

# refusals
bad "--blueprint is required" stage list
bad "there is no blueprint BP-9" stage list --blueprint BP-9
bad "nothing to set: give at least one of --deps-pinned" stage set ST-1
bad "--seed-fixed 'maybe' is not one of: yes, no" stage set ST-1 --seed-fixed maybe
bad "there is no stage ST-99" stage set ST-99 --seed-fixed no
bad "'G-1' is a gate key, not a stage key" stage set G-1 --seed-fixed no
bad "--metric 'p95 ms' is not a metric name" gate add --stage ST-4 --metric 'p95 ms' --op '<=' --threshold 1
bad "--op '=<' is not one of: <=, <, >=, >, ==, !=" gate add --stage ST-4 --metric m --op '=<' --threshold 1
bad "--threshold 'high' is not a number" gate add --stage ST-4 --metric m --op '<=' --threshold high
bad "--threshold is required" gate add --stage ST-4 --metric m --op '<='
bad "there is no stage ST-99" gate add --stage ST-99 --metric m --op '<=' --threshold 1
bad "there is no gate G-999" gate remove G-999
bad "there is no stage ST-99" gate list --stage ST-99
bad "there is no blueprint BP-9" gate list --blueprint BP-9

# (an approved blueprint's frozen contract is tested in tests/unit/test_stage.c)
done_
