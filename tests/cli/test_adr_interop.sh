#!/bin/bash
# docket import adr on the ADR formats in use (adr-tools/Nygard, MADR 2, 3
# and 4, log4brains, free form), Markdown as the source of truth (re-import,
# adr-tools' 'adr new -s', conflicts), and export-md / toc / graph back to
# files the ADR tools read. Fixtures: tests/cli/fixtures/adr-formats/*.
. "$(dirname "$0")/lib.sh"
FIX="$DOCKET_SOURCE_DIR/tests/cli/fixtures/adr-formats"

# fresh NAME: a new empty database NAME (new_db), used from here on.
fresh() { DOCKET_DB=$(new_db "$1") || fail "new_db $1"; export DOCKET_DB; "$DOCKET" init >/dev/null || fail "init $1"; }
# in_file FILE PATTERN / not_in_file FILE PATTERN (grep -E)
in_file() { CHECKS=$((CHECKS + 1)); grep -Eq -- "$2" "$1" || fail "$1 does not match '$2': $(cat "$1")"; }
not_in_file() { CHECKS=$((CHECKS + 1)); ! grep -Eq -- "$2" "$1" || fail "$1 matches '$2'"; }
# copy DIR NAME: a copy of a fixture directory (to edit, or to date with touch)
copy() { rm -rf "${T:?}/$2"; cp -r "$FIX/$1" "$T/$2" || fail "copy $1"; }
# nygard FILE 'N. Title' STATUS-TEXT [DATE]: a small adr-tools file
nygard() {
	printf '# %s\n\nDate: %s\n\n## Status\n\n%s\n\n## Context\n\nContext of %s.\n\n## Decision\n\nDecision of %s.\n' \
		"$2" "${4:-2024-05-01}" "$3" "$2" "$2" >"$1"
}
# nocr: CSV rows end in CRLF (RFC 4180); drop the CRs so patterns can anchor on $
nocr() { OUT=${OUT//$'\r'/}; }
HAVE_ADR=0
command -v adr >/dev/null 2>&1 && HAVE_ADR=1
# CI installs adr-tools (the README's test command): there a missing one is a failure
[ "$HAVE_ADR" = 1 ] || [ -z "${CI:-}" ] || fail "adr-tools is not installed (apt-get install adr-tools)"

# --- adr-tools / Nygard: supersession and Amends / Amended by links -------
fresh nygard
ok import adr "$FIX/nygard" --format csv; nocr
has '^key,adr,file,title,status,result,note$'
has '^D-1,1,0001-record-architecture-decisions\.md,Record architecture decisions,accepted,added,$'
has '^D-2,2,0002-serve-models-with-torchserve\.md,Serve models with TorchServe,superseded,added,$'
has '^D-4,4,0004-serve-models-with-triton\.md,Serve models with Triton,accepted,added,$'
eq "$(sql "SELECT id || ':' || adr_number || ':' || status || ':' || decided_on || ':' || coalesce('' || supersedes_id, '-') FROM decision ORDER BY id" | joined ' ')" \
   "1:1:accepted:2024-01-08:- 2:2:superseded:2024-01-22:- 3:3:accepted:2024-02-05:- 4:4:accepted:2024-03-11:2 5:5:accepted:2024-04-02:-" \
   "nygard numbers, statuses, dates, supersession"
eq "$(sql "SELECT problem || '|' || rationale || '|' || consequences FROM decision WHERE id = 4")" \
   "We now ship ONNX and TensorRT models as well as PyTorch.|We will serve models with Triton Inference Server.|One server for every framework; dynamic batching comes free." \
   "Context, Decision and Consequences become fields"
eq "$(sql "SELECT src_id || '>' || dst_id || ':' || label || ':' || ordinal FROM decision_link ORDER BY src_id" | joined ' ')" \
   "3>5:Amended by:1 5>3:Amends:1" "typed links kept with their labels as written"
ok decision show D-3
has '^links:'
has 'from +Amended by +D-5 +5 +Alert on drift per segment'
has 'to +Amends +D-5 +5 +Alert on drift per segment'
ok decision show ADR-4
has '^key +D-4$'
has '^superseded_by +$'
ok decision show D-2
has '^superseded_by +D-4$'
ok decision list
has '^KEY +ADR +TITLE'
has '^D-5 +5 +Alert on drift per segment'
before=$(dbhash)
ok import adr "$FIX/nygard" --format csv; nocr
eq "$(echo "$OUT" | grep -c ',unchanged,')" "5" "every file unchanged on a second import"
hasnt ',added,|,updated,'
eq "$(dbhash)" "$before" "a second import writes nothing"

# --- adr-tools with shields.io badges and bold labels -----------------------
fresh badges
ok import adr "$FIX/nygard-badges" --format csv; nocr
has '^D-1,1,0001-track-experiments-in-mlflow\.md,Track experiments in MLflow,accepted,added,$'
has '^D-2,2,0002-store-artifacts-on-nfs\.md,Store model artifacts on NFS,superseded,added,$'
has '^D-3,3,0003-store-artifacts-in-object-storage\.md,Store model artifacts in object storage,accepted,added,$'
eq "$(sql "SELECT decided_on || ':' || coalesce('' || supersedes_id, '-') FROM decision WHERE id = 3")" "2024-06-17:2" \
   "**Date:** read, and 'Supersedes [ADR-0002](file)' after a bold status"

# --- MADR 2: * and - bullets, options with pros and cons, ## Links ----------
fresh madr2
ok import adr "$FIX/madr2" --format csv; nocr
has '^D-1,1,0001-choose-a-feature-store\.md,Choose a feature store,accepted,added,$'
has '^D-2,2,0002-batch-scoring-on-spark\.md,Batch scoring on Spark,superseded,added,$'
has '^D-3,3,0003-batch-scoring-on-ray\.md,Batch scoring on Ray,accepted,added,$'
eq "$(sql "SELECT id || ':' || decided_on || ':' || makers || ':' || coalesce('' || supersedes_id, '-') FROM decision ORDER BY id" | joined ' ')" \
   '1:2024-02-12:["Ana Lima","bo"]:- 2:2024-03-04:["bo"]:- 3:2024-07-15:["Ana Lima"]:2' "bullet date, deciders and supersession"
eq "$(sql "SELECT drivers || '|' || rationale FROM decision WHERE id = 1")" \
   '["one definition of each feature","point-in-time correct training sets"]|it is open source and runs on our cluster.' "drivers and rationale"
eq "$(sql "SELECT name || ':' || chosen || ':' || pros || ':' || cons FROM decision_option WHERE decision_id = 1 ORDER BY ordinal" | joined ' / ')" \
   'Feast:1:["open source"]:["young"] / Tecton:0:["managed"]:["expensive"] / Hand-written pipelines:0:[]:["features drift"]' "options, chosen, pros and cons"
eq "$(sql "SELECT src_id || '>' || dst_id || ':' || label FROM decision_link ORDER BY id" | joined ' ')" "1>3:Relates to" "a ## Links bullet as a typed link"

# --- MADR 3: front matter with deciders --------------------------------------
fresh madr3
ok import adr "$FIX/madr3" --format csv; nocr
has '^D-1,1,0001-version-datasets-with-lakefs\.md,Version datasets with lakeFS,accepted,added,$'
has '^D-2,2,0002-label-data-in-house\.md,Label data in house,rejected,added,$'
has '^D-3,3,0003-store-datasets-as-dated-copies\.md,Store datasets as dated copies,superseded,added,$'
eq "$(sql "SELECT id || ':' || makers || ':' || consulted || ':' || informed FROM decision ORDER BY id" | joined ' ')" \
   '1:["Ana Lima","bo"]:["data engineering"]:["analysts"] 2:["bo","Ana Lima"]:[]:[] 3:["bo"]:[]:[]' "deciders as 'a, b' and as a flow list"
eq "$(sql "SELECT coalesce('' || supersedes_id, '-') FROM decision WHERE id = 1")" "3" "'superseded by [..](file)' in front matter"
eq "$(sql "SELECT name || ':' || chosen FROM decision_option WHERE decision_id = 1 ORDER BY ordinal" | joined ' / ')" \
   'lakeFS:1 / DVC:0 / Dated copies in the bucket:0' "MADR 3 options"

# --- MADR 4: decision-makers as a YAML list, quoted status, links by number --
fresh madr4
ok import adr "$FIX/madr4" --format csv; nocr
has '^D-1,1,0001-canary-new-model-versions\.md,Canary new model versions,accepted,added,'
has '^D-2,2,0002-retire-the-model-zoo-wiki\.md,Retire the model zoo wiki,deprecated,added,$'
has '^D-3,3,0003-ship-models-all-at-once\.md,Ship models all at once,superseded,added,$'
has 'not kept: the More Information text'
eq "$(sql "SELECT id || ':' || makers || ':' || consulted || ':' || informed || ':' || decided_on FROM decision ORDER BY id" | joined ' ')" \
   '1:["Ana Lima","bo"]:["sre"]:["product"]:2024-09-02 2:["Ana Lima","bo"]:[]:[]:2024-10-14 3:["bo"]:[]:[]:2023-11-06' \
   "decision-makers as a block list and as a quoted string"
eq "$(sql "SELECT confirmation || '|' || coalesce('' || supersedes_id, '-') FROM decision WHERE id = 1")" \
   "The serving pipeline refuses a rollout without a canary stage.|3" "confirmation; 'superseded by ADR-0001' resolved by number"
eq "$(sql "SELECT src_id || '>' || dst_id || ':' || label || ':' || ordinal FROM decision_link ORDER BY ordinal" | joined ' ')" \
   "2>1:Clarifies:1 2>3:Related to:2" "More Information bullets as typed links, in order"
eq "$(sql "SELECT name || ':' || chosen FROM decision_option WHERE decision_id = 1 ORDER BY ordinal" | joined ' / ')" \
   'Canary with automatic rollback:1 / Blue-green switch:0 / Shadow traffic only:0' "MADR 4 options"

# --- MADR without status or date: defaults, each stated in the note ----------
fresh bare
copy madr-bare bare && touch -d 2024-03-05 "$T"/bare/*.md
ok import adr bare --format csv; nocr
has '^D-1,1,0001-log-predictions-to-the-lake\.md,Log predictions to the lake,accepted,added,'
has "^D-2,2,0002-keep-a-model-card-per-model\.md,Keep a model card per model,accepted,added,.*status accepted by default \(the file states none\).*date 2024-03-05 from the file's modification time"
eq "$(sql "SELECT status || ':' || decided_on FROM decision ORDER BY id" | joined ' ')" "accepted:2024-03-05 accepted:2024-03-05" "default status, mtime date"
eq "$(sql "SELECT rationale FROM decision WHERE id = 1")" "labels arrive later and need a join." "rationale from Chosen option"
fresh bare2
ok import adr bare --default-date 2024-01-02 --format csv; nocr
has 'date 2024-01-02 from --default-date'
hasnt 'modification time'
eq "$(sql "SELECT decided_on FROM decision ORDER BY id" | joined ' ')" "2024-01-02 2024-01-02" "--default-date"
fresh bare3
ok import adr bare --default-status proposed --format json
has '"status": "proposed"'
has 'status proposed by default \(the file states none\)'
hasnt '"status": "accepted"'
eq "$(sql "SELECT status FROM decision ORDER BY id" | joined ' ')" "proposed proposed" "--default-status"

# --- log4brains: dated ids, two on one day, draft, links to dated files ------
fresh l4b
ok import adr "$FIX/log4brains" --format csv; nocr
has '^D-1,,20240305-use-evidently-for-drift-reports\.md,Use Evidently for drift reports,accepted,added,$'
has '^D-2,,20240305-use-feast-for-online-features\.md,Use Feast for online features,superseded,added,$'
has '^D-3,,20240412-gpu-quotas-per-team\.md,GPU quotas per team,proposed,added,$'
has '^D-4,,20240610-serve-online-features-from-the-warehouse\.md,Serve online features from the warehouse,accepted,added,$'
eq "$(sql "SELECT count(*) FROM decision WHERE adr_number IS NOT NULL")" "0" "a date id is no ADR number"
eq "$(sql "SELECT file || ':' || coalesce('' || number, '-') FROM adr_source ORDER BY decision_id" | joined ' ')" \
   "20240305-use-evidently-for-drift-reports.md:- 20240305-use-feast-for-online-features.md:- 20240412-gpu-quotas-per-team.md:- 20240610-serve-online-features-from-the-warehouse.md:-" \
   "each file is its own source"
eq "$(sql "SELECT id || ':' || decided_on || ':' || coalesce('' || supersedes_id, '-') FROM decision ORDER BY id" | joined ' ')" \
   "1:2024-03-05:- 2:2024-03-05:- 3:2024-04-12:- 4:2024-06-10:2" "superseded by a link to a dated file"
eq "$(sql "SELECT tags FROM decision WHERE id = 2")" '["features","serving"]' "log4brains tags"
eq "$(sql "SELECT name || ':' || chosen FROM decision_option WHERE decision_id = 1 AND chosen = 1")" "Option 1: Evidently:1" '"X". alone'
eq "$(sql "SELECT rationale FROM decision WHERE id = 2")" "it is what we know." '"X" because R (no comma)'

# --- free form: a # Title and prose -------------------------------------------
fresh free
copy freeform free && touch -d 2024-03-05 "$T"/free/*.md
ok import adr free --format csv; nocr
has "^D-1,1,0001-one-gpu-image-for-all-teams\.md,One GPU base image for all teams,accepted,added,.*status accepted by default.*date 2024-03-05 from the file's modification time"
has '^D-2,2,0002-notebooks-are-not-production\.md,Notebooks are not production,accepted,added,'
eq "$(sql "SELECT problem FROM decision WHERE id = 2")" "A notebook can explore, but a scheduled job must be a package with tests." "prose kept"

# --- which files are ADRs -----------------------------------------------------
fresh names
ok import adr "$FIX/names" --format csv; nocr
has '^D-1,0,0000-use-madr\.md,Use Markdown Architectural Decision Records,accepted,added,$'
has '^D-2,1,0001-pin-the-cuda-version\.md,Pin the CUDA version,accepted,added,$'
has '^,,README\.md,,,skipped,"an index or README, not an ADR"$'
has '^,,index\.md,,,skipped,"an index or README, not an ADR"$'
has '^,,template\.md,,,skipped,a template$'
has '^,,adr-template\.md,,,skipped,a template$'
has '^,,notes\.md,,,skipped,"not named like an ADR'
has '^,,4-day-work-week\.md,,,skipped,"not named like an ADR'
eq "$(sql "SELECT count(*) FROM decision")" "2" "only the two ADRs imported"
ok decision show ADR-0
has '^key +D-1$'
ok decision list --format csv; nocr
has '^D-1,0,Use Markdown Architectural Decision Records,'
status 2 decision show ADR-9
echo "$ERR" | grep -q 'no decision with ADR number 9' || fail "ADR-9: $ERR"

# --- adr-NNN-slug.md names, status after the decision, upper case --------------
fresh prefix
ok import adr "$FIX/adr-prefix" --format csv; nocr
has '^D-1,1,adr-001-model-registry\.md,Architecture Decision Record: Model registry,proposed,added,$'
has '^D-2,2,adr-002-feature-naming\.md,Architecture Decision Record: Feature naming,accepted,added,$'
eq "$(sql "SELECT adr_number || ':' || status || ':' || coalesce(decided_on, '-') FROM decision ORDER BY id" | joined ' ')" \
   "1:proposed:- 2:accepted:2024-08-19" "adr-NNN numbers"

# --- --recursive ----------------------------------------------------------------
fresh rec
ok import adr "$FIX/recursive" --format csv; nocr
eq "$(echo "$OUT" | tail -n +2)" "D-1,1,0001-one-repository-per-model.md,One repository per model,accepted,added," "without --recursive, only the top"
ok import adr "$FIX/recursive" --recursive --format csv; nocr
has '^D-1,1,0001-one-repository-per-model\.md,One repository per model,accepted,unchanged,$'
has '^D-[0-9]+,2,serving/0002-autoscale-on-queue-depth\.md,Autoscale on queue depth,accepted,added,$'
has '^D-[0-9]+,3,serving/online/0003-keep-one-warm-replica\.md,Keep one warm replica,accepted,added,$'
has '^D-[0-9]+,4,monitoring/0004-page-on-data-freshness\.md,Page on data freshness,accepted,added,$'
eq "$(sql "SELECT file FROM adr_source ORDER BY number" | joined ' ')" \
   "0001-one-repository-per-model.md serving/0002-autoscale-on-queue-depth.md serving/online/0003-keep-one-warm-replica.md monitoring/0004-page-on-data-freshness.md" \
   "the path under DIR is the file"

# --- status words ------------------------------------------------------------------
fresh words
mkdir words
n=0
while IFS='|' read -r text want; do
	n=$((n + 1))
	nygard "words/$(printf %04d $n)-status-$n.md" "$n. Status $n" "$text"
	expect="${expect:-}$n:$want "
done <<'EOF'
"Accepted"|accepted
'proposed'|proposed
ACCEPTED|accepted
**Accepted**|accepted
![Accepted](https://img.shields.io/badge/adr-accepted-green)|accepted
Accepted on 2024-05-01 by the serving guild|accepted
Draft|proposed
Pending|proposed
In review|proposed
Approved|accepted
Done|accepted
On hold|proposed
Partly superseded|accepted
Declined|rejected
Obsolete|deprecated
Retired|deprecated
Rejected.|rejected
deprecated|deprecated
EOF
ok import adr words --format csv; nocr
hasnt 'refused'
eq "$(sql "SELECT adr_number || ':' || status FROM decision ORDER BY adr_number" | joined ' ') " "$expect" "status words mapped"
eq "$(sql "SELECT status_reason FROM decision WHERE adr_number = 12")" "On hold" "on hold kept as the reason"
# an unknown word is refused with its line and a hint; the rest are imported
fresh unknown
mkdir unknown
nygard unknown/0001-parked-idea.md "1. Parked idea" "Parked"
nygard unknown/0002-fine-idea.md "2. Fine idea" "Accepted"
status 1 import adr unknown --format csv; nocr
has "^,1,0001-parked-idea\.md,Parked idea,,refused,\"0001-parked-idea\.md:7: status 'Parked' is not one docket knows .*--status-map WORD=STATUS\"$"
has '^D-1,2,0002-fine-idea\.md,Fine idea,accepted,added,$'
echo "$ERR" | grep -q "^0001-parked-idea.md:7: status 'Parked' is not one" || fail "refusal on stderr: $ERR"
eq "$(sql "SELECT title FROM decision ORDER BY id" | joined)" "Fine idea" "the rest imported"
ok import adr unknown --status-map parked=proposed --format csv; nocr
has '^D-2,1,0001-parked-idea\.md,Parked idea,proposed,added,$'
has '^D-1,2,0002-fine-idea\.md,Fine idea,accepted,unchanged,$'
# --strict: all or nothing
fresh strict
before=$(dbhash)
status 2 import adr unknown --strict
echo "$ERR" | grep -q 'refused (--strict): nothing was imported' || fail "--strict message: $ERR"
eq "$(dbhash)" "$before" "--strict writes nothing"
# --dry-run: rows shown, nothing written
ok import adr "$FIX/nygard" --dry-run --format csv; nocr
has '^D-4,4,0004-serve-models-with-triton\.md,Serve models with Triton,accepted,added,$'
eq "$(dbhash)" "$before" "--dry-run writes nothing"
status 1 import adr unknown --dry-run --format csv; nocr
has 'refused'
eq "$(dbhash)" "$before" "--dry-run with a refusal writes nothing"
# bad options
bad "--status-map 'parked=maybe': 'maybe' is not one of" import adr unknown --status-map parked=maybe
bad "--status-map 'parked' is not WORD=STATUS" import adr unknown --status-map parked
bad "--status-map '=accepted' is not WORD=STATUS" import adr unknown --status-map =accepted
bad "--default-date '2024-13-01' is not a date" import adr unknown --default-date 2024-13-01
bad "--default-date '2024-02-30' is not a date" import adr unknown --default-date 2024-02-30
bad "--default-status 'maybe' is not one of" import adr unknown --default-status maybe
bad "cannot read directory 'nowhere'" import adr nowhere

# --- MADR chosen option shapes; headings in fences ---------------------------------
fresh chosen
mkdir chosen
n=0
while IFS='|' read -r line want reason; do
	n=$((n + 1))
	printf -- '---\nstatus: accepted\ndate: 2024-05-01\n---\n# Shape %d\n\n## Context and Problem Statement\n\nPick a drift test.\n\n```markdown\n## Considered Options\n\n* Not an option\n```\n\n## Considered Options\n\n* [Kolmogorov-Smirnov test](https://example.org/ks)\n* Population Stability Index\n* Chi-squared   test\n\n## Decision Outcome\n\n%b\n\n## Pros and Cons of the Options\n\n### Kolmogorov-Smirnov test\n\n* Good, because no bins\n\n```\n### Fenced heading\n```\n' \
		$n "$line" >"chosen/$(printf %04d $n)-shape-$n.md"
	expect_c="${expect_c:-}$n:$want:$reason/"
done <<'EOF'
Chosen option: "Population Stability Index", because the business reads it.|2|the business reads it.
Chosen option: "Population Stability Index" because the business reads it.|2|the business reads it.
Chosen option: "Population Stability Index", mostly to match the reports.|2|mostly to match the reports.
Chosen option: Population Stability Index, because the business reads it.|2|the business reads it.
Chosen option: [Kolmogorov-Smirnov test](https://example.org/ks), because it needs no bins.|1|it needs no bins.
Chosen option: "Kolmogorov-Smirnov test".|1|
Chosen option:\n"chi-squared test", because the features are categorical.|3|the features are categorical.
Chosen option: "population stability", because a unique prefix is enough.|2|a unique prefix is enough.
Chosen option: "KOLMOGOROV-SMIRNOV  TEST", because case and spaces do not matter.|1|case and spaces do not matter.
EOF
ok import adr chosen --format csv; nocr
hasnt 'refused'
eq "$(sql "SELECT d.adr_number || ':' || o.ordinal || ':' || d.rationale FROM decision d
	JOIN decision_option o ON o.decision_id = d.id AND o.chosen = 1 ORDER BY d.adr_number" | joined /)/" \
   "$expect_c" "the chosen option of each shape"
eq "$(sql "SELECT count(*) FROM decision_option")" "27" "three options each, none from inside a fence"
eq "$(sql "SELECT pros FROM decision_option WHERE decision_id = 1 AND ordinal = 1")" '["no bins"]' "pros matched to a linked option by name"
eq "$(sql "SELECT count(*) FROM decision_option WHERE name LIKE '%Fenced%' OR name LIKE '%Not an option%'")" "0" "fenced headings are no options"

# --- links resolve by the target file; supersession marks accepted decisions ------
fresh target
mkdir target
nygard target/0020-use-onnx.md "20. Use ONNX" "Accepted"
nygard target/0020-use-bentoml.md "20. Use BentoML" "Accepted"
nygard target/0021-package-with-kserve.md "21. Package with KServe" "Accepted

Supersedes [20. Use ONNX](0020-use-bentoml.md)"
ok import adr target --format csv; nocr
has '^D-[0-9]+,20,0020-use-onnx\.md,Use ONNX,accepted,added,ADR number 20 is another file.s too'
has '0020-use-bentoml\.md,Use BentoML,.*marked superseded: 0021-package-with-kserve\.md supersedes it'
eq "$(sql "SELECT title || ':' || status FROM decision ORDER BY title" | joined ' ')" \
   "Package with KServe:accepted Use BentoML:superseded Use ONNX:accepted" "the link's file, not its text or number, is the target"
eq "$(sql "SELECT o.title FROM decision n JOIN decision o ON o.id = n.supersedes_id WHERE n.title = 'Package with KServe'")" "Use BentoML" "supersedes the linked file"
# a later import that supersedes an accepted decision already in the database
fresh later
mkdir later
nygard later/0001-weekly-retraining.md "1. Weekly retraining" "Accepted"
ok import adr later
nygard later/0002-retrain-on-drift.md "2. Retrain on drift" "Accepted

Supersedes [1. Weekly retraining](0001-weekly-retraining.md)" 2024-06-01
ok import adr later --format csv; nocr
has '^D-1,1,0001-weekly-retraining\.md,Weekly retraining,.*,marked superseded: 0002-retrain-on-drift\.md supersedes it'
has '^D-2,2,0002-retrain-on-drift\.md,Retrain on drift,accepted,added,$'
eq "$(sql "SELECT status || ':' || coalesce('' || supersedes_id, '-') FROM decision ORDER BY id" | joined ' ')" \
   "superseded:- accepted:1" "the old decision marked superseded"

# an edit to a file whose decision a later file supersedes keeps it superseded
sed -i 's/^Context of 1\. Weekly retraining\.$/Context, edited./' later/0001-weekly-retraining.md
ok import adr later --format csv; nocr
has '^D-1,1,0001-weekly-retraining\.md,Weekly retraining,superseded,updated,.*kept superseded'
eq "$(sql "SELECT status || ':' || problem FROM decision WHERE id = 1")" "superseded:Context, edited." "edited, still superseded"
# supersession by number, in a Status line and inside a front-matter status
fresh bynumber
mkdir bynumber
nygard bynumber/0003-batch-features.md "3. Batch features" "Accepted"
nygard bynumber/0004-stream-features.md "4. Stream features" "Accepted

Supersedes ADR-0003"
printf -- '---\nstatus: "accepted; supersedes ADR-0004"\ndate: 2024-07-01\n---\n\n# Features from the lakehouse\n' > bynumber/0005-lakehouse-features.md
ok import adr bynumber --format csv; nocr
eq "$(sql "SELECT adr_number || '>' || coalesce('' || (SELECT o.adr_number FROM decision o WHERE o.id = d.supersedes_id), '-') || ':' || status
	FROM decision d ORDER BY adr_number" | joined ' ')" \
   "3>-:superseded 4>3:superseded 5>4:accepted" "Supersedes ADR-N and 'accepted; supersedes ADR-N'"

# --- refused links: cycle, self-supersession, missing file ---------------------
fresh cycle
mkdir cycle
nygard cycle/0001-a.md "1. Shadow deploys" "Supersedes [2. Canary deploys](0002-b.md)"
nygard cycle/0002-b.md "2. Canary deploys" "Supersedes [1. Shadow deploys](0001-a.md)"
nygard cycle/0003-c.md "3. Unrelated" "Accepted"
status 1 import adr cycle --format csv; nocr
has '^,1,0001-a\.md,Shadow deploys,.*,refused,.*supersession cycle: 0001-a\.md -> 0002-b\.md -> 0001-a\.md'
has '^,2,0002-b\.md,Canary deploys,.*,refused,.*supersession cycle'
has '^D-1,3,0003-c\.md,Unrelated,accepted,added,$'
echo "$ERR" | grep -q 'supersession cycle' || fail "cycle on stderr: $ERR"
eq "$(sql "SELECT title FROM decision ORDER BY id" | joined)" "Unrelated" "nothing of the cycle imported"
before=$(dbhash)
status 2 import adr cycle --strict
eq "$(dbhash)" "$before" "--strict cycle writes nothing"
fresh self
mkdir self
nygard self/0001-a.md "1. Self" "Accepted

Superseded by [1. Self](0001-a.md)"
nygard self/0002-b.md "2. Other" "Accepted"
status 1 import adr self --format csv; nocr
has '^,1,0001-a\.md,Self,.*,refused,0001-a\.md:9: supersedes itself$'
has '^D-1,2,0002-b\.md,Other,accepted,added,$'
echo "$ERR" | grep -q '^0001-a.md:9: supersedes itself' || fail "self on stderr: $ERR"
fresh missing
mkdir missing
nygard missing/0006-b.md "6. Gone target" "Superseded by [7. Gone](0007-gone.md)"
nygard missing/0005-a.md "5. Amends a gone file" "Accepted

Amends [9. Gone](0009-gone.md)"
status 1 import adr missing --format csv; nocr
has "^,6,0006-b\.md,Gone target,.*,refused,\"0006-b\.md:7: links to '0007-gone\.md', which is neither in the directory nor in the database\"$"
has "^D-1,5,0005-a\.md,Amends a gone file,accepted,added,\"link not kept: 0005-a\.md:9: links to '0009-gone\.md'"
eq "$(sql "SELECT count(*) FROM decision_link")" "0" "no link to a missing file"
before=$(dbhash)
status 2 import adr missing --strict
eq "$(dbhash)" "$before" "--strict missing target writes nothing"

# --- Markdown as the source of truth -------------------------------------------------
fresh truth
mkdir -p proj/doc
cp -r "$FIX/nygard" proj/doc/adr
ok import adr proj/doc/adr
seq0=$(sql "SELECT max(seq) FROM audit_log")
sed -i 's/^We will compute the population stability index of every feature daily\.$/We will compute PSI and KL divergence daily./' \
	proj/doc/adr/0003-monitor-feature-drift.md
ok import adr proj/doc/adr --format csv; nocr
has '^D-3,3,0003-monitor-feature-drift\.md,Monitor feature drift,accepted,updated,'
eq "$(echo "$OUT" | grep -c ',unchanged,')" "4" "the others unchanged"
eq "$(sql "SELECT rationale FROM decision WHERE id = 3")" "We will compute PSI and KL divergence daily." "the edit applied"
eq "$(sql "SELECT count(*) FROM audit_log WHERE seq > $seq0 AND action = 'update' AND entity = 'decision' AND entity_id = 3 AND row LIKE '%PSI and KL divergence%'")" "1" "the update is audited"
eq "$(sql "SELECT count(*) FROM audit_log WHERE seq > $seq0 AND entity = 'decision' AND entity_id <> 3")" "0" "nothing else audited"
if [ "$HAVE_ADR" = 1 ]; then
	(cd proj && VISUAL=true EDITOR=true ADR_DATE=2024-05-20 adr new -s 4 Serve models with a managed endpoint >/dev/null) || fail "adr new -s"
	(cd proj && VISUAL=true EDITOR=true ADR_DATE=2024-06-03 adr new -l "5:Amends:Amended by" Segment drift by region >/dev/null) || fail "adr new -l"
	ok import adr proj/doc/adr --format csv; nocr
	has '^D-4,4,0004-serve-models-with-triton\.md,Serve models with Triton,superseded,updated,'
	has '^D-6,6,0006-serve-models-with-a-managed-endpoint\.md,Serve models with a managed endpoint,accepted,added,$'
	has '^D-7,7,0007-segment-drift-by-region\.md,Segment drift by region,accepted,added,$'
	eq "$(sql "SELECT id || ':' || status || ':' || coalesce('' || supersedes_id, '-') FROM decision WHERE id IN (4, 6) ORDER BY id" | joined ' ')" \
	   "4:superseded:2 6:accepted:4" "adr new -s: the old decision superseded"
	eq "$(sql "SELECT src_id || '>' || dst_id || ':' || label || ':' || ordinal FROM decision_link WHERE 7 IN (src_id, dst_id) ORDER BY src_id" | joined ' ')" \
	   "5>7:Amended by:2 7>5:Amends:1" "adr new -l: typed links both ways"
else
	echo "adr-tools not installed: adr new -s not exercised" >&2
fi
# changed in docket and in the file: a conflict, left alone
ok decision deprecate D-1 --reason "the wiki replaced it"
sed -i 's/^Each decision has a file and a number\.$/Each decision has one file./' proj/doc/adr/0001-record-architecture-decisions.md
before=$(dbhash)
status 1 import adr proj/doc/adr --format csv; nocr
has '^D-1,1,0001-record-architecture-decisions\.md,Record architecture decisions,deprecated,conflict,.*the file and D-1 were both changed since the last import.*D-1 is deprecated in docket and the file says accepted.*make the file say deprecated'
hasnt ',updated,|,added,'
echo "$ERR" | grep -q 'the file and D-1 were both changed' || fail "conflict on stderr: $ERR"
eq "$(dbhash)" "$before" "a conflict is left alone"
eq "$(sql "SELECT status || ':' || status_reason || ':' || consequences FROM decision WHERE id = 1")" \
   "deprecated:the wiki replaced it:Each decision has a file and a number." "docket's change kept"
# accepted in docket, edited in the file: conflict, then --prefer-file takes the file
fresh prefer
copy log4brains l4b
ok import adr l4b
ok evidence add --kind dryrun --title "Quota dry-run" --uri https://ci.example.org/7
ok decision link D-3 --evidence EV-1
ok decision accept D-3
sed -i -e 's/^- Status: draft$/- Status: accepted/' -e 's/^Undecided\.$/Quotas per team, reviewed monthly./' l4b/20240412-gpu-quotas-per-team.md
before=$(dbhash)
status 1 import adr l4b --format csv; nocr
has '^D-3,,20240412-gpu-quotas-per-team\.md,GPU quotas per team,accepted,conflict,.*--prefer-file takes the file'
eq "$(dbhash)" "$before" "conflict left alone"
ok import adr l4b --prefer-file --format csv; nocr
has '^D-3,,20240412-gpu-quotas-per-team\.md,GPU quotas per team,accepted,updated,'
eq "$(sql "SELECT status || ':' || rationale FROM decision WHERE id = 3")" "accepted:Quotas per team, reviewed monthly." "--prefer-file took the file"
ok import adr l4b --format csv; nocr
eq "$(echo "$OUT" | grep -c ',unchanged,')" "4" "in step again after --prefer-file"

# --- export-md, round trips, toc, graph -----------------------------------------------
fresh exp
ok import adr "$FIX/nygard"
ok import adr "$FIX/madr4"
ok import adr "$FIX/log4brains"
ok decision add --title "Cap GPU memory per pod" --area training --problem 'Pods take every GPU byte.
## Not a heading
---
# Neither' --option 'MIG|pro: isolation' --option 'Soft limits' --chosen MIG --rationale 'Isolation.
### Still prose'
ok decision export-md --dir out/a/b
has '^D-1 +0001-record-architecture-decisions\.md$'
has '20240412-gpu-quotas-per-team\.md$'
eq "$(find out/a/b -type f | wc -l)" "13" "every decision a file, in a new nested directory"
in_file out/a/b/0001-canary-new-model-versions.md '^decision-makers: Ana Lima, bo$'
in_file out/a/b/0004-serve-models-with-triton.md '^\* Supersedes \[.*\]\(0002-serve-models-with-torchserve\.md\)$'
in_file out/a/b/0003-monitor-feature-drift.md '^\* Amended by \[.*\]\(0005-alert-on-drift-per-segment\.md\)$'
gpu=$(cd out/a/b && echo *-cap-gpu-memory-per-pod.md)
in_file "out/a/b/$gpu" '^\\## Not a heading$'
in_file "out/a/b/$gpu" '^\\---$'
in_file "out/a/b/$gpu" '^\\# Neither$'
in_file "out/a/b/$gpu" '^\\### Still prose$'
for style in madr adr-tools; do
	rm -rf "rt-$style-1" "rt-$style-2"
	ok decision export-md --dir "rt-$style-1" --style "$style"
	RT=$(new_db "rt-$style")
	ok --db "$RT" init
	ok --db "$RT" import adr "rt-$style-1"
	ok --db "$RT" decision export-md --dir "rt-$style-2" --style "$style"
	CHECKS=$((CHECKS + 1))
	diff -r "rt-$style-1" "rt-$style-2" >/dev/null || fail "$style round trip differs: $(diff -r "rt-$style-1" "rt-$style-2")"
	eq "$(sql_db "$RT" "SELECT problem || '|' || rationale FROM decision WHERE title = 'Cap GPU memory per pod'")" \
	   "$(sql "SELECT problem || '|' || rationale FROM decision WHERE title = 'Cap GPU memory per pod'")" "$style: escaped lines read back as written"
	eq "$(sql_db "$RT" "SELECT count(*) FROM decision_link")" "$(sql "SELECT count(*) FROM decision_link")" "$style: links kept"
done
in_file rt-adr-tools-1/0003-monitor-feature-drift.md '^# 3\. Monitor feature drift$'
in_file rt-adr-tools-1/0003-monitor-feature-drift.md '^Date: 2024-02-05$'
in_file rt-adr-tools-1/0003-monitor-feature-drift.md '^## Status$'
in_file rt-adr-tools-1/0003-monitor-feature-drift.md '^Amended by \[.*\]\(0005-alert-on-drift-per-segment\.md\)$'
if [ "$HAVE_ADR" = 1 ]; then
	echo . >rt-adr-tools-1/.adr-dir
	toc=$(cd rt-adr-tools-1 && adr generate toc)
	OUT=$toc
	has '^\* \[3\. Monitor feature drift\]\(0003-monitor-feature-drift\.md\)$'
	has '^\* \[4\. Serve models with Triton\]\(0004-serve-models-with-triton\.md\)$'
	hasnt '\[-\]'
	# docket decision toc and graph against adr-tools on the same directory
	fresh toc
	mkdir -p tocproj/doc
	cp -r "$FIX/nygard" tocproj/doc/adr
	ok import adr tocproj/doc/adr
	ok decision toc
	eq "$OUT" "$(cd tocproj && adr generate toc)" "decision toc as adr generate toc"
	ok decision toc --prefix docs/adr/
	eq "$OUT" "$(cd tocproj && adr generate toc -p docs/adr/)" "decision toc --prefix as adr generate toc -p"
fi
fresh graph
ok import adr "$FIX/nygard"
ok decision graph
has '^digraph \{'
has 'D4 -> D2 \[label="Supersedes"'
has 'D5 -> D3 \[label="Amends"'
has 'URL="0001-record-architecture-decisions\.html"'
ok decision graph --prefix docs/ --extension .md
has 'URL="docs/0003-monitor-feature-drift\.md"'

# --- what a review found: identity, fences, link forms, headings, dates --------------
# two directories in one database: each is its collection, known by collection and path
fresh collections
ok import adr "$FIX/nygard"
ok import adr "$FIX/madr2" --collection platform
has 'added'
hasnt 'updated'
eq "$(sql "SELECT count(*) || ':' || count(DISTINCT collection) FROM adr_source")" "8:2" "two collections side by side"
eq "$(sql "SELECT title FROM decision d JOIN adr_source s ON s.decision_id = d.id WHERE s.collection = '' AND s.file = '0001-record-architecture-decisions.md'")" \
   "Record architecture decisions" "the first collection's ADR 1 is untouched"
bad "--collection 'Team A' is not" import adr "$FIX/madr2" --collection 'Team A'
# the same files read from one level up: found by their bytes, not added twice
mkdir -p up/adr && cp "$FIX/nygard/"*.md up/adr/
fresh moved
ok import adr up/adr
ok import adr up --recursive --format csv; nocr
hasnt ',added,'
has '^D-1,1,adr/0001-record-architecture-decisions\.md,.*,unchanged,moved from 0001-record-architecture-decisions\.md$'
eq "$(sql "SELECT count(*) FROM decision")" "5" "no duplicates"
# a file reached by a link is one record
fresh symlinked
mkdir sl && cp "$FIX/nygard/0001-record-architecture-decisions.md" sl/ && ln -s 0001-record-architecture-decisions.md sl/0009-link.md
ok import adr sl --format csv; nocr
has '^,,0009-link\.md,,,skipped,the same file as 0001-record-architecture-decisions\.md \(a link to it\)$'
eq "$(sql "SELECT count(*) FROM decision")" "1" "a symlink is not a second decision"
# a closing fence with trailing blanks closes; headings with closing #s; #### is text
fresh fences
mkdir fe
printf '# 1. Build images ##\n\nDate: 2024-02-02\n\n## Status ##\n\nProposed\n\n## Context\n\n```sh\nmake image\n```  \n\n#### Decision\n\nstill context\n\n## Decision\n\nUse Kaniko.\n\n## Consequences\n\nSlower builds.\n' > fe/0001-build-images.md
ok import adr fe
eq "$(sql "SELECT title || '|' || status || '|' || rationale || '|' || consequences FROM decision")" \
   "Build images|proposed|Use Kaniko.|Slower builds." "fence closed, ## Status ## read, #### kept as text"
eq "$(sql "SELECT problem FROM decision")" "$(printf '```sh\nmake image\n```  \n\n#### Decision\n\nstill context')" "the Context as written"
ok decision export-md --dir fe-out
FE2=$(new_db fe2)
ok --db "$FE2" init
ok --db "$FE2" import adr fe-out
ok --db "$FE2" decision export-md --dir fe-out2
diff -r fe-out fe-out2 >/dev/null || fail "fenced text round trip: $(diff -r fe-out fe-out2 | head)"
# links with a title or in angle brackets
fresh linkforms
mkdir lf
nygard lf/0001-one.md "1. One" 'Superseded by [2. Two](0002-two.md "newer")'
nygard lf/0002-two.md "2. Two" 'Accepted

Supersedes [1. One](<0001-one.md>)'
ok import adr lf
eq "$(sql "SELECT id || ':' || status || ':' || coalesce('' || supersedes_id, '-') FROM decision ORDER BY id" | joined ' ')" \
   "1:superseded:- 2:accepted:1" "links with a title and in angle brackets"
# a number leading a title is the title's own when the file has another
fresh numbered
mkdir nt
nygard nt/0012-plan.md "12. 2024: the plan" "Accepted"
ok import adr nt
eq "$(sql "SELECT title FROM decision")" "2024: the plan" "the file's number stripped, the title's kept"
ok decision export-md --dir nt-out
NT2=$(new_db nt2)
ok --db "$NT2" init
ok --db "$NT2" import adr nt-out
eq "$(sql_db "$NT2" "SELECT title FROM decision")" "2024: the plan" "and after a MADR round trip"
# an edit keeps a decided-on date the file never stated; a link-only edit is an update
fresh dates
mkdir dt && printf '# 1. Use MADR\n\n## Context\n\nWe write ADRs.\n' > dt/0001-use-madr.md && touch -d 2021-05-05T12:00:00Z dt/0001-use-madr.md
nygard dt/0002-two.md "2. Two" "Accepted"
ok import adr dt
printf '\nMore context.\n' >> dt/0001-use-madr.md
ok import adr dt --format csv; nocr
has '0001-use-madr\.md,.*,updated,.*date 2021-05-05 as before'
eq "$(sql "SELECT decided_on FROM decision WHERE id = 1")" "2021-05-05" "the date kept"
sed -i 's/^Accepted$/Accepted\n\nAmends [1. Use MADR](0001-use-madr.md)/' dt/0002-two.md
ok import adr dt --format csv; nocr
has '^D-2,2,0002-two\.md,Two,accepted,updated,'
eq "$(sql "SELECT count(*) FROM decision_link")" "1" "the link added"
# a comma inside a name is said, not split silently
fresh commas
mkdir cm && printf -- '---\nstatus: proposed\ndecision-makers: ["Smith, Ann", Bob]\n---\n\n# Pick a scheduler\n' > cm/0001-pick-a-scheduler.md
ok import adr cm --format csv; nocr
has "decision-maker 'Smith, Ann' holds a comma: kept as 'Smith Ann'"
eq "$(sql "SELECT makers FROM decision")" '["Smith Ann","Bob"]' "two makers"
# a chosen option ending in a code span is the option listed
fresh codespan
mkdir cs && printf '# 1. Pick a format\n\n## Considered Options\n\n* [Option `A`](https://a.example)\n* Option B\n\n## Decision Outcome\n\nChosen option: "Option `A`", because it is small.\n' > cs/0001-pick-a-format.md
ok import adr cs
eq "$(sql "SELECT count(*) || ':' || (SELECT ordinal FROM decision_option WHERE chosen = 1) FROM decision_option")" "2:1" "no extra option"

done_
