// Scheduler: the screening booking gate; see scheduler.h and
// domain/screening/screening_gate.h for the rules.
#include "absl/strings/str_cat.h"
#include "api/resource_types.h"
#include "api/scheduler.h"
#include "api/scheduler_booking.h"
#include "api/screening_types.h"
#include "domain/screening/screening_gate.h"

namespace fascia::api {

namespace v1 = fascia::v1;

absl::Status Scheduler::ApplyScreeningGate(Booking& b, const std::string& client, absl::Time start,
                                           absl::Time now) {
  const std::string& modality = b.service->modality_code();
  if (plugins_ == nullptr || modality.empty()) return absl::OkStatus();
  if (plugins_->ForModality(modality) == nullptr) {
    if (!plugins_->Unavailable(modality)) return absl::OkStatus();  // not a screened modality
    // Declared in the configuration, but its plugin did not load: fail
    // closed rather than book without screening.
    return ReasonError(absl::StatusCode::kFailedPrecondition, "SCREENING_UNAVAILABLE",
                       absl::StrCat("modality ", modality,
                                    " is screened, but its plugin is not loaded (see fasciad's "
                                    "log); bookings of it are refused until it is"));
  }
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(b.location->time_zone(), &zone)) {
    return absl::InternalError("stored location has an unknown time zone");
  }
  const absl::CivilDay visit_day = absl::ToCivilDay(start, zone);
  std::optional<v1::Screening> latest;
  std::vector<screening::ClearanceSummary> clearances;
  RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
    ASSIGN_OR_RETURN(latest, LatestScreening(c, client, modality, zone, visit_day));
    ASSIGN_OR_RETURN(clearances, LoadClearances(c, client));
    return absl::OkStatus();
  }));
  std::optional<screening::ScreeningSummary> summary;
  if (latest) summary = Summarize(*latest, zone);
  screening::GatePolicy policy;
  policy.validity = screening_validity_;
  screening::GateDecision d = screening::DecideBooking(summary, clearances, policy, now, visit_day);
  if (!d.allowed) return ReasonError(absl::StatusCode::kFailedPrecondition, d.reason, d.message);
  // The rules' requirements join the service's own, so CheckBooking enforces
  // them on the appointment date (qualification validity, room features).
  for (const auto& q : d.required_qualifications) b.spec.required_qualifications.push_back(q);
  for (const auto& f : d.required_room_features) b.spec.required_room_features.push_back(f);
  b.modifications = std::move(d.modifications);
  b.screening = latest->name();
  return absl::OkStatus();
}

}  // namespace fascia::api
