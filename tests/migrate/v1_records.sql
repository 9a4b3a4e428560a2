-- Every kind of record of the 0001 data model, as docket 0.1 with only
-- migration 0001 would have stored them. Run through tests/migrate/dk_sql.c
-- (the audit triggers need docket's SQL functions), one transaction.
BEGIN;
INSERT INTO person (id, uuid, handle, name, email, team, created_at, created_by) VALUES
  (1, docket_uuid(), 'ana', 'Ana Lima', 'ana@example.org', 'ml-platform', '2026-01-02T09:00:00Z', 'fixture'),
  (2, docket_uuid(), 'bo', 'Bo Chen', NULL, 'ml-platform', '2026-01-02T09:00:00Z', 'fixture'),
  (3, docket_uuid(), 'cy', 'Cy Ortiz', 'cy@example.org', NULL, '2026-01-02T09:00:00Z', 'fixture');
INSERT INTO policy (id, uuid, team, appetite, grace_days, acceptance_days, default_due_days, escalate_to, created_at, created_by) VALUES
  (1, docket_uuid(), 'ml-platform', 12, 7, 90, 30, 2, '2026-01-02T09:00:00Z', 'fixture');
INSERT INTO context (id, uuid, system, revision, supersedes_id, owner_id, problem, latency_p95_ms, throughput_rps, data_gb,
  velocity, label_delay_days, team_size, stack, cloud, on_prem, compliance, budget_usd_month, shared_features, retrain,
  assumptions, out_of_scope, created_at, created_by) VALUES
  (1, docket_uuid(), 'ranker', 1, NULL, 1, 'online', 150, 400, 120, '2 GB/day', 3, 5, '["k8s","airflow"]', 'gcp', 0, '["gdpr"]',
   8000, 1, 'daily', '["traffic doubles by Q3"]', '["mobile clients"]', '2026-01-03T10:00:00Z', 'fixture'),
  (2, docket_uuid(), 'ranker', 2, 1, 1, 'online', 120, 500, 120, '2 GB/day', 3, 5, '["k8s","airflow"]', 'gcp', 0, '["gdpr"]',
   8000, 1, 'daily', '["traffic doubles by Q3"]', '["mobile clients"]', '2026-01-04T10:00:00Z', 'fixture');
INSERT INTO blueprint (id, uuid, context_id, source, generator_version, catalog_sha256, body_md, body_json, body_sha256, status,
  supersedes_id, approved_at, approved_by, created_at, created_by) VALUES
  (1, docket_uuid(), 1, 'generated', 'docket 0.1.0', 'e98baa96b24861dafb973695420a6e1b6d2b1fc7db4bbd7f2f177986466b30a6',
   '# Blueprint for ranker', '{"components":[{"area":"serving","component":"model server","choice":"KServe"}]}',
   'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'superseded', NULL, NULL, NULL, '2026-01-03T11:00:00Z', 'fixture'),
  (2, docket_uuid(), 2, 'imported', 'docket 0.1.0', NULL,
   '# Imported plan', '{"components":[{"area":"serving","component":"model server","choice":"KServe","alternative":"BentoML"}]}',
   'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'approved', 1, '2026-01-06T12:00:00Z', 'bo', '2026-01-04T11:00:00Z', 'fixture');
INSERT INTO blueprint_item (id, uuid, blueprint_id, ordinal, area, component, choice, alternative, tradeoff, deferred, add_when, created_at, created_by) VALUES
  (1, docket_uuid(), 1, 1, 'serving', 'model server', 'KServe', 'BentoML', 'needs Knative', 0, NULL, '2026-01-03T11:00:00Z', 'fixture'),
  (2, docket_uuid(), 2, 1, 'serving', 'model server', 'KServe', 'BentoML', 'needs Knative', 0, NULL, '2026-01-04T11:00:00Z', 'fixture'),
  (3, docket_uuid(), 2, 2, 'data', 'feature store', NULL, NULL, NULL, 1, 'a second model reuses the features', '2026-01-04T11:00:00Z', 'fixture');
INSERT INTO stage (id, uuid, blueprint_id, ordinal, name, inputs, outputs, idempotent, retryable, deps_pinned, seed_fixed,
  env_captured, data_versioned, created_at, created_by) VALUES
  (1, docket_uuid(), 2, 1, 'train', '["features"]', '["model"]', 1, 1, 1, 1, 1, 1, '2026-01-04T11:00:00Z', 'fixture'),
  (2, docket_uuid(), 2, 2, 'promote', '["model"]', '["release"]', 1, 0, 1, 0, 1, 1, '2026-01-04T11:00:00Z', 'fixture');
INSERT INTO gate (id, uuid, stage_id, metric, op, threshold, defined_on, created_at, created_by) VALUES
  (1, docket_uuid(), 2, 'auc', '>=', 0.82, '2026-01-04', '2026-01-04T11:00:00Z', 'fixture'),
  (2, docket_uuid(), 2, 'p95_latency_ms', '<=', 120, '2026-01-04', '2026-01-04T11:00:00Z', 'fixture');
INSERT INTO review (id, uuid, held_on, blueprint_id, notes, created_at, created_by) VALUES
  (1, docket_uuid(), '2026-01-05', 2, 'KServe agreed; drift left as a risk', '2026-01-05T15:00:00Z', 'fixture');
INSERT INTO review_attendee (id, uuid, review_id, person_id, created_at, created_by) VALUES
  (1, docket_uuid(), 1, 1, '2026-01-05T15:00:00Z', 'fixture'),
  (2, docket_uuid(), 1, 2, '2026-01-05T15:00:00Z', 'fixture');
INSERT INTO evidence (id, uuid, kind, title, uri, sha256, size_bytes, summary, collected_on, created_at, created_by) VALUES
  (1, docket_uuid(), 'benchmark', 'KServe load test', 'https://ci.example.org/run/42',
   'cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', 2048, 'p95 98 ms at 500 rps', '2026-01-05', '2026-01-05T14:00:00Z', 'fixture'),
  (2, docket_uuid(), 'incident', 'Knative outage', NULL, NULL, NULL, NULL, '2026-01-05', '2026-01-05T14:00:00Z', 'fixture');
INSERT INTO decision (id, uuid, title, area, status, problem, drivers, rationale, consequences, confirmation, makers, consulted,
  informed, tags, decided_on, review_by, status_reason, blueprint_id, context_id, review_id, supersedes_id, adr_number, created_at, created_by) VALUES
  (1, docket_uuid(), 'Serve the ranker with KServe', 'serving', 'proposed', 'How do we serve the ranker?', '["latency"]',
   'Autoscaling and canaries', 'One more platform', 'Load test in CI', '["ana","bo"]', '["sre"]', '["product"]', '["serving"]',
   NULL, '2026-06-01', NULL, 2, 2, 1, NULL, 7, '2026-01-05T15:10:00Z', 'fixture'),
  (2, docket_uuid(), 'Serve the ranker with Flask', 'serving', 'proposed', 'How do we serve the ranker?', '[]',
   'Simple', NULL, NULL, '[]', '[]', '[]', '[]', NULL, NULL, NULL, NULL, 1, NULL, NULL, NULL, '2026-01-03T15:10:00Z', 'fixture');
INSERT INTO decision_option (id, uuid, decision_id, ordinal, name, pros, cons, chosen, created_at, created_by) VALUES
  (1, docket_uuid(), 1, 1, 'KServe', '["scale to zero"]', '["Knative"]', 1, '2026-01-05T15:10:00Z', 'fixture'),
  (2, docket_uuid(), 1, 2, 'BentoML', '[]', '["no canary"]', 0, '2026-01-05T15:10:00Z', 'fixture'),
  (3, docket_uuid(), 2, 1, 'Flask', '[]', '[]', 1, '2026-01-03T15:10:00Z', 'fixture');
INSERT INTO decision_evidence (id, uuid, decision_id, evidence_id, stance, created_at, created_by) VALUES
  (1, docket_uuid(), 1, 1, 'supports', '2026-01-05T15:20:00Z', 'fixture'),
  (2, docket_uuid(), 1, 2, 'contradicts', '2026-01-05T15:20:00Z', 'fixture'),
  (3, docket_uuid(), 2, 1, 'supports', '2026-01-05T15:20:00Z', 'fixture');
UPDATE decision SET status = 'accepted', decided_on = '2026-01-05' WHERE id IN (1, 2);
UPDATE decision SET status = 'superseded', status_reason = 'superseded by D-1' WHERE id = 2;
UPDATE decision SET supersedes_id = 2 WHERE id = 1;
INSERT INTO risk (id, uuid, title, description, category, likelihood, impact, status, treatment, owner_id, due_on, decision_id,
  blueprint_id, asked_by, approved_by, accepted_on, accepted_until, accepted_hash, accept_reason, closed_on, closed_reason, created_at, created_by) VALUES
  (1, docket_uuid(), 'Feature drift', 'Features drift between training and serving', 'data', 3, 4, 'open', 'mitigate', 1,
   '2026-02-01', 1, 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2026-01-05T16:00:00Z', 'fixture'),
  (2, docket_uuid(), 'Knative upgrades', NULL, 'ops', 2, 3, 'accepted', 'accept', 2,
   '2026-03-01', 1, NULL, 'ana', 3, '2026-01-06', '2026-04-06', 'dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd',
   'small blast radius', NULL, NULL, '2026-01-05T16:00:00Z', 'fixture'),
  (3, docket_uuid(), 'Cold starts', NULL, 'model', 2, 2, 'closed', 'mitigate', 1,
   '2026-01-20', NULL, 2, NULL, NULL, NULL, NULL, NULL, NULL, '2026-01-10', 'min replicas 1', '2026-01-05T16:00:00Z', 'fixture');
INSERT INTO verification_step (id, uuid, risk_id, ordinal, check_text, metric, op, threshold, method, created_at, created_by) VALUES
  (1, docket_uuid(), 1, 1, 'PSI on top features', 'psi', '<', 0.2, 'weekly job', '2026-01-05T16:10:00Z', 'fixture'),
  (2, docket_uuid(), 3, 1, 'p95 after scale-up', 'p95_latency_ms', '<=', 120, NULL, '2026-01-05T16:10:00Z', 'fixture');
INSERT INTO verification_result (id, uuid, step_id, value, result, evidence_id, recorded_on, created_at, created_by) VALUES
  (1, docket_uuid(), 1, 0.31, 'fail', NULL, '2026-01-07', '2026-01-07T09:00:00Z', 'fixture'),
  (2, docket_uuid(), 2, 98, 'pass', 1, '2026-01-09', '2026-01-09T09:00:00Z', 'fixture');
COMMIT;
