-- docket schema, migration 0007: ADR directories as a source of truth.
--
-- decision_link keeps the typed links ADRs write between each other
-- (adr-tools' 'adr link': Amends / Amended by, Clarifies, Relates to, or any
-- label), each as written in the file it came from, in the order written.
-- Supersession stays in decision.supersedes_id; a link never points at its
-- own decision.
--
-- adr_source ties a decision to the file it was imported from: the
-- collection it belongs to ('' unless the import named one, for a database
-- that holds several ADR directories) and the file's path under the
-- imported directory (together its identity), the ADR number it has
-- (0000 is a number; NULL when the name has none, as log4brains' dated ids),
-- the SHA-256 of the file's bytes when last imported, and the fingerprint of
-- the decision as that import left it, so a re-import can tell an edited
-- file (update) from a decision changed in docket since (a conflict).
--
-- A decision whose source is a file is accepted as the file says, as the
-- first import of it was: the evidence rule applies to decisions taken in
-- docket.
CREATE TABLE decision_link (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  src_id     INTEGER NOT NULL REFERENCES decision(id),
  dst_id     INTEGER NOT NULL REFERENCES decision(id),
  label      TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 64 AND label NOT GLOB '*[' || char(1) || '-' || char(31) || ']*'),
  ordinal    INTEGER NOT NULL CHECK (ordinal >= 1),
  created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by TEXT NOT NULL,
  UNIQUE (src_id, label, dst_id),
  CHECK (src_id <> dst_id)
) STRICT;
CREATE INDEX decision_link_dst ON decision_link(dst_id);

CREATE TABLE adr_source (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  decision_id   INTEGER NOT NULL UNIQUE REFERENCES decision(id),
  collection    TEXT NOT NULL DEFAULT '' CHECK (length(collection) <= 64 AND collection NOT GLOB '*[^a-z0-9._-]*'),
  file          TEXT NOT NULL CHECK (length(file) BETWEEN 4 AND 1000 AND file LIKE '%.md'),
  number        INTEGER CHECK (number >= 0),
  file_sha256   TEXT NOT NULL CHECK (length(file_sha256) = 64 AND file_sha256 NOT GLOB '*[^0-9a-f]*'),
  record_sha256 TEXT NOT NULL CHECK (length(record_sha256) = 64 AND record_sha256 NOT GLOB '*[^0-9a-f]*'),
  created_at    TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by    TEXT NOT NULL,
  UNIQUE (collection, file)
) STRICT;
CREATE INDEX adr_source_number ON adr_source(number);
CREATE INDEX adr_source_file_sha256 ON adr_source(file_sha256);

DROP TRIGGER decision_accept_needs_evidence;
CREATE TRIGGER decision_accept_needs_evidence BEFORE UPDATE OF status ON decision
WHEN NEW.status = 'accepted' AND OLD.status = 'proposed' AND NOT EXISTS (
  SELECT 1 FROM decision_evidence WHERE decision_id = NEW.id AND stance = 'supports')
  AND NOT EXISTS (SELECT 1 FROM adr_source WHERE decision_id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'a decision cannot be accepted without supporting evidence');
END;

-- Lineage walks typed links from the file that states them: 'Amends',
-- 'Clarifies', 'Relates to'; the reverse labels ('Amended by', ...) are the
-- same link seen from the other end and are not walked twice.
DROP VIEW lineage_edge;
CREATE VIEW lineage_edge (src_kind, src_id, dst_kind, dst_id, relation) AS
  SELECT 'context', id, 'context', supersedes_id, 'revises' FROM context WHERE supersedes_id IS NOT NULL
  UNION ALL
  SELECT 'blueprint', id, 'context', context_id, 'drawn from' FROM blueprint
  UNION ALL
  SELECT 'blueprint', id, 'blueprint', supersedes_id, 'supersedes' FROM blueprint WHERE supersedes_id IS NOT NULL
  UNION ALL
  SELECT 'review', id, 'blueprint', blueprint_id, 'reviews' FROM review WHERE blueprint_id IS NOT NULL
  UNION ALL
  SELECT 'decision', id, 'blueprint', blueprint_id, 'belongs to' FROM decision WHERE blueprint_id IS NOT NULL
  UNION ALL
  SELECT 'decision', id, 'context', context_id, 'meets' FROM decision WHERE context_id IS NOT NULL
  UNION ALL
  SELECT 'decision', id, 'review', review_id, 'taken in' FROM decision WHERE review_id IS NOT NULL
  UNION ALL
  SELECT 'decision', id, 'decision', supersedes_id, 'supersedes' FROM decision WHERE supersedes_id IS NOT NULL
  UNION ALL
  SELECT 'decision', src_id, 'decision', dst_id, lower(label) FROM decision_link
  WHERE lower(label) NOT LIKE '% by'
  UNION ALL
  SELECT 'decision', decision_id, 'evidence', evidence_id,
         CASE stance WHEN 'supports' THEN 'supported by' ELSE 'contradicted by' END
  FROM decision_evidence
  UNION ALL
  SELECT 'risk', id, 'decision', decision_id, 'left by' FROM risk WHERE decision_id IS NOT NULL
  UNION ALL
  SELECT 'risk', id, 'blueprint', blueprint_id, 'left by' FROM risk WHERE blueprint_id IS NOT NULL
  UNION ALL
  SELECT 'verification_step', id, 'risk', risk_id, 'verifies' FROM verification_step
  UNION ALL
  SELECT DISTINCT 'verification_step', step_id, 'evidence', evidence_id, 'shown by'
  FROM verification_result WHERE evidence_id IS NOT NULL;

CREATE TRIGGER decision_link_audit_insert AFTER INSERT ON decision_link
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'decision_link', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|decision_link|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
           'uuid', NEW.uuid,
           'src_id', NEW.src_id,
           'dst_id', NEW.dst_id,
           'label', NEW.label,
           'ordinal', NEW.ordinal,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

CREATE TRIGGER decision_link_audit_update AFTER UPDATE ON decision_link
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'decision_link', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|decision_link|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
           'uuid', NEW.uuid,
           'src_id', NEW.src_id,
           'dst_id', NEW.dst_id,
           'label', NEW.label,
           'ordinal', NEW.ordinal,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

CREATE TRIGGER decision_link_audit_delete AFTER DELETE ON decision_link
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'decision_link', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|decision_link|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', OLD.id,
           'uuid', OLD.uuid,
           'src_id', OLD.src_id,
           'dst_id', OLD.dst_id,
           'label', OLD.label,
           'ordinal', OLD.ordinal,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by) AS row);
END;

CREATE TRIGGER adr_source_audit_insert AFTER INSERT ON adr_source
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'adr_source', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|adr_source|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
           'uuid', NEW.uuid,
           'decision_id', NEW.decision_id,
           'collection', NEW.collection,
           'file', NEW.file,
           'number', NEW.number,
           'file_sha256', NEW.file_sha256,
           'record_sha256', NEW.record_sha256,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

CREATE TRIGGER adr_source_audit_update AFTER UPDATE ON adr_source
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'adr_source', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|adr_source|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
           'uuid', NEW.uuid,
           'decision_id', NEW.decision_id,
           'collection', NEW.collection,
           'file', NEW.file,
           'number', NEW.number,
           'file_sha256', NEW.file_sha256,
           'record_sha256', NEW.record_sha256,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

CREATE TRIGGER adr_source_audit_delete AFTER DELETE ON adr_source
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'adr_source', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|adr_source|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', OLD.id,
           'uuid', OLD.uuid,
           'decision_id', OLD.decision_id,
           'collection', OLD.collection,
           'file', OLD.file,
           'number', OLD.number,
           'file_sha256', OLD.file_sha256,
           'record_sha256', OLD.record_sha256,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by) AS row);
END;

