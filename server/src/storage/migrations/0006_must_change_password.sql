-- A password the portal generated (a new user's, a reset) must be changed at the next login
-- (R-A1): set then, cleared when the user chooses their own. 0/1 (BIGINT on both databases).

ALTER TABLE users ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0;
