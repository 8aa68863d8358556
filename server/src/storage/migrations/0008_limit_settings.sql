-- The limits the portal last set on Anthropic, per workspace: what the drift check compares the
-- Console's values with (issue 12). `scope` is a rate-limit entry id (Anthropic's
-- rate_limit_id) with `limiter_type` a limiter type, or 'spend' with limiter_type
-- 'monthly_cents' for the monthly spend limit. `value` NULL = the portal cleared it.
CREATE TABLE limit_settings (
  workspace_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  limiter_type TEXT NOT NULL,
  value BIGINT,
  set_by TEXT,
  set_at BIGINT NOT NULL,
  CONSTRAINT limit_settings_pkey PRIMARY KEY (workspace_id, scope, limiter_type)
);
