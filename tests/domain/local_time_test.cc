// Tests for domain/local_time.h: the DST vectors pinned in ARCHITECTURE.md
// (America/New_York 2024-03-10 and 2024-11-03, Europe/London 2024-03-31 and
// 2024-10-27) and weekly expansion across those changes.
#include "domain/local_time.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "test_util.h"

namespace fascia {
namespace domain {
namespace {

using testing::Hm;
using testing::Utc;
using testing::Zone;

absl::Time Resolve(const char* zone, int y, int mo, int d, int h, int mi) {
  return ResolveWallTime(absl::CivilMinute(y, mo, d, h, mi), Zone(zone));
}

TEST(ResolveWallTimeTest, NewYorkSpringForwardGapMovesForward) {
  // 02:30 does not exist; it moves forward by the gap to 03:30 EDT.
  EXPECT_EQ(Resolve("America/New_York", 2024, 3, 10, 2, 30),
            Utc(2024, 3, 10, 7, 30));
  EXPECT_EQ(Resolve("America/New_York", 2024, 3, 10, 2, 0),
            Utc(2024, 3, 10, 7, 0));
  // Either side of the gap is ordinary.
  EXPECT_EQ(Resolve("America/New_York", 2024, 3, 10, 1, 59),
            Utc(2024, 3, 10, 6, 59));
  EXPECT_EQ(Resolve("America/New_York", 2024, 3, 10, 3, 0),
            Utc(2024, 3, 10, 7, 0));
}

TEST(ResolveWallTimeTest, NewYorkFallBackTakesFirstOccurrence) {
  // 01:30 happens twice; the first is EDT (UTC-4).
  EXPECT_EQ(Resolve("America/New_York", 2024, 11, 3, 1, 30),
            Utc(2024, 11, 3, 5, 30));
  EXPECT_EQ(Resolve("America/New_York", 2024, 11, 3, 1, 0),
            Utc(2024, 11, 3, 5, 0));
  EXPECT_EQ(Resolve("America/New_York", 2024, 11, 3, 2, 0),
            Utc(2024, 11, 3, 7, 0));  // EST
}

TEST(ResolveWallTimeTest, LondonSpringForwardGapMovesForward) {
  // 01:00-02:00 GMT is skipped; 01:30 becomes 02:30 BST = 01:30Z.
  EXPECT_EQ(Resolve("Europe/London", 2024, 3, 31, 1, 30),
            Utc(2024, 3, 31, 1, 30));
  EXPECT_EQ(Resolve("Europe/London", 2024, 3, 31, 0, 59),
            Utc(2024, 3, 31, 0, 59));
  EXPECT_EQ(Resolve("Europe/London", 2024, 3, 31, 2, 0),
            Utc(2024, 3, 31, 1, 0));
}

TEST(ResolveWallTimeTest, LondonFallBackTakesFirstOccurrence) {
  // 01:00-02:00 happens twice; the first is BST (UTC+1).
  EXPECT_EQ(Resolve("Europe/London", 2024, 10, 27, 1, 30),
            Utc(2024, 10, 27, 0, 30));
  EXPECT_EQ(Resolve("Europe/London", 2024, 10, 27, 2, 0),
            Utc(2024, 10, 27, 2, 0));
}

TEST(ValidateWeeklyIntervalTest, Bounds) {
  using W = WeeklyInterval;
  const absl::Weekday mon = absl::Weekday::monday;
  EXPECT_TRUE(ValidateWeeklyInterval(W{mon, 0, 1440}).ok());
  EXPECT_TRUE(ValidateWeeklyInterval(W{mon, 600, 601}).ok());
  EXPECT_FALSE(ValidateWeeklyInterval(W{mon, -1, 60}).ok());
  EXPECT_FALSE(ValidateWeeklyInterval(W{mon, 600, 600}).ok());
  EXPECT_FALSE(ValidateWeeklyInterval(W{mon, 700, 600}).ok());
  EXPECT_FALSE(ValidateWeeklyInterval(W{mon, 0, 1441}).ok());
  EXPECT_FALSE(ValidateWeeklyInterval(W{mon, 1440, 1440}).ok());
  EXPECT_EQ(ValidateWeeklyInterval(W{mon, 700, 600}).code(),
            absl::StatusCode::kInvalidArgument);
}

std::vector<WeeklyInterval> SundayShift(int start, int end) {
  return {{absl::Weekday::sunday, start, end}};
}

TEST(ExpandWeeklyTest, NewYorkSundayTenToSixStaysLocal) {
  const absl::TimeZone ny = Zone("America/New_York");
  const auto shift = SundayShift(Hm(10), Hm(18));
  // Sunday before spring-forward (EST), the change day itself (EDT).
  EXPECT_EQ(ExpandWeekly(shift, absl::CivilDay(2024, 3, 3),
                         absl::CivilDay(2024, 3, 10), ny),
            (std::vector<Interval>{
                {Utc(2024, 3, 3, 15), Utc(2024, 3, 3, 23)},
                {Utc(2024, 3, 10, 14), Utc(2024, 3, 10, 22)}}));
  // Sunday before fall-back (EDT), the change day itself (EST).
  EXPECT_EQ(ExpandWeekly(shift, absl::CivilDay(2024, 10, 27),
                         absl::CivilDay(2024, 11, 3), ny),
            (std::vector<Interval>{
                {Utc(2024, 10, 27, 14), Utc(2024, 10, 27, 22)},
                {Utc(2024, 11, 3, 15), Utc(2024, 11, 3, 23)}}));
}

TEST(ExpandWeeklyTest, LondonSundayTenToSixStaysLocal) {
  const absl::TimeZone london = Zone("Europe/London");
  const auto shift = SundayShift(Hm(10), Hm(18));
  EXPECT_EQ(ExpandWeekly(shift, absl::CivilDay(2024, 3, 24),
                         absl::CivilDay(2024, 3, 31), london),
            (std::vector<Interval>{
                {Utc(2024, 3, 24, 10), Utc(2024, 3, 24, 18)},
                {Utc(2024, 3, 31, 9), Utc(2024, 3, 31, 17)}}));
  EXPECT_EQ(ExpandWeekly(shift, absl::CivilDay(2024, 10, 20),
                         absl::CivilDay(2024, 10, 27), london),
            (std::vector<Interval>{
                {Utc(2024, 10, 20, 9), Utc(2024, 10, 20, 17)},
                {Utc(2024, 10, 27, 10), Utc(2024, 10, 27, 18)}}));
}

TEST(ExpandWeeklyTest, DurationsAcrossTheChangeAreElapsedTime) {
  // A range that spans the change loses or gains the hour; one that does not
  // (10:00-18:00 on the change day) keeps its 8 hours.
  for (const char* name : {"America/New_York", "Europe/London"}) {
    SCOPED_TRACE(name);
    const absl::TimeZone tz = Zone(name);
    const bool ny = std::string(name) == "America/New_York";
    const absl::CivilDay spring = ny ? absl::CivilDay(2024, 3, 10)
                                     : absl::CivilDay(2024, 3, 31);
    const absl::CivilDay fall = ny ? absl::CivilDay(2024, 11, 3)
                                   : absl::CivilDay(2024, 10, 27);
    auto length = [&](absl::CivilDay day, int start, int end) {
      std::vector<Interval> v = ExpandWeekly(SundayShift(start, end), day, day, tz);
      return v.size() == 1 ? v[0].length() : absl::ZeroDuration();
    };
    EXPECT_EQ(length(spring, Hm(0), Hm(8)), absl::Hours(7));
    EXPECT_EQ(length(fall, Hm(0), Hm(8)), absl::Hours(9));
    EXPECT_EQ(length(spring, Hm(10), Hm(18)), absl::Hours(8));
    EXPECT_EQ(length(fall, Hm(10), Hm(18)), absl::Hours(8));
    EXPECT_EQ(length(spring, 0, 1440), absl::Hours(23));
    EXPECT_EQ(length(fall, 0, 1440), absl::Hours(25));
  }
}

TEST(ExpandWeeklyTest, EndsInTheGapResolveIndependently) {
  const absl::TimeZone ny = Zone("America/New_York");
  const absl::CivilDay day(2024, 3, 10);
  // Both ends in the gap move forward by it: 03:15-03:45 EDT.
  EXPECT_EQ(ExpandWeekly(SundayShift(Hm(2, 15), Hm(2, 45)), day, day, ny),
            (std::vector<Interval>{
                {Utc(2024, 3, 10, 7, 15), Utc(2024, 3, 10, 7, 45)}}));
  // 02:30 moves to 03:30 EDT, past the 03:00 end: nothing is left.
  EXPECT_TRUE(ExpandWeekly(SundayShift(Hm(2, 30), Hm(3)), day, day, ny)
                  .empty());
  // Starting in the gap moves the start forward; the end is untouched.
  EXPECT_EQ(ExpandWeekly(SundayShift(Hm(2, 30), Hm(4)), day, day, ny),
            (std::vector<Interval>{
                {Utc(2024, 3, 10, 7, 30), Utc(2024, 3, 10, 8)}}));
}

TEST(ExpandWeeklyTest, MergesAcrossMidnightAndBackToBack) {
  const absl::TimeZone tz = absl::UTCTimeZone();
  const std::vector<WeeklyInterval> weekly = {
      {absl::Weekday::monday, Hm(22), 1440},
      {absl::Weekday::tuesday, 0, Hm(2)},
      {absl::Weekday::tuesday, Hm(9), Hm(13)},
      {absl::Weekday::tuesday, Hm(13), Hm(17)},
      {absl::Weekday::tuesday, Hm(12), Hm(14)},
  };
  // 2024-05-06 is a Monday.
  EXPECT_EQ(ExpandWeekly(weekly, absl::CivilDay(2024, 5, 6),
                         absl::CivilDay(2024, 5, 7), tz),
            (std::vector<Interval>{
                {Utc(2024, 5, 6, 22), Utc(2024, 5, 7, 2)},
                {Utc(2024, 5, 7, 9), Utc(2024, 5, 7, 17)}}));
}

TEST(ExpandWeeklyTest, EveryMatchingDayInOrderAndInvalidSkipped) {
  const absl::TimeZone tz = absl::UTCTimeZone();
  const std::vector<WeeklyInterval> weekly = {
      {absl::Weekday::wednesday, Hm(9), Hm(10)},
      {absl::Weekday::monday, Hm(9), Hm(10)},
      {absl::Weekday::monday, Hm(12), Hm(11)},  // invalid: skipped
  };
  const std::vector<Interval> got = ExpandWeekly(
      weekly, absl::CivilDay(2024, 5, 6), absl::CivilDay(2024, 5, 15), tz);
  EXPECT_EQ(got, (std::vector<Interval>{
                     {Utc(2024, 5, 6, 9), Utc(2024, 5, 6, 10)},
                     {Utc(2024, 5, 8, 9), Utc(2024, 5, 8, 10)},
                     {Utc(2024, 5, 13, 9), Utc(2024, 5, 13, 10)},
                     {Utc(2024, 5, 15, 9), Utc(2024, 5, 15, 10)}}));
  EXPECT_TRUE(ExpandWeekly(weekly, absl::CivilDay(2024, 5, 15),
                           absl::CivilDay(2024, 5, 6), tz)
                  .empty());
}

TEST(LocalDaysTest, CoversWholeLocalDays) {
  const absl::TimeZone ny = Zone("America/New_York");
  const Interval spring =
      LocalDays(absl::CivilDay(2024, 3, 10), absl::CivilDay(2024, 3, 10), ny);
  EXPECT_EQ(spring.start, Utc(2024, 3, 10, 5));
  EXPECT_EQ(spring.length(), absl::Hours(23));
  const Interval two =
      LocalDays(absl::CivilDay(2024, 11, 2), absl::CivilDay(2024, 11, 3), ny);
  EXPECT_EQ(two.start, Utc(2024, 11, 2, 4));
  EXPECT_EQ(two.end, Utc(2024, 11, 4, 5));
}

}  // namespace
}  // namespace domain
}  // namespace fascia
