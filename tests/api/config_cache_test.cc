// Booking and availability search decide on cached configuration
// (api/config_cache.h) and must still see every change: a staff member's new
// shifts, a deleted room, a deleted client. The cache is filled by a first booking, then the change is made
// through the API; fasciad does not drop cache entries when it writes, so
// these are the same paths a second fasciad on the same PostgreSQL takes
// when a change was made through the first one: the write transaction finds
// a newer revision and the booking is decided again from the database.
#include <gtest/gtest.h>

#include "chain_fixture.h"

namespace fascia::testing {
namespace {

// Monday 2024-03-04 in New York (EST, UTC-5) at hh:mm local.
absl::Time NyMonday(int hh, int mm = 0) { return Utc(2024, 3, 4, hh + 5, mm); }

class ConfigCacheTest : public ChainOnEngineTest {
 protected:
  void SetUp() override {
    ChainOnEngineTest::SetUp();
    if (HasFatalFailure()) return;
    // Fills the cache with the location, service, ann, ben and both rooms.
    ASSERT_TRUE(Book(*server_, kClient1, kAnn, kRoom1, NyMonday(9, 15)).ok());
    ASSERT_TRUE(Book(*server_, kClient2, kBen, kRoom2, NyMonday(9, 15)).ok());
  }

  // ann now works only 13:00-17:00 (NY).
  void NarrowAnnsShifts() {
    grpc::ClientContext ctx;
    v1::UpdateStaffMemberRequest req;
    std::string shifts;
    for (const char* day : {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}) {
      shifts += std::string("shifts { location: '") + kNy + "' interval { day: " + day +
                " start { hours: 13 } end { hours: 17 } } }\n";
    }
    *req.mutable_staff_member() = Text<v1::StaffMember>(shifts);
    req.mutable_staff_member()->set_name(kAnn);
    req.mutable_update_mask()->add_paths("shifts");
    v1::StaffMember updated;
    ASSERT_TRUE(server_->staff().UpdateStaffMember(&ctx, req, &updated).ok());
  }

  void DeleteRoom2() {
    grpc::ClientContext ctx;
    v1::DeleteRoomRequest req;
    req.set_name(kRoom2);
    v1::Room deleted;
    ASSERT_TRUE(server_->locations().DeleteRoom(&ctx, req, &deleted).ok());
  }

  // Every slot offered on Monday (NY), for one staff member or ("") all.
  std::vector<NamedSlot> MondaySlots(const std::string& staff = "") {
    return NamedSlots(SearchSwedish(*server_, kNy, staff, NyMonday(0), NyMonday(23)));
  }

  // Whether `slots` has one at `start` with `staff` ("": anyone) in `room` ("": any).
  static bool Offers(const std::vector<NamedSlot>& slots, absl::Time start,
                     const std::string& staff, const std::string& room = "") {
    for (const auto& slot : slots) {
      if (slot.start == start && (staff.empty() || slot.staff_member == staff) &&
          (room.empty() || slot.room == room)) {
        return true;
      }
    }
    return false;
  }
};

TEST_P(ConfigCacheTest, ChangedShiftsApplyToTheNextBooking) {
  ASSERT_NO_FATAL_FAILURE(NarrowAnnsShifts());
  ExpectError(Book(*server_, kClient2, kAnn, kRoom1, NyMonday(11)),
              grpc::StatusCode::FAILED_PRECONDITION, "OUTSIDE_SHIFT");
  EXPECT_TRUE(Book(*server_, kClient2, kAnn, kRoom1, NyMonday(14)).ok());
}

TEST_P(ConfigCacheTest, DeletedRoomIsRefused) {
  ASSERT_NO_FATAL_FAILURE(DeleteRoom2());

  ExpectError(Book(*server_, kClient1, kBen, kRoom2, NyMonday(12)),
              grpc::StatusCode::FAILED_PRECONDITION, "RESOURCE_DELETED");
  EXPECT_TRUE(Book(*server_, kClient1, kBen, kRoom1, NyMonday(12)).ok());
}

TEST_P(ConfigCacheTest, DeletedClientIsRefusedByTheWriteTransaction) {
  // The client is never cached: with everything else cached, the write
  // transaction is what finds it gone.
  grpc::ClientContext ctx;
  v1::DeleteClientRequest req;
  req.set_name(kClient2);
  v1::Client deleted;
  ASSERT_TRUE(server_->clients().DeleteClient(&ctx, req, &deleted).ok());

  grpc::Status refused = Book(*server_, kClient2, kAnn, kRoom1, NyMonday(12));
  ExpectError(refused, grpc::StatusCode::FAILED_PRECONDITION, "RESOURCE_DELETED");
  EXPECT_NE(refused.error_message().find("appointment.client"), std::string::npos)
      << refused.error_message();
}

TEST_P(ConfigCacheTest, SearchSeesChangedShifts) {
  // Fills the cache, both through a named staff member and the staff list.
  ASSERT_TRUE(Offers(MondaySlots(kAnn), NyMonday(11), kAnn));
  ASSERT_TRUE(Offers(MondaySlots(), NyMonday(11), kAnn));
  ASSERT_NO_FATAL_FAILURE(NarrowAnnsShifts());
  for (const auto& slots : {MondaySlots(kAnn), MondaySlots()}) {
    EXPECT_FALSE(Offers(slots, NyMonday(11), kAnn));
    EXPECT_TRUE(Offers(slots, NyMonday(14), kAnn));
  }
}

TEST_P(ConfigCacheTest, SearchNeverOffersADeletedRoom) {
  // With r1 taken at noon, ben's noon slot is in r2, until r2 is deleted.
  ASSERT_TRUE(Book(*server_, kClient1, kAnn, kRoom1, NyMonday(12)).ok());
  ASSERT_TRUE(Offers(MondaySlots(kBen), NyMonday(12), kBen, kRoom2));
  ASSERT_NO_FATAL_FAILURE(DeleteRoom2());

  auto slots = MondaySlots(kBen);
  EXPECT_FALSE(Offers(slots, NyMonday(12), kBen));
  for (const auto& slot : slots) EXPECT_NE(slot.room, kRoom2);
}

INSTANTIATE_TEST_SUITE_P(Engines, ConfigCacheTest, kBothEngines, EngineParamName);

}  // namespace
}  // namespace fascia::testing
