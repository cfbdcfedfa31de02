// SQL for billing beyond the invoice and payment rows themselves (which live
// in `resources`, see resource_repository.h): per-location invoice numbers
// and the append-only billing journal that reports sum over.
//
// Every function runs inside the caller's transaction (Database::Transact),
// so an invoice's number and its journal entries commit or roll back with it.
//
//   ASSIGN_OR_RETURN(int64_t number, BillingRepository().NextInvoiceNumber(c, location));
#ifndef FASCIA_STORAGE_BILLING_REPOSITORY_H_
#define FASCIA_STORAGE_BILLING_REPOSITORY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/database.h"

namespace fascia::storage {

struct BillingEntry {
  std::string organization;
  std::string location;
  std::string invoice;
  int64_t time_us = 0;
  std::string kind;   // "gross", "discount", "tax", "tip", "payment", "refund", ...
  std::string staff;  // the therapist for tips ("" otherwise)
  std::string currency;
  int64_t amount_minor = 0;
};

// One group of a report: the sum of the entries with these keys.
struct BillingSum {
  std::string location;
  std::string kind;
  std::string staff;
  std::string currency;
  int64_t amount_minor = 0;
};

class BillingRepository {
 public:
  // The next invoice number of `location`: 1 for its first invoice, then one
  // more than the last. Concurrent callers serialize on the location's row;
  // a rolled-back transaction gives its number back.
  absl::StatusOr<int64_t> NextInvoiceNumber(Connection& c, std::string_view location) const;

  absl::Status Append(Connection& c, const std::vector<BillingEntry>& entries) const;

  // Sums of the entries of `organization` with from_us <= time_us < to_us,
  // grouped by location, kind, staff and currency; only `location` when it
  // is not empty.
  absl::StatusOr<std::vector<BillingSum>> Sum(Connection& c, std::string_view organization,
                                              std::string_view location, int64_t from_us,
                                              int64_t to_us) const;
};

}  // namespace fascia::storage

#endif  // FASCIA_STORAGE_BILLING_REPOSITORY_H_
