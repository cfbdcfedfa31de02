-- API keys and the audit log, PostgreSQL dialect; see the SQLite migration.
CREATE TABLE api_keys (
  key_id       TEXT PRIMARY KEY,
  organization TEXT NOT NULL,
  secret_hash  TEXT NOT NULL,
  revoked      BIGINT NOT NULL DEFAULT 0,
  expire_us    BIGINT,
  create_us    BIGINT NOT NULL,
  data         BYTEA NOT NULL
);
CREATE INDEX api_keys_by_organization ON api_keys (organization, key_id);

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

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events_append_only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
