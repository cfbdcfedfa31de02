// Availability search over the booking rules. See availability.h.
#include "domain/availability.h"

#include <algorithm>
#include <cstdint>

#include "common/status_macros.h"
#include "domain/booking_rules.h"
#include "domain/local_time.h"

namespace fascia {
namespace domain {
namespace {

bool IsFinite(absl::Time t) {
  return t != absl::InfinitePast() && t != absl::InfiniteFuture();
}

absl::Status ValidateQuery(const SlotQuery& query) {
  if (!IsFinite(query.range.start) || !IsFinite(query.range.end) ||
      query.range.empty()) {
    return absl::InvalidArgumentError(
        "range: must be finite with start before end");
  }
  if (query.range.length() > kMaxSlotSearchRange) {
    return absl::InvalidArgumentError("range: must be at most 92 days long");
  }
  if (!IsFinite(query.now)) {
    return absl::InvalidArgumentError("now: must be finite");
  }
  if (query.limit == 0) {
    return absl::InvalidArgumentError("limit: must be > 0");
  }
  return absl::OkStatus();
}

// Appends the candidate starts on local `day`, ascending: each existing wall
// time on the slot grid, a repeated one at both occurrences.
void AppendCandidates(absl::CivilDay day, int64_t step_minutes,
                      const absl::TimeZone& tz, std::vector<absl::Time>& out) {
  const absl::CivilMinute midnight(day);
  bool repeated = false;
  for (int64_t m = 0; m < kMinutesPerDay; m += step_minutes) {
    const absl::TimeZone::TimeInfo info = tz.At(midnight + m);
    if (info.kind == absl::TimeZone::TimeInfo::SKIPPED) continue;
    out.push_back(info.pre);
    if (info.kind == absl::TimeZone::TimeInfo::REPEATED) {
      out.push_back(info.post);
      repeated = true;
    }
  }
  // The second occurrences were appended among the first ones.
  if (repeated) std::sort(out.begin(), out.end());
}

}  // namespace

absl::StatusOr<std::vector<Slot>> FindSlots(
    const LocationSchedule& location, const ServiceSpec& service,
    const std::vector<StaffSchedule>& staff,
    const std::vector<RoomSchedule>& rooms, const SlotQuery& query) {
  RETURN_IF_ERROR(ValidateLocationSchedule(location));
  RETURN_IF_ERROR(ValidateServiceSpec(service));
  RETURN_IF_ERROR(ValidateQuery(query));

  std::vector<Slot> slots;
  // A page is usually filled: growing the vector would copy it ~12 times.
  slots.reserve(std::min<size_t>(query.limit, 8192));
  // Narrow the days to expand to those the timing rules and the resume point
  // leave open; candidates are still judged by the evaluator itself.
  absl::Time lo =
      std::max(query.range.start, query.now + location.min_lead_time);
  if (query.resume_after) lo = std::max(lo, query.resume_after->start);
  const absl::Time hi = std::min(query.range.end - absl::Nanoseconds(1),
                                 query.now + location.max_advance);
  if (hi < lo) return slots;

  const BookingEvaluator ev(location, service, staff, rooms, lo, hi, query.now,
                            query.client_busy);
  const absl::TimeZone& tz = ev.tz();
  const int64_t step = location.slot_interval / absl::Minutes(1);
  std::vector<absl::Time> starts;
  starts.reserve(2 * (kMinutesPerDay / step + 1));

  std::vector<size_t> qualified;  // staff qualified on `day`, ascending
  qualified.reserve(staff.size());

  const absl::CivilDay last_day = absl::ToCivilDay(hi, tz);
  for (absl::CivilDay day = absl::ToCivilDay(lo, tz); day <= last_day; ++day) {
    starts.clear();
    AppendCandidates(day, step, tz, starts);
    // `day` is the local date of every candidate on it.
    qualified.clear();
    for (size_t i = 0; i < staff.size(); ++i) {
      if (ev.StaffQualified(i, day)) qualified.push_back(i);
    }
    for (const absl::Time start : starts) {
      if (start < lo || start > hi) continue;
      // The rules that do not depend on staff or room, once per start.
      const Interval client = ev.ClientRange(start);
      if (ev.CheckTiming(start) != BookingConflict::kNone ||
          ev.CheckLocation(start) != BookingConflict::kNone ||
          !ev.ClientFree(client)) {
        continue;
      }
      const Interval block = ev.BlockRange(start);
      if (!ev.AnyShiftHolds(block)) continue;
      size_t room = 0;
      while (room < rooms.size() &&
             !(ev.RoomHasFeatures(room) && ev.RoomFree(room, block))) {
        ++room;
      }
      if (room == rooms.size()) continue;

      size_t first_staff = 0;
      if (query.resume_after && start == query.resume_after->start) {
        // min() keeps a huge index from wrapping round to 0.
        first_staff =
            std::min(query.resume_after->staff_index, staff.size()) + 1;
      }
      for (auto it = std::lower_bound(qualified.begin(), qualified.end(), first_staff);
           it != qualified.end(); ++it) {
        const size_t i = *it;
        if (!ev.StaffFree(i, block)) continue;
        slots.push_back({start, client.end, i, room});
        if (slots.size() == query.limit) return slots;
      }
    }
  }
  return slots;
}

}  // namespace domain
}  // namespace fascia
