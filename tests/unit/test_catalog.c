/* test_catalog.c: loading the rule catalog (refusing a bad one with file,
 * line and column), the stack vocabulary, weights, a team's overlay, and
 * the lint. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"
#include "docket/catalog.h"
#include "docket/text.h"

#define N_FILES 8

/* A small valid catalog; a test replaces one file to break it. */
static const char *minimal[N_FILES][2] = {
	{"stack.csv",
	 "# tools\n"
	 "name,title,aliases,kinds,cloud\n"
	 "airflow,Apache Airflow,,orchestrator,\n"
	 "kafka,Apache Kafka,,stream,\n"
	 "sagemaker,Amazon SageMaker,aws-sagemaker,managed-platform;orchestrator=SageMaker Pipelines;serving=SageMaker endpoints,aws\n"},
	{"components.csv",
	 "# a comment\n"
	 "area,component,condition,choice,alternative,tradeoff,weight,reuses,risk_title,risk_category,likelihood,impact\n"
	 "serving,serving,problem == 'online',FastAPI,BentoML,simple,2,,capacity,ops,2,3\n"
	 "serving,serving,true,batch job,FastAPI,\"cheap, stale\",1,,,,,\n"
	 "data,orchestration,stack has kind 'orchestrator',{tool('orchestrator')},Prefect,reuse,1,orchestrator,,,,\n"
	 "data,orchestration,true,cron,Prefect,light,1,,,,,\n"},
	{"deferred.csv", "area,component,condition,kind,add_when,risk_title,risk_category,likelihood,impact\n"
	                 "data,feature store,true,feature-store,features are shared,,,,\n"},
	{"stages.csv", "stage,condition,inputs,outputs,idempotent,retryable,deps_pinned,seed_fixed,env_captured,data_versioned\n"
	               "train,true,data;config,model,yes,yes,yes,yes,yes,no\n"},
	{"gates.csv", "stage,condition,metric,op,threshold\ntrain,latency_p95_ms != null,p95_ms,<=,1.2 * latency_p95_ms\n"},
	{"monitoring.csv", "condition,signal,threshold,alert,action\nlatency_p95_ms != null,latency,above {latency_p95_ms} ms,{owner},roll back\n"},
	{"rollout.csv", "kind,condition,text\nrollback,true,move the alias back\n"},
	{"first_steps.csv", "condition,step\ntrue,pin the environment\n"},
};

static void files_with(struct dk_catalog_file *files, size_t *n, const char *name, const char *data)
{
	*n = 0;
	for (int i = 0; i < N_FILES; i++) {
		if (name && strcmp(minimal[i][0], name) == 0 && data == NULL)
			continue; /* the file is missing */
		files[*n].name = minimal[i][0];
		files[*n].data = name && strcmp(minimal[i][0], name) == 0 ? data : minimal[i][1];
		files[*n].len = strlen(files[*n].data);
		(*n)++;
	}
}

/* Loads minimal with file name replaced by data; returns the status. */
static int load_with(const char *name, const char *data, struct dk_catalog **cat,
                     struct dk_error *err)
{
	struct dk_catalog_file files[N_FILES];
	size_t n;

	files_with(files, &n, name, data);
	return dk_catalog_load_files(files, n, NULL, 0, NULL, cat, err);
}

/* Loads minimal with one overlay file over it. */
static int load_over(const char *name, const char *data, struct dk_catalog **cat,
                     struct dk_error *err)
{
	struct dk_catalog_file files[N_FILES], over = {name, data, strlen(data)};
	size_t n;

	files_with(files, &n, NULL, NULL);
	return dk_catalog_load_files(files, n, &over, 1, "team", cat, err);
}

static void refused(const char *name, const char *data, const char *want)
{
	struct dk_catalog *cat = (struct dk_catalog *)1;
	struct dk_error err = {0};
	int rc = load_with(name, data, &cat, &err);

	if (rc != DK_EINPUT)
		fail_msg("%s was not refused (status %d): %s", name, rc, err.msg);
	assert_null(cat);
	if (strstr(err.msg, want) == NULL)
		fail_msg("message '%s' does not say '%s'", err.msg, want);
}

static void test_minimal(void **state)
{
	struct dk_catalog *cat;
	struct dk_error err = {0};

	(void)state;
	if (load_with(NULL, NULL, &cat, &err) != DK_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(cat->n_components, 4);
	assert_int_equal(cat->components[0].line, 3); /* the comment and header come first */
	assert_string_equal(cat->components[0].file, "components.csv");
	assert_string_equal(cat->components[0].risk.title, "capacity");
	assert_int_equal(cat->components[0].risk.impact, 3);
	assert_int_equal(cat->components[0].weight, 2);
	assert_null(cat->components[0].reuses);
	assert_string_equal(cat->components[2].reuses, "orchestrator");
	assert_null(cat->components[1].risk.title);
	assert_string_equal(cat->deferred[0].kind, "feature-store");
	assert_int_equal(cat->n_stages, 1);
	assert_int_equal(cat->stages[0].n_inputs, 2);
	assert_string_equal(cat->stages[0].inputs[1], "config");
	assert_int_equal(cat->stages[0].flags[DK_FLAG_DATA_VERSIONED], 0);
	assert_int_equal(cat->stages[0].flags[DK_FLAG_SEED_FIXED], 1);
	assert_int_equal(strlen(cat->sha256), 64);
	assert_string_equal(cat->origin, "embedded");
	/* the vocabulary, with the product a tool supplies for a kind */
	assert_int_equal(cat->vocab.n, 3);
	assert_int_equal(dk_vocab_find(&cat->vocab, "AWS SageMaker"), 2);
	assert_int_equal(dk_vocab_find(&cat->vocab, "apache-kafka"), 1);
	assert_int_equal(dk_vocab_find(&cat->vocab, "kafkaa"), -1);
	assert_string_equal(dk_tool_product(&cat->vocab.tools[2], "orchestrator"), "SageMaker Pipelines");
	assert_string_equal(dk_tool_product(&cat->vocab.tools[0], "orchestrator"), "Apache Airflow");
	assert_null(dk_tool_product(&cat->vocab.tools[1], "orchestrator"));
	assert_string_equal(cat->vocab.tools[2].cloud, "aws");
	assert_null(cat->vocab.tools[0].cloud);
	dk_catalog_free(cat);
}

static void test_bom_and_crlf(void **state)
{
	struct dk_catalog *cat;
	struct dk_error err = {0};

	(void)state;
	assert_int_equal(load_with("first_steps.csv", "\xef\xbb\xbf" "condition,step\r\ntrue,\"pin it, now\"\r\n", &cat, &err), DK_OK);
	assert_int_equal(cat->n_first_steps, 1);
	assert_string_equal(cat->first_steps[0].text.lit[0], "pin it, now");
	assert_string_equal(cat->first_steps[0].text.src, "pin it, now");
	dk_catalog_free(cat);
}

static void test_template(void **state)
{
	struct dk_catalog *cat;
	struct dk_error err = {0};
	struct dk_facts f;
	struct dk_buf b = {0};

	(void)state;
	assert_int_equal(load_with(NULL, NULL, &cat, &err), DK_OK);
	memset(&f, 0, sizeof f);
	/* a null value is refused, never printed */
	assert_int_equal(dk_template_expand(&cat->monitoring[0].threshold, &f, &b), DK_EINPUT);
	dk_buf_free(&b);
	f.v[DK_F_LATENCY_P95_MS] = (struct dk_value){.type = DK_T_NUM, .num = 120};
	assert_int_equal(dk_template_expand(&cat->monitoring[0].threshold, &f, &b), DK_OK);
	assert_string_equal(dk_buf_str(&b), "above 120 ms");
	dk_buf_free(&b);
	/* tool(): the product the stack supplies for a kind */
	assert_int_equal(dk_facts_set_list(&f, DK_F_STACK, "[\"aws-sagemaker\"]", &err), DK_OK);
	assert_int_equal(dk_facts_resolve(&f, &cat->vocab, &err), DK_OK);
	assert_int_equal(dk_template_expand(&cat->components[2].choice, &f, &b), DK_OK);
	assert_string_equal(dk_buf_str(&b), "SageMaker Pipelines");
	dk_buf_free(&b);
	dk_facts_free(&f);
	dk_catalog_free(cat);
}

static void test_sha_changes_with_content(void **state)
{
	struct dk_catalog *a, *b;
	struct dk_error err = {0};
	char other[400];

	(void)state;
	snprintf(other, sizeof other, "%s", minimal[7][1]);
	other[strlen(other) - 2] = 'X';
	assert_int_equal(load_with(NULL, NULL, &a, &err), DK_OK);
	assert_int_equal(load_with("first_steps.csv", other, &b, &err), DK_OK);
	assert_string_not_equal(a->sha256, b->sha256);
	dk_catalog_free(b);
	assert_int_equal(load_with(NULL, NULL, &b, &err), DK_OK);
	assert_string_equal(a->sha256, b->sha256);
	dk_catalog_free(b);
	/* an overlay is in the hash; a copy of a shipped file is no overlay */
	assert_int_equal(load_over("first_steps.csv", other, &b, &err), DK_OK);
	assert_string_not_equal(a->sha256, b->sha256);
	assert_string_equal(b->origin, "team");
	dk_catalog_free(b);
	assert_int_equal(load_over("first_steps.csv", minimal[7][1], &b, &err), DK_OK);
	assert_string_equal(a->sha256, b->sha256);
	dk_catalog_free(b);
	dk_catalog_free(a);
}

static const char comp_header[] =
	"area,component,condition,choice,alternative,tradeoff,weight,reuses,risk_title,risk_category,likelihood,impact\n";

static void test_bad_condition(void **state)
{
	char buf[600];

	(void)state;
	snprintf(buf, sizeof buf, "%sserving,serving,true,a,b,c,1,,,,,\nserving,serving,latncy_p95_ms < 5,a,b,c,1,,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:3:3 (condition): character 1 of 'latncy_p95_ms < 5': unknown field 'latncy_p95_ms' (fields: problem, model_kind");
	snprintf(buf, sizeof buf, "%sserving,serving,problem == 'online' and (team_size > 2,a,b,c,1,,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:2:3 (condition): character 25 of 'problem == 'online' and (team_size > 2': a '(' is not closed");
	/* the column is counted in the file's own order */
	snprintf(buf, sizeof buf, "condition,area,component,choice,alternative,tradeoff,weight,reuses,risk_title,risk_category,likelihood,impact\n"
	         "problem == 'batchy',serving,serving,a,b,c,1,,,,,\n");
	refused("components.csv", buf, "components.csv:2:1 (condition): character 9 of 'problem == 'batchy'': 'batchy' is not a value of problem (batch, online, streaming)");
	/* the vocabulary names the tools and kinds a condition may test */
	snprintf(buf, sizeof buf, "%sserving,serving,stack has 'kafkaa',a,b,c,1,,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:2:3 (condition): character 11 of 'stack has 'kafkaa'': 'kafkaa' is not a tool in the stack vocabulary");
	snprintf(buf, sizeof buf, "%sserving,serving,stack has kind 'orchestrators',a,b,c,1,,,,,\n", comp_header);
	refused("components.csv", buf, "'orchestrators' is not a kind of tool");
	snprintf(buf, sizeof buf, "%sserving,serving,retrain == 'weekly',a,b,c,1,,,,,\n", comp_header);
	refused("components.csv", buf, "retrain is a list: write retrain has 'x'");
	snprintf(buf, sizeof buf, "%sserving,serving,retrain has 'fortnightly',a,b,c,1,,,,,\n", comp_header);
	refused("components.csv", buf, "'fortnightly' is not a value of retrain");
	refused("gates.csv", "stage,condition,metric,op,threshold\ntrain,true,m,<=,problem == 'batch'\n",
	        "gates.csv:2:5 (threshold): character 1 of 'problem == 'batch'': the expression is a boolean, it must be a number");
	refused("monitoring.csv", "condition,signal,threshold,alert,action\ntrue,s,above {latency_p95 * 2} ms,a,b\n",
	        "monitoring.csv:2:3 (threshold): character 8 of 'above {latency_p95 * 2} ms': unknown field 'latency_p95'");
	refused("monitoring.csv", "condition,signal,threshold,alert,action\ntrue,s,above {latency_p95_ms ms,a,b\n",
	        "monitoring.csv:2:3 (threshold): character 7 of 'above {latency_p95_ms ms': a '{' is not closed");
	refused("monitoring.csv", "condition,signal,threshold,alert,action\ntrue,s,{tool('orchestrater')},a,b\n",
	        "'orchestrater' is not a kind of tool");
	refused("first_steps.csv", "condition,step\n,do it\n", "first_steps.csv:2:1 (condition): character 1 of '': the expression is empty");
}

static void test_bad_columns(void **state)
{
	(void)state;
	refused("components.csv", "area,component,condition,choice,alternative,weight,reuses,risk_title,risk_category,likelihood,impact\n",
	        "components.csv:1: missing column 'tradeoff'");
	refused("components.csv", "area,component,condition,choice,alternative,tradeoff,risk_title,risk_category,likelihood,impact\n",
	        "components.csv:1: missing column 'weight'");
	refused("rollout.csv", "kind,condition,text,colour\n", "rollout.csv:1:4: unknown column 'colour'");
	refused("stages.csv", "", "stages.csv:1: there is no header row");
	refused("deferred.csv", NULL, "the shipped catalog has no deferred.csv");
	refused("stack.csv", "name,title,aliases,kinds\n", "stack.csv:1: missing column 'cloud'");
}

static void test_bad_cells(void **state)
{
	char buf[600];

	(void)state;
	snprintf(buf, sizeof buf, "%sdatabase,serving,true,a,b,c,1,,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:2:1 (area): 'database' is not one of: data, training");
	snprintf(buf, sizeof buf, "%sserving,serving,true,,b,c,1,,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:2:4 (choice): is empty");
	snprintf(buf, sizeof buf, "%sserving,serving,true,a,b,c,1,,capacity,ops,,3\n", comp_header);
	refused("components.csv", buf, "components.csv:2:11 (likelihood): is empty");
	snprintf(buf, sizeof buf, "%sserving,serving,true,a,b,c,1,,capacity,ops,6,3\n", comp_header);
	refused("components.csv", buf, "components.csv:2:11 (likelihood): '6' is not a whole number from 1 to 5");
	snprintf(buf, sizeof buf, "%sserving,serving,true,a,b,c,1,,capacity,weather,2,3\n", comp_header);
	refused("components.csv", buf, "(risk_category): 'weather' is not one of");
	snprintf(buf, sizeof buf, "%sserving,serving,true,a,b,c,6,,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:2:7 (weight): '6' is not a whole number from 1 to 5");
	snprintf(buf, sizeof buf, "%sserving,serving,true,a,b,c,1,orchestrators,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:2:8 (reuses): 'orchestrators' is not a kind of tool");
	snprintf(buf, sizeof buf, "%sserving,serving,true,a,b,c,1,,,,,\ndata,serving,true,a,b,c,1,,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:3:1 (area): component 'serving' is in area serving on components.csv:2");
	snprintf(buf, sizeof buf, "%sserving,serving,true,\"a\nb\",b,c,1,,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:3: a cell spans lines");
	snprintf(buf, sizeof buf, "%sserving,serving,true,a \"quoted\" b,b,c,1,,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:2:");
	refused("deferred.csv", "area,component,condition,kind,add_when,risk_title,risk_category,likelihood,impact\n"
	        "data,x,true,stores,now,,,,\n", "deferred.csv:2:4 (kind): 'stores' is not a kind of tool");
	refused("stages.csv", "stage,condition,inputs,outputs,idempotent,retryable,deps_pinned,seed_fixed,env_captured,data_versioned\n"
	        "training,true,a,b,yes,yes,yes,yes,yes,yes\n", "stages.csv:2:1 (stage): 'training' is not one of: ingest");
	refused("stages.csv", "stage,condition,inputs,outputs,idempotent,retryable,deps_pinned,seed_fixed,env_captured,data_versioned\n"
	        "train,true,a;;b,b,yes,yes,yes,yes,yes,yes\n", "stages.csv:2:3 (inputs): has an empty item");
	refused("stages.csv", "stage,condition,inputs,outputs,idempotent,retryable,deps_pinned,seed_fixed,env_captured,data_versioned\n"
	        "train,true,a,b,yes,maybe,yes,yes,yes,yes\n", "stages.csv:2:6 (retryable): 'maybe' is not one of: yes, no");
	refused("gates.csv", "stage,condition,metric,op,threshold\ndeploy,true,m,<=,1\n",
	        "gates.csv:2:1 (stage): stage 'deploy' has no row in stages.csv");
	refused("gates.csv", "stage,condition,metric,op,threshold\ntrain,true,p95 ms,<=,1\n",
	        "gates.csv:2:3 (metric): 'p95 ms' is not a metric name");
	refused("gates.csv", "stage,condition,metric,op,threshold\ntrain,true,m,=<,1\n",
	        "gates.csv:2:4 (op): '=<' is not one of: <=, <, >=, >, ==, !=");
	refused("rollout.csv", "kind,condition,text\nroll-forward,true,x\n",
	        "rollout.csv:2:1 (kind): 'roll-forward' is not one of: rollout, rollback, retraining");
	refused("components.csv", comp_header, "the catalog has no rules in components.csv");
}

static const char stack_header[] = "name,title,aliases,kinds,cloud\n";

static void test_bad_tools(void **state)
{
	char buf[600];

	(void)state;
	snprintf(buf, sizeof buf, "%sAirflow,Apache Airflow,,orchestrator,\n", stack_header);
	refused("stack.csv", buf, "stack.csv:2: name 'Airflow' is not a tool name (1 to 64 of a-z, 0-9, '-')");
	snprintf(buf, sizeof buf, "%sairflow,,,orchestrator,\n", stack_header);
	refused("stack.csv", buf, "stack.csv:2: title '' is empty");
	snprintf(buf, sizeof buf, "%sairflow,Airflow,,,\n", stack_header);
	refused("stack.csv", buf, "stack.csv:2: kinds is empty");
	snprintf(buf, sizeof buf, "%sairflow,Airflow,,scheduler;orchestrators,\n", stack_header);
	refused("stack.csv", buf, "stack.csv:2: 'orchestrators' is not a kind (kinds: managed-platform");
	snprintf(buf, sizeof buf, "%sairflow,Airflow,,orchestrator=,\n", stack_header);
	refused("stack.csv", buf, "stack.csv:2: kind orchestrator: the product name '' is empty");
	snprintf(buf, sizeof buf, "%sairflow,Airflow,,orchestrator;orchestrator,\n", stack_header);
	refused("stack.csv", buf, "kind orchestrator is given twice");
	snprintf(buf, sizeof buf, "%sairflow,Airflow,,orchestrator,mars\n", stack_header);
	refused("stack.csv", buf, "stack.csv:2: cloud 'mars' is not aws, gcp, azure or empty");
	snprintf(buf, sizeof buf, "%sairflow,Airflow,,orchestrator,\nmwaa,MWAA,Air-Flow,orchestrator,aws\n", stack_header);
	refused("stack.csv", buf, "stack.csv:3: alias 'Air-Flow' is already airflow (stack.csv:2)");
	snprintf(buf, sizeof buf, "%sairflow,Airflow,a;;b,orchestrator,\n", stack_header);
	refused("stack.csv", buf, "aliases has an empty item");
	snprintf(buf, sizeof buf, "%sairflow,Airflow,--,orchestrator,\n", stack_header);
	refused("stack.csv", buf, "alias '--' has no letter or digit");
}

/* The first unconditional rule of a component is its fallback: nothing
 * before it may be lighter. */
static void test_weights(void **state)
{
	char buf[600];
	struct dk_catalog *cat;
	struct dk_error err = {0};

	(void)state;
	snprintf(buf, sizeof buf, "%sserving,serving,team_size >= 3,FastAPI,x,y,2,,,,,\n"
	         "serving,serving,true,KServe,x,y,4,,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:3: 'serving' falls back to this rule (weight 4), "
	        "which is heavier than components.csv:2 (weight 2): a component's unconditional rule "
	        "must be its lightest choice");
	/* the same weight is fine, and a component without a fallback has no rule to keep */
	snprintf(buf, sizeof buf, "%sserving,serving,team_size >= 3,FastAPI,x,y,2,,,,,\n"
	         "serving,serving,true,cron,x,y,2,,,,,\ndata,store,shared_features,Feast,x,y,4,,,,,\n"
	         "data,store,team_size > 1,Redis,x,y,5,,,,,\n", comp_header);
	assert_int_equal(load_with("components.csv", buf, &cat, &err), DK_OK);
	dk_catalog_free(cat);
}

/* A team's overlay: its rows first, its tools shadowing shipped ones, a
 * replace mark, and repeated rows counted once. */
static void test_overlay(void **state)
{
	struct dk_catalog *cat;
	struct dk_error err = {0};
	char buf[800];

	(void)state;
	snprintf(buf, sizeof buf, "%sserving,serving,stack has 'acme-serve',Acme Serve,FastAPI,ours,1,serving,,,,\n"
	         "serving,serving,true,batch job,FastAPI,\"cheap, stale\",1,,,,,\n", comp_header);
	assert_int_equal(load_over("components.csv", buf, &cat, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "team/components.csv:2:3 (condition)"));
	assert_non_null(strstr(err.msg, "'acme-serve' is not a tool in the stack vocabulary"));
	assert_int_equal(load_over("stack.csv", "name,title,aliases,kinds,cloud\n"
	                           "acme-serve,Acme Serve,acme,serving,\n"
	                           "kafka,Acme Kafka,,stream;managed-platform,\n", &cat, &err), DK_OK);
	/* the team's tools first; its kafka shadows the shipped one */
	assert_string_equal(cat->vocab.tools[0].name, "acme-serve");
	assert_string_equal(cat->vocab.tools[0].file, "team/stack.csv");
	assert_int_equal(cat->vocab.n, 4);
	assert_string_equal(cat->vocab.tools[dk_vocab_find(&cat->vocab, "kafka")].title, "Acme Kafka");
	dk_catalog_free(cat);

	/* rows come first; a row equal to a shipped one counts once */
	snprintf(buf, sizeof buf, "%sserving,serving,team_size >= 50,Ray Serve,KServe,big,3,,,,,\n"
	         "serving,serving,true,batch job,FastAPI,\"cheap, stale\",1,,,,,\n", comp_header);
	assert_int_equal(load_over("components.csv", buf, &cat, &err), DK_OK);
	assert_int_equal(cat->n_components, 5);
	assert_string_equal(cat->components[0].file, "team/components.csv");
	assert_string_equal(cat->components[1].choice.src, "batch job");
	assert_string_equal(cat->components[2].file, "components.csv");
	assert_int_equal(cat->components[2].line, 3);
	dk_catalog_free(cat);

	/* a replace mark: the file takes the shipped one's place */
	assert_int_equal(load_over("gates.csv", "# docket: replace\nstage,condition,metric,op,threshold\n"
	                           "train,true,auc,>=,0.8\n", &cat, &err), DK_OK);
	assert_int_equal(cat->n_gates, 1);
	assert_string_equal(cat->gates[0].metric, "auc");
	assert_string_equal(cat->gates[0].file, "team/gates.csv");
	dk_catalog_free(cat);
	assert_int_equal(load_over("gates.csv", "stage,condition,metric,op,threshold\n"
	                           "train,true,auc,>=,0.8\n", &cat, &err), DK_OK);
	assert_int_equal(cat->n_gates, 2);
	dk_catalog_free(cat);

	/* the weights hold across the overlay: a team's light rule over a heavier fallback */
	snprintf(buf, sizeof buf, "%sdata,orchestration,true,Airflow,cron,heavy,4,,,,,\n", comp_header);
	assert_int_equal(load_over("components.csv", buf, &cat, &err), DK_OK);
	dk_catalog_free(cat);
	snprintf(buf, sizeof buf, "%sdata,orchestration,team_size > 1,Acme,cron,ours,1,,,,,\n"
	         "data,orchestration,true,Airflow,cron,heavy,4,,,,,\n", comp_header);
	assert_int_equal(load_over("components.csv", buf, &cat, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "team/components.csv:3: 'orchestration' falls back"));
}

/* --catalog DIR: any of the files, no stray .csv, regular files only. */
static void test_overlay_dir(void **state)
{
	struct fixture *f = *state;
	struct dk_catalog *cat = NULL, *emb;
	struct dk_error err = {0};
	char dir[400], path[500];
	FILE *out;

	snprintf(dir, sizeof dir, "%s/cat", f->dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(dk_catalog_load_dir(dir, &cat, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "holds none of the catalog files"));
	snprintf(path, sizeof path, "%s/gate.csv", dir);
	assert_non_null(out = fopen(path, "w"));
	fclose(out);
	assert_int_equal(dk_catalog_load_dir(dir, &cat, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "'gate.csv' is not a catalog file"));
	unlink(path);
	snprintf(path, sizeof path, "%s/gates.csv", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(dk_catalog_load_dir(dir, &cat, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "gates.csv is not a regular file"));
	unlink(path);
	assert_non_null(out = fopen(path, "w"));
	fputs("stage,condition,metric,op,threshold\ntrain,team_size >= 3,auc,>=,0.8\n", out);
	fclose(out);
	assert_int_equal(dk_catalog_load_dir(dir, &cat, &err), DK_OK);
	assert_int_equal(dk_catalog_load_embedded(&emb, &err), DK_OK);
	assert_int_equal(cat->n_gates, emb->n_gates + 1);
	assert_string_equal(cat->gates[0].metric, "auc");
	assert_string_not_equal(cat->sha256, emb->sha256);
	assert_string_equal(cat->origin, dir);
	dk_catalog_free(cat);
	dk_catalog_free(emb);
	assert_int_equal(dk_catalog_load_dir("/nonexistent-docket", &cat, &err), DK_EINPUT);
	assert_null(cat);
	assert_non_null(strstr(err.msg, "--catalog '/nonexistent-docket': No such file or directory"));
}

/* ---- the lint ------------------------------------------------------------ */

struct found {
	int n;
	char rows[16][600];
};

static int on_finding(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct found *fd = ctx;

	(void)err;
	assert_int_equal(ncol, 3);
	if (fd->n < 16)
		snprintf(fd->rows[fd->n], sizeof fd->rows[0], "%s %s %s", cells[0].text, cells[1].text,
		         cells[2].text);
	fd->n++;
	return DK_OK;
}

/* Lints minimal with file name replaced; returns the findings. */
static struct found lint_with(const char *name, const char *data)
{
	struct dk_catalog *cat;
	struct dk_error err = {0};
	struct found fd;
	size_t n = 0, undecided = 0;

	memset(&fd, 0, sizeof fd);
	if (load_with(name, data, &cat, &err) != DK_OK)
		fail_msg("load: %s", err.msg);
	assert_int_equal(dk_catalog_lint(cat, on_finding, &fd, &n, &undecided, &err), DK_OK);
	assert_int_equal((int)n, fd.n);
	assert_int_equal((int)undecided, 0);
	dk_catalog_free(cat);
	return fd;
}

static void has_finding(const struct found *fd, const char *want)
{
	for (int i = 0; i < fd->n && i < 16; i++)
		if (strstr(fd->rows[i], want))
			return;
	fail_msg("no finding says '%s' (%d findings: %s)", want, fd->n, fd->n ? fd->rows[0] : "");
}

static void test_lint(void **state)
{
	char buf[1500];
	struct found fd;

	(void)state;
	fd = lint_with(NULL, NULL);
	assert_int_equal(fd.n, 0);
	/* after an unconditional rule, and under a broader earlier rule */
	snprintf(buf, sizeof buf, "%sserving,serving,team_size >= 3,A,x,y,2,,,,,\n"
	         "serving,serving,team_size >= 5 and problem == 'online',B,x,y,2,,,,,\n"
	         "serving,serving,team_size < 3 and team_size > 7,C,x,y,2,,,,,\n"
	         "serving,serving,true,D,x,y,1,,,,,\nserving,serving,on_prem,E,x,y,1,,,,,\n", comp_header);
	fd = lint_with("components.csv", buf);
	assert_int_equal(fd.n, 3);
	has_finding(&fd, "components.csv:3 unreachable");
	has_finding(&fd, "components.csv:4 unreachable");
	has_finding(&fd, "components.csv:6 unreachable");
	/* a threshold found by bisection: 1,000 requests in 30 minutes at 5% is 11.1 requests/s */
	snprintf(buf, sizeof buf, "%sserving,release,throughput_rps * 0.05 * 1800 >= 1000,canary,x,y,2,,,,,\n"
	         "serving,release,throughput_rps >= 11.2,canary 2,x,y,2,,,,,\n"
	         "serving,release,throughput_rps >= 11.1,canary 3,x,y,2,,,,,\n", comp_header);
	fd = lint_with("components.csv", buf);
	assert_int_equal(fd.n, 1);
	has_finding(&fd, "components.csv:3 unreachable");
	/* reuse that may find nothing; a kind, a named tool and a platform in the stack */
	snprintf(buf, sizeof buf, "%sdata,orchestration,team_size > 2,{tool('orchestrator')},x,y,1,orchestrator,,,,\n"
	         "data,orchestration,stack has 'airflow',airflow,x,y,1,orchestrator,,,,\n"
	         "data,orchestration,stack has kind 'managed-platform',platform,x,y,1,orchestrator,,,,\n"
	         "data,orchestration,stack has kind 'orchestrator',other,x,y,1,orchestrator,,,,\n"
	         "data,stream,stack has kind 'stream',{tool('stream')},x,y,1,stream,,,,\n", comp_header);
	fd = lint_with("components.csv", buf);
	has_finding(&fd, "components.csv:2 reuses-nothing reuses a stack tool of kind orchestrator");
	has_finding(&fd, "components.csv:2 needs-a-field '{tool('orchestrator')}'");
	/* the vocabulary's orchestrators are airflow and a platform: line 5 is dead */
	has_finding(&fd, "components.csv:5 unreachable");
	assert_int_equal(fd.n, 3);
	/* a deferral its component always chooses, and one the stack always has */
	fd = lint_with("deferred.csv", "area,component,condition,kind,add_when,risk_title,risk_category,likelihood,impact\n"
	               "serving,serving,true,,more traffic,,,,\n"
	               "data,orchestration,stack has kind 'orchestrator',orchestrator,never,,,,\n"
	               "data,store,team_size > 3,,{budget_usd_month} USD,,,,\n");
	assert_int_equal(fd.n, 3);
	has_finding(&fd, "deferred.csv:2 unreachable");
	has_finding(&fd, "deferred.csv:3 unreachable");
	has_finding(&fd, "deferred.csv:4 needs-a-field");
	/* a gate threshold and a guarded one */
	fd = lint_with("gates.csv", "stage,condition,metric,op,threshold\n"
	               "train,true,p95,<=,latency_p95_ms\ntrain,latency_p95_ms > 0,p95,<=,latency_p95_ms\n"
	               "train,throughput_rps != null,rate,<=,1000 / throughput_rps\n"
	               "train,on_prem and cloud == 'aws',x,<=,1\n");
	assert_int_equal(fd.n, 3);
	has_finding(&fd, "gates.csv:2 needs-a-field");
	has_finding(&fd, "gates.csv:4 needs-a-field");
	/* no stored context is on premises in a public cloud */
	has_finding(&fd, "gates.csv:5 unreachable");
}

/* The embedded catalog is share/catalog as built, loads, and lints clean. */
static void test_embedded_matches_source(void **state)
{
	struct dk_catalog *emb, *dir;
	struct dk_error err = {0};
	char path[1024];
	const char *src = getenv("DOCKET_SOURCE_DIR");
	struct found fd;
	size_t n = 0, undecided = 0;

	(void)state;
	if (dk_catalog_load_embedded(&emb, &err) != DK_OK)
		fail_msg("embedded: %s", err.msg);
	assert_true(emb->n_components > 100);
	assert_true(emb->n_deferred >= 10);
	assert_true(emb->vocab.n >= 80);
	assert_string_equal(emb->origin, "embedded");
	assert_non_null(src);
	snprintf(path, sizeof path, "%s/share/catalog", src);
	if (dk_catalog_load_dir(path, &dir, &err) != DK_OK)
		fail_msg("%s: %s", path, err.msg);
	/* every file of the directory is the shipped one: no overlay */
	assert_string_equal(emb->sha256, dir->sha256);
	memset(&fd, 0, sizeof fd);
	assert_int_equal(dk_catalog_lint(emb, on_finding, &fd, &n, &undecided, &err), DK_OK);
	if (n)
		fail_msg("the shipped catalog has %zu lint findings: %s", n, fd.rows[0]);
	assert_int_equal((int)undecided, 0);
	dk_catalog_free(emb);
	dk_catalog_free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_bom_and_crlf),
		cmocka_unit_test(test_template),
		cmocka_unit_test(test_sha_changes_with_content),
		cmocka_unit_test(test_bad_condition),
		cmocka_unit_test(test_bad_columns),
		cmocka_unit_test(test_bad_cells),
		cmocka_unit_test(test_bad_tools),
		cmocka_unit_test(test_weights),
		cmocka_unit_test(test_overlay),
		cmocka_unit_test_setup_teardown(test_overlay_dir, fixture_setup, fixture_teardown),
		cmocka_unit_test(test_lint),
		cmocka_unit_test(test_embedded_matches_source),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
