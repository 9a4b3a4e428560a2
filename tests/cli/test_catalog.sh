#!/bin/bash
# docket catalog lint | tools, end to end.
. "$(dirname "$0")/lib.sh"
not_per_engine "the catalog commands open no database"

# the shipped catalog lints clean: the weights, every field and kind, and no
# rule or deferral that no context can reach
ok catalog lint
has '^\(none\)$'
has '^catalog [0-9a-f]{12} \(embedded\): [0-9]+ rules, [0-9]+ deferrals, [0-9]+ tools; 0 findings$'
# neither command needs a database
[ -e docket.db ] && fail "a catalog command created a database"
CHECKS=$((CHECKS + 1))

# a team's overlay with the mistakes the lint is for: exit 1, one row each.
# The files replace the shipped ones, so that the lint (a search per rule)
# stays quick under valgrind.
mkdir team
for f in deferred monitoring rollout first_steps; do
	printf '# docket: replace\n' > "team/$f.csv"
done
echo 'area,component,condition,kind,add_when,risk_title,risk_category,likelihood,impact' >> team/deferred.csv
echo 'condition,signal,threshold,alert,action' >> team/monitoring.csv
echo 'kind,condition,text' >> team/rollout.csv
echo 'condition,step' >> team/first_steps.csv
cat > team/stages.csv <<'CSV'
# docket: replace
stage,condition,inputs,outputs,idempotent,retryable,deps_pinned,seed_fixed,env_captured,data_versioned
deploy,true,model,served model,yes,yes,yes,yes,yes,yes
CSV
cat > team/components.csv <<'CSV'
# docket: replace
area,component,condition,choice,alternative,tradeoff,weight,reuses,risk_title,risk_category,likelihood,impact
data,orchestration,team_size >= 3,{tool('orchestrator')} for everything,cron,ours,1,orchestrator,,,,
data,orchestration,team_size >= 5,Acme,cron,ours,1,,,,,
serving,serving,problem == 'online' and latency_p95_ms != null,endpoint at {1.2 * latency_p95_ms} ms,batch,t,2,,,,,
CSV
cat > team/gates.csv <<'CSV'
# docket: replace
stage,condition,metric,op,threshold
deploy,problem == 'online',rate_per_replica,<=,throughput_rps / 2
deploy,on_prem and cloud == 'gcp',never,==,0
CSV
status 1 catalog lint --catalog team --format csv
has '^team/components.csv:3,reuses-nothing,"?reuses a stack tool of kind orchestrator, but it can be chosen when the stack has none'
has "^team/components.csv:3,needs-a-field,\"?'\{tool\('orchestrator'\)\} for everything' can be left without a value"
has '^team/components.csv:4,unreachable,no context reaches this rule of .orchestration.'
has '^team/gates.csv:3,needs-a-field,"?the threshold can be left without a value'
has '^team/gates.csv:4,unreachable,no context meets this gate.s condition'
hasnt '^team/components.csv:5,'
echo "$ERR" | grep -Eq '^docket: catalog lint: 5 findings$' || fail "exit message: $ERR"
CHECKS=$((CHECKS + 1))
# a catalog that does not load is a finding too
printf '# docket: replace\narea,component,condition\n' > team/deferred.csv
status 1 catalog lint --catalog team --format csv
has '^,load,'
has "missing column 'kind'"
eq "$ERR" "docket: catalog lint: the catalog does not load: team/deferred.csv:2: missing column 'kind'"
bad "--catalog 'nowhere' is not a directory" catalog lint --catalog nowhere

# the vocabulary
ok catalog tools --kind orchestrator --format csv
has '^name,title,kinds,cloud,rule'
has '^airflow,Apache Airflow,orchestrator,,stack.csv:[0-9]+'
has '^sagemaker,Amazon SageMaker AI,"managed-platform, orchestrator,'
hasnt '^kafka,'
ok catalog tools --format csv
[ "$(echo "$OUT" | wc -l)" -gt 80 ] || fail "at least 80 tools: $(echo "$OUT" | wc -l)"
CHECKS=$((CHECKS + 1))
rm team/*.csv
cat > team/stack.csv <<'CSV'
name,title,aliases,kinds,cloud
acme-flow,Acme Flow,acme,orchestrator,
CSV
ok catalog tools --kind orchestrator --catalog team --format csv
has '^acme-flow,Acme Flow,orchestrator,,team/stack.csv:2'
bad "--kind 'orchestrators' is not a kind of tool" catalog tools --kind orchestrators
done_
