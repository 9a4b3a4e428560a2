-- docket schema for PostgreSQL, migration 0010: audit_log's CHECK on
-- action written as comparisons instead of an IN list, as
-- migrations/0010_audit_check.sql does in SQLite (where an IN list in a
-- CHECK built an ephemeral table for every audit row). The two accept
-- exactly the same rows; PostgreSQL changes a CHECK in place, and every
-- existing row already satisfies the new one (validated as it is added).
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
  CHECK (action = 'insert' OR action = 'update' OR action = 'delete');
