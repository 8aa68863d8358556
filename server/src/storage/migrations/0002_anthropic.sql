-- The Anthropic side (issue 4): workspaces and API keys as last synced, and the sync runs.
-- Same conventions as 0001: runs unchanged on SQLite and PostgreSQL; RFC 3339 text for the
-- timestamps Anthropic sends, BIGINT Unix ms for the portal's own.

CREATE TABLE workspaces (
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  display_color TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  archived_at TEXT NULL,
  organization_id TEXT NULL,
  synced_at BIGINT NOT NULL,
  CONSTRAINT workspaces_pkey PRIMARY KEY (id),
  CONSTRAINT workspaces_organization_id_fkey FOREIGN KEY (organization_id)
    REFERENCES organizations (id) ON DELETE SET NULL
);
CREATE INDEX workspaces_organization_id_idx ON workspaces (organization_id, id);
CREATE INDEX workspaces_name_key_idx ON workspaces (name_key, id);

-- No foreign key to workspaces: a key is kept even when its workspace is not (or no longer)
-- known locally. The secret is only ever stored sealed (SecretBox, bound to the key id).
CREATE TABLE api_keys (
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  partial_key_hint TEXT NOT NULL,
  workspace_id TEXT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  secret_sealed TEXT NULL,
  secret_registered_at BIGINT NULL,
  vanished_at BIGINT NULL,
  synced_at BIGINT NOT NULL,
  CONSTRAINT api_keys_pkey PRIMARY KEY (id)
);
CREATE INDEX api_keys_workspace_id_idx ON api_keys (workspace_id, id);
CREATE INDEX api_keys_partial_key_hint_idx ON api_keys (partial_key_hint);
CREATE INDEX api_keys_created_at_idx ON api_keys (created_at, id);

CREATE TABLE sync_runs (
  id TEXT NOT NULL,
  status TEXT NOT NULL,
  trigger_kind TEXT NOT NULL,
  actor_id TEXT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT NULL,
  pages BIGINT NOT NULL DEFAULT 0,
  workspaces BIGINT NOT NULL DEFAULT 0,
  api_keys BIGINT NOT NULL DEFAULT 0,
  vanished BIGINT NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  CONSTRAINT sync_runs_pkey PRIMARY KEY (id)
);
CREATE INDEX sync_runs_started_at_idx ON sync_runs (started_at, id);
