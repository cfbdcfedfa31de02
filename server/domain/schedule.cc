// Validation of scheduling inputs. See schedule.h.
#include "domain/schedule.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status_macros.h"

namespace fascia {
namespace domain {
namespace {

// absl::string_view, not std::string_view: Debian builds Abseil with its own
// string_view type, which is what StrCat and Status::message() use.
absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

absl::Status ValidateWeeklyList(absl::string_view field,
                                const std::vector<WeeklyInterval>& list) {
  for (size_t i = 0; i < list.size(); ++i) {
    absl::Status s = ValidateWeeklyInterval(list[i]);
    if (!s.ok()) return Invalid(absl::StrCat(field, "[", i, "]"), s.message());
  }
  return absl::OkStatus();
}

// Caps what one appointment may span so that the per-day precomputation in
// BookingEvaluator stays a few days wide. Nothing in a clinic comes near it.
constexpr absl::Duration kMaxServicePart = absl::Hours(24);

bool IsFinite(absl::Duration d) {
  return d != absl::InfiniteDuration() && d != -absl::InfiniteDuration();
}

absl::Status ValidateServicePart(absl::string_view field, absl::Duration d,
                                 bool zero_ok) {
  const bool too_small =
      zero_ok ? d < absl::ZeroDuration() : d <= absl::ZeroDuration();
  if (!IsFinite(d) || too_small || d > kMaxServicePart) {
    return Invalid(field, zero_ok ? "must be >= 0 and <= 24 h"
                                  : "must be > 0 and <= 24 h");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateLocationSchedule(const LocationSchedule& location) {
  RETURN_IF_ERROR(ValidateWeeklyList("opening_hours", location.opening_hours));
  for (size_t i = 0; i < location.closures.size(); ++i) {
    if (location.closures[i].last < location.closures[i].first) {
      return Invalid(absl::StrCat("closures[", i, "]"),
                     "last must not be before first");
    }
  }
  if (!IsFinite(location.min_lead_time) ||
      location.min_lead_time < absl::ZeroDuration()) {
    return Invalid("min_lead_time", "must be finite and >= 0");
  }
  if (location.max_advance < location.min_lead_time) {
    return Invalid("max_advance", "must be >= min_lead_time");
  }
  const absl::Duration slot = location.slot_interval;
  if (slot < absl::Minutes(1) || slot > absl::Hours(24) ||
      slot % absl::Minutes(1) != absl::ZeroDuration()) {
    return Invalid("slot_interval",
                   "must be a whole number of minutes in [1 min, 24 h]");
  }
  return absl::OkStatus();
}

absl::Status ValidateStaffSchedule(const StaffSchedule& staff) {
  for (size_t i = 0; i < staff.qualifications.size(); ++i) {
    const Qualification& q = staff.qualifications[i];
    if (q.code.empty()) {
      return Invalid(absl::StrCat("qualifications[", i, "].code"),
                     "must not be empty");
    }
    if (q.valid_from && q.valid_to && *q.valid_to < *q.valid_from) {
      return Invalid(absl::StrCat("qualifications[", i, "].valid_to"),
                     "must not be before valid_from");
    }
  }
  RETURN_IF_ERROR(ValidateWeeklyList("shifts", staff.shifts));
  return ValidateWeeklyList("breaks", staff.breaks);
}

absl::Status ValidateServiceSpec(const ServiceSpec& service) {
  RETURN_IF_ERROR(
      ValidateServicePart("duration", service.duration, /*zero_ok=*/false));
  RETURN_IF_ERROR(ValidateServicePart("buffer_before", service.buffer_before,
                                      /*zero_ok=*/true));
  return ValidateServicePart("buffer_after", service.buffer_after,
                             /*zero_ok=*/true);
}

}  // namespace domain
}  // namespace fascia
