-- docket schema, migration 0006: what a context can say about the system
-- beyond scale. The model's kind (classical, deep or llm) and where it runs
-- (server or edge devices), whether it needs GPUs (NULL: not stated, which
-- an llm reads as yes), whether an llm answers from retrieved documents,
-- an air-gapped site (on premises, no public cloud),
-- several retraining triggers, how many pipelines, an availability target,
-- and the velocity read as a number.
--
-- Contexts are never updated, so old rows keep what they said: retrain, the
-- single cadence an older docket wrote, stays as it is, and new rows write
-- the list in retraining instead (readers take retraining, else retrain).

ALTER TABLE context ADD COLUMN model_kind TEXT NOT NULL DEFAULT 'classical' CHECK (model_kind IN ('classical', 'deep', 'llm'));
ALTER TABLE context ADD COLUMN deploy_target TEXT NOT NULL DEFAULT 'server' CHECK (deploy_target IN ('server', 'edge'));
ALTER TABLE context ADD COLUMN gpu INTEGER CHECK (gpu IN (0, 1));
ALTER TABLE context ADD COLUMN retrieval INTEGER NOT NULL DEFAULT 0 CHECK (retrieval IN (0, 1) AND (retrieval = 0 OR model_kind = 'llm'));
ALTER TABLE context ADD COLUMN air_gapped INTEGER NOT NULL DEFAULT 0 CHECK (air_gapped IN (0, 1) AND (air_gapped = 0 OR on_prem = 1));
ALTER TABLE context ADD COLUMN retraining TEXT CHECK (retraining IS NULL OR (json_valid(retraining) AND json_type(retraining) = 'array'));
ALTER TABLE context ADD COLUMN pipelines INTEGER CHECK (pipelines BETWEEN 1 AND 100000);
ALTER TABLE context ADD COLUMN availability_pct REAL CHECK (availability_pct BETWEEN 50 AND 99.9999);
ALTER TABLE context ADD COLUMN velocity_gb_day REAL CHECK (velocity_gb_day BETWEEN 0 AND 1000000000000);

-- What a column CHECK cannot say (it would be tested against the rows
-- already there, which were allowed to say it).
CREATE TRIGGER context_fields_agree BEFORE INSERT ON context
BEGIN
  SELECT RAISE(ABORT, 'context: on premises and a public cloud (aws, gcp, azure) contradict each other')
  WHERE NEW.on_prem = 1 AND NEW.cloud IN ('aws', 'gcp', 'azure');
  SELECT RAISE(ABORT, 'context: retraining holds a trigger that is not one of: none, manual, hourly, daily, weekly, monthly, quarterly, on-drift, on-new-data')
  WHERE EXISTS (SELECT 1 FROM json_each(NEW.retraining) WHERE type <> 'text' OR value NOT IN ('none', 'manual', 'hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'on-drift', 'on-new-data'));
  SELECT RAISE(ABORT, 'context: retraining none or manual stands alone')
  WHERE json_array_length(NEW.retraining) > 1
    AND EXISTS (SELECT 1 FROM json_each(NEW.retraining) WHERE value IN ('none', 'manual'));
  SELECT RAISE(ABORT, 'context: a new revision writes retraining, not retrain')
  WHERE NEW.retrain IS NOT NULL AND NEW.retraining IS NOT NULL;
END;

-- The audit triggers again, with the new columns in the row.
DROP TRIGGER context_audit_insert;
DROP TRIGGER context_audit_update;
DROP TRIGGER context_audit_delete;

CREATE TRIGGER context_audit_insert AFTER INSERT ON context
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'context', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|context|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
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

CREATE TRIGGER context_audit_update AFTER UPDATE ON context
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'context', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|context|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
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

CREATE TRIGGER context_audit_delete AFTER DELETE ON context
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'context', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|context|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', OLD.id,
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
