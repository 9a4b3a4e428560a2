-- docket schema, migration 0008: a person may record their login name, so
-- that the acting person (--actor, DOCKET_ACTOR, else the login name) is
-- resolved to someone docket knows. A login is one word of printable text
-- (no spaces or control characters), at most 64 characters, and names one
-- person whatever its case: resolution folds case as it does for handles.
-- Partial, as imports leave it empty.

ALTER TABLE person ADD COLUMN login TEXT CHECK (login IS NULL OR (length(login) BETWEEN 1 AND 64 AND login NOT GLOB '*[' || char(1) || '- ' || char(127) || ']*'));
CREATE UNIQUE INDEX person_login ON person(login COLLATE NOCASE) WHERE login IS NOT NULL;

-- The audit triggers again, with login in the row.
DROP TRIGGER person_audit_insert;
DROP TRIGGER person_audit_update;
DROP TRIGGER person_audit_delete;

CREATE TRIGGER person_audit_insert AFTER INSERT ON person
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'insert', 'person', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|insert|person|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
           'uuid', NEW.uuid,
           'handle', NEW.handle,
           'name', NEW.name,
           'email', NEW.email,
           'team', NEW.team,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by,
           'login', NEW.login) AS row);
END;

CREATE TRIGGER person_audit_update AFTER UPDATE ON person
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'update', 'person', NEW.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|update|person|' || NEW.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', NEW.id,
           'uuid', NEW.uuid,
           'handle', NEW.handle,
           'name', NEW.name,
           'email', NEW.email,
           'team', NEW.team,
           'created_at', NEW.created_at,
           'created_by', NEW.created_by,
           'login', NEW.login) AS row);
END;

CREATE TRIGGER person_audit_delete AFTER DELETE ON person
BEGIN
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash)
  SELECT seq, at, actor, 'delete', 'person', OLD.id, row, prev,
         docket_sha256(seq || '|' || prev || '|' || at || '|' || actor || '|delete|person|' || OLD.id || '|' || row)
  FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq,
               coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') AS prev,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               docket_actor() AS actor,
               json_object('id', OLD.id,
           'uuid', OLD.uuid,
           'handle', OLD.handle,
           'name', OLD.name,
           'email', OLD.email,
           'team', OLD.team,
           'created_at', OLD.created_at,
           'created_by', OLD.created_by,
           'login', OLD.login) AS row);
END;
