-- Lists at a million keys and a hundred thousand users (issue 14). Each filter the lists offer
-- gets an index in the lists' order (newest first), and names, ids, hints and e-mail addresses
-- get a substring index: FTS5 trigram tables on SQLite (kept by triggers), pg_trgm GIN indexes
-- on PostgreSQL (a trusted extension: the database's owner may create it). Statements after a
-- "-- dialect:" line run on that backend only (storage/migrate.cpp).
DROP INDEX api_keys_workspace_id_idx;
CREATE INDEX api_keys_workspace_created_idx ON api_keys (workspace_id, created_at, id);
CREATE INDEX api_keys_status_created_idx ON api_keys (status, created_at, id);
CREATE INDEX users_role_idx ON users (role, id);
CREATE INDEX users_status_idx ON users (status, id);

-- dialect: sqlite
CREATE VIRTUAL TABLE api_keys_fts USING fts5(
  name, id, partial_key_hint, content = 'api_keys', tokenize = 'trigram');
INSERT INTO api_keys_fts (api_keys_fts) VALUES ('rebuild');
CREATE TRIGGER api_keys_fts_insert AFTER INSERT ON api_keys BEGIN
  INSERT INTO api_keys_fts (rowid, name, id, partial_key_hint)
    VALUES (new.rowid, new.name, new.id, new.partial_key_hint);
END;
CREATE TRIGGER api_keys_fts_delete AFTER DELETE ON api_keys BEGIN
  INSERT INTO api_keys_fts (api_keys_fts, rowid, name, id, partial_key_hint)
    VALUES ('delete', old.rowid, old.name, old.id, old.partial_key_hint);
END;
CREATE TRIGGER api_keys_fts_update AFTER UPDATE OF name, id, partial_key_hint ON api_keys BEGIN
  INSERT INTO api_keys_fts (api_keys_fts, rowid, name, id, partial_key_hint)
    VALUES ('delete', old.rowid, old.name, old.id, old.partial_key_hint);
  INSERT INTO api_keys_fts (rowid, name, id, partial_key_hint)
    VALUES (new.rowid, new.name, new.id, new.partial_key_hint);
END;
CREATE VIRTUAL TABLE users_fts USING fts5(name, email, content = 'users', tokenize = 'trigram');
INSERT INTO users_fts (users_fts) VALUES ('rebuild');
CREATE TRIGGER users_fts_insert AFTER INSERT ON users BEGIN
  INSERT INTO users_fts (rowid, name, email) VALUES (new.rowid, new.name, new.email);
END;
CREATE TRIGGER users_fts_delete AFTER DELETE ON users BEGIN
  INSERT INTO users_fts (users_fts, rowid, name, email) VALUES ('delete', old.rowid, old.name, old.email);
END;
CREATE TRIGGER users_fts_update AFTER UPDATE OF name, email ON users BEGIN
  INSERT INTO users_fts (users_fts, rowid, name, email) VALUES ('delete', old.rowid, old.name, old.email);
  INSERT INTO users_fts (rowid, name, email) VALUES (new.rowid, new.name, new.email);
END;

-- dialect: postgresql
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX api_keys_search_trgm ON api_keys USING gin (
  (lower(name) || chr(1) || lower(id) || chr(1) || lower(partial_key_hint)) gin_trgm_ops);
CREATE INDEX users_search_trgm ON users USING gin ((lower(name) || chr(1) || lower(email)) gin_trgm_ops);
CREATE INDEX api_keys_hint_prefix_idx ON api_keys (partial_key_hint text_pattern_ops);
CREATE INDEX api_keys_id_prefix_idx ON api_keys (id text_pattern_ops);

-- dialect: all
-- How many keys each workspace has (every status), kept by triggers on api_keys, so that the
-- workspace and organization lists do not count a million keys per page. A workspace inserted
-- after its keys counts them when it arrives.
ALTER TABLE workspaces ADD COLUMN api_key_count BIGINT NOT NULL DEFAULT 0;
UPDATE workspaces SET api_key_count = (SELECT count(*) FROM api_keys k WHERE k.workspace_id = workspaces.id);

-- dialect: sqlite
CREATE TRIGGER api_keys_count_insert AFTER INSERT ON api_keys BEGIN
  UPDATE workspaces SET api_key_count = api_key_count + 1 WHERE id = new.workspace_id;
END;
CREATE TRIGGER api_keys_count_delete AFTER DELETE ON api_keys BEGIN
  UPDATE workspaces SET api_key_count = api_key_count - 1 WHERE id = old.workspace_id;
END;
CREATE TRIGGER api_keys_count_move AFTER UPDATE OF workspace_id ON api_keys
  WHEN old.workspace_id IS NOT new.workspace_id BEGIN
  UPDATE workspaces SET api_key_count = api_key_count - 1 WHERE id = old.workspace_id;
  UPDATE workspaces SET api_key_count = api_key_count + 1 WHERE id = new.workspace_id;
END;
CREATE TRIGGER workspaces_count_insert AFTER INSERT ON workspaces BEGIN
  UPDATE workspaces SET api_key_count = (SELECT count(*) FROM api_keys k WHERE k.workspace_id = new.id)
    WHERE id = new.id;
END;

-- dialect: postgresql
CREATE FUNCTION portal_api_keys_count() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
  IF TG_OP IN (''DELETE'', ''UPDATE'') THEN
    UPDATE workspaces SET api_key_count = api_key_count - 1 WHERE id = OLD.workspace_id;
  END IF;
  IF TG_OP IN (''INSERT'', ''UPDATE'') THEN
    UPDATE workspaces SET api_key_count = api_key_count + 1 WHERE id = NEW.workspace_id;
  END IF;
  RETURN NULL;
END';
CREATE TRIGGER api_keys_count_insert AFTER INSERT OR DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION portal_api_keys_count();
CREATE TRIGGER api_keys_count_move AFTER UPDATE OF workspace_id ON api_keys
  FOR EACH ROW WHEN (OLD.workspace_id IS DISTINCT FROM NEW.workspace_id) EXECUTE FUNCTION portal_api_keys_count();
CREATE FUNCTION portal_workspaces_count() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
  NEW.api_key_count := (SELECT count(*) FROM api_keys k WHERE k.workspace_id = NEW.id);
  RETURN NEW;
END';
CREATE TRIGGER workspaces_count_insert BEFORE INSERT ON workspaces
  FOR EACH ROW EXECUTE FUNCTION portal_workspaces_count();
