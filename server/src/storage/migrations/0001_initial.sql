-- Runs unchanged on SQLite and PostgreSQL: TEXT, BIGINT (every integer and Unix-ms timestamp),
-- INTEGER 0/1 for flags, app-generated text ids. Constraints are named <table>_<column>_… so
-- that the storage layer can tell which unique value was taken (see sql_support.cpp).
-- schema_migrations is created by the migration runner itself.

CREATE TABLE organizations (
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT organizations_pkey PRIMARY KEY (id),
  CONSTRAINT organizations_name_key_unique UNIQUE (name_key)
);

CREATE TABLE users (
  id TEXT NOT NULL,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  organization_id TEXT NULL,
  api_key_id TEXT NULL,
  status TEXT NOT NULL,
  last_login_at BIGINT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_email_unique UNIQUE (email),
  CONSTRAINT users_api_key_id_unique UNIQUE (api_key_id),
  CONSTRAINT users_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id)
);
CREATE INDEX users_organization_id_idx ON users (organization_id, id);

CREATE TABLE sessions (
  id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  client TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT NULL,
  revoked_reason TEXT NOT NULL DEFAULT '',
  CONSTRAINT sessions_pkey PRIMARY KEY (id),
  CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE refresh_tokens (
  token_hash TEXT NOT NULL,
  session_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  rotated_at BIGINT NULL,
  CONSTRAINT refresh_tokens_pkey PRIMARY KEY (token_hash),
  CONSTRAINT refresh_tokens_session_id_fkey FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);

-- Append-only; no foreign keys so that the trail outlives the users and organizations it names.
CREATE TABLE audit_events (
  id TEXT NOT NULL,
  actor_id TEXT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  organization_id TEXT NULL,
  request_id TEXT NOT NULL,
  details_json TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT audit_events_pkey PRIMARY KEY (id)
);
CREATE INDEX audit_events_organization_id_idx ON audit_events (organization_id, id);
CREATE INDEX audit_events_actor_id_idx ON audit_events (actor_id, id);
CREATE INDEX audit_events_action_idx ON audit_events (action, id);

CREATE TABLE settings (
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT settings_pkey PRIMARY KEY (key)
);
