-- docket schema for PostgreSQL, migration 0007: ADR directories as a source
-- of truth, as migrations/0007_adr_links.sql.
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
--
-- SQLite's LIKE ignores the case of ASCII letters, so a file's '.md' is
-- ILIKE here.
CREATE TABLE decision_link (
  id         bigint PRIMARY KEY DEFAULT docket_next_id('decision_link'),
  uuid       text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  src_id     bigint NOT NULL REFERENCES decision(id) DEFERRABLE,
  dst_id     bigint NOT NULL REFERENCES decision(id) DEFERRABLE,
  label      text NOT NULL CHECK (length(label) BETWEEN 1 AND 64 AND label !~ '[\x01-\x1f]'),
  ordinal    bigint NOT NULL CHECK (ordinal >= 1),
  created_at text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by text NOT NULL,
  UNIQUE (src_id, label, dst_id),
  CHECK (src_id <> dst_id)
);
CREATE INDEX decision_link_dst ON decision_link(dst_id);

CREATE TABLE adr_source (
  id            bigint PRIMARY KEY DEFAULT docket_next_id('adr_source'),
  uuid          text NOT NULL UNIQUE CHECK (length(uuid) = 36),
  decision_id   bigint NOT NULL UNIQUE REFERENCES decision(id) DEFERRABLE,
  collection    text NOT NULL DEFAULT '' CHECK (length(collection) <= 64 AND collection !~ '[^a-z0-9._-]'),
  file          text NOT NULL CHECK (length(file) BETWEEN 4 AND 1000 AND file ILIKE '%.md'),
  number        bigint CHECK (number >= 0),
  file_sha256   text NOT NULL CHECK (length(file_sha256) = 64 AND file_sha256 !~ '[^0-9a-f]'),
  record_sha256 text NOT NULL CHECK (length(record_sha256) = 64 AND record_sha256 !~ '[^0-9a-f]'),
  created_at    text NOT NULL CHECK (created_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'),
  created_by    text NOT NULL,
  UNIQUE (collection, file)
);
CREATE INDEX adr_source_number ON adr_source(number);
CREATE INDEX adr_source_file_sha256 ON adr_source(file_sha256);

CREATE OR REPLACE FUNCTION decision_accept_needs_evidence() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF NEW.status = 'accepted' AND OLD.status = 'proposed' AND NOT EXISTS (
      SELECT 1 FROM decision_evidence WHERE decision_id = NEW.id AND stance = 'supports')
     AND NOT EXISTS (SELECT 1 FROM adr_source WHERE decision_id = NEW.id) THEN
    RAISE EXCEPTION 'a decision cannot be accepted without supporting evidence' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;

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
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER decision_link_audit_update AFTER UPDATE ON decision_link
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER decision_link_audit_delete AFTER DELETE ON decision_link
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER adr_source_audit_insert AFTER INSERT ON adr_source
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER adr_source_audit_update AFTER UPDATE ON adr_source
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
CREATE TRIGGER adr_source_audit_delete AFTER DELETE ON adr_source
  FOR EACH ROW EXECUTE FUNCTION docket_audit();
