-- Usage and cost (issue 13). usage_daily holds Anthropic's daily usage per API key, workspace and
-- model as the collector last fetched it; a day fetched again replaces its rows. Tokens are
-- counts; cost_cents is Anthropic's decimal string of US cents (never a float). api_key_id ''
-- is usage without a key (or cost the organization reports without one); workspace_id '' is
-- the Default Workspace. day_start/day_end are the UTC day's bounds in Unix ms (end exclusive).
CREATE TABLE usage_daily (
  day TEXT NOT NULL,
  api_key_id TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  model TEXT NOT NULL,
  day_start BIGINT NOT NULL,
  day_end BIGINT NOT NULL,
  uncached_input_tokens BIGINT NOT NULL,
  cache_read_input_tokens BIGINT NOT NULL,
  cache_creation_input_tokens BIGINT NOT NULL,
  output_tokens BIGINT NOT NULL,
  requests BIGINT NOT NULL,
  cost_cents TEXT NOT NULL,
  fetched_at BIGINT NOT NULL,
  CONSTRAINT usage_daily_pkey PRIMARY KEY (day, api_key_id, workspace_id, model)
);
CREATE INDEX usage_daily_day_start ON usage_daily (day_start);

-- Who held which key when, and which organization a workspace belonged to when: usage is
-- attributed to the holder and organization of the day it happened. to_ms NULL = still so.
-- Kept by the user and workspace repositories whenever users.api_key_id or
-- workspaces.organization_id changes; the current links start at 0 (held since before history).
CREATE TABLE key_holder_history (
  api_key_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  from_ms BIGINT NOT NULL,
  to_ms BIGINT
);
CREATE INDEX key_holder_history_key ON key_holder_history (api_key_id, from_ms);
CREATE INDEX key_holder_history_open ON key_holder_history (user_id) WHERE to_ms IS NULL;
INSERT INTO key_holder_history (api_key_id, user_id, from_ms, to_ms)
  SELECT api_key_id, id, 0, NULL FROM users WHERE api_key_id IS NOT NULL;

CREATE TABLE workspace_link_history (
  workspace_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  from_ms BIGINT NOT NULL,
  to_ms BIGINT
);
CREATE INDEX workspace_link_history_workspace ON workspace_link_history (workspace_id, from_ms);
INSERT INTO workspace_link_history (workspace_id, organization_id, from_ms, to_ms)
  SELECT id, organization_id, 0, NULL FROM workspaces WHERE organization_id IS NOT NULL;

-- Collector runs: progress and outcome (one at a time, like sync runs).
CREATE TABLE usage_runs (
  id TEXT NOT NULL,
  trigger_kind TEXT NOT NULL,
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  from_day TEXT NOT NULL,
  to_day TEXT NOT NULL,
  days_total BIGINT NOT NULL,
  days_done BIGINT NOT NULL,
  rows_written BIGINT NOT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  error TEXT NOT NULL,
  CONSTRAINT usage_runs_pkey PRIMARY KEY (id)
);
CREATE INDEX usage_runs_started_at ON usage_runs (started_at);
