-- report_headline.sql: the weekly report's headline counts (open, new,
-- closed, overdue, escalations; this week and last) for the whole
-- register, written plainly for the sqlite3 shell, as the floor that
-- tests/bench/report.sh holds docket report weekly to. Binds :as_of; needs
-- the sha256ext extension (docket_sha256) for stale acceptances. The
-- definitions are docket's (src/core/report.c, src/core/risk_watch.c):
-- this week counts every record, last week those created before its end.
WITH w(k, d, before, "from") AS (
  VALUES (1, :as_of, '9999-12-31', date(:as_of, '-6 days')),
         (0, date(:as_of, '-7 days'), date(:as_of, '-6 days'), date(:as_of, '-13 days'))),
c AS MATERIALIZED (
  SELECT w.k,
    (SELECT count(*) FROM risk r WHERE r.created_at < w.before)
      - (SELECT count(*) FROM risk r WHERE r.closed_on <= w.d AND r.created_at < w.before) AS open,
    (SELECT count(*) FROM risk r WHERE r.created_at >= w."from" AND r.created_at < w.before) AS new,
    (SELECT count(*) FROM risk r WHERE r.closed_on BETWEEN w."from" AND w.d) AS closed,
    (SELECT count(*) FROM risk r WHERE r.status IN ('open', 'mitigating', 'accepted') AND r.due_on < w.d
       AND r.created_at < w.before AND NOT (r.status = 'accepted' AND r.accepted_on <= w.d))
      + (SELECT count(*) FROM risk r WHERE r.closed_on > w.d AND r.due_on < w.d AND r.created_at < w.before)
      + (SELECT count(*) FROM risk r WHERE r.status = 'accepted' AND r.accepted_on <= w.d
           AND (r.accepted_until < w.d
                OR r.accepted_hash IS DISTINCT FROM docket_sha256(docket_canon_array(r.title, r.description, r.likelihood, r.impact)))
           AND r.created_at < w.before) AS overdue,
    (SELECT count(*) FROM risk r JOIN person p ON p.id = r.owner_id JOIN policy pol ON pol.team = p.team
       WHERE r.status = 'accepted' AND r.score > pol.appetite AND r.created_at < w.before)
      + (SELECT count(*) FROM risk r JOIN person p ON p.id = r.owner_id JOIN policy pol ON pol.team = p.team
           WHERE r.status IN ('open', 'mitigating') AND r.due_on < w.d
             AND julianday(w.d) - julianday(r.due_on) > pol.grace_days AND r.created_at < w.before)
      + (SELECT count(*) FROM risk r WHERE r.status = 'accepted' AND r.accepted_until < w.d
           AND r.created_at < w.before)
      + (SELECT count(*) FROM risk r WHERE r.status = 'accepted'
           AND r.accepted_hash IS DISTINCT FROM docket_sha256(docket_canon_array(r.title, r.description, r.likelihood, r.impact))
           AND r.created_at < w.before)
      + (SELECT count(*) FROM risk r WHERE r.status IN ('open', 'mitigating')
           AND NOT EXISTS (SELECT 1 FROM verification_step s WHERE s.risk_id = r.id) AND r.created_at < w.before)
      + (SELECT count(*) FROM (SELECT 1 FROM person p CROSS JOIN risk r
           WHERE r.owner_id = p.id AND r.status IN ('open', 'mitigating', 'accepted') AND r.created_at < w.before
             AND (p.team IS NULL OR NOT EXISTS (SELECT 1 FROM policy pol WHERE pol.team = p.team))
           GROUP BY p.team, CASE WHEN p.team IS NULL THEN p.handle END)) AS escalations
  FROM w)
SELECT 'open' AS measure, max(iif(k = 1, open, NULL)) AS this_week, max(iif(k = 0, open, NULL)) AS last_week FROM c
UNION ALL SELECT 'new', max(iif(k = 1, new, NULL)), max(iif(k = 0, new, NULL)) FROM c
UNION ALL SELECT 'closed', max(iif(k = 1, closed, NULL)), max(iif(k = 0, closed, NULL)) FROM c
UNION ALL SELECT 'overdue', max(iif(k = 1, overdue, NULL)), max(iif(k = 0, overdue, NULL)) FROM c
UNION ALL SELECT 'escalations', max(iif(k = 1, escalations, NULL)), max(iif(k = 0, escalations, NULL)) FROM c;
