-- generate.sql: a realistic register of 1,000,000 risks for the benchmark,
-- as of 2026-11-23. Run by bench.sh in the sqlite3 shell with the
-- sha256ext extension loaded, on a database created by `docket init`.
-- 500 owners in 20 teams (team20 has no policy); risks created over two
-- years; about 55% open, 15% mitigating, 5% accepted (some expired, some
-- stale), 25% closed; open risks due from 40 days ago to a year ahead, so
-- about one in ten is overdue; 70% of risks not closed have a step.
-- The audit triggers are dropped for the load (a million synthetic rows
-- would only fill the trail) and put back afterwards by bench.sh.
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO person (uuid, handle, name, team, created_at, created_by)
SELECT printf('00000000-0000-4000-8000-%012d', i), printf('owner%03d', i), printf('Owner %d', i),
       printf('team%02d', (i - 1) % 20 + 1), '2024-11-01T09:00:00Z', 'bench'
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 19)
INSERT INTO policy (uuid, team, appetite, grace_days, acceptance_days, default_due_days, escalate_to,
                    created_at, created_by)
SELECT printf('00000000-0000-4000-9000-%012d', i), printf('team%02d', i), 8 + i % 5, 7 + i % 8,
       90, 30, i, '2024-11-01T09:00:00Z', 'bench'
FROM n;
CREATE TEMP TABLE g AS
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
SELECT i,
       abs(random()) % 100 AS st,
       abs(random()) % 730 AS age,      -- days before 2026-11-23 it was created
       abs(random()) % 400 AS duein,    -- open: due from -40 to +359 days
       abs(random()) % 100 AS steps
FROM n;
INSERT INTO risk (id, uuid, title, description, category, likelihood, impact, status, treatment,
                  owner_id, due_on, asked_by, approved_by, accepted_on, accepted_until,
                  accepted_hash, closed_on, closed_reason, created_at, created_by)
SELECT i, printf('00000000-0000-4000-a000-%012d', i),
       printf('Risk %d: %s', i, CASE i % 6 WHEN 0 THEN 'feature drift' WHEN 1 THEN 'label delay'
              WHEN 2 THEN 'GPU cost overrun' WHEN 3 THEN 'PII in logs' WHEN 4 THEN 'rollback untested'
              ELSE 'schema change breaks ingest' END),
       NULL,
       CASE i % 6 WHEN 0 THEN 'model' WHEN 1 THEN 'data' WHEN 2 THEN 'cost' WHEN 3 THEN 'security'
            WHEN 4 THEN 'ops' ELSE 'data' END,
       1 + (i * 7 + st) % 5, 1 + (i * 3 + age) % 5,
       CASE WHEN st < 55 THEN 'open' WHEN st < 70 THEN 'mitigating' WHEN st < 75 THEN 'accepted'
            ELSE 'closed' END,
       CASE WHEN st BETWEEN 70 AND 74 THEN 'accept' ELSE 'mitigate' END,
       1 + (i * 7919) % 500,
       CASE WHEN st < 75 THEN date('2026-11-23', (duein - 40) || ' days')
            ELSE date('2026-11-23', (30 - age) || ' days') END,
       CASE WHEN st BETWEEN 70 AND 74 THEN 'bench' END,
       CASE WHEN st BETWEEN 70 AND 74 THEN 1 + (i * 13) % 500 END,
       CASE WHEN st BETWEEN 70 AND 74 THEN date('2026-11-23', '-' || (duein % 120) || ' days') END,
       CASE WHEN st BETWEEN 70 AND 74 THEN date('2026-11-23', (90 - duein % 120) || ' days') END,
       CASE WHEN st BETWEEN 70 AND 74 THEN printf('%064d', 0) END, -- hashed below
       CASE WHEN st >= 75 THEN date('2026-11-23', '-' || (age / 2) || ' days') END,
       CASE WHEN st >= 75 THEN 'verified' END,
       strftime('%Y-%m-%dT%H:%M:%SZ', '2026-11-23', '-' || age || ' days', '-' || (i % 86400) || ' seconds'),
       'bench'
FROM g;
-- acceptances keep the hash of the risk as approved; one in twenty has changed since
UPDATE risk SET accepted_hash = docket_sha256(docket_canon_array(title, description, likelihood, impact))
WHERE status = 'accepted';
UPDATE risk SET title = title || ' (revised)' WHERE status = 'accepted' AND id % 20 = 0;
INSERT INTO verification_step (uuid, risk_id, ordinal, check_text, metric, op, threshold,
                               created_at, created_by)
SELECT printf('00000000-0000-4000-b000-%012d', g.i), g.i, 1, 'p95 latency within budget',
       'p95_latency_ms', '<=', 120, '2026-01-01T00:00:00Z', 'bench'
FROM g WHERE g.steps < 70 OR g.st >= 75;
INSERT INTO verification_result (uuid, step_id, value, result, recorded_on, created_at, created_by)
SELECT printf('00000000-0000-4000-c000-%012d', s.id), s.id,
       CASE WHEN s.risk_id % 3 = 0 THEN 130 ELSE 100 END,
       CASE WHEN s.risk_id % 3 = 0 THEN 'fail' ELSE 'pass' END, '2026-11-01', '2026-11-01T00:00:00Z', 'bench'
FROM verification_step s WHERE s.risk_id % 2 = 0;
COMMIT;
