-- docket schema, migration 0012: full-text search over risks, evidence,
-- reviews and contexts, built like decision_fts (migration 0002): one row
-- per record (rowid = the record's id) holding the text a person typed,
-- read from a view; triggers on the record's table rebuild its row
-- whenever that text changes, so `--search` and `docket search` never
-- read a stale index, and `audit verify` compares each index with its
-- view both ways. This migration names only the tables and columns of
-- migrations 0001 to 0010, so it applies after any 0011.

-- risks: the title, the description and the reasons given when it was
-- accepted or closed.
CREATE VIRTUAL TABLE risk_fts USING fts5(title, description, reasons,
  tokenize = 'unicode61 remove_diacritics 2');

CREATE VIEW risk_fts_source AS
SELECT r.id AS id, r.title AS title, r.description AS description,
       nullif(trim(coalesce(r.accept_reason, '') || ' ' || coalesce(r.closed_reason, '')), '') AS reasons
FROM risk r;

CREATE TRIGGER risk_fts_insert AFTER INSERT ON risk
BEGIN
  INSERT INTO risk_fts (rowid, title, description, reasons)
  SELECT id, title, description, reasons FROM risk_fts_source WHERE id = NEW.id;
END;

CREATE TRIGGER risk_fts_update AFTER UPDATE OF id, title, description, accept_reason, closed_reason ON risk
BEGIN
  DELETE FROM risk_fts WHERE rowid = OLD.id;
  INSERT INTO risk_fts (rowid, title, description, reasons)
  SELECT id, title, description, reasons FROM risk_fts_source WHERE id = NEW.id;
END;

CREATE TRIGGER risk_fts_delete AFTER DELETE ON risk
BEGIN
  DELETE FROM risk_fts WHERE rowid = OLD.id;
END;

-- evidence: the title, the summary and the URI (file names are words too).
CREATE VIRTUAL TABLE evidence_fts USING fts5(title, summary, uri,
  tokenize = 'unicode61 remove_diacritics 2');

CREATE VIEW evidence_fts_source AS
SELECT e.id AS id, e.title AS title, e.summary AS summary, e.uri AS uri
FROM evidence e;

CREATE TRIGGER evidence_fts_insert AFTER INSERT ON evidence
BEGIN
  INSERT INTO evidence_fts (rowid, title, summary, uri)
  SELECT id, title, summary, uri FROM evidence_fts_source WHERE id = NEW.id;
END;

CREATE TRIGGER evidence_fts_update AFTER UPDATE OF id, title, summary, uri ON evidence
BEGIN
  DELETE FROM evidence_fts WHERE rowid = OLD.id;
  INSERT INTO evidence_fts (rowid, title, summary, uri)
  SELECT id, title, summary, uri FROM evidence_fts_source WHERE id = NEW.id;
END;

CREATE TRIGGER evidence_fts_delete AFTER DELETE ON evidence
BEGIN
  DELETE FROM evidence_fts WHERE rowid = OLD.id;
END;

-- reviews: the notes.
CREATE VIRTUAL TABLE review_fts USING fts5(notes,
  tokenize = 'unicode61 remove_diacritics 2');

CREATE VIEW review_fts_source AS
SELECT r.id AS id, r.notes AS notes
FROM review r;

CREATE TRIGGER review_fts_insert AFTER INSERT ON review
BEGIN
  INSERT INTO review_fts (rowid, notes)
  SELECT id, notes FROM review_fts_source WHERE id = NEW.id;
END;

CREATE TRIGGER review_fts_update AFTER UPDATE OF id, notes ON review
BEGIN
  DELETE FROM review_fts WHERE rowid = OLD.id;
  INSERT INTO review_fts (rowid, notes)
  SELECT id, notes FROM review_fts_source WHERE id = NEW.id;
END;

CREATE TRIGGER review_fts_delete AFTER DELETE ON review
BEGIN
  DELETE FROM review_fts WHERE rowid = OLD.id;
END;

-- contexts (every revision): the system's name, its data velocity, its
-- existing stack, compliance regimes, assumptions and what is out of scope.
CREATE VIRTUAL TABLE context_fts USING fts5(system, velocity, stack, compliance, assumptions,
  out_of_scope, tokenize = 'unicode61 remove_diacritics 2');

CREATE VIEW context_fts_source AS
SELECT c.id AS id, c.system AS system, c.velocity AS velocity,
       (SELECT group_concat(value, ' ') FROM json_each(c.stack)) AS stack,
       (SELECT group_concat(value, ' ') FROM json_each(c.compliance)) AS compliance,
       (SELECT group_concat(value, ' ') FROM json_each(c.assumptions)) AS assumptions,
       (SELECT group_concat(value, ' ') FROM json_each(c.out_of_scope)) AS out_of_scope
FROM context c;

CREATE TRIGGER context_fts_insert AFTER INSERT ON context
BEGIN
  INSERT INTO context_fts (rowid, system, velocity, stack, compliance, assumptions, out_of_scope)
  SELECT id, system, velocity, stack, compliance, assumptions, out_of_scope
  FROM context_fts_source WHERE id = NEW.id;
END;

CREATE TRIGGER context_fts_update
AFTER UPDATE OF id, system, velocity, stack, compliance, assumptions, out_of_scope ON context
BEGIN
  DELETE FROM context_fts WHERE rowid = OLD.id;
  INSERT INTO context_fts (rowid, system, velocity, stack, compliance, assumptions, out_of_scope)
  SELECT id, system, velocity, stack, compliance, assumptions, out_of_scope
  FROM context_fts_source WHERE id = NEW.id;
END;

CREATE TRIGGER context_fts_delete AFTER DELETE ON context
BEGIN
  DELETE FROM context_fts WHERE rowid = OLD.id;
END;

-- Rows that existed before this migration.
INSERT INTO risk_fts (rowid, title, description, reasons)
SELECT id, title, description, reasons FROM risk_fts_source;
INSERT INTO evidence_fts (rowid, title, summary, uri)
SELECT id, title, summary, uri FROM evidence_fts_source;
INSERT INTO review_fts (rowid, notes)
SELECT id, notes FROM review_fts_source;
INSERT INTO context_fts (rowid, system, velocity, stack, compliance, assumptions, out_of_scope)
SELECT id, system, velocity, stack, compliance, assumptions, out_of_scope FROM context_fts_source;
