// The appointment state machine. See appointment_status.h.
#include "domain/appointment_status.h"

#include "common/errors.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace fascia {
namespace domain {

std::string_view AppointmentStatusName(AppointmentStatus status) {
  switch (status) {
    case AppointmentStatus::kBooked: return "booked";
    case AppointmentStatus::kArrived: return "arrived";
    case AppointmentStatus::kCheckedIn: return "checked-in";
    case AppointmentStatus::kFulfilled: return "fulfilled";
    case AppointmentStatus::kCancelled: return "cancelled";
    case AppointmentStatus::kNoShow: return "noshow";
    case AppointmentStatus::kEnteredInError: return "entered-in-error";
  }
  return "unknown";
}

namespace {

bool IsLegal(AppointmentStatus from, AppointmentStatus to) {
  using S = AppointmentStatus;
  if (to == S::kEnteredInError) return from != S::kEnteredInError;
  switch (from) {
    case S::kBooked:
      return to == S::kArrived || to == S::kCheckedIn || to == S::kCancelled ||
             to == S::kNoShow;
    case S::kArrived:
      return to == S::kCheckedIn || to == S::kFulfilled || to == S::kCancelled;
    case S::kCheckedIn:
      return to == S::kFulfilled;
    case S::kFulfilled:
    case S::kCancelled:
    case S::kNoShow:
    case S::kEnteredInError:
      return false;
  }
  return false;
}

}  // namespace

absl::Status CheckTransition(AppointmentStatus from, AppointmentStatus to) {
  if (IsLegal(from, to)) return absl::OkStatus();
  return absl::FailedPreconditionError(
      // std::string: Debian's Abseil has its own string_view, which StrCat
      // takes but std::string_view does not convert to.
      absl::StrCat("cannot change an appointment from '",
                   std::string(AppointmentStatusName(from)), "' to '",
                   std::string(AppointmentStatusName(to)), "'"));
}

bool IsFinal(AppointmentStatus status) {
  return status == AppointmentStatus::kFulfilled ||
         status == AppointmentStatus::kCancelled ||
         status == AppointmentStatus::kNoShow ||
         status == AppointmentStatus::kEnteredInError;
}

bool OccupiesTime(AppointmentStatus status) {
  switch (status) {
    case AppointmentStatus::kBooked:
    case AppointmentStatus::kArrived:
    case AppointmentStatus::kCheckedIn:
    case AppointmentStatus::kFulfilled:
      return true;
    case AppointmentStatus::kCancelled:
    case AppointmentStatus::kNoShow:
    case AppointmentStatus::kEnteredInError:
      return false;
  }
  return false;
}

bool AllowsCancellationReason(AppointmentStatus status) {
  return status == AppointmentStatus::kCancelled ||
         status == AppointmentStatus::kNoShow;
}

absl::Status CheckTransitionTime(AppointmentStatus to, absl::Time now, absl::Time start) {
  if (to == AppointmentStatus::kNoShow && now < start) {
    return ReasonError(absl::StatusCode::kFailedPrecondition, "NOT_YET_STARTED",
                       "a no-show can be recorded only after the appointment's start time");
  }
  return absl::OkStatus();
}

}  // namespace domain
}  // namespace fascia
