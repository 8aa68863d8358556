-- The prompt library (issue 6, R-P). A prompt's content lives only in prompt_versions; the
-- prompt row points at its current version. Versions are only ever appended.
-- tags: the trimmed tags joined as ",a,b," (no tag contains a comma), so that one LIKE finds a tag
-- on both databases without a join.
-- Organizations are soft-deleted (0004), so the cascade below only runs on a real purge.

CREATE TABLE prompts (
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  visibility TEXT NOT NULL,
  organization_id TEXT NULL,
  owner_id TEXT NULL,
  current_version BIGINT NOT NULL,
  use_count BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT prompts_pkey PRIMARY KEY (id),
  CONSTRAINT prompts_visibility_check CHECK (visibility IN ('public', 'organization', 'private')),
  CONSTRAINT prompts_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
  CONSTRAINT prompts_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX prompts_organization_id_idx ON prompts (organization_id, id);
CREATE INDEX prompts_owner_id_idx ON prompts (owner_id, id);
CREATE INDEX prompts_visibility_idx ON prompts (visibility, id);

CREATE TABLE prompt_versions (
  prompt_id TEXT NOT NULL,
  number BIGINT NOT NULL,
  content TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  author_id TEXT NULL,
  restored_from BIGINT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT prompt_versions_pkey PRIMARY KEY (prompt_id, number),
  CONSTRAINT prompt_versions_prompt_id_fkey FOREIGN KEY (prompt_id) REFERENCES prompts (id) ON DELETE CASCADE,
  CONSTRAINT prompt_versions_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL
);
