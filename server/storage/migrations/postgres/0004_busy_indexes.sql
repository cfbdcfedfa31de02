-- Faster availability search, PostgreSQL dialect: covering indexes for
-- ListBusy (see the SQLite migration). Overlaps are refused by the exclusion
-- constraints, which need no change.
CREATE INDEX appointments_busy_by_staff ON appointments (staff, block_start_us)
  INCLUDE (block_end_us, active, room, client, start_us, end_us);
CREATE INDEX appointments_busy_by_room ON appointments (room, block_start_us)
  INCLUDE (block_end_us, active, staff, client, start_us, end_us);
