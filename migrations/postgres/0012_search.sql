-- docket schema for PostgreSQL, migration 0012: full-text search over
-- risks, evidence, reviews and contexts, as migrations/0012_search.sql,
-- built like decision_fts (migration 0002): one row per record (rowid = the
-- record's id) holding the text a person typed, read from a view, and doc,
-- its words as a 'simple' tsvector behind a GIN index; triggers on the
-- record's table rebuild its row whenever that text changes, so `--search`
-- and `docket search` never read a stale index. This migration names only
-- the tables and columns of migrations 0001 to 0010, so it applies after
-- any 0011.

-- risks: the title, the description and the reasons given when it was
-- accepted or closed.
CREATE TABLE risk_fts (
  rowid        bigint PRIMARY KEY,
  title        text,
  description  text,
  reasons      text,
  doc          tsvector NOT NULL GENERATED ALWAYS AS (to_tsvector('simple',
                 coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(reasons, ''))) STORED
);
CREATE INDEX risk_fts_doc ON risk_fts USING gin (doc);

CREATE VIEW risk_fts_source AS
SELECT r.id AS id, r.title AS title, r.description AS description,
       nullif(trim(coalesce(r.accept_reason, '') || ' ' || coalesce(r.closed_reason, '')), '') AS reasons
FROM risk r;

CREATE FUNCTION risk_fts_insert() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO risk_fts (rowid, title, description, reasons)
  SELECT id, title, description, reasons FROM risk_fts_source WHERE id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER risk_fts_insert AFTER INSERT ON risk
  FOR EACH ROW EXECUTE FUNCTION risk_fts_insert();

CREATE FUNCTION risk_fts_update() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM risk_fts WHERE rowid = OLD.id;
  INSERT INTO risk_fts (rowid, title, description, reasons)
  SELECT id, title, description, reasons FROM risk_fts_source WHERE id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER risk_fts_update AFTER UPDATE OF id, title, description, accept_reason, closed_reason ON risk
  FOR EACH ROW EXECUTE FUNCTION risk_fts_update();

CREATE FUNCTION risk_fts_delete() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM risk_fts WHERE rowid = OLD.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER risk_fts_delete AFTER DELETE ON risk
  FOR EACH ROW EXECUTE FUNCTION risk_fts_delete();

-- evidence: the title, the summary and the URI (file names are words too).
CREATE TABLE evidence_fts (
  rowid        bigint PRIMARY KEY,
  title        text,
  summary      text,
  uri          text,
  doc          tsvector NOT NULL GENERATED ALWAYS AS (to_tsvector('simple',
                 coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(uri, ''))) STORED
);
CREATE INDEX evidence_fts_doc ON evidence_fts USING gin (doc);

CREATE VIEW evidence_fts_source AS
SELECT e.id AS id, e.title AS title, e.summary AS summary, e.uri AS uri
FROM evidence e;

CREATE FUNCTION evidence_fts_insert() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO evidence_fts (rowid, title, summary, uri)
  SELECT id, title, summary, uri FROM evidence_fts_source WHERE id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER evidence_fts_insert AFTER INSERT ON evidence
  FOR EACH ROW EXECUTE FUNCTION evidence_fts_insert();

CREATE FUNCTION evidence_fts_update() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM evidence_fts WHERE rowid = OLD.id;
  INSERT INTO evidence_fts (rowid, title, summary, uri)
  SELECT id, title, summary, uri FROM evidence_fts_source WHERE id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER evidence_fts_update AFTER UPDATE OF id, title, summary, uri ON evidence
  FOR EACH ROW EXECUTE FUNCTION evidence_fts_update();

CREATE FUNCTION evidence_fts_delete() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM evidence_fts WHERE rowid = OLD.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER evidence_fts_delete AFTER DELETE ON evidence
  FOR EACH ROW EXECUTE FUNCTION evidence_fts_delete();

-- reviews: the notes.
CREATE TABLE review_fts (
  rowid        bigint PRIMARY KEY,
  notes        text,
  doc          tsvector NOT NULL GENERATED ALWAYS AS (to_tsvector('simple',
                 coalesce(notes, ''))) STORED
);
CREATE INDEX review_fts_doc ON review_fts USING gin (doc);

CREATE VIEW review_fts_source AS
SELECT r.id AS id, r.notes AS notes
FROM review r;

CREATE FUNCTION review_fts_insert() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO review_fts (rowid, notes)
  SELECT id, notes FROM review_fts_source WHERE id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER review_fts_insert AFTER INSERT ON review
  FOR EACH ROW EXECUTE FUNCTION review_fts_insert();

CREATE FUNCTION review_fts_update() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM review_fts WHERE rowid = OLD.id;
  INSERT INTO review_fts (rowid, notes)
  SELECT id, notes FROM review_fts_source WHERE id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER review_fts_update AFTER UPDATE OF id, notes ON review
  FOR EACH ROW EXECUTE FUNCTION review_fts_update();

CREATE FUNCTION review_fts_delete() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM review_fts WHERE rowid = OLD.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER review_fts_delete AFTER DELETE ON review
  FOR EACH ROW EXECUTE FUNCTION review_fts_delete();

-- contexts (every revision): the system's name, its data velocity, its
-- existing stack, compliance regimes, assumptions and what is out of scope
-- (each JSON array's elements joined in their order).
CREATE TABLE context_fts (
  rowid        bigint PRIMARY KEY,
  system       text,
  velocity     text,
  stack        text,
  compliance   text,
  assumptions  text,
  out_of_scope text,
  doc          tsvector NOT NULL GENERATED ALWAYS AS (to_tsvector('simple',
                 coalesce(system, '') || ' ' || coalesce(velocity, '') || ' ' || coalesce(stack, '')
                 || ' ' || coalesce(compliance, '') || ' ' || coalesce(assumptions, '') || ' ' || coalesce(out_of_scope, ''))) STORED
);
CREATE INDEX context_fts_doc ON context_fts USING gin (doc);

CREATE VIEW context_fts_source AS
SELECT c.id AS id, c.system AS system, c.velocity AS velocity,
       (SELECT string_agg(j.value, ' ' ORDER BY j.n)
          FROM json_array_elements_text(c.stack::json) WITH ORDINALITY AS j(value, n)) AS stack,
       (SELECT string_agg(j.value, ' ' ORDER BY j.n)
          FROM json_array_elements_text(c.compliance::json) WITH ORDINALITY AS j(value, n)) AS compliance,
       (SELECT string_agg(j.value, ' ' ORDER BY j.n)
          FROM json_array_elements_text(c.assumptions::json) WITH ORDINALITY AS j(value, n)) AS assumptions,
       (SELECT string_agg(j.value, ' ' ORDER BY j.n)
          FROM json_array_elements_text(c.out_of_scope::json) WITH ORDINALITY AS j(value, n)) AS out_of_scope
FROM context c;

CREATE FUNCTION context_fts_insert() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO context_fts (rowid, system, velocity, stack, compliance, assumptions, out_of_scope)
  SELECT id, system, velocity, stack, compliance, assumptions, out_of_scope FROM context_fts_source WHERE id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER context_fts_insert AFTER INSERT ON context
  FOR EACH ROW EXECUTE FUNCTION context_fts_insert();

CREATE FUNCTION context_fts_update() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM context_fts WHERE rowid = OLD.id;
  INSERT INTO context_fts (rowid, system, velocity, stack, compliance, assumptions, out_of_scope)
  SELECT id, system, velocity, stack, compliance, assumptions, out_of_scope FROM context_fts_source WHERE id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER context_fts_update AFTER UPDATE OF id, system, velocity, stack, compliance, assumptions, out_of_scope ON context
  FOR EACH ROW EXECUTE FUNCTION context_fts_update();

CREATE FUNCTION context_fts_delete() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM context_fts WHERE rowid = OLD.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER context_fts_delete AFTER DELETE ON context
  FOR EACH ROW EXECUTE FUNCTION context_fts_delete();

-- Rows that existed before this migration.
INSERT INTO risk_fts (rowid, title, description, reasons)
SELECT id, title, description, reasons FROM risk_fts_source;
INSERT INTO evidence_fts (rowid, title, summary, uri)
SELECT id, title, summary, uri FROM evidence_fts_source;
INSERT INTO review_fts (rowid, notes)
SELECT id, notes FROM review_fts_source;
INSERT INTO context_fts (rowid, system, velocity, stack, compliance, assumptions, out_of_scope)
SELECT id, system, velocity, stack, compliance, assumptions, out_of_scope FROM context_fts_source;
