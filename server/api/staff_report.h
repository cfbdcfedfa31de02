// GetStaffReport: per therapist working at a location over a period, the
// tips they received (from the billing journal), the client time booked with
// them and the time they were scheduled to work (domain/utilization.h). A
// THERAPIST key must name itself; managers see their locations' therapists.
#ifndef FASCIA_API_STAFF_REPORT_H_
#define FASCIA_API_STAFF_REPORT_H_

#include "absl/status/statusor.h"
#include "api/caller.h"
#include "fascia/v1/billing_service.pb.h"
#include "storage/database.h"

namespace fascia::api {

absl::StatusOr<fascia::v1::StaffReport> StaffReportFor(Caller& caller, storage::Database& db,
                                                       const fascia::v1::GetStaffReportRequest& r);

}  // namespace fascia::api

#endif  // FASCIA_API_STAFF_REPORT_H_
