-- Prompt searches through an index, like the keys' and users' (0010). prompts.search_text holds
-- what a search matches: the title, the description and the current version's content, separated
-- by chr(1) so that a match never spans two of them. The prompt repository sets it after every
-- write of a prompt or a version. SQLite indexes it with an FTS5 trigram table (kept by
-- triggers), PostgreSQL with a pg_trgm GIN index.
ALTER TABLE prompts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

-- dialect: sqlite
UPDATE prompts SET search_text = title || char(1) || description || char(1) || coalesce(
  (SELECT v.content FROM prompt_versions v WHERE v.prompt_id = prompts.id AND v.number = prompts.current_version), '');
CREATE VIRTUAL TABLE prompts_fts USING fts5(search_text, content = 'prompts', tokenize = 'trigram');
INSERT INTO prompts_fts (prompts_fts) VALUES ('rebuild');
CREATE TRIGGER prompts_fts_insert AFTER INSERT ON prompts BEGIN
  INSERT INTO prompts_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER prompts_fts_delete AFTER DELETE ON prompts BEGIN
  INSERT INTO prompts_fts (prompts_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER prompts_fts_update AFTER UPDATE OF search_text ON prompts BEGIN
  INSERT INTO prompts_fts (prompts_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO prompts_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

-- dialect: postgresql
UPDATE prompts SET search_text = title || chr(1) || description || chr(1) || coalesce(
  (SELECT v.content FROM prompt_versions v WHERE v.prompt_id = prompts.id AND v.number = prompts.current_version), '');
CREATE INDEX prompts_search_trgm ON prompts USING gin (lower(search_text) gin_trgm_ops);
-- Tags are matched as ",tag," within prompts.tags: the index gives the planner the expression's
-- statistics (a frequent tag is then read newest first) and finds a rare one.
CREATE INDEX prompts_tags_trgm ON prompts USING gin (lower(tags) gin_trgm_ops);
