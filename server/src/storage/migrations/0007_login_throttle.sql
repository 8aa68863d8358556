-- The login throttle's counters in the database, so that several instances on one PostgreSQL
-- count failed logins together (domain/login_throttle.hpp). `key` is "pair\n<email>\n<address>"
-- or "address\n<address>"; times are Unix milliseconds.
CREATE TABLE login_throttle (
  key TEXT NOT NULL,
  failures BIGINT NOT NULL,
  window_start BIGINT NOT NULL,
  locked_until BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT login_throttle_pkey PRIMARY KEY (key)
);
CREATE INDEX login_throttle_window_start ON login_throttle (window_start);
