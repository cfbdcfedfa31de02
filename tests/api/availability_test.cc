// SearchAvailability through the public API: slots honour shifts, buffers and
// existing bookings; pages resume where they stopped; and local times stay
// local across DST changes in New York and London in one organization.
#include <gtest/gtest.h>

#include "chain_fixture.h"

namespace fascia::testing {
namespace {

class AvailabilityTest : public ::testing::Test {
 protected:
  void SetUp() override { BuildChain(server_); }

  v1::SearchAvailabilityResponse SearchResponse(const std::string& location,
                                                const std::string& staff, absl::Time from,
                                                absl::Time to, int page_size = 0,
                                                const std::string& token = "") {
    return SearchSwedish(server_, location, staff, from, to, page_size, token);
  }

  std::vector<NamedSlot> Search(const std::string& location, const std::string& staff,
                                absl::Time from, absl::Time to, int page_size = 0,
                                std::string* next = nullptr, const std::string& token = "") {
    v1::SearchAvailabilityResponse out = SearchResponse(location, staff, from, to, page_size, token);
    if (next) *next = out.next_page_token();
    return NamedSlots(out);
  }

  // The first slot start on a local day, for one staff member.
  absl::Time FirstSlot(const std::string& location, const std::string& staff, absl::Time day_start_utc) {
    auto slots = Search(location, staff, day_start_utc, day_start_utc + absl::Hours(24));
    EXPECT_FALSE(slots.empty());
    return slots.empty() ? absl::InfinitePast() : slots.front().start;
  }

  TestServer server_;
};

TEST_F(AvailabilityTest, SlotsFollowShiftsBuffersAndBookings) {
  // Monday in New York: ann works 09:00-17:00 EST; a 60-minute service with
  // 15-minute buffers fits from 09:15 to 15:45 on a 15-minute grid.
  const absl::Time day = Utc(2024, 3, 4, 5);  // local midnight
  auto slots = Search(kNy, kAnn, day, day + absl::Hours(24));
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots.front().start, Utc(2024, 3, 4, 14, 15));
  EXPECT_EQ(slots.back().start, Utc(2024, 3, 4, 20, 45));
  EXPECT_EQ(slots.size(), 27u);
  for (const auto& s : slots) EXPECT_EQ(s.staff_member, kAnn);

  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, Utc(2024, 3, 4, 16)).ok());  // 11:00-12:00
  auto after = Search(kNy, kAnn, day, day + absl::Hours(24));
  for (const auto& s : after) {
    absl::Time start = s.start;
    // ann is blocked 10:45-12:15; a new block [start-15m, start+75m) must not touch it.
    EXPECT_TRUE(start + absl::Minutes(75) <= Utc(2024, 3, 4, 15, 45) ||
                start - absl::Minutes(15) >= Utc(2024, 3, 4, 17, 15))
        << absl::FormatTime(start);
  }
  EXPECT_EQ(after.size(), 27u - 11u);  // 09:45 .. 12:15 local are gone
}

TEST_F(AvailabilityTest, EveryOfferedSlotCanBeBooked) {
  const absl::Time day = Utc(2024, 3, 5, 5);
  auto slots = Search(kNy, "", day, day + absl::Hours(24));
  ASSERT_FALSE(slots.empty());
  const auto& pick = slots[slots.size() / 2];
  EXPECT_TRUE(Book(server_, kClient1, pick.staff_member, pick.room, pick.start).ok());
}

TEST_F(AvailabilityTest, SlotsAreStartTimesWithOffersNamingStaffAndRoomsByPosition) {
  // ann has r1 at 11:00 local, so at that start ben is offered r2.
  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, Utc(2024, 3, 4, 16)).ok());
  const absl::Time day = Utc(2024, 3, 4, 5);
  v1::SearchAvailabilityResponse all = SearchResponse(kNy, "", day, day + absl::Hours(24), 5000);
  EXPECT_EQ(std::vector<std::string>(all.staff_members().begin(), all.staff_members().end()),
            (std::vector<std::string>{kAnn, kBen}));
  EXPECT_EQ(std::vector<std::string>(all.rooms().begin(), all.rooms().end()),
            (std::vector<std::string>{kRoom1, kRoom2}));
  // One slot per start, its offers in staff name (= list) order.
  for (int i = 0; i < all.slots_size(); ++i) {
    const v1::AvailableSlot& slot = all.slots(i);
    if (i > 0) {
      EXPECT_LT(FromTs(all.slots(i - 1).start_time()), FromTs(slot.start_time()));
    }
    ASSERT_FALSE(slot.offers().empty());
    for (int k = 1; k < slot.offers_size(); ++k) {
      EXPECT_LT(slot.offers(k - 1).staff_member_index(), slot.offers(k).staff_member_index());
    }
  }
  bool ben_in_r2_at_11 = false;
  for (const NamedSlot& s : NamedSlots(all)) {
    ben_in_r2_at_11 |= s.start == Utc(2024, 3, 4, 16) && s.staff_member == kBen && s.room == kRoom2;
  }
  EXPECT_TRUE(ben_in_r2_at_11);

  // A page lists only what its own offers use: the first offer is ann's in r1.
  v1::SearchAvailabilityResponse first = SearchResponse(kNy, "", day, day + absl::Hours(24), 1);
  ASSERT_EQ(first.slots_size(), 1);
  ASSERT_EQ(first.slots(0).offers_size(), 1);
  EXPECT_EQ(std::vector<std::string>(first.staff_members().begin(), first.staff_members().end()),
            (std::vector<std::string>{kAnn}));
  EXPECT_EQ(std::vector<std::string>(first.rooms().begin(), first.rooms().end()),
            (std::vector<std::string>{kRoom1}));
  EXPECT_EQ(first.slots(0).offers(0).staff_member_index(), 0);
  EXPECT_EQ(first.slots(0).offers(0).room_index(), 0);

  // page_size counts offers: a page of three ends inside the second start
  // (ann and ben at 09:15, ann at 09:30), and the next page begins with the
  // same start and ben.
  std::string next;
  const std::vector<NamedSlot> page1 = Search(kNy, "", day, day + absl::Hours(24), 3, &next);
  ASSERT_EQ(page1.size(), 3u);
  EXPECT_EQ(page1[2].start, Utc(2024, 3, 4, 14, 30));
  EXPECT_EQ(page1[2].staff_member, kAnn);
  const v1::SearchAvailabilityResponse page2 =
      SearchResponse(kNy, "", day, day + absl::Hours(24), 3, next);
  const std::vector<NamedSlot> rest = NamedSlots(page2);
  ASSERT_FALSE(rest.empty());
  EXPECT_EQ(rest[0].start, Utc(2024, 3, 4, 14, 30));
  EXPECT_EQ(rest[0].staff_member, kBen);
}

TEST_F(AvailabilityTest, PagesResumeWithoutGapsOrRepeats) {
  const absl::Time day = Utc(2024, 3, 4, 5);
  auto all = Search(kNy, "", day, day + absl::Hours(48), 5000);
  std::vector<std::pair<absl::Time, std::string>> paged;
  std::string token;
  do {
    std::string next;
    for (const auto& s : Search(kNy, "", day, day + absl::Hours(48), 7, &next, token)) {
      paged.emplace_back(s.start, s.staff_member);
    }
    token = next;
  } while (!token.empty());
  ASSERT_EQ(paged.size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(paged[i].first, all[i].start);
    EXPECT_EQ(paged[i].second, all[i].staff_member);
  }
}

TEST_F(AvailabilityTest, NewYorkShiftsStayLocalAcrossDst) {
  // ann's shift starts 09:00 local, so the first slot is 09:15 local.
  EXPECT_EQ(FirstSlot(kNy, kAnn, Utc(2024, 3, 9, 5)), Utc(2024, 3, 9, 14, 15));   // EST
  EXPECT_EQ(FirstSlot(kNy, kAnn, Utc(2024, 3, 10, 5)), Utc(2024, 3, 10, 13, 15));  // EDT, change day
  EXPECT_EQ(FirstSlot(kNy, kAnn, Utc(2024, 11, 2, 4)), Utc(2024, 11, 2, 13, 15));  // EDT
  EXPECT_EQ(FirstSlot(kNy, kAnn, Utc(2024, 11, 3, 4)), Utc(2024, 11, 3, 14, 15));  // EST, change day
}

TEST_F(AvailabilityTest, LondonShiftsStayLocalAcrossDst) {
  // liz starts 10:00 local: first slot 10:15 local.
  EXPECT_EQ(FirstSlot(kLondon, kLiz, Utc(2024, 3, 30, 0)), Utc(2024, 3, 30, 10, 15));  // GMT
  EXPECT_EQ(FirstSlot(kLondon, kLiz, Utc(2024, 3, 31, 0)), Utc(2024, 3, 31, 9, 15));   // BST
  EXPECT_EQ(FirstSlot(kLondon, kLiz, Utc(2024, 10, 26, 0)), Utc(2024, 10, 26, 9, 15)); // BST
  EXPECT_EQ(FirstSlot(kLondon, kLiz, Utc(2024, 10, 27, 0)), Utc(2024, 10, 27, 10, 15)); // GMT
}

TEST_F(AvailabilityTest, BookingOnTheDstDayUsesLocalHours) {
  // 2024-03-10 in New York (EDT from 03:00): the shift ends 17:00 local and the
  // service plus its buffer after take 75 minutes, so 15:45 EDT (19:45Z) is the
  // last start and 16:00 EDT (20:00Z) runs past the shift.
  EXPECT_TRUE(Book(server_, kClient1, kAnn, kRoom1, Utc(2024, 3, 10, 19, 45)).ok());
  ExpectError(Book(server_, kClient2, kBen, kRoom2, Utc(2024, 3, 10, 20, 0)),
              grpc::StatusCode::FAILED_PRECONDITION, "OUTSIDE_SHIFT");
}

}  // namespace
}  // namespace fascia::testing
