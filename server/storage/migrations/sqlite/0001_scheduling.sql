-- Scheduling schema, SQLite dialect.
--
-- Configuration resources (organizations, locations, rooms, staff, services,
-- clients) are stored as serialized fascia.v1 messages in `resources`, with the
-- columns that lookups, paging and idempotency need. Appointments have their own
-- table because the database itself must refuse overlaps.
CREATE TABLE resources (
  name       TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  parent     TEXT NOT NULL,
  revision   BIGINT NOT NULL,
  deleted    BIGINT NOT NULL DEFAULT 0,
  request_id TEXT,
  create_us  BIGINT NOT NULL,
  update_us  BIGINT NOT NULL,
  data       BLOB NOT NULL
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
  data           BLOB NOT NULL,
  CHECK (start_us < end_us AND block_start_us <= start_us AND end_us <= block_end_us)
);
CREATE INDEX appointments_by_location ON appointments (location, start_us);
CREATE INDEX appointments_by_staff ON appointments (staff, block_start_us);
CREATE INDEX appointments_by_room ON appointments (room, block_start_us);
CREATE INDEX appointments_by_client ON appointments (client, start_us);
CREATE UNIQUE INDEX appointments_request_id ON appointments (organization, request_id)
  WHERE request_id IS NOT NULL;

-- No double booking, enforced inside the engine: every writer is serialized
-- (BEGIN IMMEDIATE), and these triggers refuse an active row that overlaps
-- another active row of the same staff member or room (buffers included) or
-- client (buffers excluded). The RAISE message is the constraint name, the
-- same name PostgreSQL's exclusion constraints carry.
CREATE TRIGGER appointments_staff_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.staff = NEW.staff
    AND a.block_start_us < NEW.block_end_us AND NEW.block_start_us < a.block_end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_staff_overlap'); END;

CREATE TRIGGER appointments_room_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.room = NEW.room
    AND a.block_start_us < NEW.block_end_us AND NEW.block_start_us < a.block_end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_room_overlap'); END;

CREATE TRIGGER appointments_client_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.client = NEW.client
    AND a.start_us < NEW.end_us AND NEW.start_us < a.end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_client_overlap'); END;

-- Reactivating a row (or moving an active one) is checked the same way.
CREATE TRIGGER appointments_staff_overlap_update BEFORE UPDATE ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.staff = NEW.staff
    AND a.name <> NEW.name
    AND a.block_start_us < NEW.block_end_us AND NEW.block_start_us < a.block_end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_staff_overlap'); END;

CREATE TRIGGER appointments_room_overlap_update BEFORE UPDATE ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.room = NEW.room
    AND a.name <> NEW.name
    AND a.block_start_us < NEW.block_end_us AND NEW.block_start_us < a.block_end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_room_overlap'); END;

CREATE TRIGGER appointments_client_overlap_update BEFORE UPDATE ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.client = NEW.client
    AND a.name <> NEW.name
    AND a.start_us < NEW.end_us AND NEW.start_us < a.end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_client_overlap'); END;
