-- docket schema for PostgreSQL, migration 0003: indexes for the risk
-- register's reports, as migrations/0003_risk_register.sql, so that overdue,
-- escalations and the weekly report stay index-driven on a million risks.

-- New and closed this week (headline counts and the closed section).
CREATE INDEX risk_created_at ON risk(created_at);
CREATE INDEX risk_closed_on ON risk(closed_on, created_at);
-- The heat map of open risks reads only this index.
CREATE INDEX risk_status_cell ON risk(status, likelihood, impact);

-- The weekly report's decision sections (IF NOT EXISTS: 0002 made the
-- second, as in SQLite).
CREATE INDEX IF NOT EXISTS decision_decided_on ON decision(decided_on);
CREATE INDEX IF NOT EXISTS decision_status_review_by ON decision(status, review_by);
