-- docket schema for PostgreSQL, migration 0001: the whole data model, as
-- migrations/0001_data_model.sql builds it in SQLite (schema docket; docket
-- sets search_path = docket on every connection, and everything below names
-- its objects through it). Every register table has an integer id, a UUID,
-- created_at (UTC) and created_by; enumerations, ranges and dates are CHECK
-- constraints; every write is copied into audit_log by the triggers at the
-- end of this file.
--
-- The spellings that differ from SQLite's: GLOB is a regular expression
-- (x NOT GLOB '*[^a-z]*' is x !~ '[^a-z]'; a whole-text GLOB is anchored),
-- date(x) IS x is docket_is_date(x), json_valid and json_type are
-- docket_json_valid and docket_json_array, and each rule a trigger RAISEs
-- is a PL/pgSQL function of the trigger's name raising the same message
-- with SQLSTATE 23514 (class 23, as a constraint). SQLite's application_id
-- has no counterpart: the schema docket and its schema_migration rows say
-- what the database is.

-- docket's SQL functions (the SQLite backend defines the same names in C).

-- SHA-256 of the UTF-8 bytes of t, as 64 lower-case hex digits.
CREATE FUNCTION docket_sha256(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN encode(sha256(convert_to(t, 'UTF8')), 'hex');

-- A random (version 4) UUID, as 36 lower-case characters.
CREATE FUNCTION docket_uuid() RETURNS text
  LANGUAGE sql VOLATILE PARALLEL SAFE
  RETURN gen_random_uuid()::text;

-- Who is writing: the session's docket.actor (docket sets it for the
-- acting person), else the database user.
CREATE FUNCTION docket_actor() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN coalesce(nullif(current_setting('docket.actor', true), ''), session_user::text);

-- The time now in UTC, as SQLite's strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
-- and strftime('%Y-%m-%dT%H:%M:%fZ', 'now') write it (the milliseconds
-- truncated, as docket's SQLite functions do).
CREATE FUNCTION docket_now() RETURNS text
  LANGUAGE sql VOLATILE PARALLEL SAFE
  RETURN to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
CREATE FUNCTION docket_now_ms() RETURNS text
  LANGUAGE sql VOLATILE PARALLEL SAFE
  RETURN to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');

-- Whether d is a date: YYYY-MM-DD (years 0000 to 9999) naming a day of the
-- proleptic Gregorian calendar, as docket's own date parsing requires
-- (SQLite's date(d) IS d, which this stands for, also passes a day 29 to
-- 31 of a month that lacks it). NULL for NULL, so that a CHECK passes it
-- as SQLite's does. Not STRICT, so that the planner inlines it.
CREATE FUNCTION docket_is_date(d text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN d ~ ('^[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])'
              '|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))$')
      OR d ~ '^(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29$';

-- Whether t is JSON (json_valid), and whether it is a JSON array
-- (json_valid(t) AND json_type(t) = 'array'): false, never an error, for
-- text that is not JSON, so that a bad value fails its CHECK (23514).
-- NULL for NULL, as SQLite's json_valid.
CREATE FUNCTION docket_json_valid(t text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
BEGIN
  PERFORM t::json;
  RETURN true;
EXCEPTION WHEN data_exception THEN
  RETURN false;
END
$$;

CREATE FUNCTION docket_json_array(t text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
BEGIN
  IF t = '[]' THEN
    RETURN true; -- most arrays docket stores are empty
  END IF;
  RETURN json_typeof(t::json) = 'array';
EXCEPTION WHEN data_exception THEN
  RETURN false;
END
$$;

-- docket's canonical text (include/docket/canon.h) as PostgreSQL functions,
-- byte for byte what src/core/canon.c writes for the same values:
--
--   docket_canon_value(v)               one value: null, 42, 5.0, "a\nb"
--   docket_canon_row(r)                 a table's row: {"col":v,...} in
--                                       column order (the audit rows)
--   docket_canon_array(t, d, l, i)      [t,d,l,i] (the risk acceptance hash,
--                                       DK_RISK_CANON_SQL in docket/risk.h)
--
-- Types: smallint, integer and bigint are integers; double precision, real
-- and numeric are reals (a real or numeric is first made the double that
-- C would read); text and varchar are strings. Anything else is an error
-- from docket_canon_value and from docket_canon_row's per-column path; a
-- row with no real that is not NULL takes the fast path, which checks no
-- type (a boolean would come out as row_to_json's true), nor sees a real
-- behind a domain. docket's tables hold only bigint, double precision and
-- text (the schema contract), so neither arises there.
--
-- The pieces PostgreSQL already writes canon's way: to_json(text) escapes
-- '"', '\', \b \t \n \f \r and every other byte below 0x20 as \u00xx with
-- lower-case hex and copies every other byte (0x7f, '/', UTF-8), as canon
-- does; row_to_json writes {"key":value,...} with no space, its keys escaped
-- the same way, integers as their decimal digits and NULL as null. A UTF8
-- database holds neither NUL nor invalid UTF-8 in a text, so the C rules
-- for those bytes never come up here. float8's text, with extra_float_digits
-- at 1 or more, is Ryu's shortest digits in canon's fixed/exponent layout;
-- canon adds ".0" when it has neither '.' nor 'e', and for some doubles of
-- 2^53 or more canon's digits are shorter than Ryu's (see
-- docket_canon_real_boundary). So a row without a real is row_to_json's
-- text as it is, and only a row with a real goes column by column.
-- extra_float_digits is pinned to 1 where floats are written, so no session
-- setting changes the bytes.
--
-- Errors: a non-finite real, or a type with no canonical text, raises
-- SQLSTATE 22000 (data_exception: only a bug reaches them; they are not
-- bad input, class 23), so the statement and the write that fired a
-- trigger fail.

-- Shorter than float8's text, for a double of 2^53 or more whose text is
-- not canonical: canon's shortest digits may be exactly half-way between v
-- and a neighbour, a decimal that strtod reads back as v when v's mantissa
-- is even (1e+23: the double is 99999999999999991611392, the decimal
-- 1e23 is half-way to the next double and rounds to it); PostgreSQL's Ryu
-- never writes such a boundary (9.999999999999999e+22). Below 2^53 a
-- boundary has more significant digits than any shortest text, so never
-- wins. Returns that boundary's text when it is shorter than t (v's float8
-- text, d significant digits), else NULL. All arithmetic is exact (numeric).
CREATE FUNCTION docket_canon_real_boundary(v double precision, t text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  bits bigint := ('x' || encode(float8send(v), 'hex'))::bit(64)::bigint;
  ex int := ((bits >> 52) & 2047)::int;              -- biased exponent
  mant bigint := (bits & 4503599627370495) | 4503599627370496;
  half numeric;
  n numeric;
  lo numeric;
  hi numeric;
  dlo text;
  dhi text;
  d int := length(replace(split_part(ltrim(t, '-'), 'e', 1), '.', ''));
  pick numeric;
  digits text;
BEGIN
  IF mant % 2 = 1 THEN  -- a boundary reads back as the even neighbour
    RETURN NULL;
  END IF;
  -- |v| = mant * 2^(ex - 1075), ex - 1075 >= 1; its neighbours are 2^(ex-1075)
  -- away (half that below a power of two); the boundaries half-way.
  half := 2::numeric ^ (ex - 1076);
  n := mant * 2::numeric ^ (ex - 1075);
  hi := n + half;
  lo := n - CASE WHEN mant = 4503599627370496 THEN half / 2 ELSE half END;
  dlo := rtrim(replace(lo::text, '.', ''), '0');
  dhi := rtrim(replace(hi::text, '.', ''), '0');
  IF least(length(dlo), length(dhi)) >= d THEN
    RETURN NULL;
  END IF;
  -- The shorter boundary is canon.c's digits: no decimal nearer v is that
  -- short. Both cannot be: two decimals of p digits differ by a multiple
  -- of 10^k, 2^e (or 3 * 2^(e-2)) is one only for k = 0, and integers of
  -- all their 16 or more digits are never shorter than v's float8 text.
  IF length(dlo) < length(dhi) THEN
    pick := lo;
    digits := dlo;
  ELSE
    pick := hi;
    digits := dhi;
  END IF;
  RETURN CASE WHEN v < 0 THEN '-' ELSE '' END || left(digits, 1)
         || CASE WHEN length(digits) > 1 THEN '.' || substr(digits, 2) ELSE '' END
         || 'e+' || (length(trunc(pick)::text) - 1)::text;  -- 15 or more
END $$;

-- A finite double's canonical text; NULL for NULL.
CREATE FUNCTION docket_canon_real(v double precision) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET extra_float_digits = 1 AS $$
DECLARE
  t text;
BEGIN
  IF v IN ('Infinity', '-Infinity', 'NaN') THEN
    RAISE EXCEPTION 'canonical text: a real that is infinite or not a number'
      USING ERRCODE = '22000';
  END IF;
  t := v::text;
  IF abs(v) >= 9007199254740992 THEN
    RETURN coalesce(docket_canon_real_boundary(v, t), t);
  END IF;
  IF strpos(t, '.') = 0 AND strpos(t, 'e') = 0 THEN
    RETURN t || '.0';
  END IF;
  RETURN t;
END $$;

CREATE FUNCTION docket_canon_value(v anyelement) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  t regtype := pg_typeof(v);
BEGIN
  IF t IN ('bigint'::regtype, 'integer'::regtype, 'smallint'::regtype) THEN
    RETURN coalesce(v::text, 'null');
  ELSIF t IN ('text'::regtype, 'character varying'::regtype) THEN
    RETURN coalesce(to_json(v::text)::text, 'null');
  ELSIF t IN ('double precision'::regtype, 'real'::regtype, 'numeric'::regtype) THEN
    RETURN coalesce(docket_canon_real(v::double precision), 'null');
  END IF;
  RAISE EXCEPTION 'canonical text: type % has no canonical text', t USING ERRCODE = '22000';
END $$;

-- A row with a real: row_to_json's text (floats written with
-- extra_float_digits 1, pinned here) with each real's value made canonical
-- in place. A member is found by its ,"key": (or {"key": for the first):
-- a '"' inside a JSON string is always escaped, so ," and {" never occur
-- inside a key or a text, and the escaped key followed by ": names one
-- member. A real's value (a number, null, or "NaN", "Infinity" or
-- "-Infinity") holds no ',' or '}', so the next one ends it.
CREATE FUNCTION docket_canon_row_by_column(r anyelement) RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET extra_float_digits = 1 AS $$
DECLARE
  out text := row_to_json(r)::text;
  keys text[];
  types oid[];
  k text;
  at int;
  v text;
  c text;
BEGIN
  SELECT array_agg(to_json(a.attname::text)::text || ':' ORDER BY a.attnum),
         array_agg(a.atttypid ORDER BY a.attnum)
    INTO keys, types
  FROM pg_attribute a
  WHERE a.attrelid = (SELECT y.typrelid FROM pg_type y WHERE y.oid = pg_typeof(r))
    AND a.attnum > 0 AND NOT a.attisdropped
    AND a.atttypid NOT IN ('bigint'::regtype, 'integer'::regtype, 'smallint'::regtype,
                           'text'::regtype, 'character varying'::regtype);
  IF pg_typeof(r) = 'record'::regtype THEN  -- no catalog names its columns' types
    RAISE EXCEPTION 'canonical text: % is not a table''s row type', pg_typeof(r)
      USING ERRCODE = '22000';
  END IF;
  FOR i IN 1 .. coalesce(array_length(keys, 1), 0) LOOP
    IF types[i] NOT IN ('double precision'::regtype, 'real'::regtype, 'numeric'::regtype) THEN
      RAISE EXCEPTION 'canonical text: type % has no canonical text', types[i]::regtype
        USING ERRCODE = '22000';
    END IF;
    k := keys[i];
    at := strpos(out, ',' || k);
    IF at = 0 THEN
      at := strpos(out, '{' || k);
    END IF;
    at := at + 1 + length(k);
    v := split_part(split_part(substr(out, at), ',', 1), '}', 1);
    IF v = 'null' THEN
      CONTINUE;
    ELSIF types[i] = 'real'::regtype THEN
      c := docket_canon_real(btrim(v, '"')::real);
    ELSIF types[i] = 'numeric'::regtype OR left(v, 1) = '"' OR strpos(v, 'e+') > 0 THEN
      c := docket_canon_real(btrim(v, '"')::double precision);  -- non-finite, or 1e+15 and up
    ELSIF strpos(v, '.') = 0 AND strpos(v, 'e') = 0 THEN
      c := v || '.0';
    ELSE
      CONTINUE;
    END IF;
    out := left(out, at - 1) || c || substr(out, at + length(v));
  END LOOP;
  RETURN out;
END $$;

-- The hot path of every audited write. record_send's binary form names each
-- column's type before its bytes: a float8 column that is not NULL as
-- 00 00 02 bd 00 00 00 08, a float4 as 00 00 02 bc 00 00 00 04, a numeric as
-- 00 00 06 a4 and its length. When none of those occurs, the row has no real
-- that is not NULL, row_to_json's text is the canonical text, and no catalog
-- is read. An occurrence inside another column's bytes only sends the row
-- down the (equally exact) per-column path.
CREATE FUNCTION docket_canon_row(r anyelement) RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE
  b bytea := record_send(r);
BEGIN
  IF position('\x000002bd00000008'::bytea IN b) = 0
     AND position('\x000002bc00000004'::bytea IN b) = 0
     AND position('\x000006a4'::bytea IN b) = 0 THEN
    RETURN row_to_json(r)::text;
  END IF;
  RETURN docket_canon_row_by_column(r);
END $$;

-- [title,description,likelihood,impact] for the risk acceptance hash; one
-- SQL expression, so the planner inlines it into the query that calls it.
CREATE FUNCTION docket_canon_array(a text, b text, c bigint, d bigint) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT '[' || coalesce(to_json(a)::text, 'null') || ',' || coalesce(to_json(b)::text, 'null')
         || ',' || coalesce(c::text, 'null') || ',' || coalesce(d::text, 'null') || ']'
$$;

-- docket_next_id(t): the id of a new row of table t, one past the largest,
-- as SQLite gives an INTEGER PRIMARY KEY: an insert that is rolled back
-- (a refused import, a dry run) leaves no gap, where a sequence would.
-- Under the write lock (docket's writers hold it from BEGIN; a writer
-- around docket takes it here), so two writers never draw the same id; a
-- statement that inserts several rows sees its own earlier ones.
CREATE FUNCTION docket_next_id(t text) RETURNS bigint
  LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
  n bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(7150520120);
  EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I', t) INTO n;
  RETURN n;
END
$$;

CREATE TABLE schema_migration (
  version    bigint PRIMARY KEY,
  name       text NOT NULL,
  sha256     text NOT NULL CHECK (length(sha256) = 64),
  applied_at text NOT NULL
);

CREATE TABLE person (
  id         bigint PRIMARY KEY DEFAULT docket_next_id('person'),
  uuid       text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  handle     text NOT NULL UNIQUE CHECK (length(handle) BETWEEN 1 AND 32 AND handle !~ '[^a-z0-9._-]' AND substr(handle, 1, 1) ~ '^[a-z0-9]$'),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email      text CHECK (email IS NULL OR (length(email) <= 254 AND email LIKE '_%@_%.__%')),
  team       text CHECK (team IS NULL OR (length(team) BETWEEN 1 AND 64 AND team !~ '[^a-z0-9._-]')),
  created_at text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by text NOT NULL
);

CREATE TABLE policy (
  id               bigint PRIMARY KEY DEFAULT docket_next_id('policy'),
  uuid             text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  team             text NOT NULL UNIQUE CHECK (length(team) BETWEEN 1 AND 64 AND team !~ '[^a-z0-9._-]'),
  appetite         bigint NOT NULL CHECK (appetite BETWEEN 1 AND 25),
  grace_days       bigint NOT NULL CHECK (grace_days BETWEEN 0 AND 365),
  acceptance_days  bigint NOT NULL CHECK (acceptance_days BETWEEN 1 AND 3650),
  default_due_days bigint NOT NULL CHECK (default_due_days BETWEEN 1 AND 3650),
  escalate_to      bigint NOT NULL REFERENCES person(id) DEFERRABLE,
  created_at       text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by       text NOT NULL
);

-- A context is one revision of what a system must meet. A revision is never
-- changed; revising inserts a new row that supersedes the old one.
CREATE TABLE context (
  id               bigint PRIMARY KEY DEFAULT docket_next_id('context'),
  uuid             text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  system           text NOT NULL CHECK (length(system) BETWEEN 1 AND 64 AND system !~ '[^A-Za-z0-9._-]'),
  revision         bigint NOT NULL CHECK (revision >= 1),
  supersedes_id    bigint UNIQUE REFERENCES context(id) DEFERRABLE,
  owner_id         bigint NOT NULL REFERENCES person(id) DEFERRABLE,
  problem          text NOT NULL CHECK (problem IN ('batch', 'online', 'streaming')),
  latency_p95_ms   bigint CHECK (latency_p95_ms BETWEEN 1 AND 3600000),
  throughput_rps   double precision CHECK (throughput_rps BETWEEN 0 AND 10000000),
  data_gb          double precision CHECK (data_gb BETWEEN 0 AND 1000000000),
  velocity         text CHECK (length(velocity) <= 200),
  label_delay_days bigint CHECK (label_delay_days BETWEEN 0 AND 3650),
  team_size        bigint CHECK (team_size BETWEEN 1 AND 100000),
  stack            text NOT NULL DEFAULT '[]' CHECK (docket_json_array(stack)),
  cloud            text CHECK (cloud IN ('aws', 'gcp', 'azure', 'other', 'none')),
  on_prem          bigint NOT NULL DEFAULT 0 CHECK (on_prem IN (0, 1)),
  compliance       text NOT NULL DEFAULT '[]' CHECK (docket_json_array(compliance)),
  budget_usd_month double precision CHECK (budget_usd_month BETWEEN 0 AND 1000000000),
  shared_features  bigint NOT NULL DEFAULT 0 CHECK (shared_features IN (0, 1)),
  retrain          text CHECK (retrain IN ('none', 'manual', 'hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'on-drift')),
  assumptions      text NOT NULL DEFAULT '[]' CHECK (docket_json_array(assumptions)),
  out_of_scope     text NOT NULL DEFAULT '[]' CHECK (docket_json_array(out_of_scope)),
  created_at       text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by       text NOT NULL,
  UNIQUE (system, revision),
  CHECK ((revision = 1) = (supersedes_id IS NULL)),
  CHECK (supersedes_id < id)
);

CREATE TABLE blueprint (
  id                bigint PRIMARY KEY DEFAULT docket_next_id('blueprint'),
  uuid              text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  context_id        bigint NOT NULL REFERENCES context(id) DEFERRABLE,
  source            text NOT NULL CHECK (source IN ('generated', 'imported')),
  generator_version text NOT NULL,
  catalog_sha256    text CHECK (catalog_sha256 IS NULL OR (length(catalog_sha256) = 64 AND catalog_sha256 !~ '[^0-9a-f]')),
  body_md           text NOT NULL,
  body_json         text NOT NULL CHECK (docket_json_valid(body_json)),
  body_sha256       text NOT NULL CHECK (length(body_sha256) = 64 AND body_sha256 !~ '[^0-9a-f]'),
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'approved', 'superseded')),
  supersedes_id     bigint UNIQUE REFERENCES blueprint(id) DEFERRABLE,
  approved_at       text,
  approved_by       text,
  created_at        text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by        text NOT NULL,
  CHECK ((source = 'generated') = (catalog_sha256 IS NOT NULL)),
  CHECK (supersedes_id < id),
  CHECK ((status = 'approved') <= (approved_at IS NOT NULL))
);

CREATE TABLE blueprint_item (
  id           bigint PRIMARY KEY DEFAULT docket_next_id('blueprint_item'),
  uuid         text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  blueprint_id bigint NOT NULL REFERENCES blueprint(id) DEFERRABLE,
  ordinal      bigint NOT NULL CHECK (ordinal >= 1),
  area         text NOT NULL CHECK (area IN ('data', 'training', 'packaging', 'serving', 'monitoring', 'governance')),
  component    text NOT NULL CHECK (length(component) BETWEEN 1 AND 200),
  choice       text,
  alternative  text,
  tradeoff     text,
  deferred     bigint NOT NULL DEFAULT 0 CHECK (deferred IN (0, 1)),
  add_when     text,
  created_at   text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by   text NOT NULL,
  UNIQUE (blueprint_id, ordinal),
  CHECK (deferred = 0 OR add_when IS NOT NULL),
  CHECK (deferred = 1 OR choice IS NOT NULL)
);

CREATE TABLE stage (
  id             bigint PRIMARY KEY DEFAULT docket_next_id('stage'),
  uuid           text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  blueprint_id   bigint NOT NULL REFERENCES blueprint(id) DEFERRABLE,
  ordinal        bigint NOT NULL CHECK (ordinal >= 1),
  name           text NOT NULL CHECK (name IN ('ingest', 'validate', 'train', 'evaluate', 'package', 'promote', 'deploy', 'monitor')),
  inputs         text NOT NULL DEFAULT '[]' CHECK (docket_json_array(inputs)),
  outputs        text NOT NULL DEFAULT '[]' CHECK (docket_json_array(outputs)),
  idempotent     bigint NOT NULL DEFAULT 0 CHECK (idempotent IN (0, 1)),
  retryable      bigint NOT NULL DEFAULT 0 CHECK (retryable IN (0, 1)),
  deps_pinned    bigint NOT NULL DEFAULT 0 CHECK (deps_pinned IN (0, 1)),
  seed_fixed     bigint NOT NULL DEFAULT 0 CHECK (seed_fixed IN (0, 1)),
  env_captured   bigint NOT NULL DEFAULT 0 CHECK (env_captured IN (0, 1)),
  data_versioned bigint NOT NULL DEFAULT 0 CHECK (data_versioned IN (0, 1)),
  created_at     text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by     text NOT NULL,
  UNIQUE (blueprint_id, ordinal),
  UNIQUE (blueprint_id, name)
);

CREATE TABLE gate (
  id         bigint PRIMARY KEY DEFAULT docket_next_id('gate'),
  uuid       text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  stage_id   bigint NOT NULL REFERENCES stage(id) DEFERRABLE,
  metric     text NOT NULL CHECK (length(metric) BETWEEN 1 AND 64 AND metric !~ '[^A-Za-z0-9_.]'),
  op         text NOT NULL CHECK (op IN ('<=', '<', '>=', '>', '==', '!=')),
  threshold  double precision NOT NULL,
  defined_on text NOT NULL CHECK (docket_is_date(defined_on)),
  created_at text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by text NOT NULL
);

CREATE TABLE review (
  id           bigint PRIMARY KEY DEFAULT docket_next_id('review'),
  uuid         text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  held_on      text NOT NULL CHECK (docket_is_date(held_on)),
  blueprint_id bigint REFERENCES blueprint(id) DEFERRABLE,
  notes        text CHECK (length(notes) <= 100000),
  created_at   text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by   text NOT NULL
);

CREATE TABLE review_attendee (
  id         bigint PRIMARY KEY DEFAULT docket_next_id('review_attendee'),
  uuid       text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  review_id  bigint NOT NULL REFERENCES review(id) DEFERRABLE,
  person_id  bigint NOT NULL REFERENCES person(id) DEFERRABLE,
  created_at text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by text NOT NULL,
  UNIQUE (review_id, person_id)
);

-- makers, consulted, informed, drivers and tags are JSON arrays of text so
-- that imported ADRs can name people docket does not know.
CREATE TABLE decision (
  id            bigint PRIMARY KEY DEFAULT docket_next_id('decision'),
  uuid          text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  area          text NOT NULL CHECK (area IN ('data', 'training', 'packaging', 'serving', 'monitoring', 'governance')),
  status        text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'rejected', 'superseded', 'deprecated')),
  problem       text NOT NULL CHECK (length(problem) BETWEEN 1 AND 100000),
  drivers       text NOT NULL DEFAULT '[]' CHECK (docket_json_array(drivers)),
  rationale     text NOT NULL CHECK (length(rationale) <= 100000),
  consequences  text CHECK (length(consequences) <= 100000),
  confirmation  text CHECK (length(confirmation) <= 100000),
  makers        text NOT NULL DEFAULT '[]' CHECK (docket_json_array(makers)),
  consulted     text NOT NULL DEFAULT '[]' CHECK (docket_json_array(consulted)),
  informed      text NOT NULL DEFAULT '[]' CHECK (docket_json_array(informed)),
  tags          text NOT NULL DEFAULT '[]' CHECK (docket_json_array(tags)),
  decided_on    text CHECK (docket_is_date(decided_on)),
  review_by     text CHECK (docket_is_date(review_by)),
  status_reason text CHECK (length(status_reason) <= 10000),
  blueprint_id  bigint REFERENCES blueprint(id) DEFERRABLE,
  context_id    bigint REFERENCES context(id) DEFERRABLE,
  review_id     bigint REFERENCES review(id) DEFERRABLE,
  supersedes_id bigint UNIQUE REFERENCES decision(id) DEFERRABLE,
  adr_number    bigint UNIQUE CHECK (adr_number >= 1),
  created_at    text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by    text NOT NULL,
  CHECK (supersedes_id IS DISTINCT FROM id),
  CHECK ((status IN ('accepted', 'superseded', 'deprecated')) <= (decided_on IS NOT NULL))
);

CREATE TABLE decision_option (
  id          bigint PRIMARY KEY DEFAULT docket_next_id('decision_option'),
  uuid        text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  decision_id bigint NOT NULL REFERENCES decision(id) DEFERRABLE,
  ordinal     bigint NOT NULL CHECK (ordinal >= 1),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  pros        text NOT NULL DEFAULT '[]' CHECK (docket_json_array(pros)),
  cons        text NOT NULL DEFAULT '[]' CHECK (docket_json_array(cons)),
  chosen      bigint NOT NULL DEFAULT 0 CHECK (chosen IN (0, 1)),
  created_at  text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by  text NOT NULL,
  UNIQUE (decision_id, ordinal),
  UNIQUE (decision_id, name)
);
CREATE UNIQUE INDEX decision_option_one_chosen ON decision_option(decision_id) WHERE chosen = 1;

CREATE TABLE evidence (
  id           bigint PRIMARY KEY DEFAULT docket_next_id('evidence'),
  uuid         text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  kind         text NOT NULL CHECK (kind IN ('benchmark', 'metric', 'document', 'link', 'experiment', 'incident', 'review', 'dryrun')),
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  uri          text CHECK (length(uri) BETWEEN 1 AND 2048),
  sha256       text CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 !~ '[^0-9a-f]')),
  size_bytes   bigint CHECK (size_bytes >= 0),
  summary      text CHECK (length(summary) <= 100000),
  collected_on text NOT NULL CHECK (docket_is_date(collected_on)),
  created_at   text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by   text NOT NULL,
  CHECK ((sha256 IS NULL) = (size_bytes IS NULL))
);

CREATE TABLE decision_evidence (
  id          bigint PRIMARY KEY DEFAULT docket_next_id('decision_evidence'),
  uuid        text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  decision_id bigint NOT NULL REFERENCES decision(id) DEFERRABLE,
  evidence_id bigint NOT NULL REFERENCES evidence(id) DEFERRABLE,
  stance      text NOT NULL CHECK (stance IN ('supports', 'contradicts')),
  created_at  text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by  text NOT NULL,
  UNIQUE (decision_id, evidence_id)
);

-- Decision status follows its state machine whoever writes the row.
CREATE FUNCTION decision_status_machine() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
      (OLD.status = 'proposed' AND NEW.status IN ('accepted', 'rejected')) OR
      (OLD.status = 'accepted' AND NEW.status IN ('superseded', 'deprecated'))) THEN
    RAISE EXCEPTION 'decision status transition not allowed' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER decision_status_machine BEFORE UPDATE OF status ON decision
  FOR EACH ROW EXECUTE FUNCTION decision_status_machine();

CREATE FUNCTION decision_accept_needs_evidence() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF NEW.status = 'accepted' AND OLD.status = 'proposed' AND NOT EXISTS (
      SELECT 1 FROM decision_evidence WHERE decision_id = NEW.id AND stance = 'supports') THEN
    RAISE EXCEPTION 'a decision cannot be accepted without supporting evidence' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER decision_accept_needs_evidence BEFORE UPDATE OF status ON decision
  FOR EACH ROW EXECUTE FUNCTION decision_accept_needs_evidence();


CREATE TABLE risk (
  id             bigint PRIMARY KEY DEFAULT docket_next_id('risk'),
  uuid           text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  title          text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description    text CHECK (length(description) <= 100000),
  category       text NOT NULL DEFAULT 'ops' CHECK (category IN ('data', 'model', 'ops', 'security', 'compliance', 'cost')),
  likelihood     bigint NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  impact         bigint NOT NULL CHECK (impact BETWEEN 1 AND 5),
  score          bigint NOT NULL GENERATED ALWAYS AS (likelihood * impact) STORED,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'mitigating', 'accepted', 'closed')),
  treatment      text NOT NULL DEFAULT 'mitigate' CHECK (treatment IN ('mitigate', 'accept', 'transfer', 'avoid')),
  owner_id       bigint NOT NULL REFERENCES person(id) DEFERRABLE,
  due_on         text NOT NULL CHECK (docket_is_date(due_on)),
  decision_id    bigint REFERENCES decision(id) DEFERRABLE,
  blueprint_id   bigint REFERENCES blueprint(id) DEFERRABLE,
  asked_by       text,
  approved_by    bigint REFERENCES person(id) DEFERRABLE,
  accepted_on    text CHECK (docket_is_date(accepted_on)),
  accepted_until text CHECK (docket_is_date(accepted_until)),
  accepted_hash  text CHECK (accepted_hash IS NULL OR (length(accepted_hash) = 64 AND accepted_hash !~ '[^0-9a-f]')),
  accept_reason  text CHECK (length(accept_reason) <= 10000),
  closed_on      text CHECK (docket_is_date(closed_on)),
  closed_reason  text CHECK (length(closed_reason) <= 10000),
  created_at     text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by     text NOT NULL,
  CHECK ((status = 'accepted') <= (approved_by IS NOT NULL AND accepted_until IS NOT NULL AND accepted_hash IS NOT NULL AND accepted_on IS NOT NULL)),
  CHECK ((status = 'closed') = (closed_reason IS NOT NULL AND closed_on IS NOT NULL))
);
CREATE INDEX risk_status_due ON risk(status, due_on);
CREATE INDEX risk_status_until ON risk(status, accepted_until);
CREATE INDEX risk_owner ON risk(owner_id, status);
CREATE INDEX risk_decision ON risk(decision_id);
CREATE INDEX risk_blueprint ON risk(blueprint_id);
CREATE INDEX person_team ON person(team);

CREATE TABLE verification_step (
  id         bigint PRIMARY KEY DEFAULT docket_next_id('verification_step'),
  uuid       text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  risk_id    bigint NOT NULL REFERENCES risk(id) DEFERRABLE,
  ordinal    bigint NOT NULL CHECK (ordinal >= 1),
  check_text text NOT NULL CHECK (length(check_text) BETWEEN 1 AND 1000),
  metric     text NOT NULL CHECK (length(metric) BETWEEN 1 AND 64 AND metric !~ '[^A-Za-z0-9_.]'),
  op         text NOT NULL CHECK (op IN ('<=', '<', '>=', '>', '==', '!=')),
  threshold  double precision NOT NULL,
  method     text CHECK (length(method) <= 1000),
  created_at text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by text NOT NULL,
  UNIQUE (risk_id, ordinal)
);

-- Every recorded value is kept; a step's result is its latest row, or
-- pending when it has none.
CREATE TABLE verification_result (
  id          bigint PRIMARY KEY DEFAULT docket_next_id('verification_result'),
  uuid        text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  step_id     bigint NOT NULL REFERENCES verification_step(id) DEFERRABLE,
  value       double precision NOT NULL,
  result      text NOT NULL CHECK (result IN ('pass', 'fail')),
  evidence_id bigint REFERENCES evidence(id) DEFERRABLE,
  recorded_on text NOT NULL CHECK (docket_is_date(recorded_on)),
  created_at  text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by  text NOT NULL
);
CREATE INDEX verification_step_risk ON verification_step(risk_id);
CREATE INDEX verification_result_step ON verification_result(step_id, id);

-- pass or fail follows from the value and the step's criterion, never typed.
CREATE FUNCTION verification_result_computed() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF NEW.result IS DISTINCT FROM (SELECT CASE
      WHEN (s.op = '<=' AND NEW.value <= s.threshold) OR (s.op = '<' AND NEW.value < s.threshold)
        OR (s.op = '>=' AND NEW.value >= s.threshold) OR (s.op = '>' AND NEW.value > s.threshold)
        OR (s.op = '==' AND NEW.value = s.threshold) OR (s.op = '!=' AND NEW.value <> s.threshold)
      THEN 'pass' ELSE 'fail' END
      FROM verification_step s WHERE s.id = NEW.step_id) THEN
    RAISE EXCEPTION 'verification result does not follow from the value and the criterion'
      USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER verification_result_computed BEFORE INSERT ON verification_result
  FOR EACH ROW EXECUTE FUNCTION verification_result_computed();

-- The change trail. hash = SHA-256 of seq|prev_hash|at|actor|action|entity|
-- entity_id|row; the first row's prev_hash is 64 zeros.
CREATE TABLE audit_log (
  seq       bigint PRIMARY KEY,
  at        text NOT NULL,
  actor     text NOT NULL,
  action    text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
  entity    text NOT NULL,
  entity_id bigint NOT NULL,
  row       text NOT NULL,
  prev_hash text NOT NULL CHECK (length(prev_hash) = 64),
  hash      text NOT NULL CHECK (length(hash) = 64)
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

-- audit_log is append-only: no UPDATE, DELETE or TRUNCATE.
CREATE FUNCTION audit_log_append_only() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '23514';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Audit triggers: <table>_audit_insert, _update and _delete on each audited
-- table, all running docket_audit(), which appends what SQLite's triggers
-- append: seq one past the last, the last row's hash as prev_hash (64
-- zeros for the first), at = docket_now_ms(), actor = docket_actor(), and
-- row = docket_canon_row of the new row (the old one for a delete), the
-- table's columns in the table's order, as canonical text; hash =
-- docket_sha256(seq|prev_hash|at|actor|action|entity|entity_id|row). The
-- advisory lock, which docket also takes when each write transaction
-- begins, keeps two writers from reading the same last row.
-- It runs as the schema's owner (SECURITY DEFINER, with its own search
-- path so no caller's schema can stand in for docket's): the roles that
-- write records need no right on audit_log at all (share/postgres/roles.sql),
-- so no one but this trigger appends to the trail.
CREATE FUNCTION docket_audit() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = docket, pg_temp
AS $$
DECLARE
  v_action text := lower(TG_OP);
  v_entity text := TG_TABLE_NAME;
  v_id bigint;
  v_row text;
  v_seq bigint;
  v_prev text;
  v_at text;
  v_actor text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    v_id := OLD.id;
    v_row := docket_canon_row(OLD);
  ELSE
    v_id := NEW.id;
    v_row := docket_canon_row(NEW);
  END IF;
  PERFORM pg_advisory_xact_lock(7150520120);
  SELECT a.seq, a.hash INTO v_seq, v_prev FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
  v_seq := coalesce(v_seq, 0) + 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  v_at := docket_now_ms();
  v_actor := docket_actor();
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  VALUES (v_seq, v_at, v_actor, v_action, v_entity, v_id, v_row, v_prev,
          docket_sha256(v_seq || '|' || v_prev || '|' || v_at || '|' || v_actor || '|' || v_action
                        || '|' || v_entity || '|' || v_id || '|' || v_row));
  RETURN NULL;
END
$$;

-- Each audited table's three triggers, written out (the build lists every
-- trigger from these statements: src/core/postgres/gen_pg_objects.c).
CREATE TRIGGER person_audit_insert AFTER INSERT ON person
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER person_audit_update AFTER UPDATE ON person
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER person_audit_delete AFTER DELETE ON person
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER policy_audit_insert AFTER INSERT ON policy
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER policy_audit_update AFTER UPDATE ON policy
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER policy_audit_delete AFTER DELETE ON policy
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER context_audit_insert AFTER INSERT ON context
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER context_audit_update AFTER UPDATE ON context
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER context_audit_delete AFTER DELETE ON context
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER blueprint_audit_insert AFTER INSERT ON blueprint
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER blueprint_audit_update AFTER UPDATE ON blueprint
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER blueprint_audit_delete AFTER DELETE ON blueprint
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER blueprint_item_audit_insert AFTER INSERT ON blueprint_item
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER blueprint_item_audit_update AFTER UPDATE ON blueprint_item
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER blueprint_item_audit_delete AFTER DELETE ON blueprint_item
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER stage_audit_insert AFTER INSERT ON stage
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER stage_audit_update AFTER UPDATE ON stage
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER stage_audit_delete AFTER DELETE ON stage
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER gate_audit_insert AFTER INSERT ON gate
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER gate_audit_update AFTER UPDATE ON gate
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER gate_audit_delete AFTER DELETE ON gate
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER review_audit_insert AFTER INSERT ON review
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER review_audit_update AFTER UPDATE ON review
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER review_audit_delete AFTER DELETE ON review
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER review_attendee_audit_insert AFTER INSERT ON review_attendee
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER review_attendee_audit_update AFTER UPDATE ON review_attendee
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER review_attendee_audit_delete AFTER DELETE ON review_attendee
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER decision_audit_insert AFTER INSERT ON decision
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER decision_audit_update AFTER UPDATE ON decision
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER decision_audit_delete AFTER DELETE ON decision
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER decision_option_audit_insert AFTER INSERT ON decision_option
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER decision_option_audit_update AFTER UPDATE ON decision_option
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER decision_option_audit_delete AFTER DELETE ON decision_option
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER evidence_audit_insert AFTER INSERT ON evidence
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER evidence_audit_update AFTER UPDATE ON evidence
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER evidence_audit_delete AFTER DELETE ON evidence
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER decision_evidence_audit_insert AFTER INSERT ON decision_evidence
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER decision_evidence_audit_update AFTER UPDATE ON decision_evidence
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER decision_evidence_audit_delete AFTER DELETE ON decision_evidence
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER risk_audit_insert AFTER INSERT ON risk
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER risk_audit_update AFTER UPDATE ON risk
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER risk_audit_delete AFTER DELETE ON risk
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER verification_step_audit_insert AFTER INSERT ON verification_step
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER verification_step_audit_update AFTER UPDATE ON verification_step
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER verification_step_audit_delete AFTER DELETE ON verification_step
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER verification_result_audit_insert AFTER INSERT ON verification_result
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER verification_result_audit_update AFTER UPDATE ON verification_result
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER verification_result_audit_delete AFTER DELETE ON verification_result
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
