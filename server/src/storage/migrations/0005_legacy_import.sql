-- The import from the old Node/MongoDB portal: which legacy document became which portal object,
-- so that importing the same export again changes nothing (docs/migration.md).
-- collection: simpleorganizations | simpleusers | prompts; object_id: the portal id it became.

CREATE TABLE legacy_ids (
  collection TEXT NOT NULL,
  legacy_id TEXT NOT NULL,
  object_id TEXT NOT NULL,
  imported_at BIGINT NOT NULL,
  CONSTRAINT legacy_ids_pkey PRIMARY KEY (collection, legacy_id)
);
CREATE INDEX legacy_ids_object_id_idx ON legacy_ids (object_id);
