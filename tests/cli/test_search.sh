#!/bin/bash
# --search on risk, evidence, review, context (and decision) list, and
# docket search across kinds: the same query rules everywhere, indexes kept
# in step by triggers, checked by audit verify, built for old databases by
# migration 0012.
. "$(dirname "$0")/lib.sh"
seed

ok risk add --title "Feature drift in the ranker" --owner ana --likelihood 3 --impact 4 --due +30d \
	--description "Training and serving features diverge after the registry upgrade"
ok risk add --title "Cold starts" --owner bo --likelihood 2 --impact 2 --due +10d --category model
ok evidence add --kind benchmark --title "Canary latency benchmark" --summary "p95 under 120 ms for the ranker" \
	--uri https://ci.example.org/run/42
ok evidence add --kind incident --title "Knative outage" --collected 2026-11-01
ok review add --on 2026-11-20 --attendees ana,bo --notes "We agreed on a canary rollout; drift stays a risk"
ok review add --on 2026-11-21 --attendees bo --notes "Cost review"
ok context add ranker --owner ana --problem online --stack k8s,airflow --compliance gdpr \
	--assumption "traffic doubles by Q3" --velocity "2 GB/day"
ok context add fraud --owner bo --problem batch --stack spark
ok decision add --title "Serve the ranker with KServe" --area serving --problem "the ranker needs canaries" \
	--option "KServe|pro: canary rollouts" --option BentoML --chosen KServe --rationale "registry support"

# every list: words or their beginnings, all of which must appear
ok risk list --search drift
has '^R-1 '
hasnt '^R-2 '
ok risk list --search "regis upgr"
has '^R-1 '
ok risk list --search "drift cold"
eq "$(echo "$OUT" | grep -c '^R-')" 0 "every word must match"
ok risk list --search cold --category model
has '^R-2 '
ok evidence list --search canar
has '^EV-1 '
hasnt '^EV-2 '
ok evidence list --search "ci.example.org"
has '^EV-1 '
ok evidence list --search knative --kind incident
has '^EV-2 '
ok review list --search rollout
has '^RV-1 '
hasnt '^RV-2 '
ok context list --search gdpr
has '^CTX-1 '
hasnt '^CTX-2 '
ok context list --search "spark"
has '^CTX-2 +fraud'
ok decision list --search canar
has '^D-1 '

# query syntax in the text is only text: quotes, operators, columns
ok risk list --search 'drift"' --format csv
has '^R-1,'
for q in 'NEAR(drift)' 'title:drift' 'drift OR cold' '"drift' 'AND'; do
	ok risk list --search "$q" --format csv
done
bad "--search '  ' has no words" risk list --search "  "
bad "--search '- ; \\(' has no words" evidence list --search "- ; ("
bad "--search '.*' has no words" review list --search "."
bad "--search '\\*' has no words" risk list --search '*'
bad "--search .* has a control character" context list --search "$(printf 'a\tb\001')"
bad "--search .* is too long" risk list --search "$(printf 'w%.0s' $(seq 1 501))"

# docket search: every kind, best first, with where it matched
ok search canary
has '^KIND +KEY +TITLE +FIELD +MATCH'
has '^decision +D-1 +Serve the ranker with KServe'
has '^evidence +EV-1 +Canary latency benchmark +title'
has '^review +RV-1 +review on 2026-11-20 +notes +.*\[canary\] rollout'
hasnt 'R-1'
ok search ranker --format csv
has '^kind,key,title,field,match'
has '^risk,R-1,Feature drift in the ranker,title,'
has '^context,CTX-1,ranker revision 1,system,\[ranker\]'
has '^evidence,EV-1,Canary latency benchmark,summary,'
ok search drift --kind risk --format json
has '"kind": "risk", "key": "R-1"'
hasnt '"review"'
ok search drift ranker
has 'R-1'
hasnt 'RV-1'
ok search ranker --limit 2 --format csv
eq "$(echo "$OUT" | wc -l)" 3 "--limit 2: a header and two rows"
ok search ranker --format md
has '^\| kind \| key \| title \| field \| match \|'
ok search nothingmatches
hasnt 'R-'
bad "--kind 'riskk' is not one of.*risk" search drift --kind riskk
bad "--limit '0'.*1" search drift --limit 0
bad "--limit 'x'" search drift --limit x
bad "search '\\?!' has no words" search '?!'
bad "TEXT... is required" search

# the indexes follow every change, and audit verify holds them to the records
ok risk update R-2 --title "Cold starts after scale to zero" --description "replicas reach zero at night"
ok risk list --search replicas
has '^R-2 '
ok risk step add R-2 --check "p95 after scale-up" --metric p95_latency_ms --op '<=' --threshold 120
ok risk step record VS-1 --value 90
ok risk close R-2 --reason "min replicas set to one"
ok risk list --search "min replicas" --status all
has '^R-2 .*closed'
ok search replicas --format csv
has '^risk,R-2,.*,description reasons,'
ok context revise CTX-2 --stack spark,flink
ok context list --search flink
has '^CTX-3 '
ok context list --search spark --all --format csv
eq "$(echo "$OUT" | grep -c '^CTX-')" 2 "both revisions name spark"
ok audit verify
has 'intact'

# a record's index row edited or dropped behind docket's back is found
# (SQLite's FTS5 tables and PostgreSQL's tsvector tables alike)
sql "UPDATE risk_fts SET title = 'nothing to see' WHERE rowid = 1"
status 1 audit verify --format csv
has 'search,,risk 1,the search index holds text no risk has'
has 'search,,risk 1,the search index is missing or stale for it'
sql "DELETE FROM risk_fts WHERE rowid = 1; INSERT INTO risk_fts (rowid, title, description, reasons) SELECT id, title, description, reasons FROM risk_fts_source WHERE id = 1"
sql "DELETE FROM evidence_fts WHERE rowid = 2"
status 1 audit verify --format csv
has 'search,,evidence 2,the search index is missing or stale for it'
hasnt 'risk 1'
sql "INSERT INTO evidence_fts (rowid, title, summary, uri) SELECT id, title, summary, uri FROM evidence_fts_source WHERE id = 2"
sql "INSERT INTO review_fts (rowid, notes) VALUES (9, 'planted')"
status 1 audit verify --format csv
has 'search,,review 9,the search index holds text no review has'
sql "DELETE FROM review_fts WHERE rowid = 9"
sql "DROP TABLE context_fts"
status 1 audit verify --format csv
has 'search,,context_fts,the search index is missing'

# the rest is SQLite's: older SQLite databases migrated
if on_pg; then
	echo "test_search.sh: the older databases are SQLite's: the SQLite run has them"
	done_
fi

# an older database: migrate builds the indexes from the records it holds
if [ -n "${DK_SQL:-}" ]; then
	prev=$(ls "$DOCKET_SOURCE_DIR"/migrations/[0-9][0-9][0-9][0-9]_*.sql | sed 's|.*/0*\([0-9][0-9]*\)_.*|\1|' |
		awk '$1 < 12' | tail -1)
	for v in 1 "$prev"; do
		db="$T/old-$v.db"
		make_old_db "$db" "$v"
		"$DK_SQL" "$db" < "$DOCKET_SOURCE_DIR/tests/migrate/v1_records.sql" || fail "filling the version $v database"
		ok --db "$db" migrate
		has "schema version $v -> "
		ok --db "$db" risk list --search knative
		has '^R-2 +Knative upgrades'
		ok --db "$db" risk list --search "blast radius"
		has '^R-2 '
		ok --db "$db" risk list --search replicas --status all
		has '^R-3 +Cold starts'
		ok --db "$db" evidence list --search "rps"
		has '^EV-1 '
		ok --db "$db" review list --search agreed
		has '^RV-1 '
		ok --db "$db" context list --all --search airflow --format csv
		eq "$(echo "$OUT" | grep -c '^CTX-')" 2 "every revision of an old context"
		ok --db "$db" search knative --format csv
		has '^decision,D-1,'
		has '^evidence,EV-2,Knative outage,title'
		has '^risk,R-2,Knative upgrades,title'
		ok --db "$db" audit verify
		has 'intact'
		ok --db "$db" risk update R-1 --description "features drift after the registry upgrade"
		ok --db "$db" risk list --search registry
		has '^R-1 '
		ok --db "$db" audit verify
	done
else
	# as in test_migrate_v1: the valgrind build has no dk_sql to fill an old database
	echo "test_search.sh: old databases skipped, DK_SQL (the tests/migrate/dk_sql helper) is not set"
fi
done_
