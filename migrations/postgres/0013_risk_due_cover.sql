-- docket schema for PostgreSQL, migration 0013: risk_status_due also
-- carries the owner, the creation time and the score, as
-- migrations/0013_risk_due_cover.sql, so that the weekly report's counts
-- over overdue risks can be answered from the index alone (an index-only
-- scan, where the visibility map allows). The same name and the same
-- leading columns: every query that used it (risk overdue among them)
-- still does.
DROP INDEX risk_status_due;
CREATE INDEX risk_status_due ON risk(status, due_on, owner_id, created_at, score);
