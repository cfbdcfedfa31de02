-- Finding rows of a kind by lookup key under any parent (the memberships
-- billed at a location live under their clients) without a scan.
CREATE INDEX resources_by_kind_lookup_key ON resources (kind, lookup_key);
