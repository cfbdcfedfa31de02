// Tests for domain/availability.h: slot starts on DST change days in
// Europe/London and America/New_York, room choice, ordering, paging, and
// agreement with the booking rules (brute force), including a clinic-sized
// case (20 staff, 10 rooms, 2,000 busy intervals, 14 days).
#include "domain/availability.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "domain/booking_rules.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace fascia {
namespace domain {
namespace {

using testing::Hm;
using testing::Local;
using testing::Utc;
using testing::Zone;

std::vector<WeeklyInterval> EveryDay(int start, int end) {
  std::vector<WeeklyInterval> v;
  for (int d = 0; d < 7; ++d) {
    v.push_back({static_cast<absl::Weekday>(d), start, end});
  }
  return v;
}

LocationSchedule Location(const absl::TimeZone& tz, int open, int close,
                          absl::Duration slot) {
  LocationSchedule l;
  l.tz = tz;
  l.opening_hours = EveryDay(open, close);
  l.slot_interval = slot;
  return l;
}

StaffSchedule Staff(const char* id, int start, int end) {
  StaffSchedule s;
  s.id = id;
  s.shifts = EveryDay(start, end);
  return s;
}

ServiceSpec Service(absl::Duration d, absl::Duration before = {},
                    absl::Duration after = {}) {
  ServiceSpec s;
  s.duration = d;
  s.buffer_before = before;
  s.buffer_after = after;
  return s;
}

SlotQuery DayQuery(absl::CivilDay day, const absl::TimeZone& tz) {
  SlotQuery q;
  q.range = LocalDays(day, day, tz);
  q.now = q.range.start - absl::Hours(24 * 7);
  q.limit = 1000;
  return q;
}

std::vector<absl::Time> Starts(const std::vector<Slot>& slots) {
  std::vector<absl::Time> out;
  for (const Slot& s : slots) out.push_back(s.start);
  return out;
}

// `n` instants from `first`, `step` apart.
std::vector<absl::Time> Every(absl::Time first, absl::Duration step, int n) {
  std::vector<absl::Time> out;
  for (int i = 0; i < n; ++i) out.push_back(first + i * step);
  return out;
}

std::vector<Slot> Find(const LocationSchedule& l, const ServiceSpec& s,
                       const std::vector<StaffSchedule>& staff,
                       const std::vector<RoomSchedule>& rooms,
                       const SlotQuery& q) {
  absl::StatusOr<std::vector<Slot>> slots = FindSlots(l, s, staff, rooms, q);
  EXPECT_TRUE(slots.ok()) << slots.status();
  return slots.ok() ? *slots : std::vector<Slot>{};
}

// 09:00-12:00 local, hourly one-hour slots, on the days around each change.
TEST(FindSlotsTest, WeeklyHoursStayLocalOnChangeDays) {
  struct Case {
    const char* zone;
    absl::CivilDay day;
    absl::Time first_utc;
  };
  const Case cases[] = {
      {"America/New_York", absl::CivilDay(2024, 3, 3), Utc(2024, 3, 3, 14)},
      {"America/New_York", absl::CivilDay(2024, 3, 10), Utc(2024, 3, 10, 13)},
      {"America/New_York", absl::CivilDay(2024, 10, 27), Utc(2024, 10, 27, 13)},
      {"America/New_York", absl::CivilDay(2024, 11, 3), Utc(2024, 11, 3, 14)},
      {"Europe/London", absl::CivilDay(2024, 3, 24), Utc(2024, 3, 24, 9)},
      {"Europe/London", absl::CivilDay(2024, 3, 31), Utc(2024, 3, 31, 8)},
      {"Europe/London", absl::CivilDay(2024, 10, 20), Utc(2024, 10, 20, 8)},
      {"Europe/London", absl::CivilDay(2024, 10, 27), Utc(2024, 10, 27, 9)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat(c.zone, " ", absl::FormatCivilTime(c.day)));
    const absl::TimeZone tz = Zone(c.zone);
    const std::vector<Slot> slots =
        Find(Location(tz, Hm(9), Hm(12), absl::Hours(1)),
             Service(absl::Hours(1)), {Staff("a", Hm(9), Hm(12))},
             {RoomSchedule{"r", {}, {}}}, DayQuery(c.day, tz));
    EXPECT_EQ(Starts(slots), Every(c.first_utc, absl::Hours(1), 3));
  }
}

TEST(FindSlotsTest, NewYorkSpringForwardSkipsTheMissingHour) {
  // Open 00:00-06:00 local = 05:00Z-10:00Z: five real hours. The wall times
  // 02:00 and 02:30 do not exist and are not offered.
  const absl::TimeZone tz = Zone("America/New_York");
  const std::vector<Slot> slots = Find(
      Location(tz, 0, Hm(6), absl::Minutes(30)), Service(absl::Minutes(30)),
      {Staff("a", 0, Hm(6))}, {RoomSchedule{"r", {}, {}}},
      DayQuery(absl::CivilDay(2024, 3, 10), tz));
  EXPECT_EQ(Starts(slots), Every(Utc(2024, 3, 10, 5), absl::Minutes(30), 10));
}

TEST(FindSlotsTest, NewYorkFallBackOffersBothOccurrences) {
  // Open 00:00-04:00 local = 04:00Z-09:00Z: five real hours; 01:00 and 01:30
  // are offered at both occurrences (EDT 05:00Z, 05:30Z; EST 06:00Z, 06:30Z).
  const absl::TimeZone tz = Zone("America/New_York");
  const std::vector<Slot> slots = Find(
      Location(tz, 0, Hm(4), absl::Minutes(30)), Service(absl::Minutes(30)),
      {Staff("a", 0, Hm(4))}, {RoomSchedule{"r", {}, {}}},
      DayQuery(absl::CivilDay(2024, 11, 3), tz));
  EXPECT_EQ(Starts(slots), Every(Utc(2024, 11, 3, 4), absl::Minutes(30), 10));
}

TEST(FindSlotsTest, LondonSpringForwardAndFallBack) {
  const absl::TimeZone tz = Zone("Europe/London");
  // 2024-03-31, open 00:00-04:00 local = 00:00Z-03:00Z.
  std::vector<Slot> slots = Find(
      Location(tz, 0, Hm(4), absl::Minutes(30)), Service(absl::Minutes(30)),
      {Staff("a", 0, Hm(4))}, {RoomSchedule{"r", {}, {}}},
      DayQuery(absl::CivilDay(2024, 3, 31), tz));
  EXPECT_EQ(Starts(slots), Every(Utc(2024, 3, 31, 0), absl::Minutes(30), 6));
  // 2024-10-27, open 00:00-03:00 local = 23:00Z (Oct 26) to 03:00Z.
  slots = Find(Location(tz, 0, Hm(3), absl::Minutes(30)),
               Service(absl::Minutes(30)), {Staff("a", 0, Hm(3))},
               {RoomSchedule{"r", {}, {}}},
               DayQuery(absl::CivilDay(2024, 10, 27), tz));
  EXPECT_EQ(Starts(slots), Every(Utc(2024, 10, 26, 23), absl::Minutes(30), 8));
}

TEST(FindSlotsTest, SlotsAlignToLocalMidnightNotToTheQuery) {
  const absl::TimeZone tz = Zone("Europe/London");
  SlotQuery q = DayQuery(absl::CivilDay(2024, 6, 3), tz);
  q.range.start = Local(tz, 2024, 6, 3, 10, 7);
  q.range.end = Local(tz, 2024, 6, 3, 11, 0);  // exclusive
  const std::vector<Slot> slots = Find(
      Location(tz, Hm(9), Hm(18), absl::Minutes(20)), Service(absl::Hours(1)),
      {Staff("a", Hm(9), Hm(18))}, {RoomSchedule{"r", {}, {}}}, q);
  EXPECT_EQ(Starts(slots), Every(Local(tz, 2024, 6, 3, 10, 20),
                                 absl::Minutes(20), 2));
  EXPECT_EQ(slots[0].end, slots[0].start + absl::Hours(1));
}

TEST(FindSlotsTest, FirstFreeRoomWithFeaturesAndOrderByStartThenStaff) {
  const absl::TimeZone tz = Zone("America/New_York");
  const absl::CivilDay day(2024, 6, 3);
  ServiceSpec service = Service(absl::Hours(1));
  service.required_room_features = {"hydrotherapy"};
  service.required_qualifications = {"lmt"};
  std::vector<StaffSchedule> staff = {Staff("a", Hm(9), Hm(11)),
                                      Staff("b", Hm(9), Hm(11)),
                                      Staff("c", Hm(9), Hm(11))};
  staff[0].qualifications = {{"lmt", std::nullopt, std::nullopt}};
  staff[2].qualifications = {{"lmt", std::nullopt, std::nullopt}};
  const Interval nine = {Local(tz, 2024, 6, 3, 9), Local(tz, 2024, 6, 3, 10)};
  const std::vector<RoomSchedule> rooms = {
      {"no-tub", {"table"}, {}},
      {"tub-busy-at-9", {"hydrotherapy"}, {nine}},
      {"tub", {"hydrotherapy"}, {}},
      {"tub-2", {"hydrotherapy"}, {}},
  };
  const std::vector<Slot> slots =
      Find(Location(tz, Hm(9), Hm(11), absl::Hours(1)), service, staff, rooms,
           DayQuery(day, tz));
  const absl::Time ten = nine.end;
  EXPECT_EQ(slots, (std::vector<Slot>{
                       {nine.start, nine.end, 0, 2},
                       {nine.start, nine.end, 2, 2},
                       {ten, ten + absl::Hours(1), 0, 1},
                       {ten, ten + absl::Hours(1), 2, 1},
                   }));
}

TEST(FindSlotsTest, NoRoomNoSlot) {
  const absl::TimeZone tz = Zone("America/New_York");
  ServiceSpec service = Service(absl::Hours(1));
  service.required_room_features = {"hydrotherapy"};
  EXPECT_TRUE(Find(Location(tz, Hm(9), Hm(11), absl::Hours(1)), service,
                   {Staff("a", Hm(9), Hm(11))}, {{"r", {"table"}, {}}},
                   DayQuery(absl::CivilDay(2024, 6, 3), tz))
                  .empty());
  EXPECT_TRUE(Find(Location(tz, Hm(9), Hm(11), absl::Hours(1)), service,
                   {Staff("a", Hm(9), Hm(11))}, {},
                   DayQuery(absl::CivilDay(2024, 6, 3), tz))
                  .empty());
}

TEST(FindSlotsTest, LeadTimeWindowAndClientBusy) {
  const absl::TimeZone tz = Zone("America/New_York");
  LocationSchedule location = Location(tz, Hm(9), Hm(17), absl::Hours(1));
  location.min_lead_time = absl::Hours(2);
  location.max_advance = absl::Hours(6);
  SlotQuery q = DayQuery(absl::CivilDay(2024, 6, 3), tz);
  q.now = Local(tz, 2024, 6, 3, 8, 30);  // allowed starts: 10:30..14:30
  q.client_busy = {{Local(tz, 2024, 6, 3, 12), Local(tz, 2024, 6, 3, 13)}};
  const std::vector<Slot> slots =
      Find(location, Service(absl::Hours(1), absl::Minutes(30), absl::Minutes(30)),
           {Staff("a", 0, 1440)}, {{"r", {}, {}}}, q);
  // 11:00 ends when the client's appointment starts: buffers do not count
  // for the client. 12:00 overlaps it; 13:00 starts when it ends.
  EXPECT_EQ(Starts(slots),
            (std::vector<absl::Time>{Local(tz, 2024, 6, 3, 11),
                                     Local(tz, 2024, 6, 3, 13),
                                     Local(tz, 2024, 6, 3, 14)}));
}

TEST(FindSlotsTest, BuffersBlockStaffAroundExistingAppointments) {
  // An existing 11:00-12:00 appointment with 15-minute buffers blocks the
  // staff member 10:45-12:15; a new one needs its own buffers too.
  const absl::TimeZone tz = Zone("America/New_York");
  StaffSchedule a = Staff("a", Hm(9), Hm(17));
  a.busy = {{Local(tz, 2024, 6, 3, 10, 45), Local(tz, 2024, 6, 3, 12, 15)}};
  const std::vector<Slot> slots =
      Find(Location(tz, Hm(9), Hm(17), absl::Minutes(15)),
           Service(absl::Hours(1), absl::Minutes(15), absl::Minutes(15)), {a},
           {{"r", {}, {}}}, DayQuery(absl::CivilDay(2024, 6, 3), tz));
  std::vector<absl::Time> starts = Starts(slots);
  auto offered = [&](int h, int m) {
    return std::count(starts.begin(), starts.end(),
                      Local(tz, 2024, 6, 3, h, m)) == 1;
  };
  EXPECT_TRUE(offered(9, 15));   // block 09:00-10:30
  EXPECT_TRUE(offered(9, 30));   // block 09:15-10:45 touches
  EXPECT_FALSE(offered(9, 45));
  EXPECT_FALSE(offered(12, 15));  // block 12:00-13:30
  EXPECT_TRUE(offered(12, 30));   // block 12:15-13:45 touches
  EXPECT_FALSE(offered(9, 0));    // block starts before the shift
  EXPECT_TRUE(offered(15, 45));   // block ends 17:00
  EXPECT_FALSE(offered(16, 0));
}

TEST(FindSlotsTest, PagingResumesStrictlyAfterTheLastSlot) {
  const absl::TimeZone tz = Zone("Europe/London");
  const LocationSchedule location =
      Location(tz, Hm(9), Hm(17), absl::Minutes(30));
  const std::vector<StaffSchedule> staff = {Staff("a", Hm(9), Hm(17)),
                                            Staff("b", Hm(12), Hm(17)),
                                            Staff("c", Hm(9), Hm(13))};
  const std::vector<RoomSchedule> rooms = {{"r", {}, {}}};
  const ServiceSpec service = Service(absl::Minutes(45));
  SlotQuery q;
  q.range = LocalDays(absl::CivilDay(2024, 10, 25),
                      absl::CivilDay(2024, 10, 28), tz);
  q.now = q.range.start - absl::Hours(1);
  q.limit = 10000;
  const std::vector<Slot> all = Find(location, service, staff, rooms, q);
  ASSERT_GT(all.size(), 100u);

  std::vector<Slot> paged;
  q.limit = 7;
  for (;;) {
    const std::vector<Slot> page = Find(location, service, staff, rooms, q);
    paged.insert(paged.end(), page.begin(), page.end());
    if (page.size() < q.limit) break;
    q.resume_after = SlotQuery::ResumeAfter{page.back().start,
                                            page.back().staff_index};
  }
  EXPECT_EQ(paged, all);

  q.resume_after = SlotQuery::ResumeAfter{
      all[0].start, std::numeric_limits<size_t>::max()};
  const std::vector<Slot> rest = Find(location, service, staff, rooms, q);
  ASSERT_FALSE(rest.empty());
  EXPECT_GT(rest[0].start, all[0].start);
}

TEST(FindSlotsTest, RejectsBadInput) {
  const absl::TimeZone tz = Zone("Europe/London");
  const LocationSchedule location = Location(tz, Hm(9), Hm(17), absl::Hours(1));
  const ServiceSpec service = Service(absl::Hours(1));
  const SlotQuery good = DayQuery(absl::CivilDay(2024, 6, 3), tz);
  auto code = [&](const LocationSchedule& l, const ServiceSpec& s,
                  const SlotQuery& q) {
    return FindSlots(l, s, {}, {}, q).status().code();
  };
  EXPECT_EQ(code(location, service, good), absl::StatusCode::kOk);
  SlotQuery q = good;
  q.limit = 0;
  EXPECT_EQ(code(location, service, q), absl::StatusCode::kInvalidArgument);
  q = good;
  q.range.end = q.range.start;
  EXPECT_EQ(code(location, service, q), absl::StatusCode::kInvalidArgument);
  q.range.end = absl::InfiniteFuture();
  EXPECT_EQ(code(location, service, q), absl::StatusCode::kInvalidArgument);
  q.range.end = q.range.start + kMaxSlotSearchRange + absl::Seconds(1);
  EXPECT_EQ(code(location, service, q), absl::StatusCode::kInvalidArgument);
  LocationSchedule bad_location = location;
  bad_location.slot_interval = absl::Seconds(450);
  EXPECT_EQ(code(bad_location, service, good),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code(location, Service(absl::ZeroDuration()), good),
            absl::StatusCode::kInvalidArgument);
}

// The instants in `range` whose local wall time is on the slot grid, found
// the slow way: every minute, converted to local time.
std::vector<absl::Time> GridByScan(const Interval& range,
                                   const absl::TimeZone& tz,
                                   absl::Duration slot) {
  const int64_t step = slot / absl::Minutes(1);
  std::vector<absl::Time> out;
  for (absl::Time t = range.start; t < range.end; t += absl::Minutes(1)) {
    const absl::CivilSecond cs = tz.At(t).cs;
    if (cs.second() == 0 && (cs.hour() * 60 + cs.minute()) % step == 0) {
      out.push_back(t);
    }
  }
  return out;
}

// What FindSlots must return, by asking the evaluator about every
// (start, staff, room) combination.
std::vector<Slot> BruteForce(const LocationSchedule& location,
                             const ServiceSpec& service,
                             const std::vector<StaffSchedule>& staff,
                             const std::vector<RoomSchedule>& rooms,
                             const SlotQuery& q) {
  const BookingEvaluator ev(location, service, staff, rooms, q.range.start,
                            q.range.end, q.now, q.client_busy);
  std::vector<Slot> out;
  for (absl::Time t : GridByScan(q.range, location.tz, location.slot_interval)) {
    for (size_t i = 0; i < staff.size(); ++i) {
      for (size_t j = 0; j < rooms.size(); ++j) {
        if (ev.Check(i, j, t) == BookingConflict::kNone) {
          out.push_back({t, t + service.duration, i, j});
          break;
        }
      }
    }
  }
  return out;
}

// A clinic-sized New York week pair spanning the spring-forward change:
// 20 staff, 10 rooms, 2,000 busy intervals, 14 days, 15-minute grid,
// 60-minute service with 15-minute buffers.
class ClinicScaleTest : public ::testing::Test {
 protected:
  ClinicScaleTest() : tz_(Zone("America/New_York")) {
    std::mt19937 rng(20240310);
    auto uniform = [&](int lo, int hi) {
      return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    const absl::CivilDay first(2024, 3, 3);
    const int kDays = 14;

    location_ = Location(tz_, Hm(8), Hm(20), absl::Minutes(15));
    location_.opening_hours.erase(location_.opening_hours.begin() + 6);
    location_.opening_hours.push_back({absl::Weekday::sunday, Hm(10), Hm(16)});
    location_.closures = {{first + 8, first + 8}};
    location_.min_lead_time = absl::Hours(2);
    location_.max_advance = absl::Hours(24 * 30);

    service_ = Service(absl::Minutes(60), absl::Minutes(15), absl::Minutes(15));
    service_.required_qualifications = {"lmt"};
    service_.required_room_features = {"table"};

    for (int i = 0; i < 20; ++i) {
      StaffSchedule s;
      s.id = absl::StrCat("staff-", i);
      for (int d = 0; d < 7; ++d) {
        if ((d + i) % 7 == 0) continue;  // one day off a week
        const int start = Hm(7 + i % 4);
        s.shifts.push_back({static_cast<absl::Weekday>(d), start, start + Hm(8)});
        s.breaks.push_back({static_cast<absl::Weekday>(d), Hm(12 + i % 3),
                            Hm(12 + i % 3, 30)});
      }
      if (i % 5 != 4) s.qualifications = {{"lmt", std::nullopt, std::nullopt}};
      if (i == 3) s.qualifications[0].valid_to = first + 6;  // lapses
      if (i == 6) {
        s.time_off = {{Local(tz_, 2024, 3, 12, 0), Local(tz_, 2024, 3, 14, 0)}};
      }
      staff_.push_back(std::move(s));
    }
    for (int j = 0; j < 10; ++j) {
      RoomSchedule r;
      r.id = absl::StrCat("room-", j);
      if (j != 0) r.features = {"table"};
      if (j % 3 == 1) r.features.push_back("hydrotherapy");
      rooms_.push_back(std::move(r));
    }
    for (int k = 0; k < 2000; ++k) {
      const absl::Time start =
          ResolveWallTime(absl::CivilMinute(first + uniform(0, kDays - 1)) +
                              Hm(8) + 5 * uniform(0, 12 * 12),
                          tz_);
      const Interval block = {start - absl::Minutes(15),
                              start + absl::Minutes(15 * uniform(2, 8) + 15)};
      if (k % 10 < 7) {
        staff_[uniform(0, 19)].busy.push_back(block);
      } else {
        rooms_[uniform(0, 9)].busy.push_back(block);
      }
    }

    query_.range = LocalDays(first, first + (kDays - 1), tz_);
    query_.now = query_.range.start - absl::Hours(1);
    query_.client_busy = {
        {Local(tz_, 2024, 3, 5, 10), Local(tz_, 2024, 3, 5, 12)},
        {Local(tz_, 2024, 3, 13, 15), Local(tz_, 2024, 3, 13, 16)}};
    query_.limit = 100000;
  }

  absl::TimeZone tz_;
  LocationSchedule location_;
  ServiceSpec service_;
  std::vector<StaffSchedule> staff_;
  std::vector<RoomSchedule> rooms_;
  SlotQuery query_;
};

TEST_F(ClinicScaleTest, MatchesBruteForceOverTheRules) {
  const std::vector<Slot> slots =
      Find(location_, service_, staff_, rooms_, query_);
  const std::vector<Slot> expected =
      BruteForce(location_, service_, staff_, rooms_, query_);
  // The busy lists fill most of the week; several hundred slots remain.
  EXPECT_GT(slots.size(), 300u);
  EXPECT_EQ(slots.size(), expected.size());
  EXPECT_TRUE(slots == expected);
}

TEST_F(ClinicScaleTest, EverySampledSlotIsBookable) {
  const std::vector<Slot> slots =
      Find(location_, service_, staff_, rooms_, query_);
  ASSERT_FALSE(slots.empty());
  for (size_t k = 0; k < slots.size(); k += 97) {
    const Slot& s = slots[k];
    EXPECT_EQ(CheckBooking(location_, service_, staff_[s.staff_index],
                           rooms_[s.room_index], s.start, query_.now,
                           query_.client_busy),
              BookingConflict::kNone);
    // The room is the first that works.
    for (size_t j = 0; j < s.room_index; ++j) {
      EXPECT_NE(CheckBooking(location_, service_, staff_[s.staff_index],
                             rooms_[j], s.start, query_.now,
                             query_.client_busy),
                BookingConflict::kNone);
    }
  }
}

TEST_F(ClinicScaleTest, KnownFacts) {
  const std::vector<Slot> slots =
      Find(location_, service_, staff_, rooms_, query_);
  for (const Slot& s : slots) {
    EXPECT_NE(s.room_index, 0u);              // lacks "table"
    EXPECT_NE(s.staff_index % 5, 4u);         // not qualified
    const absl::CivilDay day = absl::ToCivilDay(s.start, tz_);
    EXPECT_NE(day, absl::CivilDay(2024, 3, 11));  // closed
    if (s.staff_index == 3) {
      EXPECT_LE(day, absl::CivilDay(2024, 3, 9));
    }
    if (s.staff_index == 6) {
      EXPECT_TRUE(day < absl::CivilDay(2024, 3, 12) ||
                  day >= absl::CivilDay(2024, 3, 14));
    }
    // Sunday hours are 10:00-16:00 local, also on the change day.
    if (absl::GetWeekday(day) == absl::Weekday::sunday) {
      const absl::CivilMinute local = absl::ToCivilMinute(s.start, tz_);
      EXPECT_GE(local.hour(), 10);
      EXPECT_LE(local.hour() * 60 + local.minute(), Hm(15));
    }
  }
  // The first slot on the spring-forward Sunday is 10:00 EDT = 14:00Z.
  auto it = std::find_if(slots.begin(), slots.end(), [&](const Slot& s) {
    return s.start >= Utc(2024, 3, 10, 0);
  });
  ASSERT_NE(it, slots.end());
  EXPECT_EQ(it->start, Utc(2024, 3, 10, 14));
}

TEST_F(ClinicScaleTest, PagesConcatenateToTheWhole) {
  const std::vector<Slot> all =
      Find(location_, service_, staff_, rooms_, query_);
  std::vector<Slot> paged;
  SlotQuery q = query_;
  q.limit = 250;
  for (;;) {
    const std::vector<Slot> page = Find(location_, service_, staff_, rooms_, q);
    paged.insert(paged.end(), page.begin(), page.end());
    if (page.size() < q.limit) break;
    q.resume_after =
        SlotQuery::ResumeAfter{page.back().start, page.back().staff_index};
  }
  EXPECT_TRUE(paged == all);
}

}  // namespace
}  // namespace domain
}  // namespace fascia
