-- Narrower busy indexes, PostgreSQL dialect (see the SQLite migration):
-- availability search reads staff and room busy time separately and needs
-- only the party, the block and `active` from each index.
DROP INDEX appointments_busy_by_staff;
DROP INDEX appointments_busy_by_room;
CREATE INDEX appointments_busy_by_staff ON appointments (staff, block_start_us)
  INCLUDE (block_end_us, active);
CREATE INDEX appointments_busy_by_room ON appointments (room, block_start_us)
  INCLUDE (block_end_us, active);
