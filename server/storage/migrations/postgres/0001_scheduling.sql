-- Scheduling schema, PostgreSQL dialect. Same tables and names as the SQLite
-- migration; see there for the design. Overlaps are refused by exclusion
-- constraints (btree_gist for the text equality part), so two fasciad
-- replicas on one database can never double-book.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE resources (
  name       TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  parent     TEXT NOT NULL,
  revision   BIGINT NOT NULL,
  deleted    BIGINT NOT NULL DEFAULT 0,
  request_id TEXT,
  create_us  BIGINT NOT NULL,
  update_us  BIGINT NOT NULL,
  data       BYTEA NOT NULL
);
CREATE INDEX resources_by_parent ON resources (kind, parent, name);
CREATE UNIQUE INDEX resources_request_id ON resources (kind, parent, request_id)
  WHERE request_id IS NOT NULL;

CREATE TABLE appointments (
  name           TEXT PRIMARY KEY,
  organization   TEXT NOT NULL,
  location       TEXT NOT NULL,
  client         TEXT NOT NULL,
  staff          TEXT NOT NULL,
  room           TEXT NOT NULL,
  service        TEXT NOT NULL,
  start_us       BIGINT NOT NULL,
  end_us         BIGINT NOT NULL,
  block_start_us BIGINT NOT NULL,
  block_end_us   BIGINT NOT NULL,
  status         BIGINT NOT NULL,
  active         BIGINT NOT NULL,
  revision       BIGINT NOT NULL,
  request_id     TEXT,
  create_us      BIGINT NOT NULL,
  update_us      BIGINT NOT NULL,
  data           BYTEA NOT NULL,
  CHECK (start_us < end_us AND block_start_us <= start_us AND end_us <= block_end_us),
  CONSTRAINT appointments_staff_overlap EXCLUDE USING gist
    (staff WITH =, int8range(block_start_us, block_end_us) WITH &&) WHERE (active = 1),
  CONSTRAINT appointments_room_overlap EXCLUDE USING gist
    (room WITH =, int8range(block_start_us, block_end_us) WITH &&) WHERE (active = 1),
  CONSTRAINT appointments_client_overlap EXCLUDE USING gist
    (client WITH =, int8range(start_us, end_us) WITH &&) WHERE (active = 1)
);
CREATE INDEX appointments_by_location ON appointments (location, start_us);
CREATE INDEX appointments_by_client ON appointments (client, start_us);
CREATE UNIQUE INDEX appointments_request_id ON appointments (organization, request_id)
  WHERE request_id IS NOT NULL;
