// Tests for the input validation in domain/schedule.h.
#include "domain/schedule.h"

#include "gtest/gtest.h"

namespace fascia {
namespace domain {
namespace {

bool Mentions(const absl::Status& s, const char* field) {
  return s.code() == absl::StatusCode::kInvalidArgument &&
         s.message().find(field) != absl::string_view::npos;
}

TEST(ValidateLocationScheduleTest, DefaultsAreValid) {
  EXPECT_TRUE(ValidateLocationSchedule(LocationSchedule{}).ok());
}

TEST(ValidateLocationScheduleTest, NamesTheBadField) {
  LocationSchedule l;
  l.opening_hours = {{absl::Weekday::monday, 540, 1020},
                     {absl::Weekday::monday, 600, 500}};
  EXPECT_TRUE(Mentions(ValidateLocationSchedule(l), "opening_hours[1]"));

  l = LocationSchedule{};
  l.closures = {{absl::CivilDay(2024, 5, 2), absl::CivilDay(2024, 5, 1)}};
  EXPECT_TRUE(Mentions(ValidateLocationSchedule(l), "closures[0]"));

  l = LocationSchedule{};
  l.min_lead_time = -absl::Minutes(1);
  EXPECT_TRUE(Mentions(ValidateLocationSchedule(l), "min_lead_time"));

  l = LocationSchedule{};
  l.min_lead_time = absl::Hours(2);
  l.max_advance = absl::Hours(1);
  EXPECT_TRUE(Mentions(ValidateLocationSchedule(l), "max_advance"));

  for (absl::Duration bad : {absl::ZeroDuration(), absl::Seconds(90),
                             absl::Hours(25), absl::InfiniteDuration()}) {
    l = LocationSchedule{};
    l.slot_interval = bad;
    EXPECT_TRUE(Mentions(ValidateLocationSchedule(l), "slot_interval"));
  }
  l.slot_interval = absl::Hours(24);
  EXPECT_TRUE(ValidateLocationSchedule(l).ok());
}

TEST(ValidateStaffScheduleTest, NamesTheBadField) {
  StaffSchedule s;
  EXPECT_TRUE(ValidateStaffSchedule(s).ok());
  s.qualifications = {{"lmt", absl::CivilDay(2024, 5, 2),
                       absl::CivilDay(2024, 5, 1)}};
  EXPECT_TRUE(Mentions(ValidateStaffSchedule(s), "qualifications[0].valid_to"));
  s.qualifications = {{"", std::nullopt, std::nullopt}};
  EXPECT_TRUE(Mentions(ValidateStaffSchedule(s), "qualifications[0].code"));
  s.qualifications.clear();
  s.breaks = {{absl::Weekday::friday, 700, 1441}};
  EXPECT_TRUE(Mentions(ValidateStaffSchedule(s), "breaks[0]"));
  s.shifts = {{absl::Weekday::friday, -5, 60}};
  EXPECT_TRUE(Mentions(ValidateStaffSchedule(s), "shifts[0]"));
}

TEST(ValidateServiceSpecTest, NamesTheBadField) {
  ServiceSpec s;
  s.duration = absl::Minutes(60);
  EXPECT_TRUE(ValidateServiceSpec(s).ok());
  s.duration = absl::ZeroDuration();
  EXPECT_TRUE(Mentions(ValidateServiceSpec(s), "duration"));
  s.duration = absl::Hours(25);
  EXPECT_TRUE(Mentions(ValidateServiceSpec(s), "duration"));
  s.duration = absl::Minutes(60);
  s.buffer_before = -absl::Minutes(1);
  EXPECT_TRUE(Mentions(ValidateServiceSpec(s), "buffer_before"));
  s.buffer_before = absl::ZeroDuration();
  s.buffer_after = absl::InfiniteDuration();
  EXPECT_TRUE(Mentions(ValidateServiceSpec(s), "buffer_after"));
}

TEST(QualificationTest, ValidOnIsInclusiveAndUnsetIsUnbounded) {
  Qualification q{"lmt", absl::CivilDay(2024, 1, 1), absl::CivilDay(2024, 12, 31)};
  EXPECT_TRUE(q.ValidOn(absl::CivilDay(2024, 1, 1)));
  EXPECT_TRUE(q.ValidOn(absl::CivilDay(2024, 12, 31)));
  EXPECT_FALSE(q.ValidOn(absl::CivilDay(2023, 12, 31)));
  EXPECT_FALSE(q.ValidOn(absl::CivilDay(2025, 1, 1)));
  Qualification open{"lmt", std::nullopt, std::nullopt};
  EXPECT_TRUE(open.ValidOn(absl::CivilDay(1900, 1, 1)));
  EXPECT_TRUE(open.ValidOn(absl::CivilDay(2999, 1, 1)));
}

}  // namespace
}  // namespace domain
}  // namespace fascia
