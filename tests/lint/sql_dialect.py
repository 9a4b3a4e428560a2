#!/usr/bin/env python3
"""sql_dialect.py ROOT: no SQLite-only construct in a portable statement.

The rule is src/core/dialect.h's: a statement is written once in SQL that
SQLite and PostgreSQL both accept, or it is a `struct dk_sql` with a
spelling per engine. This script holds the first kind to it.

What it reads: every .c and .h under ROOT/src except ROOT/src/core/sqlite/
(the backend, which may speak SQLite) and ROOT/src/core/dialect.h (which
defines the hooks). Comments are dropped; nothing is preprocessed (but
see the variants below).
The #defines of ROOT/include/docket/*.h and of dialect.h are read too, as
macros a statement may name.

What a statement is:
  - A literal run: C string literals side by side, which the compiler
    joins into one text, together with what stands between them: a macro
    name (`" DK_X "`), a macro call with its arguments (`" F("p") "`), `#`
    and `##`. Macro names are not expanded; the literals in a macro call's
    arguments are part of the run's text.
  - A statement is a literal run that initialises a `const char` array or
    pointer (static or not, at file scope or in a function; in an array of
    pointers each element is one run), or that stands elsewhere in the code
    (a literal passed straight to a function), and whose text starts, after
    white space, with one of the words SELECT INSERT UPDATE DELETE WITH
    CREATE DROP PRAGMA BEGIN COMMIT ROLLBACK REPLACE ALTER VALUES, in
    capitals (the code spells SQL keywords in capitals; a message such as
    "updated" is not a statement). When a run starts with a macro name, the
    macro's own text decides (WALK(...) whose body starts "WITH ..." is a
    statement); a macro's parameter decides nothing.
  - A dialect variant is a `struct dk_sql` defined with its spellings,
    either spelt out ({ .sqlite = "...", .postgres = "..." }, or by
    position) or written DK_SQL_BOTH(M); in an array of them (of any
    depth) each element is one. Here alone macros are expanded, and only
    those whose text starts with "{" (a module's own DIALECTS(Q, T) that
    writes { .sqlite = Q(DK_SQLITE, T), ... }), so that each spelling is
    known for what it is. A pointer to a variant defines none. A variant's
    .sqlite spelling is exempt; its .postgres spelling is checked like a
    statement (it must not say GLOB either).

What is checked: the text of every statement and .postgres spelling, and
the text of every macro such a text names, however deep (a macro used only
inside .sqlite spellings is exempt; one used anywhere else is not). A hit
in a macro is reported at the macro's line, since that is what to change.
A dialect.h hook is not looked into, but one of the wrong engine is a hit
where it is named: DK_SQLITE_* outside a .sqlite spelling, DK_PG_* outside
a .postgres one. The constructs, word-bounded, inside string literals
only, case-insensitive except MATCH:

    GLOB   iif(   group_concat(   json_each(   json_extract(   MATCH   LIMIT -1

MATCH counts in capitals only, the way the code spells the operator (and
every keyword): search's result column is named "match" in both engines'
spellings, and a name is not the operator.

Output: one line per hit, "file:line: construct: in NAME (what)", then the
counts for issue 14's closing note: plain (portable) statements and
dialect variants. Exit 0 when there is no hit, 1 when there is, 2 on a
usage error. --self-test ROOT runs this script over planted trees.
"""

import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import ctok

KEYWORDS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "CREATE", "DROP", "PRAGMA",
            "BEGIN", "COMMIT", "ROLLBACK", "REPLACE", "ALTER", "VALUES")
KEYWORD_HEAD = re.compile(r"\s*(?:%s)\b" % "|".join(KEYWORDS))
CONSTRUCTS = [
    ("GLOB", re.compile(r"\bGLOB\b", re.I)),
    ("iif(", re.compile(r"\biif\s*\(", re.I)),
    ("group_concat(", re.compile(r"\bgroup_concat\s*\(", re.I)),
    ("json_each(", re.compile(r"\bjson_each\s*\(", re.I)),
    ("json_extract(", re.compile(r"\bjson_extract\s*\(", re.I)),
    # the operator in capitals, as the code spells keywords: a column
    # named match (search's h.match, in both spellings) is a name
    ("MATCH", re.compile(r"\bMATCH\b")),
    ("LIMIT -1", re.compile(r"\bLIMIT\s+-\s*1\b", re.I)),
]
C_KEYWORDS = {"return", "case", "sizeof", "else", "do", "goto", "static", "const", "char",
              "int", "unsigned", "signed", "long", "short", "void", "struct", "if", "while",
              "for", "switch", "extern", "volatile", "register", "typedef", "enum", "union"}
DIALECT_H = os.path.join("src", "core", "dialect.h")
BACKEND = os.path.join("src", "core", "sqlite")


class Macro:
    def __init__(self, define, path, hook):
        self.d = define
        self.path = path
        self.hook = hook  # dialect.h: report at the place that names it


class Run:
    """A literal run: its tokens, where it is, what it is."""

    def __init__(self, path, toks, name, what):
        self.path = path
        self.toks = toks
        self.name = name
        self.what = what  # "statement", "postgres", "sqlite"


def closing(toks, i):
    """The index just past the bracket group opening at toks[i]."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = [pairs[toks[i].value]]
    i += 1
    while i < len(toks) and stack:
        t = toks[i]
        if t.kind == "punct":
            if t.value in pairs:
                stack.append(pairs[t.value])
            elif t.value == stack[-1]:
                stack.pop()
        i += 1
    return i


def value_end(toks, i):
    """The end of an initializer value starting at i: the next , ; or
    closing bracket outside brackets."""
    while i < len(toks):
        t = toks[i]
        if t.kind == "punct":
            if t.value in "([{":
                i = closing(toks, i)
                continue
            if t.value in ",;)]}":
                return i
        i += 1
    return i


def split_list(toks, i):
    """The elements of the brace list opening at toks[i], each as
    (designator, start, end); and the index past the list."""
    end = closing(toks, i) - 1
    out = []
    j = i + 1
    while j < end:
        desig = None
        if (toks[j].value == "." and j + 2 < end and toks[j + 1].kind == "ident"
                and toks[j + 2].value == "="):
            desig = toks[j + 1].value
            j += 3
        elif toks[j].value == "[":
            k = closing(toks, j)
            if k < end and toks[k].value == "=":
                j = k + 1
        e = value_end(toks, j)
        e = min(e, end)
        out.append((desig, j, e))
        j = e + 1
    return out, end + 1


def substitute(params, body, args):
    """A function-like macro's body with its parameters replaced by args
    (token lists), # made a string and ## pasted, as the preprocessor does."""
    val = dict(zip(params, args))
    out = []
    i = 0
    paste = False
    while i < len(body):
        t = body[i]
        if t.value == "##":
            paste = True
            i += 1
            continue
        if t.value == "#" and i + 1 < len(body) and body[i + 1].value in val:
            piece = [ctok.Tok("str", " ".join(a.value for a in val[body[i + 1].value]), t.line,
                              t.path)]
            i += 2
        elif t.kind == "ident" and t.value in val:
            piece = list(val[t.value])
            i += 1
        else:
            piece = [t]
            i += 1
        if paste and out and piece:
            left = out.pop()
            piece = [ctok.Tok("ident", left.value + piece[0].value, left.line, left.path)] + piece[1:]
        paste = False
        out.extend(piece)
    return out


class Scan:
    def __init__(self, root):
        self.root = root
        self.local = {}  # path -> {name: Macro}: a .c file's own #defines
        self.shared = {}  # name -> Macro: the #defines of every header read
        self.runs = []  # every statement and variant spelling
        self.variants = {"spelt out": 0, "DK_SQL_BOTH": 0}
        self.files = []

    # -- reading ---------------------------------------------------------

    def read(self):
        for d, dirs, files in os.walk(os.path.join(self.root, "src")):
            dirs.sort()
            rel_d = os.path.relpath(d, self.root)
            if rel_d == BACKEND or rel_d.startswith(BACKEND + os.sep):
                dirs[:] = []
                continue
            for name in sorted(files):
                rel = os.path.join(rel_d, name)
                if name.endswith((".c", ".h")) and rel != DIALECT_H:
                    self.files.append(rel)
        extra = []
        inc = os.path.join(self.root, "include", "docket")
        if os.path.isdir(inc):
            extra = [os.path.join("include", "docket", n) for n in sorted(os.listdir(inc))
                     if n.endswith(".h")]
        if os.path.exists(os.path.join(self.root, DIALECT_H)):
            extra.append(DIALECT_H)
        parsed = {}
        for rel in self.files + extra:
            with open(os.path.join(self.root, rel), encoding="utf-8", errors="replace") as f:
                toks, defines, _ = ctok.tokenize(f.read())
            parsed[rel] = toks
            # a .c file's macros are its own; a header's are everyone's. The
            # first definition wins: a name defined twice (under #if) is
            # checked as its first spelling
            where = self.shared if rel.endswith(".h") else self.local.setdefault(rel, {})
            for d in defines:
                where.setdefault(d.name, Macro(d, rel, rel == DIALECT_H))
        for rel in self.files:
            self.code(rel, parsed[rel])

    def code(self, path, toks):
        taken = set()
        i = 0
        n = len(toks)
        while i < n:
            t = toks[i]
            prev = toks[i - 1].value if i > 0 else ";"
            if t.kind == "ident" and t.value in ("static", "const", "struct") and \
                    prev in (";", "{", "}"):
                j = self.declaration(path, toks, i, taken)
                if j > i:
                    i = j
                    continue
            i += 1
        # literals outside those declarations: SQL passed straight along
        i = 0
        while i < n:
            if i in taken or toks[i].kind not in ("str", "ident"):
                i += 1
                continue
            j = self.run_end(toks, i)
            has_str = any(toks[k].kind == "str" for k in range(i, j)
                          if self.depth0(toks, i, k))
            if j > i and has_str:
                run = Run(path, toks[i:j], "a literal", "statement")
                if self.is_statement(path, run.toks):
                    run.name = "the statement at line %d" % toks[i].line
                    self.runs.append(run)
                i = j
            else:
                i += 1

    def depth0(self, toks, i, k):
        depth = 0
        for m in range(i, k):
            if toks[m].value == "(":
                depth += 1
            elif toks[m].value == ")":
                depth -= 1
        return depth == 0

    def run_end(self, toks, i):
        """The end of the literal run that starts at i (i itself if none)."""
        j = i
        n = len(toks)
        while j < n:
            t = toks[j]
            if t.kind == "str":
                j += 1
            elif t.kind == "ident" and t.value not in C_KEYWORDS:
                j += 1
                if j < n and toks[j].value == "(":
                    j = closing(toks, j)
            elif t.kind == "punct" and t.value in ("#", "##"):
                j += 1
            else:
                break
        return j

    def declaration(self, path, toks, i, taken):
        """A declaration starting at i: if it is a const char or struct
        dk_sql one with an initializer, record its runs. Returns the index
        past what was read (i when it is no such declaration)."""
        n = len(toks)
        j = i
        spec = []
        while j < n and toks[j].kind == "ident" and toks[j].value in (
                "static", "const", "struct", "dk_sql", "char", "unsigned"):
            spec.append(toks[j].value)
            j += 1
        is_sql = spec[-2:] == ["struct", "dk_sql"] or "dk_sql" in spec
        is_char = "char" in spec and "const" in spec
        if not (is_sql or is_char):
            return i
        while True:
            # the declarator: * const NAME [..] =
            name = None
            while j < n and toks[j].value not in ("=", ";", ",", "("):
                if toks[j].kind == "ident" and toks[j].value != "const":
                    name = toks[j].value
                if toks[j].value == "[":
                    j = closing(toks, j)
                    continue
                j += 1
            if j >= n or toks[j].value in ("(", ";") or name is None:
                return j
            if toks[j].value == ",":
                j += 1
                continue
            j += 1  # past =
            start = j
            if is_sql:
                end = self.sql_init(path, toks, j, name)
            else:
                end = self.char_init(path, toks, j, name)
            taken.update(range(start, end))
            j = end
            if j < n and toks[j].value == ",":
                j += 1
                continue
            return j

    def char_init(self, path, toks, j, name):
        if toks[j].value == "{":
            elems, end = split_list(toks, j)
            for k, (_, s, e) in enumerate(elems):
                if toks[s].value == "{":  # an array of arrays: each inner element
                    inner, _ = split_list(toks, s)
                    for _, s2, e2 in inner:
                        self.statement(path, toks[s2:e2], "%s[%d]" % (name, k))
                else:
                    self.statement(path, toks[s:e], "%s[%d]" % (name, k))
            return end
        e = value_end(toks, j)
        self.statement(path, toks[j:e], name)
        return e

    def statement(self, path, run, name):
        if run and self.is_statement(path, run):
            self.runs.append(Run(path, run, name, "statement"))

    def sql_init(self, path, toks, j, name):
        """A struct dk_sql initializer at j (a variant, or an array of them
        of any depth); returns its end."""
        e = value_end(toks, j)
        if self.pointer_decl(toks, j):
            return e  # a pointer to variants defined elsewhere
        self.variants_in(path, self.expand(path, toks[j:e], keep={"DK_SQL_BOTH"}), 0, name)
        return e

    def pointer_decl(self, toks, j):
        """Whether the declarator just before the = at j - 1 is a pointer."""
        k = j - 2
        while k >= 0 and toks[k].value not in (",", ";", "{", "}", "dk_sql"):
            if toks[k].value == "*":
                return True
            k -= 1
        return False

    def variants_in(self, path, toks, j, name):
        t = toks[j] if j < len(toks) else None
        if t is None:
            return
        if t.kind == "ident" and t.value == "DK_SQL_BOTH":
            self.variants["DK_SQL_BOTH"] += 1
            body = self.expand(path, toks[j:value_end(toks, j)])
            if body and body[0].value == "{":
                self.spellings(path, body, 0, name)
            return
        if t.value != "{":
            return  # a copy of a variant defined elsewhere, or unknown
        elems, _ = split_list(toks, j)
        leaf = all(toks[s].value != "{" and toks[s].value != "DK_SQL_BOTH" for _, s, _ in elems)
        if leaf or any(d in ("sqlite", "postgres") for d, _, _ in elems):
            self.variants["spelt out"] += 1
            self.spellings(path, toks, j, name)
            return
        for k, (_, s, _) in enumerate(elems):
            self.variants_in(path, toks, s, "%s[%d]" % (name, k))

    def spellings(self, path, toks, j, name):
        """The runs of one variant { .sqlite = ..., .postgres = ... }
        (or by position)."""
        elems, _ = split_list(toks, j)
        for k, (desig, s, e) in enumerate(elems):
            which = desig or ("sqlite", "postgres")[min(k, 1)]
            self.runs.append(Run(path, toks[s:e], name,
                                 "sqlite" if which == "sqlite" else "postgres"))

    def expand(self, path, toks, keep=(), depth=0):
        """toks with each structural macro expanded: one whose text starts
        with '{' (a variant or a list of them, as report.c's DIALECTS(Q, T)
        writes one). Other macros stay names. keep: names not expanded."""
        out = []
        i = 0
        n = len(toks)
        while i < n:
            t = toks[i]
            m = self.macro(t.path or path, t.value) if t.kind == "ident" else None
            if (m is None or t.value in keep or depth > 30 or not m.d.body
                    or m.d.body[0].value != "{"):
                out.append(t)
                i += 1
                continue
            body = [ctok.Tok(b.kind, b.value, b.line, m.path) for b in m.d.body]
            if m.d.params is None:
                out.extend(self.expand(path, body, keep, depth + 1))
                i += 1
                continue
            if i + 1 >= n or toks[i + 1].value != "(":
                out.append(t)
                i += 1
                continue
            end = closing(toks, i + 1)
            args = []
            k = i + 2
            while k < end - 1:
                e = value_end(toks, k)
                e = min(e, end - 1)
                args.append(toks[k:e])
                k = e + 1
            out.extend(self.expand(path, substitute(m.d.params, body, args), keep, depth + 1))
            i = end
        return out

    # -- what a run says -------------------------------------------------

    def macro(self, path, name):
        """The macro name means in path, or None."""
        return self.local.get(path, {}).get(name) or self.shared.get(name)

    def head(self, path, toks, seen=()):
        """The text a run starts with, as far as the literals say: the
        first non-blank literal's text, or a macro's head; None when a
        parameter or an unknown name comes first."""
        for t in toks:
            if t.kind == "str":
                if t.value.strip():
                    return t.value
                continue
            if t.kind == "ident":
                m = self.macro(path, t.value)
                if m is None or t.value in seen:
                    return None
                return self.head(m.path, m.d.body, seen + (t.value,))
            return None
        return None

    def is_statement(self, path, toks):
        h = self.head(path, toks)
        return h is not None and KEYWORD_HEAD.match(h) is not None

    def hits_in(self, toks, path):
        """(construct, line, path) for the literal text of toks, joined;
        path is where toks are, unless a token says otherwise."""
        parts = []
        where = []
        off = 0
        for t in toks:
            s = t.value if t.kind == "str" else " "
            parts.append(s)
            where.append((off, t.line, t.path or path))
            off += len(s)
        text = "".join(parts)
        out = []
        for what, rx in CONSTRUCTS:
            for m in rx.finditer(text):
                _, line, p = [w for w in where if w[0] <= m.start()][-1]
                out.append((what, line, p))
        return out

    def dirty(self, path, toks, seen=None):
        """Whether the plain statement toks, or a macro it names however
        deep, holds a construct or names an engine's hook."""
        seen = set() if seen is None else seen
        if self.hits_in(toks, path):
            return True
        for t in toks:
            m = self.macro(t.path or path, t.value) if t.kind == "ident" else None
            if m is not None and m.hook:
                if t.value.startswith(("DK_SQLITE_", "DK_PG_")):
                    return True
            elif m is not None and (m.path, t.value) not in seen:
                seen.add((m.path, t.value))
                if self.dirty(m.path, m.d.body, seen):
                    return True
        return False

    def check(self):
        """(path, line, construct, where) for every hit."""
        hits = []
        done = set()

        def visit(toks, path, label, ctx, top):
            # ctx: "plain", "postgres" or "sqlite", the spelling toks are part
            # of; top: toks are the statement's own (a macro's hits are
            # reported where the macro is first visited)
            if ctx != "sqlite" and top:
                hits.extend((p, line, what, label) for what, line, p in self.hits_in(toks, path))
            for t in toks:
                m = self.macro(t.path or path, t.value) if t.kind == "ident" else None
                if m is None:
                    continue
                if m.hook:
                    # a hook of the other engine is as wrong as a construct
                    wrong = {"plain": ("DK_SQLITE_", "DK_PG_"), "postgres": ("DK_SQLITE_",),
                             "sqlite": ("DK_PG_",)}[ctx]
                    if t.value.startswith(wrong):
                        hits.append((t.path or path, t.line, t.value, label))
                    continue
                if (m.path, t.value, ctx) in done:
                    continue
                done.add((m.path, t.value, ctx))
                inner = "macro %s, used in %s (%s:%d)" % (t.value, label, t.path or path, t.line)
                if ctx != "sqlite":
                    hits.extend((p, line, what, inner)
                                for what, line, p in self.hits_in(m.d.body, m.path))
                visit(m.d.body, m.path, inner, ctx, False)

        for r in self.runs:
            ctx = "plain" if r.what == "statement" else r.what
            label = "%s (%s)" % (r.name, {"plain": "plain statement", "postgres": "postgres "
                                          "spelling", "sqlite": "sqlite spelling"}[ctx])
            visit(r.toks, r.path, label, ctx, True)
        # one line per place and construct, in file order
        seen = set()
        out = []
        for h in sorted(hits, key=lambda h: (h[0], h[1], h[2])):
            if (h[0], h[1], h[2]) not in seen:
                seen.add((h[0], h[1], h[2]))
                out.append(h)
        return out


def main(argv):
    if len(argv) == 3 and argv[1] == "--self-test":
        return self_test(argv[2])
    if len(argv) != 2:
        print("usage: sql_dialect.py ROOT | --self-test ROOT", file=sys.stderr)
        return 2
    scan = Scan(argv[1])
    scan.read()
    hits = scan.check()
    for path, line, what, label in hits:
        print("%s:%d: %s: in %s" % (path, line, what, label))
    plain = [r for r in scan.runs if r.what == "statement"]
    inline = sum(1 for r in plain if r.name.startswith("the statement at"))
    dirty = sum(1 for r in plain if scan.dirty(r.path, r.toks))
    variants = scan.variants["spelt out"] + scan.variants["DK_SQL_BOTH"]
    print("sql_dialect: %d plain statement(s) (%d declared, %d inline in a call), "
          "%d of them portable and %d with a construct above; "
          "%d statement(s) with dialect variants (%d spelt out, %d DK_SQL_BOTH); "
          "%d file(s) read"
          % (len(plain), len(plain) - inline, inline, len(plain) - dirty, dirty, variants,
             scan.variants["spelt out"], scan.variants["DK_SQL_BOTH"], len(scan.files)))
    if hits:
        byc = {}
        for h in hits:
            byc[h[2]] = byc.get(h[2], 0) + 1
        names = [c for c, _ in CONSTRUCTS if c in byc]
        hooks = sum(n for c, n in byc.items() if c not in names)
        print("sql_dialect: %d SQLite-only construct(s) outside a .sqlite spelling: %s"
              % (len(hits), ", ".join(["%s %d" % (c, byc[c]) for c in names] +
                                      (["other engine's hooks %d" % hooks] if hooks else []))))
        return 1
    return 0


def self_test(src_root):
    import selftest
    dialect = (
        "#include \"docket/db.h\"\n"
        "struct dk_sql { const char *sqlite; const char *postgres; };\n"
        "#define DK_SQL_BOTH(M) {.sqlite = M(DK_SQLITE), .postgres = M(DK_PG)}\n"
        "#define DK_SQLITE_STRAGG(x, sep) \"group_concat(\" x \", \" sep \")\"\n"
        "#define DK_PG_STRAGG(x, sep) \"string_agg((\" x \")::text, \" sep \")\"\n")
    clean = {
        "src/core/dialect.h": dialect,
        "src/core/sqlite/backend.c": "static const char SQL_X[] = \"SELECT x GLOB 'a*'\";\n",
        "src/core/tag.c": (
            "#include \"dialect.h\"\n"
            "/* a comment may say GLOB and json_each(x) */\n"
            "static const char SQL_ONE[] = \"SELECT name FROM tag \"\n"
            "\t\"WHERE id = :id\";\n"
            "static const char MSG[] = \"it does not match\";\n"
            "#define COLS \"name, id\"\n"
            "static const char SQL_TWO[] = \"SELECT \" COLS \" FROM tag\";\n"
            "#define SQL_NAMES_TEXT(D) \"SELECT \" D##_STRAGG(\"name\", \"', '\") \" FROM tag\"\n"
            "static const struct dk_sql SQL_NAMES = DK_SQL_BOTH(SQL_NAMES_TEXT);\n"
            "#define FTS_SQLITE \"SELECT rowid FROM tag_fts WHERE tag_fts MATCH :q\"\n"
            "static const struct dk_sql SQL_FIND = {\n"
            "\t.sqlite = FTS_SQLITE \" LIMIT -1\",\n"
            "\t.postgres = \"SELECT id FROM tag WHERE tsv @@ plainto_tsquery(:q)\",\n"
            "};\n"
            "int f(void);\n"
            "int f(void)\n{\n"
            "\tstatic const char sql[] = \"DELETE FROM tag\";\n"
            "\treturn sql[0];\n}\n"),
    }
    P = "src/core/zz_planted.c"
    cases = [
        ("GLOB in a plain statement fails",
         [(P, "static const char SQL_A[] =\n\t\"SELECT 1 \"\n\t\"WHERE 'a' GLOB 'a*'\";\n",
           P + ":3: GLOB")]),
        ("LIMIT -1 split across two literals fails",
         [(P, "static const char SQL_A[] = \"SELECT 1 LIMIT\"\n\t\" -1\";\n",
           P + ":1: LIMIT -1")]),
        ("iif( in a function-local statement fails",
         [(P, "int g(void)\n{\n\tstatic const char q[] = \"SELECT iif(1, 2, 3)\";\n"
              "\treturn q[0];\n}\n", P + ":3: iif(")]),
        ("json_each( in a macro the statement names fails",
         [(P, "#define ITEMS(j) \"(SELECT value FROM json_each(\" j \"))\"\n"
              "static const char SQL_A[] = \"SELECT \" ITEMS(\":j\");\n",
           P + ":1: json_each(")]),
        ("a statement that is a macro call fails",
         [(P, "#define WALK(d) \\\n\t\"WITH w AS (SELECT 1) \" \\\n"
              "\t\"SELECT group_concat(\" d \", ',') FROM w\"\n"
              "static const char SQL_UP[] = WALK(\"up\");\n", P + ":3: group_concat(")]),
        ("a dialect.h hook in a plain statement fails",
         [(P, "#include \"dialect.h\"\nstatic const char SQL_A[] =\n"
              "\t\"SELECT \" DK_SQLITE_STRAGG(\"x\", \"','\") \" FROM t\";\n",
           P + ":3: DK_SQLITE_STRAGG")]),
        ("MATCH in a postgres spelling fails",
         [(P, "#include \"dialect.h\"\nstatic const struct dk_sql SQL_F = {\n"
              "\t.sqlite = \"SELECT 1 WHERE t MATCH :q\",\n"
              "\t.postgres = \"SELECT 1 WHERE t MATCH :q\",\n};\n", P + ":4: MATCH")]),
        ("json_extract( in a DK_SQL_BOTH text fails",
         [(P, "#include \"dialect.h\"\n#define T(D) \"SELECT json_extract(j, '$.a') FROM t\"\n"
              "static const struct dk_sql SQL_T = DK_SQL_BOTH(T);\n", P + ":2: json_extract(")]),
        ("inline SQL passed to a function fails",
         [(P, "int h(void *db)\n{\n\treturn run(db,\n\t\t\"UPDATE t SET a = iif(b, 1, 2)\");\n}\n",
           P + ":4: iif(")]),
        ("an array of statements fails",
         [(P, "static const char *const STEPS[] = {\n\t\"DELETE FROM a\",\n"
              "\t\"SELECT x FROM a WHERE x GLOB 'b*'\",\n};\n", P + ":3: GLOB")]),
        ("a PostgreSQL hook in a .sqlite spelling fails",
         [(P, "#include \"dialect.h\"\nstatic const struct dk_sql SQL_N = {\n"
              "\t.sqlite = \"SELECT \" DK_PG_STRAGG(\"x\", \"','\") \" FROM t\",\n"
              "\t.postgres = \"SELECT \" DK_PG_STRAGG(\"x\", \"','\") \" FROM t\"};\n",
           P + ":3: DK_PG_STRAGG")]),
        ("a postgres spelling that a local macro writes, in an array, fails",
         [(P, "#define V(Q) {.sqlite = Q(DK_SQLITE), .postgres = \"SELECT iif(1, 2, 3)\"}\n"
              "#define QQ(D) \"SELECT 1\"\n"
              "static const struct dk_sql SQL_V[][2] = {{V(QQ), V(QQ)}};\n", P + ":1: iif(")]),
        ("the .sqlite spelling of a macro-made variant passes, and so does a pointer to it",
         [(P, "#define V(Q) {.sqlite = \"SELECT iif(1, 2, 3)\", .postgres = Q(DK_PG)}\n"
              "#define QQ(D) \"SELECT CASE WHEN 1 THEN 2 ELSE 3 END\"\n"
              "static const struct dk_sql SQL_V[] = {V(QQ), V(QQ)};\n"
              "static const struct dk_sql *const ALL[] = {&SQL_V[0], &SQL_V[1]};\n", None)]),
        ("a column named match passes",
         [(P, "static const char SQL_M[] = \"SELECT h.match, snippet(t) AS match FROM h\";\n", None)]),
        ("a message and a .sqlite spelling pass",
         [(P, "static const char *const W[] = {\"match\", \"GLOB\"};\n"
              "static const struct dk_sql SQL_G = {\n"
              "\t.sqlite = \"SELECT 1 WHERE a GLOB 'b'\", .postgres = \"SELECT 1 WHERE a ~ 'b'\"};\n",
           None)]),
    ]
    return selftest.selftest(os.path.abspath(__file__), src_root, clean, cases)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
