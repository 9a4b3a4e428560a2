-- docket schema for PostgreSQL, migration 0006: what a context can say
-- about the system beyond scale, as migrations/0006_context_fields.sql.
-- The model's kind (classical, deep or llm) and where it runs (server or
-- edge devices), whether it needs GPUs (NULL: not stated, which an llm
-- reads as yes), whether an llm answers from retrieved documents, an
-- air-gapped site (on premises, no public cloud), several retraining
-- triggers, how many pipelines, an availability target, and the velocity
-- read as a number.
--
-- Contexts are never updated, so old rows keep what they said: retrain, the
-- single cadence an older docket wrote, stays as it is, and new rows write
-- the list in retraining instead (readers take retraining, else retrain).

ALTER TABLE context ADD COLUMN model_kind text NOT NULL DEFAULT 'classical' CHECK (model_kind IN ('classical', 'deep', 'llm'));
ALTER TABLE context ADD COLUMN deploy_target text NOT NULL DEFAULT 'server' CHECK (deploy_target IN ('server', 'edge'));
ALTER TABLE context ADD COLUMN gpu bigint CHECK (gpu IN (0, 1));
ALTER TABLE context ADD COLUMN retrieval bigint NOT NULL DEFAULT 0 CHECK (retrieval IN (0, 1) AND (retrieval = 0 OR model_kind = 'llm'));
ALTER TABLE context ADD COLUMN air_gapped bigint NOT NULL DEFAULT 0 CHECK (air_gapped IN (0, 1) AND (air_gapped = 0 OR on_prem = 1));
ALTER TABLE context ADD COLUMN retraining text CHECK (retraining IS NULL OR docket_json_array(retraining));
ALTER TABLE context ADD COLUMN pipelines bigint CHECK (pipelines BETWEEN 1 AND 100000);
ALTER TABLE context ADD COLUMN availability_pct double precision CHECK (availability_pct BETWEEN 50 AND 99.9999);
ALTER TABLE context ADD COLUMN velocity_gb_day double precision CHECK (velocity_gb_day BETWEEN 0 AND 1000000000000);

-- What a column CHECK cannot say (it would be tested against the rows
-- already there, which were allowed to say it). The rules are tried in
-- SQLite's order; the retraining ones only on a JSON array (anything else
-- fails its CHECK after this trigger).
CREATE FUNCTION context_fields_agree() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF NEW.on_prem = 1 AND NEW.cloud IN ('aws', 'gcp', 'azure') THEN
    RAISE EXCEPTION 'context: on premises and a public cloud (aws, gcp, azure) contradict each other'
      USING ERRCODE = '23514';
  END IF;
  IF docket_json_array(NEW.retraining) THEN
    IF EXISTS (SELECT 1 FROM json_array_elements(NEW.retraining::json) AS e(value)
               WHERE json_typeof(e.value) <> 'string'
                  OR (e.value #>> '{}') NOT IN ('none', 'manual', 'hourly', 'daily', 'weekly',
                                               'monthly', 'quarterly', 'on-drift', 'on-new-data')) THEN
      RAISE EXCEPTION 'context: retraining holds a trigger that is not one of: none, manual, hourly, daily, weekly, monthly, quarterly, on-drift, on-new-data'
        USING ERRCODE = '23514';
    END IF;
    IF json_array_length(NEW.retraining::json) > 1
       AND EXISTS (SELECT 1 FROM json_array_elements_text(NEW.retraining::json) AS e(value)
                   WHERE e.value IN ('none', 'manual')) THEN
      RAISE EXCEPTION 'context: retraining none or manual stands alone' USING ERRCODE = '23514';
    END IF;
  END IF;
  IF NEW.retrain IS NOT NULL AND NEW.retraining IS NOT NULL THEN
    RAISE EXCEPTION 'context: a new revision writes retraining, not retrain' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER context_fields_agree BEFORE INSERT ON context
  FOR EACH ROW EXECUTE FUNCTION context_fields_agree();

-- The audit triggers need no change: docket_audit() writes every column
-- of the row, the new ones included (SQLite's are written again here).
