// ResourceTypes for the screening side of a client's record, served by
// ClientRecordStore (client_record_crud.h):
//   organizations/{org}/clients/{client}/screenings/{id}  (made by SubmitIntake)
//   organizations/{org}/clients/{client}/clearances/{id}
// and the loaders the booking gate and SubmitIntake share.
#ifndef FASCIA_API_SCREENING_TYPES_H_
#define FASCIA_API_SCREENING_TYPES_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "api/resource_crud.h"
#include "domain/screening/screening_gate.h"
#include "fascia/v1/intake.pb.h"
#include "storage/database.h"

namespace fascia::api {

inline constexpr char kScreeningPattern[] = "organizations/*/clients/*/screenings/*";
inline constexpr char kClearancePattern[] = "organizations/*/clients/*/clearances/*";

ResourceType<fascia::v1::Screening> ScreeningType();
ResourceType<fascia::v1::Clearance> ClearanceType();
void CheckScreeningFilterValue(const FilterTerm& term, FieldViolations& v);

// The client's newest screening for `modality` whose visit falls on
// `visit_day` in `zone`, or if there is none the newest for any visit (the
// gate names its date when it refuses); inside the caller's transaction;
// nullopt if the client has no screening for the modality.
absl::StatusOr<std::optional<fascia::v1::Screening>> LatestScreening(
    storage::Connection& c, const std::string& client, const std::string& modality,
    absl::TimeZone zone, absl::CivilDay visit_day);

// The client's newest screening for `modality` for each local visit day in
// `zone`, from one pass over their screenings; inside the caller's
// transaction.
absl::StatusOr<std::map<absl::CivilDay, fascia::v1::Screening>> LatestScreeningsByVisitDay(
    storage::Connection& c, const std::string& client, const std::string& modality,
    absl::TimeZone zone);

// Every clearance on file for the client, inside the caller's transaction.
absl::StatusOr<std::vector<screening::ClearanceSummary>> LoadClearances(storage::Connection& c,
                                                                        const std::string& client);

// The gate's view of a stored screening, its visit's date taken in `zone`.
screening::ScreeningSummary Summarize(const fascia::v1::Screening& s, absl::TimeZone zone);

}  // namespace fascia::api

#endif  // FASCIA_API_SCREENING_TYPES_H_
