// Timed answers as of the visit. A client answers the intake at the
// screening (AppointmentContext.screening_time), but the rules are about the
// visit (appointment_time), which may be days later: "12 weeks pregnant"
// answered a week before the visit is 13 weeks at it, and "an event in 60 h"
// is an event in 36 h when the visit is a day later. This header turns such
// an answer into what the client would answer at the visit. Header-only, no
// clock, no state: safe from any thread.
//
// An answer in whole units is read as completed units ("12 weeks" is
// anything from 12w0d to 12w6d), so at the visit it is a range, not a
// number. Each rule fires on the end of the range that is safe for it:
//
//   const sdk::VisitRange weeks = sdk::SinceAtVisit(answer, sdk::kSecondsPerWeek, in.context);
//   if (weeks.high >= 13) ...  // a >= rule: she may be 13 weeks at the visit
//   if (weeks.low < 13) ...    // a < rule: she may still be under 13 weeks
//
// Both ends may fire at once near a threshold; the host takes the maximum
// outcome and every modification, which is the cautious union.
#ifndef FASCIA_PLUGIN_SDK_VISIT_TIME_H_
#define FASCIA_PLUGIN_SDK_VISIT_TIME_H_

#include <cstdint>
#include <limits>

#include "fascia/plugin/v1/plugin.pb.h"

namespace fascia::plugin_sdk {

inline constexpr int64_t kSecondsPerHour = 60 * 60;
inline constexpr int64_t kSecondsPerDay = 24 * kSecondsPerHour;
inline constexpr int64_t kSecondsPerWeek = 7 * kSecondsPerDay;

// Seconds from the screening to the visit. 0 when the visit is not later:
// no visit named (the host sends appointment_time == screening_time) or a
// visit before the screening, which cannot make an answer younger.
inline int64_t SecondsToVisit(const ::fascia::plugin::v1::AppointmentContext& context) {
  const int64_t screening = context.screening_time();
  const int64_t visit = context.appointment_time();
  if (visit <= screening) return 0;
  // In unsigned arithmetic the difference of any two int64 values is exact.
  const uint64_t diff = static_cast<uint64_t>(visit) - static_cast<uint64_t>(screening);
  constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  return static_cast<int64_t>(diff > kMax ? kMax : diff);
}

// What a client could answer at the visit, in the answer's unit: every
// value from `low` to `high` inclusive is possible.
struct VisitRange {
  int64_t low = 0;
  int64_t high = 0;
};

namespace internal {

// a + b and a - b for b >= 0, clamped to int64 instead of overflowing (the
// context comes from the host, but a plugin must not misbehave on any input).
inline int64_t SaturatingAdd(int64_t a, int64_t b) {
  return a > std::numeric_limits<int64_t>::max() - b ? std::numeric_limits<int64_t>::max()
                                                      : a + b;
}
inline int64_t SaturatingSub(int64_t a, int64_t b) {
  return a < std::numeric_limits<int64_t>::min() + b ? std::numeric_limits<int64_t>::min()
                                                      : a - b;
}

// The time to the visit in whole `unit_seconds`, rounded down and up.
struct Units {
  int64_t down = 0;
  int64_t up = 0;
};
inline Units UnitsToVisit(int64_t unit_seconds,
                          const ::fascia::plugin::v1::AppointmentContext& context) {
  const int64_t seconds = SecondsToVisit(context);
  const int64_t down = seconds / unit_seconds;
  return {down, down + (seconds % unit_seconds != 0 ? 1 : 0)};
}

}  // namespace internal

// An answer that counts time since something (weeks pregnant, hours since
// an injury or since an event ended): it grows by the time to the visit.
// REQUIRES: unit_seconds > 0 (a non-positive unit leaves the answer as is).
inline VisitRange SinceAtVisit(int64_t answer, int64_t unit_seconds,
                               const ::fascia::plugin::v1::AppointmentContext& context) {
  if (unit_seconds <= 0) return {answer, answer};
  const internal::Units units = internal::UnitsToVisit(unit_seconds, context);
  // The true value at the screening is in [answer, answer + 1) units, so at
  // the visit it is in [answer + t, answer + 1 + t) for t units to the visit.
  return {internal::SaturatingAdd(answer, units.down), internal::SaturatingAdd(answer, units.up)};
}

// An answer that counts time until something (hours until an event starts):
// it shrinks by the time to the visit, and is negative when the thing starts
// before the visit. REQUIRES: unit_seconds > 0 (else the answer as is).
inline VisitRange UntilAtVisit(int64_t answer, int64_t unit_seconds,
                               const ::fascia::plugin::v1::AppointmentContext& context) {
  if (unit_seconds <= 0) return {answer, answer};
  const internal::Units units = internal::UnitsToVisit(unit_seconds, context);
  // [answer - t, answer + 1 - t) at the visit, in completed units.
  return {internal::SaturatingSub(answer, units.up), internal::SaturatingSub(answer, units.down)};
}

}  // namespace fascia::plugin_sdk

#endif  // FASCIA_PLUGIN_SDK_VISIT_TIME_H_
