-- docket schema for PostgreSQL, migration 0002: full-text search over
-- decisions, as migrations/0002_decision_search.sql builds it in SQLite.
-- decision_fts holds one row per decision (rowid = decision.id): its title,
-- problem, drivers, options (names, pros and cons) and rationale, read from
-- decision_fts_source, and doc, their words as a tsvector (the 'simple'
-- configuration: lower-cased words, no stemming, no stop words) that the
-- GIN index answers `doc @@ to_tsquery('simple', ...)` from (the search
-- statements are src/core/search.c's). Triggers of the same names as
-- SQLite's rebuild a decision's row whenever it or one of its options
-- changes, so `decision list --search` never reads a stale index.

CREATE TABLE decision_fts (
  rowid     bigint PRIMARY KEY,
  title     text,
  problem   text,
  drivers   text,
  options   text,
  rationale text,
  doc       tsvector NOT NULL GENERATED ALWAYS AS (to_tsvector('simple',
              coalesce(title, '') || ' ' || coalesce(problem, '') || ' ' || coalesce(drivers, '')
              || ' ' || coalesce(options, '') || ' ' || coalesce(rationale, ''))) STORED
);
CREATE INDEX decision_fts_doc ON decision_fts USING gin (doc);

-- The elements of a JSON array are joined in their order, a decision's
-- options in theirs (SQLite joins them in the order it reads them).
CREATE VIEW decision_fts_source AS
SELECT d.id AS id, d.title AS title, d.problem AS problem,
       (SELECT string_agg(j.value, ' ' ORDER BY j.n)
          FROM json_array_elements_text(d.drivers::json) WITH ORDINALITY AS j(value, n)) AS drivers,
       (SELECT string_agg(o.name || ' ' ||
                coalesce((SELECT string_agg(p.value, ' ' ORDER BY p.n)
                            FROM json_array_elements_text(o.pros::json) WITH ORDINALITY AS p(value, n)), '')
                || ' ' ||
                coalesce((SELECT string_agg(c.value, ' ' ORDER BY c.n)
                            FROM json_array_elements_text(o.cons::json) WITH ORDINALITY AS c(value, n)), ''),
                ' ' ORDER BY o.ordinal)
          FROM decision_option o WHERE o.decision_id = d.id) AS options,
       d.rationale AS rationale
FROM decision d;

-- decision_fts_refresh(ids): the rows of decision_fts for the decisions
-- ids, again from decision_fts_source (none for a decision that is gone).
CREATE FUNCTION decision_fts_refresh(ids bigint[]) RETURNS void
  LANGUAGE sql
BEGIN ATOMIC
  DELETE FROM decision_fts WHERE rowid = ANY (ids);
  INSERT INTO decision_fts (rowid, title, problem, drivers, options, rationale)
  SELECT id, title, problem, drivers, options, rationale FROM decision_fts_source WHERE id = ANY (ids);
END;

CREATE FUNCTION decision_fts_insert() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO decision_fts (rowid, title, problem, drivers, options, rationale)
  SELECT id, title, problem, drivers, options, rationale FROM decision_fts_source WHERE id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER decision_fts_insert AFTER INSERT ON decision
  FOR EACH ROW EXECUTE FUNCTION decision_fts_insert();

CREATE FUNCTION decision_fts_update() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM decision_fts WHERE rowid = OLD.id;
  INSERT INTO decision_fts (rowid, title, problem, drivers, options, rationale)
  SELECT id, title, problem, drivers, options, rationale FROM decision_fts_source WHERE id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER decision_fts_update AFTER UPDATE OF title, problem, drivers, rationale ON decision
  FOR EACH ROW EXECUTE FUNCTION decision_fts_update();

CREATE FUNCTION decision_fts_delete() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM decision_fts WHERE rowid = OLD.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER decision_fts_delete AFTER DELETE ON decision
  FOR EACH ROW EXECUTE FUNCTION decision_fts_delete();

CREATE FUNCTION decision_fts_option_insert() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM decision_fts_refresh(ARRAY[NEW.decision_id]);
  RETURN NULL;
END
$$;
CREATE TRIGGER decision_fts_option_insert AFTER INSERT ON decision_option
  FOR EACH ROW EXECUTE FUNCTION decision_fts_option_insert();

CREATE FUNCTION decision_fts_option_update() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM decision_fts_refresh(ARRAY[OLD.decision_id, NEW.decision_id]);
  RETURN NULL;
END
$$;
CREATE TRIGGER decision_fts_option_update AFTER UPDATE ON decision_option
  FOR EACH ROW EXECUTE FUNCTION decision_fts_option_update();

CREATE FUNCTION decision_fts_option_delete() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM decision_fts_refresh(ARRAY[OLD.decision_id]);
  RETURN NULL;
END
$$;
CREATE TRIGGER decision_fts_option_delete AFTER DELETE ON decision_option
  FOR EACH ROW EXECUTE FUNCTION decision_fts_option_delete();

-- Rows that existed before this migration.
INSERT INTO decision_fts (rowid, title, problem, drivers, options, rationale)
SELECT id, title, problem, drivers, options, rationale FROM decision_fts_source;

CREATE INDEX decision_status_review_by ON decision(status, review_by);
CREATE INDEX decision_review ON decision(review_id);
CREATE INDEX decision_evidence_evidence ON decision_evidence(evidence_id);
