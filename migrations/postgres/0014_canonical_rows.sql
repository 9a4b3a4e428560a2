-- docket schema for PostgreSQL, migration 0014: audit rows in docket's
-- canonical text, as migrations/0014_canonical_rows.sql does in SQLite,
-- where it writes every audit trigger again with docket_canon_object in
-- place of json_object. Here there is nothing to write again: the one
-- audit function, docket_audit() (migration 0001), has built each row with
-- docket_canon_row (include/docket/canon.h's bytes) since the first
-- migration, so no PostgreSQL database holds audit rows in another text.
-- This records that on the function.
COMMENT ON FUNCTION docket_audit() IS
  'Appends the audit_log row of one write to an audited table: row = docket_canon_row of the new '
  'row (the old one for a delete), hash = docket_sha256(seq|prev_hash|at|actor|action|entity|'
  'entity_id|row), as SQLite''s triggers of migration 0014.';
