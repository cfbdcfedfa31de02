-- API keys and the audit log, SQLite dialect.
CREATE TABLE api_keys (
  key_id       TEXT PRIMARY KEY,
  organization TEXT NOT NULL,
  secret_hash  TEXT NOT NULL,   -- hex SHA-256 of the secret; the secret is never stored
  revoked      BIGINT NOT NULL DEFAULT 0,
  expire_us    BIGINT,          -- NULL: no expiry
  create_us    BIGINT NOT NULL,
  data         BLOB NOT NULL    -- serialized fascia.v1.ApiKey
);
CREATE INDEX api_keys_by_organization ON api_keys (organization, key_id);

-- Append-only, hash-chained per organization. audit_heads holds each chain's
-- last sequence and hash; appending updates it in the same transaction, which
-- serializes appends per organization.
CREATE TABLE audit_heads (
  organization TEXT PRIMARY KEY,
  sequence     BIGINT NOT NULL,
  hash         TEXT NOT NULL
);
CREATE TABLE audit_events (
  organization  TEXT NOT NULL,
  sequence      BIGINT NOT NULL,
  time_us       BIGINT NOT NULL,
  actor         TEXT NOT NULL,
  actor_role    TEXT NOT NULL,
  action        TEXT NOT NULL,
  resource      TEXT NOT NULL,
  client        TEXT NOT NULL,
  peer          TEXT NOT NULL,
  request_id    TEXT NOT NULL,
  outcome       TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash          TEXT NOT NULL,
  PRIMARY KEY (organization, sequence)
);
CREATE INDEX audit_events_by_resource ON audit_events (organization, resource, sequence);
CREATE INDEX audit_events_by_client ON audit_events (organization, client, sequence);
CREATE INDEX audit_events_by_actor ON audit_events (organization, actor, sequence);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events_append_only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events_append_only'); END;
