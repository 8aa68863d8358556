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
-- Key ids are found by their start (a B-tree prefix), not through this table: they would make it
-- half as large again and every sync slower.
CREATE VIRTUAL TABLE api_keys_fts USING fts5(name, partial_key_hint, content = 'api_keys', tokenize = 'trigram');
INSERT INTO api_keys_fts (api_keys_fts) VALUES ('rebuild');
CREATE TRIGGER api_keys_fts_insert AFTER INSERT ON api_keys BEGIN
  INSERT INTO api_keys_fts (rowid, name, partial_key_hint) VALUES (new.rowid, new.name, new.partial_key_hint);
END;
CREATE TRIGGER api_keys_fts_delete AFTER DELETE ON api_keys BEGIN
  INSERT INTO api_keys_fts (api_keys_fts, rowid, name, partial_key_hint)
    VALUES ('delete', old.rowid, old.name, old.partial_key_hint);
END;
CREATE TRIGGER api_keys_fts_update AFTER UPDATE OF name, partial_key_hint ON api_keys BEGIN
  INSERT INTO api_keys_fts (api_keys_fts, rowid, name, partial_key_hint)
    VALUES ('delete', old.rowid, old.name, old.partial_key_hint);
  INSERT INTO api_keys_fts (rowid, name, partial_key_hint) VALUES (new.rowid, new.name, new.partial_key_hint);
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
CREATE INDEX api_keys_search_trgm ON api_keys USING gin ((lower(name) || chr(1) || lower(partial_key_hint)) gin_trgm_ops);
CREATE INDEX users_search_trgm ON users USING gin ((lower(name) || chr(1) || lower(email)) gin_trgm_ops);
CREATE INDEX api_keys_hint_prefix_idx ON api_keys (partial_key_hint text_pattern_ops);
CREATE INDEX api_keys_id_prefix_idx ON api_keys (id text_pattern_ops);

-- dialect: all
-- How many keys each workspace has (every status), so that the workspace and organization lists
-- do not count a million keys per page. Keys only ever arrive or move through the key
-- repository's upserts, which recount the workspaces they touched (api_key_repository.cpp).
ALTER TABLE workspaces ADD COLUMN api_key_count BIGINT NOT NULL DEFAULT 0;
UPDATE workspaces SET api_key_count = (SELECT count(*) FROM api_keys k WHERE k.workspace_id = workspaces.id);
