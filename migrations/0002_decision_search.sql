-- docket schema, migration 0002: full-text search over decisions.
-- One row per decision (rowid = decision.id) holding its title, problem,
-- drivers, options (names, pros and cons) and rationale. Triggers on
-- decision and decision_option rebuild a decision's row whenever either
-- changes, so `decision list --search` never reads a stale index.

CREATE VIRTUAL TABLE decision_fts USING fts5(title, problem, drivers, options, rationale,
  tokenize = 'unicode61 remove_diacritics 2');

CREATE VIEW decision_fts_source AS
SELECT d.id AS id, d.title AS title, d.problem AS problem,
       (SELECT group_concat(value, ' ') FROM json_each(d.drivers)) AS drivers,
       (SELECT group_concat(o.name || ' ' ||
                coalesce((SELECT group_concat(value, ' ') FROM json_each(o.pros)), '') || ' ' ||
                coalesce((SELECT group_concat(value, ' ') FROM json_each(o.cons)), ''), ' ')
          FROM decision_option o WHERE o.decision_id = d.id) AS options,
       d.rationale AS rationale
FROM decision d;

CREATE TRIGGER decision_fts_insert AFTER INSERT ON decision
BEGIN
  INSERT INTO decision_fts (rowid, title, problem, drivers, options, rationale)
  SELECT id, title, problem, drivers, options, rationale FROM decision_fts_source WHERE id = NEW.id;
END;

CREATE TRIGGER decision_fts_update AFTER UPDATE OF title, problem, drivers, rationale ON decision
BEGIN
  DELETE FROM decision_fts WHERE rowid = OLD.id;
  INSERT INTO decision_fts (rowid, title, problem, drivers, options, rationale)
  SELECT id, title, problem, drivers, options, rationale FROM decision_fts_source WHERE id = NEW.id;
END;

CREATE TRIGGER decision_fts_delete AFTER DELETE ON decision
BEGIN
  DELETE FROM decision_fts WHERE rowid = OLD.id;
END;

CREATE TRIGGER decision_fts_option_insert AFTER INSERT ON decision_option
BEGIN
  DELETE FROM decision_fts WHERE rowid = NEW.decision_id;
  INSERT INTO decision_fts (rowid, title, problem, drivers, options, rationale)
  SELECT id, title, problem, drivers, options, rationale FROM decision_fts_source WHERE id = NEW.decision_id;
END;

CREATE TRIGGER decision_fts_option_update AFTER UPDATE ON decision_option
BEGIN
  DELETE FROM decision_fts WHERE rowid IN (OLD.decision_id, NEW.decision_id);
  INSERT INTO decision_fts (rowid, title, problem, drivers, options, rationale)
  SELECT id, title, problem, drivers, options, rationale FROM decision_fts_source
  WHERE id IN (OLD.decision_id, NEW.decision_id);
END;

CREATE TRIGGER decision_fts_option_delete AFTER DELETE ON decision_option
BEGIN
  DELETE FROM decision_fts WHERE rowid = OLD.decision_id;
  INSERT INTO decision_fts (rowid, title, problem, drivers, options, rationale)
  SELECT id, title, problem, drivers, options, rationale FROM decision_fts_source WHERE id = OLD.decision_id;
END;

-- Rows that existed before this migration.
INSERT INTO decision_fts (rowid, title, problem, drivers, options, rationale)
SELECT id, title, problem, drivers, options, rationale FROM decision_fts_source;

CREATE INDEX decision_status_review_by ON decision(status, review_by);
CREATE INDEX decision_review ON decision(review_id);
CREATE INDEX decision_evidence_evidence ON decision_evidence(evidence_id);
