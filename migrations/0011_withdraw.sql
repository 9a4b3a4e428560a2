-- docket schema, migration 0011: withdrawing a record made by mistake.
-- A risk, decision, evidence item or review recorded by mistake is not
-- deleted (the trail is append-only and every record must equal the state
-- its audit rows give it): it is withdrawn, with who, when and why, and
-- the commands that list, check and report leave it out. A withdrawn risk
-- or decision has the status 'withdrawn'; evidence and reviews have no
-- status, so the three columns alone say it. Withdrawn is final: the
-- record is not changed again, and nothing new may rest on it. What may
-- not be withdrawn (records that others rest on) is judged by
-- src/core/withdraw.c before it writes.

ALTER TABLE risk ADD COLUMN withdrawn_at TEXT CHECK (withdrawn_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z');
ALTER TABLE risk ADD COLUMN withdrawn_by TEXT CHECK (length(withdrawn_by) BETWEEN 1 AND 200);
ALTER TABLE risk ADD COLUMN withdrawn_reason TEXT CHECK (length(withdrawn_reason) BETWEEN 1 AND 10000) CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL) AND (withdrawn_by IS NULL) = (withdrawn_reason IS NULL)) CHECK ((status = 'withdrawn') = (withdrawn_reason IS NOT NULL));
ALTER TABLE decision ADD COLUMN withdrawn_at TEXT CHECK (withdrawn_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z');
ALTER TABLE decision ADD COLUMN withdrawn_by TEXT CHECK (length(withdrawn_by) BETWEEN 1 AND 200);
ALTER TABLE decision ADD COLUMN withdrawn_reason TEXT CHECK (length(withdrawn_reason) BETWEEN 1 AND 10000) CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL) AND (withdrawn_by IS NULL) = (withdrawn_reason IS NULL)) CHECK ((status = 'withdrawn') = (withdrawn_reason IS NOT NULL));
ALTER TABLE evidence ADD COLUMN withdrawn_at TEXT CHECK (withdrawn_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z');
ALTER TABLE evidence ADD COLUMN withdrawn_by TEXT CHECK (length(withdrawn_by) BETWEEN 1 AND 200);
ALTER TABLE evidence ADD COLUMN withdrawn_reason TEXT CHECK (length(withdrawn_reason) BETWEEN 1 AND 10000) CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL) AND (withdrawn_by IS NULL) = (withdrawn_reason IS NULL));
ALTER TABLE review ADD COLUMN withdrawn_at TEXT CHECK (withdrawn_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z');
ALTER TABLE review ADD COLUMN withdrawn_by TEXT CHECK (length(withdrawn_by) BETWEEN 1 AND 200);
ALTER TABLE review ADD COLUMN withdrawn_reason TEXT CHECK (length(withdrawn_reason) BETWEEN 1 AND 10000) CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL) AND (withdrawn_by IS NULL) = (withdrawn_reason IS NULL));

-- 'withdrawn' joins the status CHECKs of risk and decision. SQLite cannot
-- alter a CHECK in place, and a rebuild of these tables would drop and
-- re-create them under the audit triggers and the foreign keys of every
-- table that names them; every existing row satisfies the wider list, so
-- this uses SQLite's documented procedure for such a change (as 0010 did):
-- edit the table's SQL under writable_schema, in this transaction. RESET
-- makes this connection read the schema again (else it keeps checking the
-- old list until it closes) and the CREATE and DROP bump the schema version
-- so that every other connection does too. The temporary table refuses the
-- migration if either edit did not find its text.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (status IN (''open'', ''mitigating'', ''accepted'', ''closed''))',
                          'CHECK (status IN (''open'', ''mitigating'', ''accepted'', ''closed'', ''withdrawn''))')
 WHERE type = 'table' AND name = 'risk';
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (status IN (''proposed'', ''accepted'', ''rejected'', ''superseded'', ''deprecated''))',
                          'CHECK (status IN (''proposed'', ''accepted'', ''rejected'', ''superseded'', ''deprecated'', ''withdrawn''))')
 WHERE type = 'table' AND name = 'decision';
PRAGMA writable_schema = RESET;
CREATE TEMP TABLE docket_0011_edited (ok INTEGER NOT NULL CHECK (ok = 2));
INSERT INTO docket_0011_edited
SELECT count(*) FROM sqlite_schema
 WHERE type = 'table' AND ((name = 'risk' AND instr(sql, '''closed'', ''withdrawn'')') > 0)
                        OR (name = 'decision' AND instr(sql, '''deprecated'', ''withdrawn'')') > 0));
DROP TABLE docket_0011_edited;
CREATE TABLE docket_schema_bump (x INTEGER);
DROP TABLE docket_schema_bump;

-- A decision may be withdrawn from any status but withdrawn.
DROP TRIGGER decision_status_machine;
CREATE TRIGGER decision_status_machine BEFORE UPDATE OF status ON decision
WHEN NEW.status IS NOT OLD.status AND NOT (
  (OLD.status = 'proposed' AND NEW.status IN ('accepted', 'rejected')) OR
  (OLD.status = 'accepted' AND NEW.status IN ('superseded', 'deprecated')) OR
  (OLD.status <> 'withdrawn' AND NEW.status = 'withdrawn'))
BEGIN
  SELECT RAISE(ABORT, 'decision status transition not allowed');
END;

-- Withdrawn is final.
CREATE TRIGGER risk_withdrawn_final BEFORE UPDATE ON risk WHEN OLD.status = 'withdrawn'
BEGIN
  SELECT RAISE(ABORT, 'a withdrawn risk is not changed');
END;
CREATE TRIGGER decision_withdrawn_final BEFORE UPDATE ON decision WHEN OLD.status = 'withdrawn'
BEGIN
  SELECT RAISE(ABORT, 'a withdrawn decision is not changed');
END;
CREATE TRIGGER evidence_withdrawn_final BEFORE UPDATE ON evidence WHEN OLD.withdrawn_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a withdrawn evidence item is not changed');
END;
CREATE TRIGGER review_withdrawn_final BEFORE UPDATE ON review WHEN OLD.withdrawn_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a withdrawn review is not changed');
END;
CREATE TRIGGER review_attendee_withdrawn_join BEFORE INSERT ON review_attendee
WHEN (SELECT withdrawn_at FROM review WHERE id = NEW.review_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a withdrawn review is not changed');
END;
CREATE TRIGGER review_attendee_withdrawn_leave BEFORE DELETE ON review_attendee
WHEN (SELECT withdrawn_at FROM review WHERE id = OLD.review_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a withdrawn review is not changed');
END;

-- Nothing new rests on a withdrawn record.
CREATE TRIGGER risk_withdrawn_decision BEFORE INSERT ON risk
WHEN NEW.decision_id IS NOT NULL AND (SELECT status FROM decision WHERE id = NEW.decision_id) = 'withdrawn'
BEGIN
  SELECT RAISE(ABORT, 'a risk cannot be left by a withdrawn decision');
END;
CREATE TRIGGER decision_withdrawn_review BEFORE INSERT ON decision
WHEN NEW.review_id IS NOT NULL AND (SELECT withdrawn_at FROM review WHERE id = NEW.review_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a decision cannot be taken in a withdrawn review');
END;
CREATE TRIGGER decision_withdrawn_review_update BEFORE UPDATE OF review_id ON decision
WHEN NEW.review_id IS NOT OLD.review_id AND (SELECT withdrawn_at FROM review WHERE id = NEW.review_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a decision cannot be taken in a withdrawn review');
END;
CREATE TRIGGER decision_evidence_withdrawn BEFORE INSERT ON decision_evidence
WHEN (SELECT status FROM decision WHERE id = NEW.decision_id) = 'withdrawn'
  OR (SELECT withdrawn_at FROM evidence WHERE id = NEW.evidence_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a withdrawn decision or evidence item is not linked');
END;
CREATE TRIGGER decision_evidence_withdrawn_unlink BEFORE DELETE ON decision_evidence
WHEN (SELECT status FROM decision WHERE id = OLD.decision_id) = 'withdrawn'
BEGIN
  SELECT RAISE(ABORT, 'the evidence of a withdrawn decision is not changed');
END;
CREATE TRIGGER decision_link_withdrawn BEFORE INSERT ON decision_link
WHEN (SELECT status FROM decision WHERE id = NEW.src_id) = 'withdrawn'
  OR (SELECT status FROM decision WHERE id = NEW.dst_id) = 'withdrawn'
BEGIN
  SELECT RAISE(ABORT, 'a withdrawn decision is not linked');
END;
CREATE TRIGGER verification_step_withdrawn BEFORE INSERT ON verification_step
WHEN (SELECT status FROM risk WHERE id = NEW.risk_id) = 'withdrawn'
BEGIN
  SELECT RAISE(ABORT, 'a withdrawn risk gets no verification step');
END;
CREATE TRIGGER verification_result_withdrawn BEFORE INSERT ON verification_result
WHEN (SELECT r.status FROM verification_step s JOIN risk r ON r.id = s.risk_id WHERE s.id = NEW.step_id) = 'withdrawn'
  OR (SELECT withdrawn_at FROM evidence WHERE id = NEW.evidence_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'no result is recorded for a withdrawn risk or with withdrawn evidence');
END;

-- A decision's history lists its evidence links and the links it makes to
-- other decisions from their audit rows; these find them by the decision
-- they name (each write of such a link pays one small index entry).
CREATE INDEX audit_log_decision_evidence ON audit_log(json_extract(row, '$.decision_id'))
  WHERE entity = 'decision_evidence';
CREATE INDEX audit_log_decision_link ON audit_log(json_extract(row, '$.src_id'))
  WHERE entity = 'decision_link';

-- The audit triggers again, with the withdrawn columns in the row.
DROP TRIGGER risk_audit_insert;
DROP TRIGGER risk_audit_update;
DROP TRIGGER risk_audit_delete;
DROP TRIGGER decision_audit_insert;
DROP TRIGGER decision_audit_update;
DROP TRIGGER decision_audit_delete;
DROP TRIGGER evidence_audit_insert;
DROP TRIGGER evidence_audit_update;
DROP TRIGGER evidence_audit_delete;
DROP TRIGGER review_audit_insert;
DROP TRIGGER review_audit_update;
DROP TRIGGER review_audit_delete;

CREATE TRIGGER risk_audit_insert AFTER INSERT ON risk
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'risk', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|risk|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
           'uuid', NEW.uuid,
           'title', NEW.title,
           'description', NEW.description,
           'category', NEW.category,
           'likelihood', NEW.likelihood,
           'impact', NEW.impact,
           'score', NEW.score,
           'status', NEW.status,
           'treatment', NEW.treatment,
           'owner_id', NEW.owner_id,
           'due_on', NEW.due_on,
           'decision_id', NEW.decision_id,
           'blueprint_id', NEW.blueprint_id,
           'asked_by', NEW.asked_by,
           'approved_by', NEW.approved_by,
           'accepted_on', NEW.accepted_on,
           'accepted_until', NEW.accepted_until,
           'accepted_hash', NEW.accepted_hash,
           'accept_reason', NEW.accept_reason,
           'closed_on', NEW.closed_on,
           'closed_reason', NEW.closed_reason,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by,
           'withdrawn_at', NEW.withdrawn_at,
           'withdrawn_by', NEW.withdrawn_by,
           'withdrawn_reason', NEW.withdrawn_reason) AS row);
END;

CREATE TRIGGER risk_audit_update AFTER UPDATE ON risk
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'risk', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|risk|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
           'uuid', NEW.uuid,
           'title', NEW.title,
           'description', NEW.description,
           'category', NEW.category,
           'likelihood', NEW.likelihood,
           'impact', NEW.impact,
           'score', NEW.score,
           'status', NEW.status,
           'treatment', NEW.treatment,
           'owner_id', NEW.owner_id,
           'due_on', NEW.due_on,
           'decision_id', NEW.decision_id,
           'blueprint_id', NEW.blueprint_id,
           'asked_by', NEW.asked_by,
           'approved_by', NEW.approved_by,
           'accepted_on', NEW.accepted_on,
           'accepted_until', NEW.accepted_until,
           'accepted_hash', NEW.accepted_hash,
           'accept_reason', NEW.accept_reason,
           'closed_on', NEW.closed_on,
           'closed_reason', NEW.closed_reason,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by,
           'withdrawn_at', NEW.withdrawn_at,
           'withdrawn_by', NEW.withdrawn_by,
           'withdrawn_reason', NEW.withdrawn_reason) AS row);
END;

CREATE TRIGGER risk_audit_delete AFTER DELETE ON risk
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'risk', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|risk|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', OLD.id,
           'uuid', OLD.uuid,
           'title', OLD.title,
           'description', OLD.description,
           'category', OLD.category,
           'likelihood', OLD.likelihood,
           'impact', OLD.impact,
           'score', OLD.score,
           'status', OLD.status,
           'treatment', OLD.treatment,
           'owner_id', OLD.owner_id,
           'due_on', OLD.due_on,
           'decision_id', OLD.decision_id,
           'blueprint_id', OLD.blueprint_id,
           'asked_by', OLD.asked_by,
           'approved_by', OLD.approved_by,
           'accepted_on', OLD.accepted_on,
           'accepted_until', OLD.accepted_until,
           'accepted_hash', OLD.accepted_hash,
           'accept_reason', OLD.accept_reason,
           'closed_on', OLD.closed_on,
           'closed_reason', OLD.closed_reason,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by,
           'withdrawn_at', OLD.withdrawn_at,
           'withdrawn_by', OLD.withdrawn_by,
           'withdrawn_reason', OLD.withdrawn_reason) AS row);
END;

CREATE TRIGGER decision_audit_insert AFTER INSERT ON decision
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'decision', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|decision|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
           'uuid', NEW.uuid,
           'title', NEW.title,
           'area', NEW.area,
           'status', NEW.status,
           'problem', NEW.problem,
           'drivers', NEW.drivers,
           'rationale', NEW.rationale,
           'consequences', NEW.consequences,
           'confirmation', NEW.confirmation,
           'makers', NEW.makers,
           'consulted', NEW.consulted,
           'informed', NEW.informed,
           'tags', NEW.tags,
           'decided_on', NEW.decided_on,
           'review_by', NEW.review_by,
           'status_reason', NEW.status_reason,
           'blueprint_id', NEW.blueprint_id,
           'context_id', NEW.context_id,
           'review_id', NEW.review_id,
           'supersedes_id', NEW.supersedes_id,
           'adr_number', NEW.adr_number,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by,
           'withdrawn_at', NEW.withdrawn_at,
           'withdrawn_by', NEW.withdrawn_by,
           'withdrawn_reason', NEW.withdrawn_reason) AS row);
END;

CREATE TRIGGER decision_audit_update AFTER UPDATE ON decision
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'decision', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|decision|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
           'uuid', NEW.uuid,
           'title', NEW.title,
           'area', NEW.area,
           'status', NEW.status,
           'problem', NEW.problem,
           'drivers', NEW.drivers,
           'rationale', NEW.rationale,
           'consequences', NEW.consequences,
           'confirmation', NEW.confirmation,
           'makers', NEW.makers,
           'consulted', NEW.consulted,
           'informed', NEW.informed,
           'tags', NEW.tags,
           'decided_on', NEW.decided_on,
           'review_by', NEW.review_by,
           'status_reason', NEW.status_reason,
           'blueprint_id', NEW.blueprint_id,
           'context_id', NEW.context_id,
           'review_id', NEW.review_id,
           'supersedes_id', NEW.supersedes_id,
           'adr_number', NEW.adr_number,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by,
           'withdrawn_at', NEW.withdrawn_at,
           'withdrawn_by', NEW.withdrawn_by,
           'withdrawn_reason', NEW.withdrawn_reason) AS row);
END;

CREATE TRIGGER decision_audit_delete AFTER DELETE ON decision
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'decision', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|decision|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', OLD.id,
           'uuid', OLD.uuid,
           'title', OLD.title,
           'area', OLD.area,
           'status', OLD.status,
           'problem', OLD.problem,
           'drivers', OLD.drivers,
           'rationale', OLD.rationale,
           'consequences', OLD.consequences,
           'confirmation', OLD.confirmation,
           'makers', OLD.makers,
           'consulted', OLD.consulted,
           'informed', OLD.informed,
           'tags', OLD.tags,
           'decided_on', OLD.decided_on,
           'review_by', OLD.review_by,
           'status_reason', OLD.status_reason,
           'blueprint_id', OLD.blueprint_id,
           'context_id', OLD.context_id,
           'review_id', OLD.review_id,
           'supersedes_id', OLD.supersedes_id,
           'adr_number', OLD.adr_number,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by,
           'withdrawn_at', OLD.withdrawn_at,
           'withdrawn_by', OLD.withdrawn_by,
           'withdrawn_reason', OLD.withdrawn_reason) AS row);
END;

CREATE TRIGGER evidence_audit_insert AFTER INSERT ON evidence
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'evidence', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|evidence|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
           'uuid', NEW.uuid,
           'kind', NEW.kind,
           'title', NEW.title,
           'uri', NEW.uri,
           'sha256', NEW.sha256,
           'size_bytes', NEW.size_bytes,
           'summary', NEW.summary,
           'collected_on', NEW.collected_on,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by,
           'withdrawn_at', NEW.withdrawn_at,
           'withdrawn_by', NEW.withdrawn_by,
           'withdrawn_reason', NEW.withdrawn_reason) AS row);
END;

CREATE TRIGGER evidence_audit_update AFTER UPDATE ON evidence
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'evidence', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|evidence|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
           'uuid', NEW.uuid,
           'kind', NEW.kind,
           'title', NEW.title,
           'uri', NEW.uri,
           'sha256', NEW.sha256,
           'size_bytes', NEW.size_bytes,
           'summary', NEW.summary,
           'collected_on', NEW.collected_on,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by,
           'withdrawn_at', NEW.withdrawn_at,
           'withdrawn_by', NEW.withdrawn_by,
           'withdrawn_reason', NEW.withdrawn_reason) AS row);
END;

CREATE TRIGGER evidence_audit_delete AFTER DELETE ON evidence
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'evidence', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|evidence|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', OLD.id,
           'uuid', OLD.uuid,
           'kind', OLD.kind,
           'title', OLD.title,
           'uri', OLD.uri,
           'sha256', OLD.sha256,
           'size_bytes', OLD.size_bytes,
           'summary', OLD.summary,
           'collected_on', OLD.collected_on,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by,
           'withdrawn_at', OLD.withdrawn_at,
           'withdrawn_by', OLD.withdrawn_by,
           'withdrawn_reason', OLD.withdrawn_reason) AS row);
END;

CREATE TRIGGER review_audit_insert AFTER INSERT ON review
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'review', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|review|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
           'uuid', NEW.uuid,
           'held_on', NEW.held_on,
           'blueprint_id', NEW.blueprint_id,
           'notes', NEW.notes,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by,
           'withdrawn_at', NEW.withdrawn_at,
           'withdrawn_by', NEW.withdrawn_by,
           'withdrawn_reason', NEW.withdrawn_reason) AS row);
END;

CREATE TRIGGER review_audit_update AFTER UPDATE ON review
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'review', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|review|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
           'uuid', NEW.uuid,
           'held_on', NEW.held_on,
           'blueprint_id', NEW.blueprint_id,
           'notes', NEW.notes,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by,
           'withdrawn_at', NEW.withdrawn_at,
           'withdrawn_by', NEW.withdrawn_by,
           'withdrawn_reason', NEW.withdrawn_reason) AS row);
END;

CREATE TRIGGER review_audit_delete AFTER DELETE ON review
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'review', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|review|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', OLD.id,
           'uuid', OLD.uuid,
           'held_on', OLD.held_on,
           'blueprint_id', OLD.blueprint_id,
           'notes', OLD.notes,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by,
           'withdrawn_at', OLD.withdrawn_at,
           'withdrawn_by', OLD.withdrawn_by,
           'withdrawn_reason', OLD.withdrawn_reason) AS row);
END;

-- Withdrawn records are few: searches leave them out through these.
CREATE INDEX risk_withdrawn ON risk(id) WHERE withdrawn_at IS NOT NULL;
CREATE INDEX decision_withdrawn ON decision(id) WHERE withdrawn_at IS NOT NULL;
CREATE INDEX evidence_withdrawn ON evidence(id) WHERE withdrawn_at IS NOT NULL;
CREATE INDEX review_withdrawn ON review(id) WHERE withdrawn_at IS NOT NULL;
