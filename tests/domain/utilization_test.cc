// Scheduled and booked time for utilization (domain/utilization.h), with the
// DST vectors of practice.md.
#include "domain/utilization.h"

#include <gtest/gtest.h>

#include "absl/time/civil_time.h"

namespace fascia::domain {
namespace {

absl::TimeZone Zone(const char* name) {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone(name, &tz));
  return tz;
}

WeeklyInterval Every(absl::Weekday day, int from_hour, int to_hour) {
  return WeeklyInterval{day, from_hour * 60, to_hour * 60};
}

StaffSchedule DailyShift(int from_hour, int to_hour) {
  StaffSchedule s;
  for (absl::Weekday d : {absl::Weekday::monday, absl::Weekday::tuesday, absl::Weekday::wednesday,
                          absl::Weekday::thursday, absl::Weekday::friday, absl::Weekday::saturday,
                          absl::Weekday::sunday}) {
    s.shifts.push_back(Every(d, from_hour, to_hour));
  }
  return s;
}

Interval LocalDay(int y, int m, int d, const absl::TimeZone& tz) {
  return {absl::FromCivil(absl::CivilDay(y, m, d), tz), absl::FromCivil(absl::CivilDay(y, m, d) + 1, tz)};
}

TEST(ScheduledTimeTest, ShiftMinusBreaksAndTimeOff) {
  const absl::TimeZone ny = Zone("America/New_York");
  StaffSchedule s = DailyShift(9, 17);
  s.breaks.push_back(WeeklyInterval{absl::Weekday::monday, 13 * 60, 13 * 60 + 30});
  const Interval monday = LocalDay(2024, 6, 3, ny);
  EXPECT_EQ(ScheduledTime(s, ny, monday), absl::Minutes(450));
  s.time_off.push_back({absl::FromCivil(absl::CivilMinute(2024, 6, 3, 9, 0), ny),
                        absl::FromCivil(absl::CivilMinute(2024, 6, 3, 11, 0), ny)});
  EXPECT_EQ(ScheduledTime(s, ny, monday), absl::Minutes(330));
  // A week of 8-hour days, the Monday break and time off included.
  const Interval week{monday.start, monday.start + absl::Hours(24 * 7)};
  EXPECT_EQ(ScheduledTime(s, ny, week), absl::Hours(7 * 8) - absl::Minutes(30) - absl::Hours(2));
  // Clipped to the period.
  const Interval morning{monday.start, absl::FromCivil(absl::CivilMinute(2024, 6, 3, 12, 0), ny)};
  EXPECT_EQ(ScheduledTime(s, ny, morning), absl::Hours(1));
}

TEST(ScheduledTimeTest, DstChangesDoNotMoveADayShift) {
  const absl::TimeZone ny = Zone("America/New_York");
  const StaffSchedule s = DailyShift(9, 17);
  EXPECT_EQ(ScheduledTime(s, ny, LocalDay(2024, 3, 10, ny)), absl::Hours(8));
  EXPECT_EQ(ScheduledTime(s, ny, LocalDay(2024, 11, 3, ny)), absl::Hours(8));
}

TEST(ScheduledTimeTest, ANightShiftSpanningTheChangeIsElapsedTime) {
  // London repeats 01:00-02:00 on 2024-10-27: 00:00-03:00 lasts 4 hours.
  const absl::TimeZone london = Zone("Europe/London");
  const StaffSchedule s = DailyShift(0, 3);
  EXPECT_EQ(ScheduledTime(s, london, LocalDay(2024, 10, 27, london)), absl::Hours(4));
  // And skips 01:00-02:00 on 2024-03-31: 2 hours.
  EXPECT_EQ(ScheduledTime(s, london, LocalDay(2024, 3, 31, london)), absl::Hours(2));
}

TEST(BookedTimeTest, OverlapsCountOnceAndAreClipped) {
  const absl::Time t0 = absl::FromUnixSeconds(1'700'000'000);
  const Interval period{t0, t0 + absl::Hours(4)};
  EXPECT_EQ(BookedTime({{t0 - absl::Minutes(30), t0 + absl::Minutes(30)},
                        {t0 + absl::Hours(1), t0 + absl::Hours(2)},
                        {t0 + absl::Minutes(90), t0 + absl::Minutes(150)}},
                       period),
            absl::Minutes(30 + 90));
}

TEST(UtilizationTest, BasisPoints) {
  EXPECT_EQ(UtilizationBasisPoints(absl::Hours(2), absl::Hours(8)), 2500);
  EXPECT_EQ(UtilizationBasisPoints(absl::Minutes(1), absl::Hours(3)), 55);  // 0.5555..% rounds down
  EXPECT_EQ(UtilizationBasisPoints(absl::Hours(1), absl::ZeroDuration()), 0);
}

}  // namespace
}  // namespace fascia::domain
