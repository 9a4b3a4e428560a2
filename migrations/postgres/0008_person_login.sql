-- docket schema for PostgreSQL, migration 0008: a person may record their
-- login name, as migrations/0008_person_login.sql, so that the acting
-- person (--actor, DOCKET_ACTOR, else the login name) is resolved to
-- someone docket knows. A login is one word of printable text (no spaces
-- or control characters), at most 64 characters, and names one person
-- whatever its case: resolution folds case as it does for handles (SQLite's
-- COLLATE NOCASE is lower() here). Partial, as imports leave it empty.

ALTER TABLE person ADD COLUMN login text CHECK (login IS NULL OR (length(login) BETWEEN 1 AND 64 AND login !~ '[\x01- \x7f]'));
CREATE UNIQUE INDEX person_login ON person(lower(login)) WHERE login IS NOT NULL;

-- The audit triggers need no change: docket_audit() writes every column
-- of the row, login included (SQLite's are written again here).
