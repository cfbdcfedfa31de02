-- SQLite recreates its overlap triggers and widens appointments_by_client in
-- this migration, because on SQLite the triggers alone now refuse overlapping
-- bookings. PostgreSQL keeps its exclusion constraints of 0001 (their own GiST
-- indexes) and the query before the insert, so nothing changes here; the file
-- keeps the two engines' migration numbers in step.
SELECT 1;
