-- Overlaps on SQLite are now refused by these triggers alone (the write path
-- no longer queries before inserting), so two things change:
--
-- 1. The client trigger's index gets end_us and active, so it reads index
--    pages only instead of one table row per candidate. Listing by client
--    still uses its (client, start_us) prefix.
DROP INDEX appointments_by_client;
CREATE INDEX appointments_by_client ON appointments (client, start_us, end_us, active);

-- 2. SQLite fires the triggers of one event last-created first, and the first
--    to RAISE names the busy party. They are created again client, room,
--    staff, so a booking that collides with several parties is refused for
--    the staff member first, then the room, then the client, as the API
--    documents (and as PostgreSQL's pre-insert check answers).
DROP TRIGGER appointments_client_overlap_insert;
DROP TRIGGER appointments_room_overlap_insert;
DROP TRIGGER appointments_staff_overlap_insert;
DROP TRIGGER appointments_client_overlap_update;
DROP TRIGGER appointments_room_overlap_update;
DROP TRIGGER appointments_staff_overlap_update;

CREATE TRIGGER appointments_client_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.client = NEW.client
    AND a.start_us > NEW.start_us - 86400000000
    AND a.start_us < NEW.end_us AND NEW.start_us < a.end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_client_overlap'); END;

CREATE TRIGGER appointments_room_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.room = NEW.room
    AND a.block_start_us > NEW.block_start_us - 86400000000
    AND a.block_start_us < NEW.block_end_us AND NEW.block_start_us < a.block_end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_room_overlap'); END;

CREATE TRIGGER appointments_staff_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.staff = NEW.staff
    AND a.block_start_us > NEW.block_start_us - 86400000000
    AND a.block_start_us < NEW.block_end_us AND NEW.block_start_us < a.block_end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_staff_overlap'); END;

CREATE TRIGGER appointments_client_overlap_update BEFORE UPDATE ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.client = NEW.client
    AND a.name <> NEW.name AND a.start_us > NEW.start_us - 86400000000
    AND a.start_us < NEW.end_us AND NEW.start_us < a.end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_client_overlap'); END;

CREATE TRIGGER appointments_room_overlap_update BEFORE UPDATE ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.room = NEW.room
    AND a.name <> NEW.name AND a.block_start_us > NEW.block_start_us - 86400000000
    AND a.block_start_us < NEW.block_end_us AND NEW.block_start_us < a.block_end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_room_overlap'); END;

CREATE TRIGGER appointments_staff_overlap_update BEFORE UPDATE ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.staff = NEW.staff
    AND a.name <> NEW.name AND a.block_start_us > NEW.block_start_us - 86400000000
    AND a.block_start_us < NEW.block_end_us AND NEW.block_start_us < a.block_end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_staff_overlap'); END;
