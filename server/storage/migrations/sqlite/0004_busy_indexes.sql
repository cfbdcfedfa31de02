-- Faster availability search and bounded overlap checks, SQLite dialect.
--
-- 1. Covering indexes for ListBusy (availability): every column it reads is
--    in the index, so a search touches a few hundred index pages instead of
--    one table page per appointment.
DROP INDEX appointments_by_staff;
DROP INDEX appointments_by_room;
CREATE INDEX appointments_busy_by_staff ON appointments
  (staff, block_start_us, block_end_us, active, room, client, start_us, end_us);
CREATE INDEX appointments_busy_by_room ON appointments
  (room, block_start_us, block_end_us, active, staff, client, start_us, end_us);

-- 2. The overlap triggers get the same lower bound FindOverlap uses (no
--    appointment lasts 24 hours, buffers included), so their cost no longer
--    grows with a staff member's, room's or client's whole history.
DROP TRIGGER appointments_staff_overlap_insert;
DROP TRIGGER appointments_room_overlap_insert;
DROP TRIGGER appointments_client_overlap_insert;
DROP TRIGGER appointments_staff_overlap_update;
DROP TRIGGER appointments_room_overlap_update;
DROP TRIGGER appointments_client_overlap_update;

CREATE TRIGGER appointments_staff_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.staff = NEW.staff
    AND a.block_start_us > NEW.block_start_us - 86400000000
    AND a.block_start_us < NEW.block_end_us AND NEW.block_start_us < a.block_end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_staff_overlap'); END;

CREATE TRIGGER appointments_room_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.room = NEW.room
    AND a.block_start_us > NEW.block_start_us - 86400000000
    AND a.block_start_us < NEW.block_end_us AND NEW.block_start_us < a.block_end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_room_overlap'); END;

CREATE TRIGGER appointments_client_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.client = NEW.client
    AND a.start_us > NEW.start_us - 86400000000
    AND a.start_us < NEW.end_us AND NEW.start_us < a.end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_client_overlap'); END;

CREATE TRIGGER appointments_staff_overlap_update BEFORE UPDATE ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.staff = NEW.staff
    AND a.name <> NEW.name AND a.block_start_us > NEW.block_start_us - 86400000000
    AND a.block_start_us < NEW.block_end_us AND NEW.block_start_us < a.block_end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_staff_overlap'); END;

CREATE TRIGGER appointments_room_overlap_update BEFORE UPDATE ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.room = NEW.room
    AND a.name <> NEW.name AND a.block_start_us > NEW.block_start_us - 86400000000
    AND a.block_start_us < NEW.block_end_us AND NEW.block_start_us < a.block_end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_room_overlap'); END;

CREATE TRIGGER appointments_client_overlap_update BEFORE UPDATE ON appointments
WHEN NEW.active = 1 AND EXISTS (
  SELECT 1 FROM appointments a WHERE a.active = 1 AND a.client = NEW.client
    AND a.name <> NEW.name AND a.start_us > NEW.start_us - 86400000000
    AND a.start_us < NEW.end_us AND NEW.start_us < a.end_us)
BEGIN SELECT RAISE(ABORT, 'appointments_client_overlap'); END;
