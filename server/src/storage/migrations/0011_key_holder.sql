-- The holder of each key, kept on the key itself so that "held keys" and "free keys" are ranges of
-- an index in the keys list's order (newest first) rather than a join sorted afterwards. The
-- source of truth stays users.api_key_id: triggers on users keep api_keys.holder_id equal to it in
-- the same transaction, whoever writes users (the repositories, an import, a copy). A key is
-- always in api_keys before a user holds it (only synced keys can be assigned; keys are never
-- deleted), so users' side is the only one to watch.
ALTER TABLE api_keys ADD COLUMN holder_id TEXT NULL;
UPDATE api_keys SET holder_id = (SELECT u.id FROM users u WHERE u.api_key_id = api_keys.id)
  WHERE id IN (SELECT api_key_id FROM users WHERE api_key_id IS NOT NULL);
CREATE INDEX api_keys_held_created_idx ON api_keys (created_at, id) WHERE holder_id IS NOT NULL;
CREATE INDEX api_keys_free_created_idx ON api_keys (created_at, id) WHERE holder_id IS NULL;

-- dialect: sqlite
CREATE TRIGGER users_holder_insert AFTER INSERT ON users WHEN new.api_key_id IS NOT NULL BEGIN
  UPDATE api_keys SET holder_id = new.id WHERE id = new.api_key_id;
END;
CREATE TRIGGER users_holder_update AFTER UPDATE OF api_key_id ON users
  WHEN old.api_key_id IS NOT new.api_key_id BEGIN
  UPDATE api_keys SET holder_id = NULL WHERE id = old.api_key_id AND holder_id = old.id;
  UPDATE api_keys SET holder_id = new.id WHERE id = new.api_key_id;
END;
CREATE TRIGGER users_holder_delete AFTER DELETE ON users WHEN old.api_key_id IS NOT NULL BEGIN
  UPDATE api_keys SET holder_id = NULL WHERE id = old.api_key_id AND holder_id = old.id;
END;

-- dialect: postgresql
CREATE FUNCTION users_track_key_holder() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD.api_key_id IS NOT NULL THEN
      UPDATE api_keys SET holder_id = NULL WHERE id = OLD.api_key_id AND holder_id = OLD.id;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW.api_key_id IS NOT NULL THEN
      UPDATE api_keys SET holder_id = NEW.id WHERE id = NEW.api_key_id;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER users_holder_insert AFTER INSERT ON users FOR EACH ROW WHEN (NEW.api_key_id IS NOT NULL)
  EXECUTE FUNCTION users_track_key_holder();
CREATE TRIGGER users_holder_update AFTER UPDATE OF api_key_id ON users FOR EACH ROW
  WHEN (OLD.api_key_id IS DISTINCT FROM NEW.api_key_id) EXECUTE FUNCTION users_track_key_holder();
CREATE TRIGGER users_holder_delete AFTER DELETE ON users FOR EACH ROW WHEN (OLD.api_key_id IS NOT NULL)
  EXECUTE FUNCTION users_track_key_holder();
