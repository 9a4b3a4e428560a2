"""ctok.py: just enough of a C tokenizer for the lints.

Comments are dropped; string literals, identifiers, numbers, character
constants and punctuation become tokens with their line; preprocessor
directives are read with their continuation lines, and a #define's body
is kept as a token list of its own. Nothing is expanded. This is not a C
parser: it knows what it needs to find string literals and what they
initialise, and no more.
"""

import re

IDENT = re.compile(r"[A-Za-z_]\w*")
NUMBER = re.compile(r"[0-9][\w.]*|\.[0-9][\w.]*")


class Tok:
    __slots__ = ("kind", "value", "line", "path")

    def __init__(self, kind, value, line, path=None):
        self.kind = kind  # "str", "ident", "num", "char", "punct"
        self.value = value  # a string literal's value is its text between the quotes
        self.line = line
        self.path = path  # set on a copy taken from another file's macro

    def __repr__(self):
        return "%s(%r)@%d" % (self.kind, self.value, self.line)


class Define:
    def __init__(self, name, line, params, body):
        self.name = name
        self.line = line
        self.params = params  # None for an object-like macro
        self.body = body  # list of Tok


def _splice(text):
    """The text with backslash-newline removed, and for each character
    left its line number (1-based) in the original."""
    out = []
    lines = []
    line = 1
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] == "\n":
            i += 2
            line += 1
            continue
        if c == "\\" and text.startswith("\\\r\n", i):
            i += 3
            line += 1
            continue
        out.append(c)
        lines.append(line)
        if c == "\n":
            line += 1
        i += 1
    return "".join(out), lines


def tokenize(text):
    """(tokens, defines, includes): the code outside directives, each
    #define, and each #include "..." as (name, line)."""
    s, lines = _splice(text)
    n = len(s)
    toks = []
    defines = []
    includes = []
    cur = toks  # where tokens go: the code, or a #define's body
    in_directive = False
    at_line_start = True
    i = 0

    def ln(k):
        return lines[k] if k < len(lines) else (lines[-1] if lines else 1)

    while i < n:
        c = s[i]
        if c == "\n":
            if in_directive:
                in_directive = False
                cur = toks
            at_line_start = True
            i += 1
            continue
        if c in " \t\r\f\v":
            i += 1
            continue
        if s.startswith("/*", i):
            j = s.find("*/", i + 2)
            i = n if j < 0 else j + 2
            continue
        if s.startswith("//", i):
            j = s.find("\n", i)
            i = n if j < 0 else j
            continue
        if c == "#" and at_line_start and not in_directive:
            at_line_start = False
            m = re.compile(r"#[ \t]*(\w*)").match(s, i)
            word = m.group(1)
            i = m.end()
            if word == "define":
                m2 = re.compile(r"[ \t]*([A-Za-z_]\w*)").match(s, i)
                if not m2:
                    in_directive = True
                    cur = []
                    continue
                name = m2.group(1)
                line = ln(m2.start(1))
                i = m2.end()
                params = None
                if i < n and s[i] == "(":
                    j = s.find(")", i)
                    params = [p.strip() for p in s[i + 1:j].split(",") if p.strip()]
                    i = j + 1
                d = Define(name, line, params, [])
                defines.append(d)
                cur = d.body
                in_directive = True
                continue
            if word == "include":
                m2 = re.compile(r'[ \t]*"([^"\n]*)"').match(s, i)
                if m2:
                    includes.append((m2.group(1), ln(m2.start(1))))
            # any other directive: skip to its end of line
            j = s.find("\n", i)
            # a comment may hide the newline ("/* ... \n ... */"): skip it whole
            k = s.find("/*", i)
            while k >= 0 and (j < 0 or k < j):
                e = s.find("*/", k + 2)
                if e < 0:
                    j = -1
                    break
                j = s.find("\n", e + 2)
                k = s.find("/*", e + 2)
            i = n if j < 0 else j
            continue
        at_line_start = False
        if c == '"':
            j = i + 1
            while j < n and s[j] != '"' and s[j] != "\n":
                j += 2 if s[j] == "\\" else 1
            cur.append(Tok("str", s[i + 1:j], ln(i)))
            i = j + 1
            continue
        if c == "'":
            j = i + 1
            while j < n and s[j] != "'" and s[j] != "\n":
                j += 2 if s[j] == "\\" else 1
            cur.append(Tok("char", s[i + 1:j], ln(i)))
            i = j + 1
            continue
        m = IDENT.match(s, i)
        if m:
            cur.append(Tok("ident", m.group(0), ln(i)))
            i = m.end()
            continue
        m = NUMBER.match(s, i)
        if m:
            cur.append(Tok("num", m.group(0), ln(i)))
            i = m.end()
            continue
        if s.startswith("##", i):
            cur.append(Tok("punct", "##", ln(i)))
            i += 2
            continue
        cur.append(Tok("punct", c, ln(i)))
        i += 1
    return toks, defines, includes
