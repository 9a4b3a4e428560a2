CREATE TABLE schema_migration (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
  applied_at TEXT NOT NULL
) STRICT;
CREATE TABLE person (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  handle     TEXT NOT NULL UNIQUE CHECK (length(handle) BETWEEN 1 AND 32 AND handle NOT GLOB '*[^a-z0-9._-]*' AND substr(handle, 1, 1) GLOB '[a-z0-9]'),
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email      TEXT CHECK (email IS NULL OR (length(email) <= 254 AND email LIKE '_%@_%.__%')),
  team       TEXT CHECK (team IS NULL OR (length(team) BETWEEN 1 AND 64 AND team NOT GLOB '*[^a-z0-9._-]*')),
  created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by TEXT NOT NULL
, login TEXT CHECK (login IS NULL OR (length(login) BETWEEN 1 AND 64 AND login NOT GLOB '*[' || char(1) || '- ' || char(127) || ']*'))) STRICT;
CREATE TABLE policy (
  id               INTEGER PRIMARY KEY,
  uuid             TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  team             TEXT NOT NULL UNIQUE CHECK (length(team) BETWEEN 1 AND 64 AND team NOT GLOB '*[^a-z0-9._-]*'),
  appetite         INTEGER NOT NULL CHECK (appetite BETWEEN 1 AND 25),
  grace_days       INTEGER NOT NULL CHECK (grace_days BETWEEN 0 AND 365),
  acceptance_days  INTEGER NOT NULL CHECK (acceptance_days BETWEEN 1 AND 3650),
  default_due_days INTEGER NOT NULL CHECK (default_due_days BETWEEN 1 AND 3650),
  escalate_to      INTEGER NOT NULL REFERENCES person(id),
  created_at       TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by       TEXT NOT NULL
) STRICT;
CREATE TABLE context (
  id               INTEGER PRIMARY KEY,
  uuid             TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  system           TEXT NOT NULL CHECK (length(system) BETWEEN 1 AND 64 AND system NOT GLOB '*[^A-Za-z0-9._-]*'),
  revision         INTEGER NOT NULL CHECK (revision >= 1),
  supersedes_id    INTEGER UNIQUE REFERENCES context(id),
  owner_id         INTEGER NOT NULL REFERENCES person(id),
  problem          TEXT NOT NULL CHECK (problem IN ('batch', 'online', 'streaming')),
  latency_p95_ms   INTEGER CHECK (latency_p95_ms BETWEEN 1 AND 3600000),
  throughput_rps   REAL CHECK (throughput_rps BETWEEN 0 AND 10000000),
  data_gb          REAL CHECK (data_gb BETWEEN 0 AND 1000000000),
  velocity         TEXT CHECK (length(velocity) <= 200),
  label_delay_days INTEGER CHECK (label_delay_days BETWEEN 0 AND 3650),
  team_size        INTEGER CHECK (team_size BETWEEN 1 AND 100000),
  stack            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(stack) AND json_type(stack) = 'array'),
  cloud            TEXT CHECK (cloud IN ('aws', 'gcp', 'azure', 'other', 'none')),
  on_prem          INTEGER NOT NULL DEFAULT 0 CHECK (on_prem IN (0, 1)),
  compliance       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(compliance) AND json_type(compliance) = 'array'),
  budget_usd_month REAL CHECK (budget_usd_month BETWEEN 0 AND 1000000000),
  shared_features  INTEGER NOT NULL DEFAULT 0 CHECK (shared_features IN (0, 1)),
  retrain          TEXT CHECK (retrain IN ('none', 'manual', 'hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'on-drift')),
  assumptions      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(assumptions) AND json_type(assumptions) = 'array'),
  out_of_scope     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(out_of_scope) AND json_type(out_of_scope) = 'array'),
  created_at       TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by       TEXT NOT NULL, model_kind TEXT NOT NULL DEFAULT 'classical' CHECK (model_kind IN ('classical', 'deep', 'llm')), deploy_target TEXT NOT NULL DEFAULT 'server' CHECK (deploy_target IN ('server', 'edge')), gpu INTEGER CHECK (gpu IN (0, 1)), retrieval INTEGER NOT NULL DEFAULT 0 CHECK (retrieval IN (0, 1) AND (retrieval = 0 OR model_kind = 'llm')), air_gapped INTEGER NOT NULL DEFAULT 0 CHECK (air_gapped IN (0, 1) AND (air_gapped = 0 OR on_prem = 1)), retraining TEXT CHECK (retraining IS NULL OR (json_valid(retraining) AND json_type(retraining) = 'array')), pipelines INTEGER CHECK (pipelines BETWEEN 1 AND 100000), availability_pct REAL CHECK (availability_pct BETWEEN 50 AND 99.9999), velocity_gb_day REAL CHECK (velocity_gb_day BETWEEN 0 AND 1000000000000),
  UNIQUE (system, revision),
  CHECK ((revision = 1) = (supersedes_id IS NULL)),
  CHECK (supersedes_id < id)
) STRICT;
CREATE TABLE blueprint (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  context_id        INTEGER NOT NULL REFERENCES context(id),
  source            TEXT NOT NULL CHECK (source IN ('generated', 'imported')),
  generator_version TEXT NOT NULL,
  catalog_sha256    TEXT CHECK (catalog_sha256 IS NULL OR (length(catalog_sha256) = 64 AND catalog_sha256 NOT GLOB '*[^0-9a-f]*')),
  body_md           TEXT NOT NULL,
  body_json         TEXT NOT NULL CHECK (json_valid(body_json)),
  body_sha256       TEXT NOT NULL CHECK (length(body_sha256) = 64 AND body_sha256 NOT GLOB '*[^0-9a-f]*'),
  status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'approved', 'superseded')),
  supersedes_id     INTEGER UNIQUE REFERENCES blueprint(id),
  approved_at       TEXT,
  approved_by       TEXT,
  created_at        TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by        TEXT NOT NULL,
  CHECK ((source = 'generated') = (catalog_sha256 IS NOT NULL)),
  CHECK (supersedes_id < id),
  CHECK ((status = 'approved') <= (approved_at IS NOT NULL))
) STRICT;
CREATE TABLE blueprint_item (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  blueprint_id INTEGER NOT NULL REFERENCES blueprint(id),
  ordinal      INTEGER NOT NULL CHECK (ordinal >= 1),
  area         TEXT NOT NULL CHECK (area IN ('data', 'training', 'packaging', 'serving', 'monitoring', 'governance')),
  component    TEXT NOT NULL CHECK (length(component) BETWEEN 1 AND 200),
  choice       TEXT,
  alternative  TEXT,
  tradeoff     TEXT,
  deferred     INTEGER NOT NULL DEFAULT 0 CHECK (deferred IN (0, 1)),
  add_when     TEXT,
  created_at   TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by   TEXT NOT NULL,
  UNIQUE (blueprint_id, ordinal),
  CHECK (deferred = 0 OR add_when IS NOT NULL),
  CHECK (deferred = 1 OR choice IS NOT NULL)
) STRICT;
CREATE TABLE stage (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  blueprint_id   INTEGER NOT NULL REFERENCES blueprint(id),
  ordinal        INTEGER NOT NULL CHECK (ordinal >= 1),
  name           TEXT NOT NULL CHECK (name IN ('ingest', 'validate', 'train', 'evaluate', 'package', 'promote', 'deploy', 'monitor')),
  inputs         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(inputs) AND json_type(inputs) = 'array'),
  outputs        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(outputs) AND json_type(outputs) = 'array'),
  idempotent     INTEGER NOT NULL DEFAULT 0 CHECK (idempotent IN (0, 1)),
  retryable      INTEGER NOT NULL DEFAULT 0 CHECK (retryable IN (0, 1)),
  deps_pinned    INTEGER NOT NULL DEFAULT 0 CHECK (deps_pinned IN (0, 1)),
  seed_fixed     INTEGER NOT NULL DEFAULT 0 CHECK (seed_fixed IN (0, 1)),
  env_captured   INTEGER NOT NULL DEFAULT 0 CHECK (env_captured IN (0, 1)),
  data_versioned INTEGER NOT NULL DEFAULT 0 CHECK (data_versioned IN (0, 1)),
  created_at     TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by     TEXT NOT NULL,
  UNIQUE (blueprint_id, ordinal),
  UNIQUE (blueprint_id, name)
) STRICT;
CREATE TABLE gate (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  stage_id   INTEGER NOT NULL REFERENCES stage(id),
  metric     TEXT NOT NULL CHECK (length(metric) BETWEEN 1 AND 64 AND metric NOT GLOB '*[^A-Za-z0-9_.]*'),
  op         TEXT NOT NULL CHECK (op IN ('<=', '<', '>=', '>', '==', '!=')),
  threshold  REAL NOT NULL,
  defined_on TEXT NOT NULL CHECK (date(defined_on) IS defined_on),
  created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by TEXT NOT NULL
) STRICT;
CREATE TABLE review (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  held_on      TEXT NOT NULL CHECK (date(held_on) IS held_on),
  blueprint_id INTEGER REFERENCES blueprint(id),
  notes        TEXT CHECK (length(notes) <= 100000),
  created_at   TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by   TEXT NOT NULL
, withdrawn_at TEXT CHECK (withdrawn_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'), withdrawn_by TEXT CHECK (length(withdrawn_by) BETWEEN 1 AND 200), withdrawn_reason TEXT CHECK (length(withdrawn_reason) BETWEEN 1 AND 10000) CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL) AND (withdrawn_by IS NULL) = (withdrawn_reason IS NULL))) STRICT;
CREATE TABLE review_attendee (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  review_id  INTEGER NOT NULL REFERENCES review(id),
  person_id  INTEGER NOT NULL REFERENCES person(id),
  created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by TEXT NOT NULL,
  UNIQUE (review_id, person_id)
) STRICT;
CREATE TABLE decision (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  area          TEXT NOT NULL CHECK (area IN ('data', 'training', 'packaging', 'serving', 'monitoring', 'governance')),
  status        TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'rejected', 'superseded', 'deprecated', 'withdrawn')),
  problem       TEXT NOT NULL CHECK (length(problem) BETWEEN 1 AND 100000),
  drivers       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(drivers) AND json_type(drivers) = 'array'),
  rationale     TEXT NOT NULL CHECK (length(rationale) <= 100000),
  consequences  TEXT CHECK (length(consequences) <= 100000),
  confirmation  TEXT CHECK (length(confirmation) <= 100000),
  makers        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(makers) AND json_type(makers) = 'array'),
  consulted     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(consulted) AND json_type(consulted) = 'array'),
  informed      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(informed) AND json_type(informed) = 'array'),
  tags          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  decided_on    TEXT CHECK (date(decided_on) IS decided_on),
  review_by     TEXT CHECK (date(review_by) IS review_by),
  status_reason TEXT CHECK (length(status_reason) <= 10000),
  blueprint_id  INTEGER REFERENCES blueprint(id),
  context_id    INTEGER REFERENCES context(id),
  review_id     INTEGER REFERENCES review(id),
  supersedes_id INTEGER UNIQUE REFERENCES decision(id),
  adr_number    INTEGER UNIQUE CHECK (adr_number >= 1),
  created_at    TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by    TEXT NOT NULL, withdrawn_at TEXT CHECK (withdrawn_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'), withdrawn_by TEXT CHECK (length(withdrawn_by) BETWEEN 1 AND 200), withdrawn_reason TEXT CHECK (length(withdrawn_reason) BETWEEN 1 AND 10000) CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL) AND (withdrawn_by IS NULL) = (withdrawn_reason IS NULL)) CHECK ((status = 'withdrawn') = (withdrawn_reason IS NOT NULL)),
  CHECK (supersedes_id IS NOT id),
  CHECK ((status IN ('accepted', 'superseded', 'deprecated')) <= (decided_on IS NOT NULL))
) STRICT;
CREATE TABLE decision_option (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  decision_id INTEGER NOT NULL REFERENCES decision(id),
  ordinal     INTEGER NOT NULL CHECK (ordinal >= 1),
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  pros        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(pros) AND json_type(pros) = 'array'),
  cons        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cons) AND json_type(cons) = 'array'),
  chosen      INTEGER NOT NULL DEFAULT 0 CHECK (chosen IN (0, 1)),
  created_at  TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by  TEXT NOT NULL,
  UNIQUE (decision_id, ordinal),
  UNIQUE (decision_id, name)
) STRICT;
CREATE UNIQUE INDEX decision_option_one_chosen ON decision_option(decision_id) WHERE chosen = 1;
CREATE TABLE evidence (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  kind         TEXT NOT NULL CHECK (kind IN ('benchmark', 'metric', 'document', 'link', 'experiment', 'incident', 'review', 'dryrun')),
  title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  uri          TEXT CHECK (length(uri) BETWEEN 1 AND 2048),
  sha256       TEXT CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
  size_bytes   INTEGER CHECK (size_bytes >= 0),
  summary      TEXT CHECK (length(summary) <= 100000),
  collected_on TEXT NOT NULL CHECK (date(collected_on) IS collected_on),
  created_at   TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by   TEXT NOT NULL, withdrawn_at TEXT CHECK (withdrawn_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'), withdrawn_by TEXT CHECK (length(withdrawn_by) BETWEEN 1 AND 200), withdrawn_reason TEXT CHECK (length(withdrawn_reason) BETWEEN 1 AND 10000) CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL) AND (withdrawn_by IS NULL) = (withdrawn_reason IS NULL)),
  CHECK ((sha256 IS NULL) = (size_bytes IS NULL))
) STRICT;
CREATE TABLE decision_evidence (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  decision_id INTEGER NOT NULL REFERENCES decision(id),
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  stance      TEXT NOT NULL CHECK (stance IN ('supports', 'contradicts')),
  created_at  TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by  TEXT NOT NULL,
  UNIQUE (decision_id, evidence_id)
) STRICT;
CREATE TABLE risk (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description    TEXT CHECK (length(description) <= 100000),
  category       TEXT NOT NULL DEFAULT 'ops' CHECK (category IN ('data', 'model', 'ops', 'security', 'compliance', 'cost')),
  likelihood     INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  impact         INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
  score          INTEGER NOT NULL GENERATED ALWAYS AS (likelihood * impact) STORED,
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'mitigating', 'accepted', 'closed', 'withdrawn')),
  treatment      TEXT NOT NULL DEFAULT 'mitigate' CHECK (treatment IN ('mitigate', 'accept', 'transfer', 'avoid')),
  owner_id       INTEGER NOT NULL REFERENCES person(id),
  due_on         TEXT NOT NULL CHECK (date(due_on) IS due_on),
  decision_id    INTEGER REFERENCES decision(id),
  blueprint_id   INTEGER REFERENCES blueprint(id),
  asked_by       TEXT,
  approved_by    INTEGER REFERENCES person(id),
  accepted_on    TEXT CHECK (date(accepted_on) IS accepted_on),
  accepted_until TEXT CHECK (date(accepted_until) IS accepted_until),
  accepted_hash  TEXT CHECK (accepted_hash IS NULL OR (length(accepted_hash) = 64 AND accepted_hash NOT GLOB '*[^0-9a-f]*')),
  accept_reason  TEXT CHECK (length(accept_reason) <= 10000),
  closed_on      TEXT CHECK (date(closed_on) IS closed_on),
  closed_reason  TEXT CHECK (length(closed_reason) <= 10000),
  created_at     TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by     TEXT NOT NULL, withdrawn_at TEXT CHECK (withdrawn_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'), withdrawn_by TEXT CHECK (length(withdrawn_by) BETWEEN 1 AND 200), withdrawn_reason TEXT CHECK (length(withdrawn_reason) BETWEEN 1 AND 10000) CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL) AND (withdrawn_by IS NULL) = (withdrawn_reason IS NULL)) CHECK ((status = 'withdrawn') = (withdrawn_reason IS NOT NULL)),
  CHECK ((status = 'accepted') <= (approved_by IS NOT NULL AND accepted_until IS NOT NULL AND accepted_hash IS NOT NULL AND accepted_on IS NOT NULL)),
  CHECK ((status = 'closed') = (closed_reason IS NOT NULL AND closed_on IS NOT NULL))
) STRICT;
CREATE INDEX risk_status_until ON risk(status, accepted_until);
CREATE INDEX risk_owner ON risk(owner_id, status);
CREATE TABLE verification_step (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  risk_id    INTEGER NOT NULL REFERENCES risk(id),
  ordinal    INTEGER NOT NULL CHECK (ordinal >= 1),
  check_text TEXT NOT NULL CHECK (length(check_text) BETWEEN 1 AND 1000),
  metric     TEXT NOT NULL CHECK (length(metric) BETWEEN 1 AND 64 AND metric NOT GLOB '*[^A-Za-z0-9_.]*'),
  op         TEXT NOT NULL CHECK (op IN ('<=', '<', '>=', '>', '==', '!=')),
  threshold  REAL NOT NULL,
  method     TEXT CHECK (length(method) <= 1000),
  created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by TEXT NOT NULL,
  UNIQUE (risk_id, ordinal)
) STRICT;
CREATE TABLE verification_result (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  step_id     INTEGER NOT NULL REFERENCES verification_step(id),
  value       REAL NOT NULL,
  result      TEXT NOT NULL CHECK (result IN ('pass', 'fail')),
  evidence_id INTEGER REFERENCES evidence(id),
  recorded_on TEXT NOT NULL CHECK (date(recorded_on) IS recorded_on),
  created_at  TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),
  created_by  TEXT NOT NULL
) STRICT;
CREATE INDEX verification_step_risk ON verification_step(risk_id);
CREATE INDEX verification_result_step ON verification_result(step_id, id);
CREATE TRIGGER verification_result_computed BEFORE INSERT ON verification_result
WHEN NEW.result IS NOT (SELECT CASE
    WHEN (s.op = '<=' AND NEW.value <= s.threshold) OR (s.op = '<' AND NEW.value < s.threshold)
      OR (s.op = '>=' AND NEW.value >= s.threshold) OR (s.op = '>' AND NEW.value > s.threshold)
      OR (s.op = '==' AND NEW.value = s.threshold) OR (s.op = '!=' AND NEW.value <> s.threshold)
    THEN 'pass' ELSE 'fail' END
  FROM verification_step s WHERE s.id = NEW.step_id)
BEGIN
  SELECT RAISE(ABORT, 'verification result does not follow from the value and the criterion');
END;
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL CHECK (action = 'insert' OR action = 'update' OR action = 'delete'),
  entity    TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  row       TEXT NOT NULL,
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash      TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE VIRTUAL TABLE decision_fts USING fts5(title, problem, drivers, options, rationale,
  tokenize = 'unicode61 remove_diacritics 2')
/* decision_fts(title,problem,drivers,options,rationale) */;
CREATE TABLE IF NOT EXISTS 'decision_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE IF NOT EXISTS 'decision_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'decision_fts_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3, c4);
CREATE TABLE IF NOT EXISTS 'decision_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'decision_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE VIEW decision_fts_source AS
SELECT d.id AS id, d.title AS title, d.problem AS problem,
       (SELECT group_concat(value, ' ') FROM json_each(d.drivers)) AS drivers,
       (SELECT group_concat(o.name || ' ' ||
                coalesce((SELECT group_concat(value, ' ') FROM json_each(o.pros)), '') || ' ' ||
                coalesce((SELECT group_concat(value, ' ') FROM json_each(o.cons)), ''), ' ')
          FROM decision_option o WHERE o.decision_id = d.id) AS options,
       d.rationale AS rationale
FROM decision d
/* decision_fts_source(id,title,problem,drivers,options,rationale) */;
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
CREATE INDEX decision_status_review_by ON decision(status, review_by);
CREATE INDEX decision_evidence_evidence ON decision_evidence(evidence_id);
CREATE INDEX risk_created_at ON risk(created_at);
CREATE INDEX risk_closed_on ON risk(closed_on, created_at);
CREATE INDEX risk_status_cell ON risk(status, likelihood, impact);
CREATE INDEX decision_decided_on ON decision(decided_on);
CREATE INDEX blueprint_context ON blueprint(context_id);
CREATE INDEX verification_result_evidence ON verification_result(evidence_id);
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
CREATE TRIGGER decision_accept_needs_evidence BEFORE UPDATE OF status ON decision
WHEN NEW.status = 'accepted' AND OLD.status = 'proposed' AND NOT EXISTS (
  SELECT 1 FROM decision_evidence WHERE decision_id = NEW.id AND stance = 'supports')
  AND NOT EXISTS (SELECT 1 FROM adr_source WHERE decision_id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'a decision cannot be accepted without supporting evidence');
END;
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
  FROM verification_result WHERE evidence_id IS NOT NULL
/* lineage_edge(src_kind,src_id,dst_kind,dst_id,relation) */;
CREATE UNIQUE INDEX person_login ON person(login COLLATE NOCASE) WHERE login IS NOT NULL;
CREATE INDEX person_team ON person(team) WHERE team IS NOT NULL;
CREATE INDEX risk_decision ON risk(decision_id) WHERE decision_id IS NOT NULL;
CREATE INDEX risk_blueprint ON risk(blueprint_id) WHERE blueprint_id IS NOT NULL;
CREATE INDEX decision_review ON decision(review_id) WHERE review_id IS NOT NULL;
CREATE INDEX decision_blueprint ON decision(blueprint_id) WHERE blueprint_id IS NOT NULL;
CREATE INDEX decision_context ON decision(context_id) WHERE context_id IS NOT NULL;
CREATE INDEX review_blueprint ON review(blueprint_id) WHERE blueprint_id IS NOT NULL;
CREATE TRIGGER decision_status_machine BEFORE UPDATE OF status ON decision
WHEN NEW.status IS NOT OLD.status AND NOT (
  (OLD.status = 'proposed' AND NEW.status IN ('accepted', 'rejected')) OR
  (OLD.status = 'accepted' AND NEW.status IN ('superseded', 'deprecated')) OR
  (OLD.status <> 'withdrawn' AND NEW.status = 'withdrawn'))
BEGIN
  SELECT RAISE(ABORT, 'decision status transition not allowed');
END;
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
CREATE INDEX audit_log_decision_evidence ON audit_log(json_extract(row, '$.decision_id'))
  WHERE entity = 'decision_evidence';
CREATE INDEX audit_log_decision_link ON audit_log(json_extract(row, '$.src_id'))
  WHERE entity = 'decision_link';
CREATE INDEX risk_withdrawn ON risk(id) WHERE withdrawn_at IS NOT NULL;
CREATE INDEX decision_withdrawn ON decision(id) WHERE withdrawn_at IS NOT NULL;
CREATE INDEX evidence_withdrawn ON evidence(id) WHERE withdrawn_at IS NOT NULL;
CREATE INDEX review_withdrawn ON review(id) WHERE withdrawn_at IS NOT NULL;
CREATE VIRTUAL TABLE risk_fts USING fts5(title, description, reasons,
  tokenize = 'unicode61 remove_diacritics 2')
/* risk_fts(title,description,reasons) */;
CREATE TABLE IF NOT EXISTS 'risk_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE IF NOT EXISTS 'risk_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'risk_fts_content'(id INTEGER PRIMARY KEY, c0, c1, c2);
CREATE TABLE IF NOT EXISTS 'risk_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'risk_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE VIEW risk_fts_source AS
SELECT r.id AS id, r.title AS title, r.description AS description,
       nullif(trim(coalesce(r.accept_reason, '') || ' ' || coalesce(r.closed_reason, '')), '') AS reasons
FROM risk r
/* risk_fts_source(id,title,description,reasons) */;
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
CREATE VIRTUAL TABLE evidence_fts USING fts5(title, summary, uri,
  tokenize = 'unicode61 remove_diacritics 2')
/* evidence_fts(title,summary,uri) */;
CREATE TABLE IF NOT EXISTS 'evidence_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE IF NOT EXISTS 'evidence_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'evidence_fts_content'(id INTEGER PRIMARY KEY, c0, c1, c2);
CREATE TABLE IF NOT EXISTS 'evidence_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'evidence_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE VIEW evidence_fts_source AS
SELECT e.id AS id, e.title AS title, e.summary AS summary, e.uri AS uri
FROM evidence e
/* evidence_fts_source(id,title,summary,uri) */;
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
CREATE VIRTUAL TABLE review_fts USING fts5(notes,
  tokenize = 'unicode61 remove_diacritics 2')
/* review_fts(notes) */;
CREATE TABLE IF NOT EXISTS 'review_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE IF NOT EXISTS 'review_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'review_fts_content'(id INTEGER PRIMARY KEY, c0);
CREATE TABLE IF NOT EXISTS 'review_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'review_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE VIEW review_fts_source AS
SELECT r.id AS id, r.notes AS notes
FROM review r
/* review_fts_source(id,notes) */;
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
CREATE VIRTUAL TABLE context_fts USING fts5(system, velocity, stack, compliance, assumptions,
  out_of_scope, tokenize = 'unicode61 remove_diacritics 2')
/* context_fts(system,velocity,stack,compliance,assumptions,out_of_scope) */;
CREATE TABLE IF NOT EXISTS 'context_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE IF NOT EXISTS 'context_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'context_fts_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3, c4, c5);
CREATE TABLE IF NOT EXISTS 'context_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'context_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE VIEW context_fts_source AS
SELECT c.id AS id, c.system AS system, c.velocity AS velocity,
       (SELECT group_concat(value, ' ') FROM json_each(c.stack)) AS stack,
       (SELECT group_concat(value, ' ') FROM json_each(c.compliance)) AS compliance,
       (SELECT group_concat(value, ' ') FROM json_each(c.assumptions)) AS assumptions,
       (SELECT group_concat(value, ' ') FROM json_each(c.out_of_scope)) AS out_of_scope
FROM context c
/* context_fts_source(id,system,velocity,stack,compliance,assumptions,out_of_scope) */;
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
CREATE INDEX risk_status_due ON risk(status, due_on, owner_id, created_at, score);
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
