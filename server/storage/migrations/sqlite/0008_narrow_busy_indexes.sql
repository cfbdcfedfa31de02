-- Narrower busy indexes, SQLite dialect.
--
-- Availability search now reads staff and room busy time separately
-- (AppointmentRepository::BusyTimes), and the overlap triggers read only the
-- party, the block and `active`. The other names that 0004 put into these
-- indexes made every entry about three times wider: more pages for a search
-- to scan and for every booking to write.
DROP INDEX appointments_busy_by_staff;
DROP INDEX appointments_busy_by_room;
CREATE INDEX appointments_busy_by_staff ON appointments
  (staff, block_start_us, block_end_us, active);
CREATE INDEX appointments_busy_by_room ON appointments
  (room, block_start_us, block_end_us, active);
