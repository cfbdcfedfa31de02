// SQL for invoice numbers and the billing journal; see billing_repository.h.
#include "storage/billing_repository.h"

#include "common/status_macros.h"

namespace fascia::storage {

absl::StatusOr<int64_t> BillingRepository::NextInvoiceNumber(Connection& c,
                                                             std::string_view location) const {
  // One statement both engines accept: the upsert takes the row lock, so two
  // issuing transactions cannot read the same last number.
  ASSIGN_OR_RETURN(Rows rows,
                   c.Query("INSERT INTO invoice_numbers (location, last_number) VALUES ($1, 1)"
                           " ON CONFLICT (location) DO UPDATE"
                           " SET last_number = invoice_numbers.last_number + 1"
                           " RETURNING last_number",
                           {Value(location)}));
  if (rows.empty() || rows[0].empty()) return absl::InternalError("invoice number not returned");
  return rows[0][0].AsInt();
}

absl::Status BillingRepository::Append(Connection& c, const std::vector<BillingEntry>& entries) const {
  for (const BillingEntry& e : entries) {
    RETURN_IF_ERROR(c.Execute("INSERT INTO billing_entries (organization, location, invoice,"
                              " time_us, kind, staff, currency, amount_minor)"
                              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                              {Value(e.organization), Value(e.location), Value(e.invoice),
                               Value(e.time_us), Value(e.kind), Value(e.staff), Value(e.currency),
                               Value(e.amount_minor)})
                          .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<BillingSum>> BillingRepository::Sum(Connection& c,
                                                               std::string_view organization,
                                                               std::string_view location,
                                                               int64_t from_us,
                                                               int64_t to_us) const {
  ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT location, kind, staff, currency, CAST(SUM(amount_minor) AS BIGINT)"
              " FROM billing_entries"
              " WHERE organization = $1 AND ($2 = '' OR location = $2)"
              " AND time_us >= $3 AND time_us < $4"
              " GROUP BY location, kind, staff, currency ORDER BY location, kind, staff, currency",
              {Value(organization), Value(location), Value(from_us), Value(to_us)}));
  std::vector<BillingSum> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    out.push_back(BillingSum{r[0].AsText(), r[1].AsText(), r[2].AsText(), r[3].AsText(),
                             r[4].AsInt()});
  }
  return out;
}

}  // namespace fascia::storage
