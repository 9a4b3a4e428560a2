#!/usr/bin/env python3
"""risks_csv.py N DIR: the benchmarks' import files, written into DIR.

people.csv: 500 people in 20 teams (p000 .. p499, team-00 .. team-19).
risks.csv: N risks owned by them in turn, due through 2027, every
likelihood and impact, six categories and four treatments; every third
has a description with quotes and a comma. Shared by import_export.sh and
postgres.sh, so both time the same rows.
"""
import csv
import sys

n, w = int(sys.argv[1]), sys.argv[2]
cats = ["data", "model", "ops", "security", "compliance", "cost"]
treat = ["mitigate", "accept", "transfer", "avoid"]
with open(w + "/people.csv", "w", newline="") as f:
    c = csv.writer(f)
    c.writerow(["handle", "name", "team"])
    for i in range(500):
        c.writerow(["p%03d" % i, "Person %d" % i, "team-%02d" % (i % 20)])
with open(w + "/risks.csv", "w", newline="") as f:
    c = csv.writer(f)
    c.writerow(["title", "owner", "due", "likelihood", "impact", "category", "treatment", "description"])
    for i in range(n):
        c.writerow(["Risk %d: the model drifts, again" % i, "p%03d" % (i % 500),
                    "2027-%02d-%02d" % (i % 12 + 1, i % 28 + 1), i % 5 + 1, (i // 5) % 5 + 1,
                    cats[i % 6], treat[i % 4],
                    "Seen in review %d; \"watch\" the p95, see runbook" % (i % 1000) if i % 3 == 0 else ""])
