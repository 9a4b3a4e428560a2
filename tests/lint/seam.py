#!/usr/bin/env python3
"""seam.py ROOT: SQLite is named only in src/core/sqlite/, libpq only in
src/core/postgres/.

Issue 14's storage seam: the core reaches storage only through
include/docket/db.h, and everything that knows it is SQLite lives in
src/core/sqlite/. So no file under ROOT/src or ROOT/include outside
ROOT/src/core/sqlite/ (and so no public header include/docket/*.h, and no
generator in src/gen/) may hold, on any line, comments included:

    \\bsqlite3_\\w              an SQLite function, type or constant
                              (sqlite3_prepare_v2, sqlite3_stmt, ...)
    #include\\s*<sqlite3\\.h>   the SQLite header
    \\bsqlite3\\s*\\*            a connection handle (sqlite3 *db, sqlite3*)

and, the same way, no file outside ROOT/src/core/postgres/ may hold

    \\bPQ[a-z]\\w*\\s*\\(      a libpq call (PQexec(, PQconnectdb(, ...)
    #include\\s*<libpq-fe\\.h>  the libpq header
    \\bPG(conn|result)\\b       a libpq connection or result

(tests/ is not scanned: its support library makes PostgreSQL test
databases with libpq on purpose.)

The rule is exactly these expressions, so that it is simple to
predict: a comment that names "sqlite3" the shell command is none of them;
a comment that names sqlite3_open is one, since it speaks of the engine
where only the seam should.

Every file is read (not only .c and .h: a CMake script or a generator's
input is in the tree too), as UTF-8 with undecodable bytes replaced.

Exit 0 when there is none; 1 with one line "file:line: what: text" per
hit, public headers first; 2 on a usage error.
--self-test ROOT runs this script over planted trees (see selftest.py).
"""

import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

# (engine, the one directory that may name it, its rules)
ENGINES = [
    ("SQLite", os.path.join("src", "core", "sqlite"), [
        ("names an SQLite function or type", re.compile(r"\bsqlite3_\w")),
        ("includes <sqlite3.h>", re.compile(r"#include\s*<sqlite3\.h>")),
        ("holds an sqlite3 handle", re.compile(r"\bsqlite3\s*\*")),
    ]),
    ("libpq", os.path.join("src", "core", "postgres"), [
        ("calls libpq", re.compile(r"\bPQ[a-z]\w*\s*\(")),
        ("includes <libpq-fe.h>", re.compile(r"#include\s*<libpq-fe\.h>")),
        ("holds a libpq connection or result", re.compile(r"\bPG(conn|result)\b")),
    ]),
]


def inside(rel_d, allowed):
    return rel_d == allowed or rel_d.startswith(allowed + os.sep)


def scan(root):
    hits = []
    for top in ("src", "include"):
        for d, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            rel_d = os.path.relpath(d, root)
            rules = [r for _, allowed, rs in ENGINES if not inside(rel_d, allowed) for r in rs]
            for name in sorted(files):
                rel = os.path.join(rel_d, name)
                with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
                    for n, line in enumerate(f, 1):
                        what = [w for w, rx in rules if rx.search(line)]
                        if what:
                            hits.append((rel, n, ", ".join(what), line.strip()))
    return hits


def is_public(rel):
    return rel.startswith(os.path.join("include", "docket") + os.sep) and rel.endswith(".h")


def main(argv):
    if len(argv) == 3 and argv[1] == "--self-test":
        return self_test(argv[2])
    if len(argv) != 2:
        print("usage: seam.py ROOT | --self-test ROOT", file=sys.stderr)
        return 2
    hits = scan(argv[1])
    public = [h for h in hits if is_public(h[0])]
    rest = [h for h in hits if not is_public(h[0])]
    for title, group in (("public headers", public), ("other files", rest)):
        if group:
            print("an engine named outside its backend's directory (%s):" % title)
            for rel, n, what, text in group:
                print("%s:%d: %s: %s" % (rel, n, what, text))
    if hits:
        files = len({h[0] for h in hits})
        print("seam: %d line(s) in %d file(s) (%d public header(s))"
              % (len(hits), files, len({h[0] for h in public})))
        return 1
    print("seam: SQLite is named only in src/core/sqlite/, libpq only in src/core/postgres/")
    return 0


def self_test(src_root):
    import selftest
    clean = {
        "include/docket/db.h": "/* db.h: the storage seam; the backend opens the file with\n"
                               " * sqlite3 (the shell can read it too: sqlite3 docket.db). */\n"
                               "struct dk_db;\nstruct dk_stmt;\n",
        "src/core/sqlite/backend.c": "#include <sqlite3.h>\nstatic sqlite3 *db;\n"
                                     "int f(void) { return sqlite3_open(\"x\", &db); }\n",
        "src/core/risk.c": "#include \"docket/db.h\"\n/* run sqlite3 on the file to look */\n",
        "src/cli/main.c": "int main(void) { return 0; } /* not sqlite3 itself */\n",
    }
    cases = [
        ("a function call in the core fails",
         [("src/core/zz_planted.c", "int f(void)\n{\n\treturn sqlite3_changes(0);\n}\n",
           "src/core/zz_planted.c:3:")]),
        ("a handle in a public header fails",
         [("include/docket/zz_planted.h", "struct dk_db;\nsqlite3 *dk_zz(struct dk_db *db);\n",
           "include/docket/zz_planted.h:2:")]),
        ("sqlite3* without a space fails",
         [("src/cli/zz_planted.c", "\n\nstatic sqlite3* h;\n", "src/cli/zz_planted.c:3:")]),
        ("the include in the generator fails",
         [("src/gen/zz_planted.c", "#include <stdio.h>\n#include <sqlite3.h>\n",
           "src/gen/zz_planted.c:2:")]),
        ("a comment naming an SQLite function fails",
         [("src/core/zz_planted.h", "/* like sqlite3_prepare_v2 */\n", "src/core/zz_planted.h:1:")]),
        ("SQLite in src/core/sqlite/ subdirectories passes",
         [("src/core/sqlite/more/x.c", "sqlite3_stmt *st;\n", None)]),
        ("a libpq call in the core fails",
         [("src/core/zz_planted.c", "int f(void)\n{\n\treturn PQstatus(0);\n}\n",
           "src/core/zz_planted.c:3:")]),
        ("a PGconn in a public header fails",
         [("include/docket/zz_planted.h", "typedef struct pg_conn PGconn;\n",
           "include/docket/zz_planted.h:1:")]),
        ("libpq's header in the SQLite backend fails",
         [("src/core/sqlite/zz_planted.c", "#include <libpq-fe.h>\n",
           "src/core/sqlite/zz_planted.c:1:")]),
        ("libpq in src/core/postgres/ passes",
         [("src/core/postgres/x.c", "#include <libpq-fe.h>\nPGresult *r = PQexec(c, q);\n", None)]),
    ]
    return selftest.selftest(os.path.abspath(__file__), src_root, clean, cases)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
