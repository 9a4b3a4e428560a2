-- docket schema, migration 0014: audit rows in docket's canonical text.
-- Every audit trigger writes its row with docket_canon_object (the rules
-- are in include/docket/canon.h) instead of SQLite's json_object, so that
-- another engine can write the same bytes and so the same hashes. For
-- texts, integers and NULL the bytes are json_object's, so rows written
-- before hash as they did; a real is now written in its shortest form that
-- reads back as the same double (0.30000000000000004, not 0.3; 1e+20, not
-- 1.0e+20). The triggers are otherwise the ones they replace, byte for
-- byte. Rows already in the trail keep their text and their hashes.

DROP TRIGGER policy_audit_insert;
CREATE TRIGGER policy_audit_insert AFTER INSERT ON policy
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'policy', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|policy|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'team', NEW.team,
           'appetite', NEW.appetite,
           'grace_days', NEW.grace_days,
           'acceptance_days', NEW.acceptance_days,
           'default_due_days', NEW.default_due_days,
           'escalate_to', NEW.escalate_to,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER policy_audit_update;
CREATE TRIGGER policy_audit_update AFTER UPDATE ON policy
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'policy', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|policy|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'team', NEW.team,
           'appetite', NEW.appetite,
           'grace_days', NEW.grace_days,
           'acceptance_days', NEW.acceptance_days,
           'default_due_days', NEW.default_due_days,
           'escalate_to', NEW.escalate_to,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER policy_audit_delete;
CREATE TRIGGER policy_audit_delete AFTER DELETE ON policy
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'policy', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|policy|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
           'uuid', OLD.uuid,
           'team', OLD.team,
           'appetite', OLD.appetite,
           'grace_days', OLD.grace_days,
           'acceptance_days', OLD.acceptance_days,
           'default_due_days', OLD.default_due_days,
           'escalate_to', OLD.escalate_to,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by) AS row);
END;

DROP TRIGGER blueprint_audit_insert;
CREATE TRIGGER blueprint_audit_insert AFTER INSERT ON blueprint
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'blueprint', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|blueprint|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'context_id', NEW.context_id,
           'source', NEW.source,
           'generator_version', NEW.generator_version,
           'catalog_sha256', NEW.catalog_sha256,
           'body_md', NEW.body_md,
           'body_json', NEW.body_json,
           'body_sha256', NEW.body_sha256,
           'status', NEW.status,
           'supersedes_id', NEW.supersedes_id,
           'approved_at', NEW.approved_at,
           'approved_by', NEW.approved_by,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER blueprint_audit_update;
CREATE TRIGGER blueprint_audit_update AFTER UPDATE ON blueprint
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'blueprint', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|blueprint|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'context_id', NEW.context_id,
           'source', NEW.source,
           'generator_version', NEW.generator_version,
           'catalog_sha256', NEW.catalog_sha256,
           'body_md', NEW.body_md,
           'body_json', NEW.body_json,
           'body_sha256', NEW.body_sha256,
           'status', NEW.status,
           'supersedes_id', NEW.supersedes_id,
           'approved_at', NEW.approved_at,
           'approved_by', NEW.approved_by,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER blueprint_audit_delete;
CREATE TRIGGER blueprint_audit_delete AFTER DELETE ON blueprint
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'blueprint', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|blueprint|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
           'uuid', OLD.uuid,
           'context_id', OLD.context_id,
           'source', OLD.source,
           'generator_version', OLD.generator_version,
           'catalog_sha256', OLD.catalog_sha256,
           'body_md', OLD.body_md,
           'body_json', OLD.body_json,
           'body_sha256', OLD.body_sha256,
           'status', OLD.status,
           'supersedes_id', OLD.supersedes_id,
           'approved_at', OLD.approved_at,
           'approved_by', OLD.approved_by,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by) AS row);
END;

DROP TRIGGER blueprint_item_audit_insert;
CREATE TRIGGER blueprint_item_audit_insert AFTER INSERT ON blueprint_item
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'blueprint_item', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|blueprint_item|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'blueprint_id', NEW.blueprint_id,
           'ordinal', NEW.ordinal,
           'area', NEW.area,
           'component', NEW.component,
           'choice', NEW.choice,
           'alternative', NEW.alternative,
           'tradeoff', NEW.tradeoff,
           'deferred', NEW.deferred,
           'add_when', NEW.add_when,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER blueprint_item_audit_update;
CREATE TRIGGER blueprint_item_audit_update AFTER UPDATE ON blueprint_item
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'blueprint_item', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|blueprint_item|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'blueprint_id', NEW.blueprint_id,
           'ordinal', NEW.ordinal,
           'area', NEW.area,
           'component', NEW.component,
           'choice', NEW.choice,
           'alternative', NEW.alternative,
           'tradeoff', NEW.tradeoff,
           'deferred', NEW.deferred,
           'add_when', NEW.add_when,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER blueprint_item_audit_delete;
CREATE TRIGGER blueprint_item_audit_delete AFTER DELETE ON blueprint_item
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'blueprint_item', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|blueprint_item|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
           'uuid', OLD.uuid,
           'blueprint_id', OLD.blueprint_id,
           'ordinal', OLD.ordinal,
           'area', OLD.area,
           'component', OLD.component,
           'choice', OLD.choice,
           'alternative', OLD.alternative,
           'tradeoff', OLD.tradeoff,
           'deferred', OLD.deferred,
           'add_when', OLD.add_when,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by) AS row);
END;

DROP TRIGGER stage_audit_insert;
CREATE TRIGGER stage_audit_insert AFTER INSERT ON stage
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'stage', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|stage|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'blueprint_id', NEW.blueprint_id,
           'ordinal', NEW.ordinal,
           'name', NEW.name,
           'inputs', NEW.inputs,
           'outputs', NEW.outputs,
           'idempotent', NEW.idempotent,
           'retryable', NEW.retryable,
           'deps_pinned', NEW.deps_pinned,
           'seed_fixed', NEW.seed_fixed,
           'env_captured', NEW.env_captured,
           'data_versioned', NEW.data_versioned,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER stage_audit_update;
CREATE TRIGGER stage_audit_update AFTER UPDATE ON stage
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'stage', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|stage|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'blueprint_id', NEW.blueprint_id,
           'ordinal', NEW.ordinal,
           'name', NEW.name,
           'inputs', NEW.inputs,
           'outputs', NEW.outputs,
           'idempotent', NEW.idempotent,
           'retryable', NEW.retryable,
           'deps_pinned', NEW.deps_pinned,
           'seed_fixed', NEW.seed_fixed,
           'env_captured', NEW.env_captured,
           'data_versioned', NEW.data_versioned,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER stage_audit_delete;
CREATE TRIGGER stage_audit_delete AFTER DELETE ON stage
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'stage', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|stage|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
           'uuid', OLD.uuid,
           'blueprint_id', OLD.blueprint_id,
           'ordinal', OLD.ordinal,
           'name', OLD.name,
           'inputs', OLD.inputs,
           'outputs', OLD.outputs,
           'idempotent', OLD.idempotent,
           'retryable', OLD.retryable,
           'deps_pinned', OLD.deps_pinned,
           'seed_fixed', OLD.seed_fixed,
           'env_captured', OLD.env_captured,
           'data_versioned', OLD.data_versioned,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by) AS row);
END;

DROP TRIGGER gate_audit_insert;
CREATE TRIGGER gate_audit_insert AFTER INSERT ON gate
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'gate', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|gate|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'stage_id', NEW.stage_id,
           'metric', NEW.metric,
           'op', NEW.op,
           'threshold', NEW.threshold,
           'defined_on', NEW.defined_on,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER gate_audit_update;
CREATE TRIGGER gate_audit_update AFTER UPDATE ON gate
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'gate', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|gate|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'stage_id', NEW.stage_id,
           'metric', NEW.metric,
           'op', NEW.op,
           'threshold', NEW.threshold,
           'defined_on', NEW.defined_on,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER gate_audit_delete;
CREATE TRIGGER gate_audit_delete AFTER DELETE ON gate
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'gate', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|gate|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
           'uuid', OLD.uuid,
           'stage_id', OLD.stage_id,
           'metric', OLD.metric,
           'op', OLD.op,
           'threshold', OLD.threshold,
           'defined_on', OLD.defined_on,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by) AS row);
END;

DROP TRIGGER review_attendee_audit_insert;
CREATE TRIGGER review_attendee_audit_insert AFTER INSERT ON review_attendee
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'review_attendee', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|review_attendee|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'review_id', NEW.review_id,
           'person_id', NEW.person_id,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER review_attendee_audit_update;
CREATE TRIGGER review_attendee_audit_update AFTER UPDATE ON review_attendee
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'review_attendee', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|review_attendee|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'review_id', NEW.review_id,
           'person_id', NEW.person_id,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER review_attendee_audit_delete;
CREATE TRIGGER review_attendee_audit_delete AFTER DELETE ON review_attendee
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'review_attendee', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|review_attendee|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
           'uuid', OLD.uuid,
           'review_id', OLD.review_id,
           'person_id', OLD.person_id,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by) AS row);
END;

DROP TRIGGER decision_option_audit_insert;
CREATE TRIGGER decision_option_audit_insert AFTER INSERT ON decision_option
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'decision_option', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|decision_option|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'decision_id', NEW.decision_id,
           'ordinal', NEW.ordinal,
           'name', NEW.name,
           'pros', NEW.pros,
           'cons', NEW.cons,
           'chosen', NEW.chosen,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER decision_option_audit_update;
CREATE TRIGGER decision_option_audit_update AFTER UPDATE ON decision_option
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'decision_option', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|decision_option|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'decision_id', NEW.decision_id,
           'ordinal', NEW.ordinal,
           'name', NEW.name,
           'pros', NEW.pros,
           'cons', NEW.cons,
           'chosen', NEW.chosen,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER decision_option_audit_delete;
CREATE TRIGGER decision_option_audit_delete AFTER DELETE ON decision_option
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'decision_option', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|decision_option|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
           'uuid', OLD.uuid,
           'decision_id', OLD.decision_id,
           'ordinal', OLD.ordinal,
           'name', OLD.name,
           'pros', OLD.pros,
           'cons', OLD.cons,
           'chosen', OLD.chosen,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by) AS row);
END;

DROP TRIGGER decision_evidence_audit_insert;
CREATE TRIGGER decision_evidence_audit_insert AFTER INSERT ON decision_evidence
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'decision_evidence', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|decision_evidence|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'decision_id', NEW.decision_id,
           'evidence_id', NEW.evidence_id,
           'stance', NEW.stance,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER decision_evidence_audit_update;
CREATE TRIGGER decision_evidence_audit_update AFTER UPDATE ON decision_evidence
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'decision_evidence', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|decision_evidence|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'decision_id', NEW.decision_id,
           'evidence_id', NEW.evidence_id,
           'stance', NEW.stance,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER decision_evidence_audit_delete;
CREATE TRIGGER decision_evidence_audit_delete AFTER DELETE ON decision_evidence
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'decision_evidence', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|decision_evidence|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
           'uuid', OLD.uuid,
           'decision_id', OLD.decision_id,
           'evidence_id', OLD.evidence_id,
           'stance', OLD.stance,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by) AS row);
END;

DROP TRIGGER verification_step_audit_insert;
CREATE TRIGGER verification_step_audit_insert AFTER INSERT ON verification_step
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'verification_step', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|verification_step|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'risk_id', NEW.risk_id,
           'ordinal', NEW.ordinal,
           'check_text', NEW.check_text,
           'metric', NEW.metric,
           'op', NEW.op,
           'threshold', NEW.threshold,
           'method', NEW.method,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER verification_step_audit_update;
CREATE TRIGGER verification_step_audit_update AFTER UPDATE ON verification_step
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'verification_step', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|verification_step|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'risk_id', NEW.risk_id,
           'ordinal', NEW.ordinal,
           'check_text', NEW.check_text,
           'metric', NEW.metric,
           'op', NEW.op,
           'threshold', NEW.threshold,
           'method', NEW.method,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER verification_step_audit_delete;
CREATE TRIGGER verification_step_audit_delete AFTER DELETE ON verification_step
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'verification_step', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|verification_step|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
           'uuid', OLD.uuid,
           'risk_id', OLD.risk_id,
           'ordinal', OLD.ordinal,
           'check_text', OLD.check_text,
           'metric', OLD.metric,
           'op', OLD.op,
           'threshold', OLD.threshold,
           'method', OLD.method,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by) AS row);
END;

DROP TRIGGER verification_result_audit_insert;
CREATE TRIGGER verification_result_audit_insert AFTER INSERT ON verification_result
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'verification_result', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|verification_result|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'step_id', NEW.step_id,
           'value', NEW.value,
           'result', NEW.result,
           'evidence_id', NEW.evidence_id,
           'recorded_on', NEW.recorded_on,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER verification_result_audit_update;
CREATE TRIGGER verification_result_audit_update AFTER UPDATE ON verification_result
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'verification_result', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|verification_result|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'step_id', NEW.step_id,
           'value', NEW.value,
           'result', NEW.result,
           'evidence_id', NEW.evidence_id,
           'recorded_on', NEW.recorded_on,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER verification_result_audit_delete;
CREATE TRIGGER verification_result_audit_delete AFTER DELETE ON verification_result
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'verification_result', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|verification_result|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
           'uuid', OLD.uuid,
           'step_id', OLD.step_id,
           'value', OLD.value,
           'result', OLD.result,
           'evidence_id', OLD.evidence_id,
           'recorded_on', OLD.recorded_on,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by) AS row);
END;

DROP TRIGGER context_audit_insert;
CREATE TRIGGER context_audit_insert AFTER INSERT ON context
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'context', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|context|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'system', NEW.system,
           'revision', NEW.revision,
           'supersedes_id', NEW.supersedes_id,
           'owner_id', NEW.owner_id,
           'problem', NEW.problem,
           'latency_p95_ms', NEW.latency_p95_ms,
           'throughput_rps', NEW.throughput_rps,
           'data_gb', NEW.data_gb,
           'velocity', NEW.velocity,
           'label_delay_days', NEW.label_delay_days,
           'team_size', NEW.team_size,
           'stack', NEW.stack,
           'cloud', NEW.cloud,
           'on_prem', NEW.on_prem,
           'compliance', NEW.compliance,
           'budget_usd_month', NEW.budget_usd_month,
           'shared_features', NEW.shared_features,
           'retrain', NEW.retrain,
           'assumptions', NEW.assumptions,
           'out_of_scope', NEW.out_of_scope,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by,
           'model_kind', NEW.model_kind,
           'deploy_target', NEW.deploy_target,
           'gpu', NEW.gpu,
           'retrieval', NEW.retrieval,
           'air_gapped', NEW.air_gapped,
           'retraining', NEW.retraining,
           'pipelines', NEW.pipelines,
           'availability_pct', NEW.availability_pct,
           'velocity_gb_day', NEW.velocity_gb_day) AS row);
END;

DROP TRIGGER context_audit_update;
CREATE TRIGGER context_audit_update AFTER UPDATE ON context
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'context', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|context|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'system', NEW.system,
           'revision', NEW.revision,
           'supersedes_id', NEW.supersedes_id,
           'owner_id', NEW.owner_id,
           'problem', NEW.problem,
           'latency_p95_ms', NEW.latency_p95_ms,
           'throughput_rps', NEW.throughput_rps,
           'data_gb', NEW.data_gb,
           'velocity', NEW.velocity,
           'label_delay_days', NEW.label_delay_days,
           'team_size', NEW.team_size,
           'stack', NEW.stack,
           'cloud', NEW.cloud,
           'on_prem', NEW.on_prem,
           'compliance', NEW.compliance,
           'budget_usd_month', NEW.budget_usd_month,
           'shared_features', NEW.shared_features,
           'retrain', NEW.retrain,
           'assumptions', NEW.assumptions,
           'out_of_scope', NEW.out_of_scope,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by,
           'model_kind', NEW.model_kind,
           'deploy_target', NEW.deploy_target,
           'gpu', NEW.gpu,
           'retrieval', NEW.retrieval,
           'air_gapped', NEW.air_gapped,
           'retraining', NEW.retraining,
           'pipelines', NEW.pipelines,
           'availability_pct', NEW.availability_pct,
           'velocity_gb_day', NEW.velocity_gb_day) AS row);
END;

DROP TRIGGER context_audit_delete;
CREATE TRIGGER context_audit_delete AFTER DELETE ON context
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'context', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|context|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
           'uuid', OLD.uuid,
           'system', OLD.system,
           'revision', OLD.revision,
           'supersedes_id', OLD.supersedes_id,
           'owner_id', OLD.owner_id,
           'problem', OLD.problem,
           'latency_p95_ms', OLD.latency_p95_ms,
           'throughput_rps', OLD.throughput_rps,
           'data_gb', OLD.data_gb,
           'velocity', OLD.velocity,
           'label_delay_days', OLD.label_delay_days,
           'team_size', OLD.team_size,
           'stack', OLD.stack,
           'cloud', OLD.cloud,
           'on_prem', OLD.on_prem,
           'compliance', OLD.compliance,
           'budget_usd_month', OLD.budget_usd_month,
           'shared_features', OLD.shared_features,
           'retrain', OLD.retrain,
           'assumptions', OLD.assumptions,
           'out_of_scope', OLD.out_of_scope,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by,
           'model_kind', OLD.model_kind,
           'deploy_target', OLD.deploy_target,
           'gpu', OLD.gpu,
           'retrieval', OLD.retrieval,
           'air_gapped', OLD.air_gapped,
           'retraining', OLD.retraining,
           'pipelines', OLD.pipelines,
           'availability_pct', OLD.availability_pct,
           'velocity_gb_day', OLD.velocity_gb_day) AS row);
END;

DROP TRIGGER decision_link_audit_insert;
CREATE TRIGGER decision_link_audit_insert AFTER INSERT ON decision_link
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'decision_link', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|decision_link|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'src_id', NEW.src_id,
           'dst_id', NEW.dst_id,
           'label', NEW.label,
           'ordinal', NEW.ordinal,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER decision_link_audit_update;
CREATE TRIGGER decision_link_audit_update AFTER UPDATE ON decision_link
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'decision_link', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|decision_link|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'src_id', NEW.src_id,
           'dst_id', NEW.dst_id,
           'label', NEW.label,
           'ordinal', NEW.ordinal,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by) AS row);
END;

DROP TRIGGER decision_link_audit_delete;
CREATE TRIGGER decision_link_audit_delete AFTER DELETE ON decision_link
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'decision_link', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|decision_link|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
           'uuid', OLD.uuid,
           'src_id', OLD.src_id,
           'dst_id', OLD.dst_id,
           'label', OLD.label,
           'ordinal', OLD.ordinal,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by) AS row);
END;

DROP TRIGGER adr_source_audit_insert;
CREATE TRIGGER adr_source_audit_insert AFTER INSERT ON adr_source
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'adr_source', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|adr_source|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
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

DROP TRIGGER adr_source_audit_update;
CREATE TRIGGER adr_source_audit_update AFTER UPDATE ON adr_source
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'adr_source', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|adr_source|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
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

DROP TRIGGER adr_source_audit_delete;
CREATE TRIGGER adr_source_audit_delete AFTER DELETE ON adr_source
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'adr_source', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|adr_source|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
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

DROP TRIGGER person_audit_insert;
CREATE TRIGGER person_audit_insert AFTER INSERT ON person
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'person', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|person|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'handle', NEW.handle,
           'name', NEW.name,
           'email', NEW.email,
           'team', NEW.team,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by,
           'login', NEW.login) AS row);
END;

DROP TRIGGER person_audit_update;
CREATE TRIGGER person_audit_update AFTER UPDATE ON person
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'person', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|person|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
           'uuid', NEW.uuid,
           'handle', NEW.handle,
           'name', NEW.name,
           'email', NEW.email,
           'team', NEW.team,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by,
           'login', NEW.login) AS row);
END;

DROP TRIGGER person_audit_delete;
CREATE TRIGGER person_audit_delete AFTER DELETE ON person
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'person', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|person|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
           'uuid', OLD.uuid,
           'handle', OLD.handle,
           'name', OLD.name,
           'email', OLD.email,
           'team', OLD.team,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by,
           'login', OLD.login) AS row);
END;

DROP TRIGGER risk_audit_insert;
CREATE TRIGGER risk_audit_insert AFTER INSERT ON risk
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'risk', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|risk|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
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

DROP TRIGGER risk_audit_update;
CREATE TRIGGER risk_audit_update AFTER UPDATE ON risk
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'risk', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|risk|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
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

DROP TRIGGER risk_audit_delete;
CREATE TRIGGER risk_audit_delete AFTER DELETE ON risk
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'risk', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|risk|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
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

DROP TRIGGER decision_audit_insert;
CREATE TRIGGER decision_audit_insert AFTER INSERT ON decision
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'decision', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|decision|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
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

DROP TRIGGER decision_audit_update;
CREATE TRIGGER decision_audit_update AFTER UPDATE ON decision
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'decision', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|decision|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
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

DROP TRIGGER decision_audit_delete;
CREATE TRIGGER decision_audit_delete AFTER DELETE ON decision
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'decision', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|decision|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
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

DROP TRIGGER evidence_audit_insert;
CREATE TRIGGER evidence_audit_insert AFTER INSERT ON evidence
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'evidence', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|evidence|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
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

DROP TRIGGER evidence_audit_update;
CREATE TRIGGER evidence_audit_update AFTER UPDATE ON evidence
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'evidence', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|evidence|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
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

DROP TRIGGER evidence_audit_delete;
CREATE TRIGGER evidence_audit_delete AFTER DELETE ON evidence
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'evidence', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|evidence|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
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

DROP TRIGGER review_audit_insert;
CREATE TRIGGER review_audit_insert AFTER INSERT ON review
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'review', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|review|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
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

DROP TRIGGER review_audit_update;
CREATE TRIGGER review_audit_update AFTER UPDATE ON review
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'review', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|review|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', NEW.id,
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

DROP TRIGGER review_audit_delete;
CREATE TRIGGER review_audit_delete AFTER DELETE ON review
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'review', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|review|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               docket_canon_object('id', OLD.id,
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
