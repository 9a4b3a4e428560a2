"""dbread: an independent reader of a docket database for the end-to-end
tests' Python checks, on either engine.

    import dbread
    db = dbread.connect(os.environ["DOCKET_DB"])   # a file, or postgresql://...
    for handle, name in db.execute("SELECT handle, name FROM person"): ...
    db.execute("SELECT row FROM audit_log WHERE seq = ?", (5,)).fetchone()[0]

A file is opened with Python's sqlite3. A PostgreSQL URL is read through
psql (PG_BIN, default /usr/lib/postgresql/15/bin) in the schema docket:
each row comes back as row_to_json's object, so integers are ints, texts
are str and NULL is None as with sqlite3 (a real that is whole comes back
as an int, equal to sqlite3's float). Parameters are '?' outside quotes,
given as str or int and written into the statement as literals: a test's
own values, never anyone else's.
"""
import json
import os
import sqlite3
import subprocess


class _Rows:
    def __init__(self, rows):
        self._rows = rows

    def __iter__(self):
        return iter(self._rows)

    def fetchall(self):
        return list(self._rows)

    def fetchone(self):
        return self._rows[0] if self._rows else None


def _literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return "'" + v.replace("'", "''") + "'"
    raise TypeError("dbread: a parameter is a str or an int, not %r" % (v,))


def _bind(sql, params):
    out, quote, params = [], None, list(params)
    for c in sql:
        if quote:
            quote = None if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == "?":
            if not params:
                raise ValueError("dbread: more '?' than parameters in %s" % sql)
            out.append(_literal(params.pop(0)))
            continue
        out.append(c)
    if params:
        raise ValueError("dbread: more parameters than '?' in %s" % sql)
    return "".join(out)


class _Postgres:
    def __init__(self, url):
        self.url = url
        self.psql = os.path.join(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"), "psql")

    def execute(self, sql, params=()):
        query = "SELECT row_to_json(q) FROM (%s) AS q" % _bind(sql, params).rstrip().rstrip(";")
        env = dict(os.environ, PGOPTIONS="-c search_path=docket")
        out = subprocess.run([self.psql, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url,
                              "-c", query], env=env, capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError("dbread: psql: %s" % out.stderr.strip())
        # keys in column order, and repeated ones (two unnamed columns) kept
        return _Rows([tuple(json.loads(line, object_pairs_hook=lambda kv: [v for _, v in kv]))
                      for line in out.stdout.splitlines() if line])


def connect(db):
    if db.startswith(("postgresql://", "postgres://")):
        return _Postgres(db)
    return sqlite3.connect(db)
