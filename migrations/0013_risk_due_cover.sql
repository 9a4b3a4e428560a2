-- docket schema, migration 0013: risk_status_due also carries the owner,
-- the creation time and the score, so that the weekly report's counts over
-- overdue risks (risk-overdue past the grace days, the headline's overdue,
-- overdue by owner, due in the next 7 days), this week's and last week's,
-- read the index alone instead of fetching each of some 100,000 rows from
-- the table at 1,000,000 risks (about a third of report weekly's time).
-- The same name and the same leading columns: every query that used it
-- (risk overdue among them) still does.
DROP INDEX risk_status_due;
CREATE INDEX risk_status_due ON risk(status, due_on, owner_id, created_at, score);
