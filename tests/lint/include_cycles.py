#!/usr/bin/env python3
"""include_cycles.py ROOT: no circle of #include between core modules.

The graph is drawn between modules, not files, since a module is what a
reader has to understand whole:

  - A public header ROOT/include/docket/X.h is module X.
  - A .c file or internal header in ROOT/src/core (any depth, so the
    backend in src/core/sqlite/ too) belongs to the module of the longest
    public header name that is its base name, or a prefix of it followed
    by "_": adr_parse.c -> adr, decision_update.c -> decision,
    cond_tree.h -> cond, risk_rows.h -> risk; were there a public
    adr_store.h, adr_store.c would be module adr_store (the longest name
    wins). A file with no such header is a module of its own, by its base
    name: lockinfo.c and lockinfo.h -> lockinfo, dialect.h -> dialect.
  - Module A depends on module B when a file of A says #include "..." of a
    file of B (resolved beside the including file, then under ROOT/include;
    comments do not count, #include <...> and files outside these two
    places are not in the graph; #if is not followed, so an #include
    under any condition counts).

A cycle is a set of two or more modules each of which reaches the others
(a strongly connected component). For each, the script prints the
modules, one shortest circle through them, and every #include line
between two of its modules. Exit 0 when there is none, 1 when there is,
2 on a usage error. --self-test ROOT runs this script over planted trees.
"""

import os
import sys
from collections import deque

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import ctok


def files(root):
    out = []
    inc = os.path.join(root, "include", "docket")
    if os.path.isdir(inc):
        out += [os.path.join("include", "docket", n) for n in sorted(os.listdir(inc))
                if n.endswith(".h")]
    for d, dirs, names in os.walk(os.path.join(root, "src", "core")):
        dirs.sort()
        out += [os.path.relpath(os.path.join(d, n), root) for n in sorted(names)
                if n.endswith((".c", ".h"))]
    return out


def module_of(rel, public):
    base = os.path.splitext(os.path.basename(rel))[0]
    if rel.startswith(os.path.join("include", "docket") + os.sep):
        return base
    best = None
    for p in public:
        if (base == p or base.startswith(p + "_")) and (best is None or len(p) > len(best)):
            best = p
    return best or base


def graph(root):
    fs = files(root)
    public = {os.path.splitext(os.path.basename(f))[0] for f in fs
              if f.startswith(os.path.join("include", "docket") + os.sep)}
    known = set(fs)
    mod = {f: module_of(f, public) for f in fs}
    edges = {}  # (a, b) -> [(file, line, included)]
    for f in fs:
        with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
            _, _, includes = ctok.tokenize(fh.read())
        for name, line in includes:
            target = None
            for cand in (os.path.join(os.path.dirname(f), name), os.path.join("include", name)):
                cand = os.path.normpath(cand)
                if cand in known:
                    target = cand
                    break
            if target is None:
                continue
            a, b = mod[f], mod[target]
            if a != b:
                edges.setdefault((a, b), []).append((f, line, name))
    return set(mod.values()), edges


def components(nodes, edges):
    """Strongly connected components (Tarjan), each a sorted list."""
    succ = {n: sorted({b for (a, b) in edges if a == n}) for n in nodes}
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in succ[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            strong(v)
    return sorted(c for c in out if len(c) > 1)


def shortest_circle(comp, edges):
    """The shortest circle through comp's first module, inside comp."""
    inside = set(comp)
    start = comp[0]
    prev = {start: None}
    q = deque([start])
    while q:
        v = q.popleft()
        for (a, b) in sorted(edges):
            if a != v or b not in inside:
                continue
            if b == start:
                path = [v]
                while prev[path[-1]] is not None:
                    path.append(prev[path[-1]])
                return list(reversed(path)) + [start]
            if b not in prev:
                prev[b] = v
                q.append(b)
    return [start]


def main(argv):
    if len(argv) == 3 and argv[1] == "--self-test":
        return self_test(argv[2])
    if len(argv) != 2:
        print("usage: include_cycles.py ROOT | --self-test ROOT", file=sys.stderr)
        return 2
    nodes, edges = graph(argv[1])
    comps = components(nodes, edges)
    for comp in comps:
        print("cycle: {%s}" % ", ".join(comp))
        print("  for example: %s" % " -> ".join(shortest_circle(comp, edges)))
        inside = set(comp)
        for (a, b) in sorted(edges):
            if a in inside and b in inside:
                for f, line, name in edges[(a, b)]:
                    print("  %s:%d: #include \"%s\"  (%s -> %s)" % (f, line, name, a, b))
    print("include_cycles: %d module(s), %d dependencies between them, %d cycle(s)"
          % (len(nodes), len(edges), len(comps)))
    return 1 if comps else 0


def self_test(src_root):
    import selftest
    clean = {
        "include/docket/adr.h": "#include \"docket/db.h\"\n",
        "include/docket/adr_store.h": "#include \"docket/adr.h\"\n",
        "include/docket/db.h": "/* #include \"docket/adr.h\" in a comment is no edge */\n",
        "src/core/adr_parse.c": "#include \"docket/adr.h\"\n#include \"adr_words.h\"\n",
        "src/core/adr_words.h": "#include <stdio.h>\n",
        "src/core/adr_store.c": "#include \"docket/adr_store.h\"\n#include \"lockinfo.h\"\n",
        "src/core/lockinfo.h": "#include \"docket/db.h\"\n",
        "src/core/lockinfo.c": "#include \"lockinfo.h\"\n",
        "src/core/db.c": "#include \"docket/db.h\"\n",
    }
    cases = [
        ("two public headers that include each other fail",
         [("include/docket/zz_one.h", "#include \"docket/zz_two.h\"\n", None),
          ("include/docket/zz_two.h", "\n#include \"docket/zz_one.h\"\n",
           "include/docket/zz_two.h:2: #include \"docket/zz_one.h\"  (zz_two -> zz_one)")]),
        ("a .c file of a module that includes a module that includes it fails",
         [("include/docket/zz_one.h", "#include \"docket/zz_two.h\"\n", None),
          ("include/docket/zz_two.h", "\n", None),
          ("src/core/zz_two_part.c", "#include \"docket/zz_two.h\"\n\n#include \"docket/zz_one.h\"\n",
           "src/core/zz_two_part.c:3: #include \"docket/zz_one.h\"  (zz_two -> zz_one)")]),
        ("a circle of three through an internal header fails",
         [("include/docket/zz_a.h", "#include \"docket/zz_b.h\"\n", None),
          ("include/docket/zz_b.h", "#include \"docket/zz_c.h\"\n", None),
          ("include/docket/zz_c.h", "\n", None),
          ("src/core/zz_c_rows.h", "#include \"docket/zz_a.h\"\n", None),
          ("src/core/zz_c.c", "#include \"zz_c_rows.h\"\n#include \"docket/zz_c.h\"\n",
           "src/core/zz_c_rows.h:1: #include \"docket/zz_a.h\"  (zz_c -> zz_a)")]),
        ("a module's own files include each other freely",
         [("src/core/adr_words.c", "#include \"adr_words.h\"\n#include \"docket/adr.h\"\n", None),
          ("src/core/adr_words.h", "#include \"docket/adr.h\"\n", None)]),
    ]
    return selftest.selftest(os.path.abspath(__file__), src_root, clean, cases)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
