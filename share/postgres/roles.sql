-- roles.sql: the least privilege docket needs on a PostgreSQL server, for
-- the two kinds of role a team gives its people:
--   a writer (docket_writer): reads everything, writes records through
--     docket; no right on the audit trail itself, which only the audit
--     trigger (running as the schema's owner) appends to;
--   an auditor (docket_auditor): reads everything, writes nothing
--     (audit verify, export, reports, search).
-- Neither may change the schema: only its owner, the role that ran
-- `docket init`, can (and runs `docket migrate` and `docket copy --to`).
--
-- Run it as that owner after `docket init` and after each `docket migrate`
-- (a migration may add tables):
--   psql "postgresql://docket_owner@db.example.org/docket" -f share/postgres/roles.sql
-- The roles must exist (as a superuser or CREATEROLE: CREATE ROLE
-- docket_writer NOLOGIN; CREATE ROLE docket_auditor NOLOGIN; GRANT
-- docket_writer TO ana; ...). Other names: psql -v writer=NAME -v auditor=NAME.
\set ON_ERROR_STOP on
\if :{?writer}
\else
\set writer docket_writer
\endif
\if :{?auditor}
\else
\set auditor docket_auditor
\endif
BEGIN;
GRANT USAGE ON SCHEMA docket TO :"writer", :"auditor";
GRANT SELECT ON ALL TABLES IN SCHEMA docket TO :"writer", :"auditor";
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA docket TO :"writer";
GRANT USAGE ON ALL SEQUENCES IN SCHEMA docket TO :"writer";
-- the trail and the migration record: read-only to both
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON docket.audit_log, docket.schema_migration
  FROM :"writer";
COMMIT;
