-- A secondary lookup key for resources (e.g. a client's name and date of
-- birth, for duplicate detection), so finding candidates never scans.
ALTER TABLE resources ADD COLUMN lookup_key TEXT;
CREATE INDEX resources_by_lookup_key ON resources (kind, parent, lookup_key);
