// AppointmentRepository::BusyTimes on SQLite and PostgreSQL alike: which rows
// it returns for staff, rooms and clients, and that each carries the index of
// its party in the names asked for.
#include <algorithm>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "common/status_macros.h"
#include "gtest/gtest.h"
#include "storage/appointment_repository.h"
#include "storage/storage_test_util.h"

namespace fascia::storage {
namespace {

using testing::Appointment;
using testing::EngineTest;
using testing::InsertAppointment;

class BusyTimesTest : public EngineTest {
 protected:
  // (party index, start, end), sorted.
  std::vector<std::tuple<int64_t, int64_t, int64_t>> Busy(Database& db, Party party,
                                                          const std::vector<std::string>& names,
                                                          int64_t from_us, int64_t to_us) {
    std::vector<std::tuple<int64_t, int64_t, int64_t>> out;
    absl::Status status = db.Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
      ASSIGN_OR_RETURN(auto busy, AppointmentRepository().BusyTimes(c, party, names, from_us, to_us));
      out.clear();
      for (const BusyTime& b : busy) out.emplace_back(b.party_index, b.start_us, b.end_us);
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    std::sort(out.begin(), out.end());
    return out;
  }
};

INSTANTIATE_TEST_SUITE_P(Engines, BusyTimesTest, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineName);

Appointment Row(std::string name, std::string staff, std::string room, std::string client,
                int64_t start, int64_t end, int64_t buffer) {
  Appointment a;
  a.name = std::move(name);
  a.staff = std::move(staff);
  a.room = std::move(room);
  a.client = std::move(client);
  a.start_us = start;
  a.end_us = end;
  a.block_start_us = start - buffer;
  a.block_end_us = end + buffer;
  return a;
}

TEST_P(BusyTimesTest, StaffAndRoomsAreBusyForTheBlockClientsForTheAppointment) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(InsertAppointment(*db, Row("appointments/1", "staff/a", "rooms/x", "clients/p",
                                         10'000, 20'000, 1'000)).ok());
  ASSERT_TRUE(InsertAppointment(*db, Row("appointments/2", "staff/b", "rooms/y", "clients/q",
                                         30'000, 40'000, 1'000)).ok());
  Appointment cancelled = Row("appointments/3", "staff/b", "rooms/x", "clients/p", 50'000,
                              60'000, 0);
  cancelled.active = 0;
  ASSERT_TRUE(InsertAppointment(*db, cancelled).ok());
  ASSERT_TRUE(InsertAppointment(*db, Row("appointments/4", "staff/c", "rooms/z", "clients/r",
                                         50'000, 60'000, 0)).ok());

  // Indexes follow the order of the names asked for, not the table.
  using B = std::tuple<int64_t, int64_t, int64_t>;
  EXPECT_EQ(Busy(*db, Party::kStaff, {"staff/b", "staff/a"}, 0, 100'000),
            (std::vector<B>{{0, 29'000, 41'000}, {1, 9'000, 21'000}}));
  EXPECT_EQ(Busy(*db, Party::kRoom, {"rooms/x"}, 0, 100'000),
            (std::vector<B>{{0, 9'000, 21'000}}));
  EXPECT_EQ(Busy(*db, Party::kClient, {"clients/q", "clients/p"}, 0, 100'000),
            (std::vector<B>{{0, 30'000, 40'000}, {1, 10'000, 20'000}}));
  EXPECT_TRUE(Busy(*db, Party::kStaff, {}, 0, 100'000).empty());
}

TEST_P(BusyTimesTest, OnlyRangesOverlappingTheWindow) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(InsertAppointment(*db, Row("appointments/1", "staff/a", "rooms/x", "clients/p",
                                         10'000, 20'000, 1'000)).ok());
  using B = std::tuple<int64_t, int64_t, int64_t>;
  // The buffer after (until 21'000) reaches into the window for the staff
  // member, not for the client.
  EXPECT_EQ(Busy(*db, Party::kStaff, {"staff/a"}, 20'500, 30'000), (std::vector<B>{{0, 9'000, 21'000}}));
  EXPECT_TRUE(Busy(*db, Party::kClient, {"clients/p"}, 20'500, 30'000).empty());
  // Half-open ranges: touching is not overlapping.
  EXPECT_TRUE(Busy(*db, Party::kStaff, {"staff/a"}, 21'000, 30'000).empty());
  EXPECT_TRUE(Busy(*db, Party::kRoom, {"rooms/x"}, 0, 9'000).empty());
}

}  // namespace
}  // namespace fascia::storage
