// GetRevenueReport: revenue, tips, balances and liabilities per location
// over a period, summed from the billing journal (storage/billing_repository.h),
// so every total is exactly the sum of its locations. Figures are per
// currency: amounts in different currencies are never added.
//
// Period figures count the journal entries in [start, end); outstanding
// balances and liabilities are as of `end` (every entry before it).
#ifndef FASCIA_API_REVENUE_REPORT_H_
#define FASCIA_API_REVENUE_REPORT_H_

#include "absl/status/statusor.h"
#include "api/caller.h"
#include "fascia/v1/billing_service.pb.h"
#include "storage/database.h"

namespace fascia::api {

absl::StatusOr<fascia::v1::RevenueReport> RevenueReportFor(
    Caller& caller, storage::Database& db, const fascia::v1::GetRevenueReportRequest& r);

}  // namespace fascia::api

#endif  // FASCIA_API_REVENUE_REPORT_H_
