-- docket schema for PostgreSQL, migration 0011: withdrawing a record made
-- by mistake, as migrations/0011_withdraw.sql. A risk, decision, evidence
-- item or review recorded by mistake is not deleted (the trail is
-- append-only and every record must equal the state its audit rows give
-- it): it is withdrawn, with who, when and why, and the commands that
-- list, check and report leave it out. A withdrawn risk or decision has the
-- status 'withdrawn'; evidence and reviews have no status, so the three
-- columns alone say it. Withdrawn is final: the record is not changed
-- again, and nothing new may rest on it. What may not be withdrawn
-- (records that others rest on) is judged by src/core/withdraw.c before it
-- writes.

ALTER TABLE risk ADD COLUMN withdrawn_at text CHECK (withdrawn_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$');
ALTER TABLE risk ADD COLUMN withdrawn_by text CHECK (length(withdrawn_by) BETWEEN 1 AND 200);
ALTER TABLE risk ADD COLUMN withdrawn_reason text CHECK (length(withdrawn_reason) BETWEEN 1 AND 10000) CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL) AND (withdrawn_by IS NULL) = (withdrawn_reason IS NULL)) CHECK ((status = 'withdrawn') = (withdrawn_reason IS NOT NULL));
ALTER TABLE decision ADD COLUMN withdrawn_at text CHECK (withdrawn_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$');
ALTER TABLE decision ADD COLUMN withdrawn_by text CHECK (length(withdrawn_by) BETWEEN 1 AND 200);
ALTER TABLE decision ADD COLUMN withdrawn_reason text CHECK (length(withdrawn_reason) BETWEEN 1 AND 10000) CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL) AND (withdrawn_by IS NULL) = (withdrawn_reason IS NULL)) CHECK ((status = 'withdrawn') = (withdrawn_reason IS NOT NULL));
ALTER TABLE evidence ADD COLUMN withdrawn_at text CHECK (withdrawn_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$');
ALTER TABLE evidence ADD COLUMN withdrawn_by text CHECK (length(withdrawn_by) BETWEEN 1 AND 200);
ALTER TABLE evidence ADD COLUMN withdrawn_reason text CHECK (length(withdrawn_reason) BETWEEN 1 AND 10000) CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL) AND (withdrawn_by IS NULL) = (withdrawn_reason IS NULL));
ALTER TABLE review ADD COLUMN withdrawn_at text CHECK (withdrawn_at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$');
ALTER TABLE review ADD COLUMN withdrawn_by text CHECK (length(withdrawn_by) BETWEEN 1 AND 200);
ALTER TABLE review ADD COLUMN withdrawn_reason text CHECK (length(withdrawn_reason) BETWEEN 1 AND 10000) CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL) AND (withdrawn_by IS NULL) = (withdrawn_reason IS NULL));

-- 'withdrawn' joins the status CHECKs of risk and decision (PostgreSQL
-- changes a CHECK in place; every existing row satisfies the wider list).
ALTER TABLE risk DROP CONSTRAINT risk_status_check;
ALTER TABLE risk ADD CONSTRAINT risk_status_check
  CHECK (status IN ('open', 'mitigating', 'accepted', 'closed', 'withdrawn'));
ALTER TABLE decision DROP CONSTRAINT decision_status_check;
ALTER TABLE decision ADD CONSTRAINT decision_status_check
  CHECK (status IN ('proposed', 'accepted', 'rejected', 'superseded', 'deprecated', 'withdrawn'));

-- When one write breaks several rules, SQLite raises the message of the
-- trigger it fires first: of those on the same table and event, the one
-- created last. PostgreSQL fires them in the order of their names. So that
-- the message is the same, a trigger here stays silent when one that
-- SQLite fires before it would raise. On decision, BEFORE UPDATE, SQLite's
-- order is decision_withdrawn_review_update, decision_withdrawn_final,
-- decision_status_machine, decision_accept_needs_evidence (the reverse of
-- the names'); on verification_result, BEFORE INSERT, it is
-- verification_result_withdrawn, verification_result_computed. The rows
-- refused are the same either way.

-- A decision may be withdrawn from any status but withdrawn.
CREATE OR REPLACE FUNCTION decision_status_machine() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
      (OLD.status = 'proposed' AND NEW.status IN ('accepted', 'rejected')) OR
      (OLD.status = 'accepted' AND NEW.status IN ('superseded', 'deprecated')) OR
      (OLD.status <> 'withdrawn' AND NEW.status = 'withdrawn'))
     AND OLD.status <> 'withdrawn' -- decision_withdrawn_final's
     AND NOT (NEW.review_id IS DISTINCT FROM OLD.review_id -- decision_withdrawn_review_update's
              AND (SELECT withdrawn_at FROM review WHERE id = NEW.review_id) IS NOT NULL) THEN
    RAISE EXCEPTION 'decision status transition not allowed' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION decision_accept_needs_evidence() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF NEW.status = 'accepted' AND OLD.status = 'proposed' AND NOT EXISTS (
      SELECT 1 FROM decision_evidence WHERE decision_id = NEW.id AND stance = 'supports')
     AND NOT EXISTS (SELECT 1 FROM adr_source WHERE decision_id = NEW.id)
     AND NOT (NEW.review_id IS DISTINCT FROM OLD.review_id -- decision_withdrawn_review_update's
              AND (SELECT withdrawn_at FROM review WHERE id = NEW.review_id) IS NOT NULL) THEN
    RAISE EXCEPTION 'a decision cannot be accepted without supporting evidence' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION verification_result_computed() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF NEW.result IS DISTINCT FROM (SELECT CASE
      WHEN (s.op = '<=' AND NEW.value <= s.threshold) OR (s.op = '<' AND NEW.value < s.threshold)
        OR (s.op = '>=' AND NEW.value >= s.threshold) OR (s.op = '>' AND NEW.value > s.threshold)
        OR (s.op = '==' AND NEW.value = s.threshold) OR (s.op = '!=' AND NEW.value <> s.threshold)
      THEN 'pass' ELSE 'fail' END
      FROM verification_step s WHERE s.id = NEW.step_id)
     AND NOT verification_result_on_withdrawn(NEW.step_id, NEW.evidence_id) THEN
    RAISE EXCEPTION 'verification result does not follow from the value and the criterion'
      USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;

-- Withdrawn is final.
CREATE FUNCTION risk_withdrawn_final() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'a withdrawn risk is not changed' USING ERRCODE = '23514';
END
$$;
CREATE TRIGGER risk_withdrawn_final BEFORE UPDATE ON risk
  FOR EACH ROW WHEN (OLD.status = 'withdrawn') EXECUTE FUNCTION risk_withdrawn_final();

CREATE FUNCTION decision_withdrawn_final() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF NOT (NEW.review_id IS DISTINCT FROM OLD.review_id -- decision_withdrawn_review_update's
          AND (SELECT withdrawn_at FROM review WHERE id = NEW.review_id) IS NOT NULL) THEN
    RAISE EXCEPTION 'a withdrawn decision is not changed' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER decision_withdrawn_final BEFORE UPDATE ON decision
  FOR EACH ROW WHEN (OLD.status = 'withdrawn') EXECUTE FUNCTION decision_withdrawn_final();

CREATE FUNCTION evidence_withdrawn_final() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'a withdrawn evidence item is not changed' USING ERRCODE = '23514';
END
$$;
CREATE TRIGGER evidence_withdrawn_final BEFORE UPDATE ON evidence
  FOR EACH ROW WHEN (OLD.withdrawn_at IS NOT NULL) EXECUTE FUNCTION evidence_withdrawn_final();

CREATE FUNCTION review_withdrawn_final() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'a withdrawn review is not changed' USING ERRCODE = '23514';
END
$$;
CREATE TRIGGER review_withdrawn_final BEFORE UPDATE ON review
  FOR EACH ROW WHEN (OLD.withdrawn_at IS NOT NULL) EXECUTE FUNCTION review_withdrawn_final();

CREATE FUNCTION review_attendee_withdrawn_join() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF (SELECT withdrawn_at FROM review WHERE id = NEW.review_id) IS NOT NULL THEN
    RAISE EXCEPTION 'a withdrawn review is not changed' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER review_attendee_withdrawn_join BEFORE INSERT ON review_attendee
  FOR EACH ROW EXECUTE FUNCTION review_attendee_withdrawn_join();

CREATE FUNCTION review_attendee_withdrawn_leave() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF (SELECT withdrawn_at FROM review WHERE id = OLD.review_id) IS NOT NULL THEN
    RAISE EXCEPTION 'a withdrawn review is not changed' USING ERRCODE = '23514';
  END IF;
  RETURN OLD;
END
$$;
CREATE TRIGGER review_attendee_withdrawn_leave BEFORE DELETE ON review_attendee
  FOR EACH ROW EXECUTE FUNCTION review_attendee_withdrawn_leave();

-- Nothing new rests on a withdrawn record.
CREATE FUNCTION risk_withdrawn_decision() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF NEW.decision_id IS NOT NULL
     AND (SELECT status FROM decision WHERE id = NEW.decision_id) = 'withdrawn' THEN
    RAISE EXCEPTION 'a risk cannot be left by a withdrawn decision' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER risk_withdrawn_decision BEFORE INSERT ON risk
  FOR EACH ROW EXECUTE FUNCTION risk_withdrawn_decision();

CREATE FUNCTION decision_withdrawn_review() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF NEW.review_id IS NOT NULL
     AND (SELECT withdrawn_at FROM review WHERE id = NEW.review_id) IS NOT NULL THEN
    RAISE EXCEPTION 'a decision cannot be taken in a withdrawn review' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER decision_withdrawn_review BEFORE INSERT ON decision
  FOR EACH ROW EXECUTE FUNCTION decision_withdrawn_review();

CREATE FUNCTION decision_withdrawn_review_update() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF NEW.review_id IS DISTINCT FROM OLD.review_id
     AND (SELECT withdrawn_at FROM review WHERE id = NEW.review_id) IS NOT NULL THEN
    RAISE EXCEPTION 'a decision cannot be taken in a withdrawn review' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER decision_withdrawn_review_update BEFORE UPDATE OF review_id ON decision
  FOR EACH ROW EXECUTE FUNCTION decision_withdrawn_review_update();

CREATE FUNCTION decision_evidence_withdrawn() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF (SELECT status FROM decision WHERE id = NEW.decision_id) = 'withdrawn'
     OR (SELECT withdrawn_at FROM evidence WHERE id = NEW.evidence_id) IS NOT NULL THEN
    RAISE EXCEPTION 'a withdrawn decision or evidence item is not linked' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER decision_evidence_withdrawn BEFORE INSERT ON decision_evidence
  FOR EACH ROW EXECUTE FUNCTION decision_evidence_withdrawn();

CREATE FUNCTION decision_evidence_withdrawn_unlink() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF (SELECT status FROM decision WHERE id = OLD.decision_id) = 'withdrawn' THEN
    RAISE EXCEPTION 'the evidence of a withdrawn decision is not changed' USING ERRCODE = '23514';
  END IF;
  RETURN OLD;
END
$$;
CREATE TRIGGER decision_evidence_withdrawn_unlink BEFORE DELETE ON decision_evidence
  FOR EACH ROW EXECUTE FUNCTION decision_evidence_withdrawn_unlink();

CREATE FUNCTION decision_link_withdrawn() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF (SELECT status FROM decision WHERE id = NEW.src_id) = 'withdrawn'
     OR (SELECT status FROM decision WHERE id = NEW.dst_id) = 'withdrawn' THEN
    RAISE EXCEPTION 'a withdrawn decision is not linked' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER decision_link_withdrawn BEFORE INSERT ON decision_link
  FOR EACH ROW EXECUTE FUNCTION decision_link_withdrawn();

CREATE FUNCTION verification_step_withdrawn() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF (SELECT status FROM risk WHERE id = NEW.risk_id) = 'withdrawn' THEN
    RAISE EXCEPTION 'a withdrawn risk gets no verification step' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER verification_step_withdrawn BEFORE INSERT ON verification_step
  FOR EACH ROW EXECUTE FUNCTION verification_step_withdrawn();

-- Whether a result for the step p_step, shown by the evidence p_evidence,
-- would be one for a withdrawn risk or with withdrawn evidence
-- (verification_result_withdrawn's rule).
CREATE FUNCTION verification_result_on_withdrawn(p_step bigint, p_evidence bigint) RETURNS boolean
  LANGUAGE sql STABLE
  RETURN coalesce((SELECT r.status FROM verification_step s JOIN risk r ON r.id = s.risk_id
                   WHERE s.id = p_step) = 'withdrawn', false)
      OR (SELECT e.withdrawn_at FROM evidence e WHERE e.id = p_evidence) IS NOT NULL;

CREATE FUNCTION verification_result_withdrawn() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF verification_result_on_withdrawn(NEW.step_id, NEW.evidence_id) THEN
    RAISE EXCEPTION 'no result is recorded for a withdrawn risk or with withdrawn evidence'
      USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER verification_result_withdrawn BEFORE INSERT ON verification_result
  FOR EACH ROW EXECUTE FUNCTION verification_result_withdrawn();

-- A decision's history lists its evidence links and the links it makes to
-- other decisions from their audit rows; these find them by the decision
-- they name, as src/core/history.c's PostgreSQL spelling writes it (each
-- write of such a link pays one small index entry).
CREATE INDEX audit_log_decision_evidence ON audit_log((((row)::json ->> 'decision_id')::bigint))
  WHERE entity = 'decision_evidence';
CREATE INDEX audit_log_decision_link ON audit_log((((row)::json ->> 'src_id')::bigint))
  WHERE entity = 'decision_link';

-- The audit triggers need no change: docket_audit() writes every column
-- of the row, the withdrawn ones included (SQLite's are written again here).

-- Withdrawn records are few: searches leave them out through these.
CREATE INDEX risk_withdrawn ON risk(id) WHERE withdrawn_at IS NOT NULL;
CREATE INDEX decision_withdrawn ON decision(id) WHERE withdrawn_at IS NOT NULL;
CREATE INDEX evidence_withdrawn ON evidence(id) WHERE withdrawn_at IS NOT NULL;
CREATE INDEX review_withdrawn ON review(id) WHERE withdrawn_at IS NOT NULL;
