// Booking decides on cached configuration (api/config_cache.h) and must still
// see every change: a staff member's new shifts, a deleted room, a deleted
// client. The cache is filled by a first booking, then the change is made
// through the API; fasciad does not drop cache entries when it writes, so
// these are the same paths a second fasciad on the same PostgreSQL takes
// when a change was made through the first one: the write transaction finds
// a newer revision and the booking is decided again from the database.
#include <gtest/gtest.h>

#include "chain_fixture.h"
#include "support/postgres_test_db.h"

namespace fascia::testing {
namespace {

// Monday 2024-03-04 in New York (EST, UTC-5) at hh:mm local.
absl::Time NyMonday(int hh, int mm = 0) { return Utc(2024, 3, 4, hh + 5, mm); }

class ConfigCacheTest : public ::testing::TestWithParam<storage::Engine> {
 protected:
  void SetUp() override {
    std::string url;
    if (GetParam() == storage::Engine::kPostgres) {
      FASCIA_ASSIGN_FRESH_POSTGRES_URL(url);
    }
    server_ = std::make_unique<TestServer>(GetParam(), url);
    BuildChain(*server_);
    // Fills the cache with the location, service, ann, ben and both rooms.
    ASSERT_TRUE(Book(*server_, kClient1, kAnn, kRoom1, NyMonday(9, 15)).ok());
    ASSERT_TRUE(Book(*server_, kClient2, kBen, kRoom2, NyMonday(9, 15)).ok());
  }

  std::unique_ptr<TestServer> server_;
};

TEST_P(ConfigCacheTest, ChangedShiftsApplyToTheNextBooking) {
  // ann now works only 13:00-17:00 (NY).
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

  ExpectError(Book(*server_, kClient2, kAnn, kRoom1, NyMonday(11)),
              grpc::StatusCode::FAILED_PRECONDITION, "OUTSIDE_SHIFT");
  EXPECT_TRUE(Book(*server_, kClient2, kAnn, kRoom1, NyMonday(14)).ok());
}

TEST_P(ConfigCacheTest, DeletedRoomIsRefused) {
  grpc::ClientContext ctx;
  v1::DeleteRoomRequest req;
  req.set_name(kRoom2);
  v1::Room deleted;
  ASSERT_TRUE(server_->locations().DeleteRoom(&ctx, req, &deleted).ok());

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

INSTANTIATE_TEST_SUITE_P(Engines, ConfigCacheTest,
                         ::testing::Values(storage::Engine::kSqlite, storage::Engine::kPostgres),
                         [](const auto& info) { return EngineName(info.param); });

}  // namespace
}  // namespace fascia::testing
