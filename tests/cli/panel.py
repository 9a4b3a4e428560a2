#!/usr/bin/env python3
"""The scenario panel: contexts teams run, each with what its blueprint
must hold, asserted on the blueprint's JSON body.

usage: panel.py DOCKET PANEL_FILE [--table]

PANEL_FILE holds scenarios. A scenario starts with "[name]" and has one
"context:" line (the options of docket context add, shell-quoted) and any
number of expectations:

  choose COMPONENT: TEXT      the component is chosen and its choice says TEXT
  absent COMPONENT            no rule chose the component
  avoid: A; B                 no chosen component's choice mentions A or B
  defer COMPONENT             the component is deliberately left out
  nodefer COMPONENT           it is not
  reuses TOOL: C1; C2         the components reuse that stack tool
  gate STAGE METRIC OP X      the stage has that gate with threshold X
  nogate STAGE METRIC         the stage has no gate on the metric
  monitor SIGNAL: TEXT        a monitored signal whose threshold says TEXT
  nomonitor SIGNAL            no such signal
  rollout KIND: TEXT          a rollout, rollback or retraining line says TEXT
  norollout KIND: TEXT        none does
  risk: TEXT                  a proposed residual risk's title says TEXT
  unknown: W1; W2             exactly these stack words are not recognised
  meant: WORD=TOOL            an unknown word was likely meant to name TOOL
  unusable: W1; W2            exactly these stack words name tools the site cannot use
  cloud: NAME                 the cloud the plan used (given or read from the stack)
  note: TEXT                  a note on what does not agree says TEXT
  regimes: R1; R2             exactly these regimes have no rule of their own

Text matches ignore case. Lines starting with # are comments. Every
scenario is generated twice: the bodies must be byte-identical. Exit 0
when every expectation holds, 1 otherwise; --table prints one row per
scenario.

Under valgrind (VALGRIND set, as tests/valgrind/run.sh does) each docket run
costs seconds, so the contexts go in with one docket import contexts, each
is generated once (determinism is the native run's to prove) and the body
is read from the database with the sqlite3 shell: every expectation is
still checked, on 40 docket runs instead of 4 a scenario.
"""
import csv
import io
import json
import os
import shlex
import subprocess
import sys
import tempfile


def run(docket, args, env):
    p = subprocess.run([docket] + args, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("docket %s exited %d: %s" % (" ".join(args), p.returncode, p.stderr.strip()))
    return p.stdout, p.stderr


def parse(path):
    scenarios, cur = [], None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                cur = {"name": line[1:-1], "context": None, "expect": [], "line": n}
                scenarios.append(cur)
            elif cur is None:
                sys.exit("%s:%d: an expectation before the first [scenario]" % (path, n))
            elif line.startswith("context:"):
                cur["context"] = shlex.split(line[len("context:"):])
            else:
                cur["expect"].append((n, line))
    for s in scenarios:
        if s["context"] is None:
            sys.exit("%s:%d: scenario %s has no context: line" % (path, s["line"], s["name"]))
    return scenarios


# the columns of docket import contexts, as the options of context add
CONTEXT_COLUMNS = ["system", "owner", "problem", "model-kind", "deploy-target", "latency-p95-ms",
                   "throughput-rps", "availability", "data-gb", "velocity", "label-delay-days",
                   "team-size", "pipelines", "stack", "cloud", "on-prem", "air-gapped", "gpu",
                   "retrieval", "compliance", "budget-usd-month", "shared-features", "retrain"]
FLAGS = {"on-prem", "air-gapped", "retrieval", "shared-features"}


def contexts_csv(scenarios):
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(CONTEXT_COLUMNS)
    for s in scenarios:
        row, a, k = {"system": s["name"], "owner": "ana"}, s["context"], 0
        while k < len(a):
            name = a[k][2:]
            if name not in CONTEXT_COLUMNS:
                sys.exit("panel: %s: option --%s has no import column" % (s["name"], name))
            if name in FLAGS:
                row[name] = "yes"
                k += 1
            else:
                row[name] = a[k + 1]
                k += 2
        if row.get("air-gapped") == "yes":
            row["on-prem"] = "yes"
        w.writerow([row.get(c, "") for c in CONTEXT_COLUMNS])
    return out.getvalue()


def items(text):
    return [x.strip() for x in text.split(";") if x.strip()]


def check(body, line):
    """None when the expectation holds, else what went wrong."""
    comps = {c["component"]: c for c in body["components"]}
    deferred = {d["component"] for d in body["deferred"]}
    low = lambda s: (s or "").lower()
    word, _, rest = line.partition(" ")
    if ":" in line and word in ("choose", "reuses", "monitor", "rollout", "norollout"):
        head, _, text = line.partition(":")
        arg = head.split(" ", 1)[1].strip() if " " in head else ""
        text = text.strip()
    if word == "choose":
        c = comps.get(arg)
        if c is None:
            return "no component %r (chosen: %s)" % (arg, ", ".join(comps))
        return None if low(text) in low(c["choice"]) else "%s is %r" % (arg, c["choice"])
    if word == "absent":
        return None if rest not in comps else "%s is chosen: %r" % (rest, comps[rest]["choice"])
    if word == "avoid:":
        for bad in items(rest):
            for c in body["components"]:
                if low(bad) in low(c["choice"]):
                    return "%s mentions %r: %r" % (c["component"], bad, c["choice"])
        return None
    if word == "defer":
        return None if rest in deferred else "%s is not deferred (deferred: %s)" % (rest, ", ".join(sorted(deferred)))
    if word == "nodefer":
        return None if rest not in deferred else "%s is deferred" % rest
    if word == "reuses":
        got = {c["component"] for c in body["components"] if c.get("reuses") == arg}
        missing = [c for c in items(text) if c not in got]
        return None if not missing else "%s does not supply %s (it supplies %s)" % (arg, ", ".join(missing), ", ".join(sorted(got)) or "nothing")
    if word in ("gate", "nogate"):
        parts = rest.split()
        stage = next((s for s in body["stages"] if s["name"] == parts[0]), None)
        if stage is None:
            return "no stage %s" % parts[0]
        gates = [g for g in stage["gates"] if g["metric"] == parts[1]]
        if word == "nogate":
            return None if not gates else "%s has a gate on %s" % (parts[0], parts[1])
        want_op, want = parts[2], float(parts[3])
        for g in gates:
            if g["op"] == want_op and abs(g["threshold"] - want) <= 1e-9 * max(1, abs(want)):
                return None
        return "%s gates on %s: %s" % (parts[0], parts[1], ", ".join("%s %s" % (g["op"], g["threshold"]) for g in gates) or "none")
    if word in ("monitor", "nomonitor"):
        name = arg if word == "monitor" else rest
        sig = [m for m in body["monitoring"] if low(m["signal"]) == low(name)]
        if word == "nomonitor":
            return None if not sig else "%s is monitored" % name
        if not sig:
            return "no signal %r (signals: %s)" % (name, ", ".join(m["signal"] for m in body["monitoring"]))
        return None if any(low(text) in low(m["threshold"]) for m in sig) else "%s threshold is %r" % (name, sig[0]["threshold"])
    if word in ("rollout", "norollout"):
        lines = body["rollout"].get(arg, [])
        hit = any(low(text) in low(t) for t in lines)
        if word == "rollout":
            return None if hit else "no %s line says %r (%s)" % (arg, text, " | ".join(lines))
        return None if not hit else "a %s line says %r" % (arg, text)
    if word == "risk:":
        return None if any(low(rest) in low(r["title"]) for r in body["proposed_risks"]) else \
            "no residual risk says %r" % rest
    if word == "unknown:":
        got = body["stack"]["unknown"]
        return None if got == items(rest) else "not recognised: %s" % got
    if word == "meant:":
        w, _, tool = rest.partition("=")
        st = body["stack"]
        pairs = dict(zip(st["unknown"], st["unknown_meant"]))
        return None if pairs.get(w.strip()) == tool.strip() else "meant: %s" % pairs
    if word == "unusable:":
        got = [t["word"] for t in body["stack"]["tools"] if t["tool"] and not t["usable"]]
        return None if got == items(rest) else "not usable: %s" % got
    if word == "cloud:":
        return None if body["stack"]["cloud"] == rest else "cloud is %s" % body["stack"]["cloud"]
    if word == "note:":
        return None if any(low(rest) in low(n) for n in body["notes"]) else "notes: %s" % body["notes"]
    if word == "regimes:":
        got = body["regimes_without_rules"]
        return None if got == items(rest) else "regimes without rules: %s" % got
    return "unknown expectation %r" % line


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    docket, path = sys.argv[1], sys.argv[2]
    table = "--table" in sys.argv[3:]
    scenarios = parse(path)
    work = tempfile.mkdtemp(prefix="docket-panel-")
    env = dict(os.environ, DOCKET_DB=os.path.join(work, "panel.db"), DOCKET_TODAY="2026-11-23",
               DOCKET_ACTOR="panel")
    run(docket, ["init"], env)
    run(docket, ["person", "add", "ana", "--name", "Ana Lima", "--team", "ml"], env)
    run(docket, ["policy", "set", "ml", "--appetite", "9", "--grace-days", "7", "--acceptance-days", "90",
                 "--default-due-days", "30", "--escalate-to", "ana"], env)
    failures, rows = 0, []
    light = bool(os.environ.get("VALGRIND"))
    if light:
        path_csv = os.path.join(work, "contexts.csv")
        with open(path_csv, "w", encoding="utf-8", newline="") as f:
            f.write(contexts_csv(scenarios))
        run(docket, ["import", "contexts", path_csv], env)
    for n, s in enumerate(scenarios, 1):
        if light:
            ctx = "CTX-%d" % n
        else:
            ctx, _ = run(docket, ["context", "add", s["name"], "--owner", "ana"] + s["context"], env)
            ctx = ctx.split()[0]
        keys = []
        for _ in range(1 if light else 2):
            out, _ = run(docket, ["blueprint", "generate", "--context", ctx], env)
            keys.append(out.split()[0])
        if light:
            q = subprocess.run([os.environ.get("SQLITE3", "sqlite3"), env["DOCKET_DB"],
                                "SELECT body_json FROM blueprint WHERE id = %s" % keys[0][3:]],
                               capture_output=True, text=True, check=True)
            bodies = [q.stdout, q.stdout]
        else:
            bodies = [run(docket, ["blueprint", "show", k, "--format", "json"], env)[0] for k in keys]
        body = json.loads(bodies[0])
        bad = []
        if bodies[0] != bodies[1]:
            bad.append("%s: two generations differ" % s["name"])
        for n, line in s["expect"]:
            why = check(body, line)
            if why:
                bad.append("%s:%d [%s] %s: %s" % (path, n, s["name"], line, why))
        for b in bad:
            print("FAIL: " + b, file=sys.stderr)
        failures += len(bad)
        reused = sorted({c["reuses"] for c in body["components"] if c.get("reuses")})
        rows.append((s["name"], len(body["components"]), len(body["deferred"]), len(body["proposed_risks"]),
                     sum(len(st["gates"]) for st in body["stages"]), ", ".join(reused) or "-",
                     len(s["expect"]) - len(bad), len(s["expect"])))
    if table:
        print("| scenario | components | deferred | risks | gates | reuses from the stack | expectations held |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for r in rows:
            print("| %s | %d | %d | %d | %d | %s | %d of %d |" % r)
    total = sum(r[7] for r in rows)
    print("panel: %d scenarios, %d expectations, %d failed" % (len(rows), total, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
