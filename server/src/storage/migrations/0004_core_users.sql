-- Organizations are soft-deleted (issue 4): deleting one disables its users but keeps their rows
-- (and the audit trail) pointing at it, so the row stays with deleted_at set. Its name_key is
-- rewritten on delete so that the name can be used again.
ALTER TABLE organizations ADD COLUMN deleted_at BIGINT NULL;
