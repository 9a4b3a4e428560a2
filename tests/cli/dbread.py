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

    python3 dbread.py DB SQL

prints the rows of one query as the sqlite3 shell's list mode would if DB
were a SQLite file: '|' between columns, NULL as nothing, and on
PostgreSQL a real as SQLite writes one (15 significant digits, always a
decimal point: 50.0, 0.1, 1.0e+20) and a boolean as 1 or 0, so that rows
from the two engines compare as text.
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

    def run(self, script):
        """The non-empty lines psql prints for the script (statements on stdin)."""
        env = dict(os.environ, PGOPTIONS="-c search_path=docket")
        out = subprocess.run([self.psql, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url,
                              "-f", "-"], input=script, env=env, capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError("dbread: psql: %s" % out.stderr.strip())
        return [line for line in out.stdout.splitlines() if line]

    def execute(self, sql, params=()):
        query = "SELECT row_to_json(q) FROM (%s) AS q;\n" % _bind(sql, params).rstrip().rstrip(";")
        # keys in column order, and repeated ones (two unnamed columns) kept
        return _Rows([tuple(json.loads(line, object_pairs_hook=lambda kv: [v for _, v in kv]))
                      for line in self.run(query)])


def sqlite_real(x):
    """x as SQLite writes a REAL ("%!.15g"; a negative zero as 0.0)."""
    s = "%.15g" % (x if x != 0 else 0.0)
    if not any(c.isdigit() for c in s):
        return s
    mantissa, _, exponent = s.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    return mantissa + ("e" + exponent if exponent else "")


def _as_sqlite(value, kind):
    if value is None:
        return ""
    if kind in ("double precision", "real"):
        return sqlite_real(float(value))
    if kind == "boolean":
        return "1" if value else "0"
    if isinstance(value, float):
        return sqlite_real(value)
    return str(value)


def list_mode(db, sql):
    """The lines sqlite3 would print for sql on db (see the top)."""
    if not db.startswith(("postgresql://", "postgres://")):
        return ["|".join(_as_sqlite(v, None) for v in row) for row in sqlite3.connect(db).execute(sql)]
    pg = _Postgres(db)
    body = sql.rstrip().rstrip(";")
    # psql's \gdesc: a line "name|type" a column, before the rows
    mark = "--dbread: rows--"
    lines = pg.run("%s \\gdesc\n\\echo %s\nSELECT row_to_json(q) FROM (%s) AS q;\n" % (body, mark, body))
    at = lines.index(mark)
    kinds = [line.rsplit("|", 1)[1] for line in lines[:at]]
    rows = [json.loads(line, object_pairs_hook=lambda kv: [v for _, v in kv]) for line in lines[at + 1:]]
    return ["|".join(_as_sqlite(v, k) for v, k in zip(row, kinds)) for row in rows]


def connect(db):
    if db.startswith(("postgresql://", "postgres://")):
        return _Postgres(db)
    return sqlite3.connect(db)


if __name__ == "__main__":
    import sys
    if len(sys.argv) != 3:
        sys.exit("usage: dbread.py DB SQL")
    for line in list_mode(sys.argv[1], sys.argv[2]):
        print(line)
