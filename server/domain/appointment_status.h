// The appointment state machine, after FHIR Appointment.status.
//
//   booked    -> arrived | checked-in | cancelled | noshow
//   arrived   -> checked-in | fulfilled | cancelled
//   checked-in -> fulfilled
//   fulfilled, cancelled, noshow: final
//   any status except entered-in-error -> entered-in-error
//
// Marking entered-in-error is for administrators and must be audited; the
// domain does not know who is asking, so the API layer enforces that
// permission before calling CheckTransition(). A status never transitions to
// itself.
//
//   RETURN_IF_ERROR(CheckTransition(current, AppointmentStatus::kCancelled));
//
// Thread-safety: pure functions.
#ifndef FASCIA_DOMAIN_APPOINTMENT_STATUS_H_
#define FASCIA_DOMAIN_APPOINTMENT_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace fascia {
namespace domain {

enum class AppointmentStatus {
  kBooked,
  kArrived,
  kCheckedIn,
  kFulfilled,
  kCancelled,
  kNoShow,
  kEnteredInError,
};

// The FHIR code: "booked", "arrived", "checked-in", "fulfilled",
// "cancelled", "noshow", "entered-in-error".
std::string_view AppointmentStatusName(AppointmentStatus status);

// OK if `from -> to` is a legal transition; otherwise FailedPreconditionError
// naming both states, e.g. "cannot change an appointment from 'fulfilled' to
// 'cancelled'".
absl::Status CheckTransition(AppointmentStatus from, AppointmentStatus to);

// True if no legal transition leaves `status` except entered-in-error.
bool IsFinal(AppointmentStatus status);

// True if an appointment in `status` holds its staff, room and client time:
// booked, arrived, checked-in, fulfilled. Only these count as busy for the
// booking rules and the database's no-overlap constraints.
bool OccupiesTime(AppointmentStatus status);

// True if a cancellation reason may be recorded: cancelled and noshow only.
bool AllowsCancellationReason(AppointmentStatus status);

// Time rules of a transition: a no-show can only be recorded once the
// appointment was due to start. FAILED_PRECONDITION with reason
// NOT_YET_STARTED (common/errors.h) otherwise.
absl::Status CheckTransitionTime(AppointmentStatus to, absl::Time now, absl::Time start);

}  // namespace domain
}  // namespace fascia

#endif  // FASCIA_DOMAIN_APPOINTMENT_STATUS_H_
