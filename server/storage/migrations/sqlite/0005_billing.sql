-- Billing: invoice numbering and the billing journal. Invoices and payments
-- themselves are serialized fascia.v1 messages in `resources` (kinds
-- "invoice" and "payment").
--
-- invoice_numbers: the last number issued per location. Issuing increments it
-- in the issuing transaction, so numbers are sequential with no gaps (a
-- rolled-back issue rolls its number back too) and concurrent issues
-- serialize on the row.
CREATE TABLE invoice_numbers (
  location    TEXT PRIMARY KEY,
  last_number BIGINT NOT NULL
);

-- billing_entries: an append-only journal of every amount that changes what
-- a location earned or owes, written in the same transaction as the change
-- (issue, void, payment, refund). Reports are sums over it, so totals across
-- locations are exactly the sum of the locations.
CREATE TABLE billing_entries (
  organization TEXT NOT NULL,
  location     TEXT NOT NULL,
  invoice      TEXT NOT NULL,
  time_us      BIGINT NOT NULL,
  kind         TEXT NOT NULL,            -- e.g. "gross", "discount", "tax", "tip", "payment", "refund"
  staff        TEXT NOT NULL DEFAULT '', -- the therapist, for tips and services
  currency     TEXT NOT NULL,
  amount_minor BIGINT NOT NULL
);
CREATE INDEX billing_entries_by_location ON billing_entries (organization, location, time_us);
