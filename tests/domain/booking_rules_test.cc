// Tests for domain/booking_rules.h: one test per conflict reason, the order
// in which reasons win, and how buffers block staff and room but not the
// client.
#include "domain/booking_rules.h"

#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "test_util.h"

namespace fascia {
namespace domain {

// Lets GoogleTest print "STAFF_BUSY" instead of raw bytes.
void PrintTo(BookingConflict c, std::ostream* os) {
  *os << BookingConflictReason(c);
}

namespace {

using testing::Hm;
using testing::Local;
using testing::Utc;
using testing::Zone;

// Monday 2024-05-06 in New York (EDT, UTC-4). The location is open
// 09:00-18:00 every day; the therapist works 09:00-17:00 Mondays with a
// 12:00-12:30 break; the service is 60 minutes with 15-minute buffers and
// needs a licence and a hot-stone heater.
class BookingRulesTest : public ::testing::Test {
 protected:
  BookingRulesTest() : tz_(Zone("America/New_York")) {
    for (int d = 0; d < 7; ++d) {
      location_.opening_hours.push_back(
          {static_cast<absl::Weekday>(d), Hm(9), Hm(18)});
    }
    location_.tz = tz_;
    location_.min_lead_time = absl::Hours(2);
    location_.max_advance = absl::Hours(24 * 60);

    staff_.id = "ana";
    staff_.qualifications = {{"lmt", absl::CivilDay(2024, 1, 1), std::nullopt}};
    staff_.shifts = {{absl::Weekday::monday, Hm(9), Hm(17)}};
    staff_.breaks = {{absl::Weekday::monday, Hm(12), Hm(12, 30)}};

    room_.id = "room-1";
    room_.features = {"massage-table", "hot-stone-heater"};

    service_.duration = absl::Minutes(60);
    service_.buffer_before = absl::Minutes(15);
    service_.buffer_after = absl::Minutes(15);
    service_.required_qualifications = {"lmt"};
    service_.required_room_features = {"hot-stone-heater"};
  }

  absl::Time At(int h, int m = 0) const {
    return Local(tz_, 2024, 5, 6, h, m);
  }
  BookingConflict Check(absl::Time start) const {
    return CheckBooking(location_, service_, staff_, room_, start, now_,
                        client_busy_);
  }

  absl::TimeZone tz_;
  LocationSchedule location_;
  StaffSchedule staff_;
  RoomSchedule room_;
  ServiceSpec service_;
  absl::Time now_ = Utc(2024, 5, 1, 12);
  std::vector<Interval> client_busy_;
};

TEST_F(BookingRulesTest, BookableWhenEveryRulePasses) {
  EXPECT_EQ(Check(At(10)), BookingConflict::kNone);
  // Blocks 09:00-10:30 and 15:30-17:00 just fit the 09:00-17:00 shift.
  EXPECT_EQ(Check(At(9, 15)), BookingConflict::kNone);
  EXPECT_EQ(Check(At(15, 45)), BookingConflict::kNone);
}

TEST_F(BookingRulesTest, LeadTime) {
  staff_.breaks.clear();
  now_ = At(9);
  EXPECT_EQ(Check(At(10)), BookingConflict::kLeadTime);
  EXPECT_EQ(Check(At(10, 59)), BookingConflict::kLeadTime);
  EXPECT_EQ(Check(At(11)), BookingConflict::kNone);  // exactly now + 2 h
}

TEST_F(BookingRulesTest, BookingWindow) {
  location_.max_advance = absl::Hours(24);
  EXPECT_EQ(Check(At(10)), BookingConflict::kBookingWindow);
  now_ = At(10) - absl::Hours(24);
  EXPECT_EQ(Check(At(10)), BookingConflict::kNone);  // exactly now + max
}

TEST_F(BookingRulesTest, LocationClosed) {
  location_.closures = {{absl::CivilDay(2024, 5, 5), absl::CivilDay(2024, 5, 6)}};
  EXPECT_EQ(Check(At(10)), BookingConflict::kLocationClosed);
  location_.closures = {{absl::CivilDay(2024, 5, 7), absl::CivilDay(2024, 5, 7)}};
  EXPECT_EQ(Check(At(10)), BookingConflict::kNone);
}

TEST_F(BookingRulesTest, OutsideOpeningHours) {
  location_.opening_hours = {{absl::Weekday::monday, Hm(10), Hm(16)}};
  EXPECT_EQ(Check(At(9, 30)), BookingConflict::kOutsideOpeningHours);
  EXPECT_EQ(Check(At(15, 30)), BookingConflict::kOutsideOpeningHours);
  // Buffers may fall outside opening hours: turnover is not client time.
  EXPECT_EQ(Check(At(10)), BookingConflict::kNone);
  EXPECT_EQ(Check(At(15)), BookingConflict::kNone);
}

TEST_F(BookingRulesTest, NotQualified) {
  staff_.qualifications = {{"lmt", std::nullopt, absl::CivilDay(2024, 5, 5)}};
  EXPECT_EQ(Check(At(10)), BookingConflict::kNotQualified);  // expired
  staff_.qualifications = {{"lmt", absl::CivilDay(2024, 5, 7), std::nullopt}};
  EXPECT_EQ(Check(At(10)), BookingConflict::kNotQualified);  // not yet
  staff_.qualifications = {{"prenatal", std::nullopt, std::nullopt}};
  EXPECT_EQ(Check(At(10)), BookingConflict::kNotQualified);  // wrong code
  // Valid on the LOCAL date of the start: 21:30 EDT on May 6 is May 7 UTC.
  staff_.qualifications = {{"lmt", std::nullopt, absl::CivilDay(2024, 5, 6)}};
  location_.opening_hours = {{absl::Weekday::monday, Hm(9), 1440}};
  staff_.shifts = {{absl::Weekday::monday, Hm(9), 1440}};
  EXPECT_EQ(Check(At(21, 30)), BookingConflict::kNone);
  // A renewal: the old entry expired, the new one is valid.
  staff_.qualifications = {{"lmt", std::nullopt, absl::CivilDay(2024, 5, 1)},
                           {"lmt", absl::CivilDay(2024, 5, 2), std::nullopt}};
  EXPECT_EQ(Check(At(10)), BookingConflict::kNone);
}

TEST_F(BookingRulesTest, RoomLacksFeature) {
  room_.features = {"massage-table"};
  EXPECT_EQ(Check(At(10)), BookingConflict::kRoomLacksFeature);
}

TEST_F(BookingRulesTest, OutsideShiftIncludesBuffers) {
  // The client range 09:00-10:00 is inside opening hours, but the block
  // starts at 08:45, before the 09:00 shift.
  EXPECT_EQ(Check(At(9)), BookingConflict::kOutsideShift);
  EXPECT_EQ(Check(At(16)), BookingConflict::kOutsideShift);  // block to 17:15
  staff_.shifts = {{absl::Weekday::tuesday, Hm(9), Hm(17)}};
  EXPECT_EQ(Check(At(10)), BookingConflict::kOutsideShift);
  // Back-to-back shifts are one.
  staff_.shifts = {{absl::Weekday::monday, Hm(9), Hm(10, 30)},
                   {absl::Weekday::monday, Hm(10, 30), Hm(17)}};
  EXPECT_EQ(Check(At(10)), BookingConflict::kNone);
}

TEST_F(BookingRulesTest, StaffOnBreak) {
  // Block 11:15-12:45 overlaps the 12:00-12:30 break; so does one that
  // reaches it only with its after-buffer (10:50: block ends 12:05).
  // Touching is fine (10:45: block ends 12:00).
  EXPECT_EQ(Check(At(11, 30)), BookingConflict::kStaffOnBreak);
  EXPECT_EQ(Check(At(10, 50)), BookingConflict::kStaffOnBreak);
  EXPECT_EQ(Check(At(10, 45)), BookingConflict::kNone);
  EXPECT_EQ(Check(At(12, 45)), BookingConflict::kNone);
}

TEST_F(BookingRulesTest, StaffTimeOff) {
  staff_.time_off = {{At(13), At(17)}};
  EXPECT_EQ(Check(At(13)), BookingConflict::kStaffTimeOff);
  EXPECT_EQ(Check(At(10)), BookingConflict::kNone);
}

TEST_F(BookingRulesTest, StaffBusy) {
  staff_.busy = {{At(13, 45), At(15, 15)}};
  EXPECT_EQ(Check(At(14)), BookingConflict::kStaffBusy);
}

TEST_F(BookingRulesTest, RoomBusy) {
  room_.busy = {{At(13, 45), At(15, 15)}};
  EXPECT_EQ(Check(At(14)), BookingConflict::kRoomBusy);
}

TEST_F(BookingRulesTest, ClientBusy) {
  client_busy_ = {{At(14, 30), At(15, 30)}};
  EXPECT_EQ(Check(At(14)), BookingConflict::kClientBusy);
}

TEST_F(BookingRulesTest, AdjacentAppointmentsWithBuffers) {
  // An existing 10:00-11:00 appointment with 15-minute buffers blocks
  // staff and room for 09:45-11:15.
  staff_.breaks.clear();
  staff_.busy = {{At(9, 45), At(11, 15)}};
  EXPECT_EQ(Check(At(11)), BookingConflict::kStaffBusy);    // block 10:45-
  EXPECT_EQ(Check(At(11, 15)), BookingConflict::kStaffBusy);  // 11:00-
  EXPECT_EQ(Check(At(11, 30)), BookingConflict::kNone);     // blocks touch
  EXPECT_EQ(Check(At(8, 30) + absl::Minutes(45)), BookingConflict::kStaffBusy);
  staff_.busy.clear();
  room_.busy = {{At(9, 45), At(11, 15)}};
  EXPECT_EQ(Check(At(11)), BookingConflict::kRoomBusy);
  EXPECT_EQ(Check(At(11, 30)), BookingConflict::kNone);
}

TEST_F(BookingRulesTest, ClientBusyExcludesBuffers) {
  // The client's 10:00-11:00 appointment: back-to-back is fine for them even
  // though the staff and room blocks carry buffers.
  staff_.breaks.clear();
  client_busy_ = {{At(10), At(11)}};
  EXPECT_EQ(Check(At(11)), BookingConflict::kNone);
  EXPECT_EQ(Check(At(13)), BookingConflict::kNone);
  EXPECT_EQ(Check(At(10, 30)), BookingConflict::kClientBusy);
  client_busy_ = {{At(15), At(16)}};
  EXPECT_EQ(Check(At(14)), BookingConflict::kNone);
}

TEST_F(BookingRulesTest, MostFundamentalReasonWins) {
  staff_.busy = {{At(6), At(20)}};
  room_.busy = {{At(6), At(20)}};
  client_busy_ = {{At(6), At(20)}};
  room_.features.clear();
  EXPECT_EQ(Check(At(17, 30)), BookingConflict::kOutsideOpeningHours);
  EXPECT_EQ(Check(At(10)), BookingConflict::kRoomLacksFeature);
  room_.features = {"hot-stone-heater"};
  EXPECT_EQ(Check(At(16)), BookingConflict::kOutsideShift);
  EXPECT_EQ(Check(At(10)), BookingConflict::kStaffBusy);
  staff_.busy.clear();
  EXPECT_EQ(Check(At(10)), BookingConflict::kRoomBusy);
  room_.busy.clear();
  EXPECT_EQ(Check(At(10)), BookingConflict::kClientBusy);
  now_ = At(9, 30);
  EXPECT_EQ(Check(At(10)), BookingConflict::kLeadTime);
}

TEST_F(BookingRulesTest, InfiniteStartIsRefused) {
  EXPECT_EQ(Check(absl::InfinitePast()), BookingConflict::kLeadTime);
  EXPECT_EQ(Check(absl::InfiniteFuture()), BookingConflict::kBookingWindow);
  location_.max_advance = absl::InfiniteDuration();
  EXPECT_EQ(Check(absl::InfiniteFuture()), BookingConflict::kBookingWindow);
}

TEST_F(BookingRulesTest, SpringForwardDayUsesLocalHours) {
  // Sunday 2024-03-10: open 09:00-18:00 EDT = 13:00Z-22:00Z.
  staff_.shifts = {{absl::Weekday::sunday, Hm(9), Hm(17)}};
  staff_.breaks.clear();
  now_ = Utc(2024, 3, 1);
  EXPECT_EQ(Check(Utc(2024, 3, 10, 13, 15)), BookingConflict::kNone);
  EXPECT_EQ(Check(Utc(2024, 3, 10, 13)), BookingConflict::kOutsideShift);
  EXPECT_EQ(Check(Utc(2024, 3, 10, 12, 30)),
            BookingConflict::kOutsideOpeningHours);
}

TEST_F(BookingRulesTest, AnyShiftHoldsIsTheUnionOfEveryonesShifts) {
  // ana works 09:00-13:00 and bo 13:00-17:00 on Mondays: their shifts touch,
  // so the union is 09:00-17:00, and a block across 13:00 is inside it though
  // neither shift holds it. The search only skips what the union refuses.
  staff_.shifts = {{absl::Weekday::monday, Hm(9), Hm(13)}};
  staff_.breaks.clear();
  StaffSchedule bo = staff_;
  bo.id = "bo";
  bo.shifts = {{absl::Weekday::monday, Hm(13), Hm(17)}};
  const std::vector<StaffSchedule> staff = {staff_, bo};
  const BookingEvaluator ev(location_, service_, staff, absl::MakeConstSpan(&room_, 1), At(9),
                            At(17), now_, client_busy_);

  const Interval across_one = ev.BlockRange(At(12, 15));  // 12:00-13:30
  EXPECT_TRUE(ev.AnyShiftHolds(across_one));
  EXPECT_EQ(ev.CheckStaffTime(0, across_one), BookingConflict::kOutsideShift);
  EXPECT_EQ(ev.CheckStaffTime(1, across_one), BookingConflict::kOutsideShift);

  EXPECT_TRUE(ev.AnyShiftHolds(ev.BlockRange(At(14))));    // bo's
  EXPECT_FALSE(ev.AnyShiftHolds(ev.BlockRange(At(16))));   // ends 17:15
  EXPECT_FALSE(ev.AnyShiftHolds(ev.BlockRange(At(9))));    // starts 08:45
}

TEST(BookingConflictTest, ReasonsAreDistinctUpperSnake) {
  std::set<std::string> seen;
  for (int i = 0; i <= static_cast<int>(BookingConflict::kClientBusy); ++i) {
    const auto c = static_cast<BookingConflict>(i);
    const std::string reason(BookingConflictReason(c));
    EXPECT_TRUE(seen.insert(reason).second) << reason;
    for (char ch : reason) EXPECT_TRUE((ch >= 'A' && ch <= 'Z') || ch == '_');
    EXPECT_FALSE(BookingConflictMessage(c).empty());
  }
  EXPECT_EQ(BookingConflictReason(BookingConflict::kStaffBusy), "STAFF_BUSY");
  EXPECT_EQ(BookingConflictReason(BookingConflict::kOutsideOpeningHours),
            "OUTSIDE_OPENING_HOURS");
  EXPECT_EQ(BookingConflictReason(BookingConflict::kNotQualified),
            "NOT_QUALIFIED");
  EXPECT_EQ(BookingConflictReason(BookingConflict::kRoomLacksFeature),
            "ROOM_LACKS_FEATURE");
  EXPECT_EQ(BookingConflictReason(BookingConflict::kNone), "NONE");
}

}  // namespace
}  // namespace domain
}  // namespace fascia
