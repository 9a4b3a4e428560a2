-- audit_log's CHECK on action, written as comparisons instead of an IN list.
-- The two accept exactly the same rows, but SQLite evaluates an IN list in a
-- CHECK by building a small ephemeral table for every row it checks, and
-- every write to a register table writes an audit row: on a bulk import that
-- was about a sixth of the time. SQLite cannot alter a CHECK in place; its
-- documented procedure for constraint changes that every existing row
-- already satisfies is to edit the table's SQL in sqlite_schema under
-- writable_schema, in one transaction, and bump the schema version so that
-- every connection reads the schema again (the CREATE and DROP below do).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (action IN (''insert'', ''update'', ''delete''))',
                          'CHECK (action = ''insert'' OR action = ''update'' OR action = ''delete'')')
 WHERE type = 'table' AND name = 'audit_log';
PRAGMA writable_schema = OFF;
CREATE TABLE docket_schema_bump (x INTEGER);
DROP TABLE docket_schema_bump;
