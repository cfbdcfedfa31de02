// The storage driver contract (storage/database.h), run against SQLite and
// PostgreSQL alike: migrations, value round trips, transactions, constraint
// names, the no-double-booking rules, concurrency, timeouts and durability.
#include <atomic>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/status_macros.h"
#include "gtest/gtest.h"
#include "storage/database.h"
#include "storage/internal/migrations.h"
#include "storage/storage_test_util.h"

namespace fascia::storage {
namespace {

using testing::Appointment;
using testing::CountRows;
using testing::EngineTest;
using testing::InsertAppointment;
using testing::UpdateAppointment;

class DriverContractTest : public EngineTest {};

INSTANTIATE_TEST_SUITE_P(Engines, DriverContractTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineName);

absl::StatusOr<std::vector<int64_t>> AppliedVersions(Database& db) {
  std::vector<int64_t> versions;
  RETURN_IF_ERROR(db.Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(Rows rows,
                     c.Query("SELECT version FROM schema_migrations ORDER BY version", {}));
    versions.clear();
    for (const Row& row : rows) versions.push_back(row[0].AsInt());
    return absl::OkStatus();
  }));
  return versions;
}

std::vector<int64_t> EmbeddedVersions(Engine engine) {
  std::vector<int64_t> versions;
  for (const auto& m : internal::EmbeddedMigrations(engine)) versions.push_back(m.version);
  return versions;
}

// ---------------------------------------------------------------- migrations

TEST_P(DriverContractTest, MigrateAppliesEachMigrationOnceAndIsIdempotent) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->Migrate().ok());
  ASSERT_TRUE(db->Migrate().ok());
  auto versions = AppliedVersions(*db);
  ASSERT_TRUE(versions.ok()) << versions.status();
  EXPECT_EQ(*versions, EmbeddedVersions(GetParam()));
  EXPECT_FALSE(versions->empty());
  auto count = CountRows(*db, "appointments");
  ASSERT_TRUE(count.ok()) << count.status();
  EXPECT_EQ(*count, 0);
}

TEST_P(DriverContractTest, ConcurrentMigrationsFromSeveralProcessesApplyOnce) {
  // Separate Database objects stand in for separate fasciad processes.
  std::vector<std::unique_ptr<Database>> dbs;
  for (int i = 0; i < 3; ++i) {
    dbs.push_back(Open());
    ASSERT_NE(dbs.back(), nullptr);
  }
  std::vector<absl::Status> results(6);
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] { results[i] = dbs[i % 3]->Migrate(); });
  }
  for (auto& t : threads) t.join();
  for (const auto& status : results) EXPECT_TRUE(status.ok()) << status;
  auto versions = AppliedVersions(*dbs[0]);
  ASSERT_TRUE(versions.ok()) << versions.status();
  EXPECT_EQ(*versions, EmbeddedVersions(GetParam()));
}

// ---------------------------------------------------------------- values

TEST_P(DriverContractTest, RoundTripsIntTextNullAndBinaryBytes) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  std::string all_bytes("\0\xff\0", 3);
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  const std::string text = "Zoë 🙂 it's \"quoted\" $1 \\x00";
  const int64_t big = std::numeric_limits<int64_t>::max();
  const int64_t small = std::numeric_limits<int64_t>::min();

  ASSERT_TRUE(db->Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
                  const char* insert =
                      "INSERT INTO resources (name, kind, parent, revision, request_id, "
                      "create_us, update_us, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
                  RETURN_IF_ERROR(c.Execute(insert, {Value("r/1"), Value(text), Value("p"),
                                                     Value(big), Value(), Value(small), Value(0),
                                                     Value::Blob(all_bytes)})
                                      .status());
                  return c.Execute(insert, {Value("r/2"), Value("k"), Value("p"), Value(-1),
                                            Value("req"), Value(0), Value(0), Value::Blob("")})
                      .status();
                }).ok());

  for (TxMode mode : {TxMode::kRead, TxMode::kWrite}) {
    Rows rows;
    absl::Status status = db->Transact(mode, [&](Connection& c) -> absl::Status {
      ASSIGN_OR_RETURN(rows, c.Query("SELECT name, kind, revision, request_id, create_us, data "
                                     "FROM resources ORDER BY name",
                                     {}));
      return absl::OkStatus();
    });
    ASSERT_TRUE(status.ok()) << status;
    ASSERT_EQ(rows.size(), 2u);
    const Row& r = rows[0];
    ASSERT_EQ(r.size(), 6u);
    EXPECT_TRUE(r[0].is_text());
    EXPECT_EQ(r[0].AsText(), "r/1");
    EXPECT_TRUE(r[1].is_text());
    EXPECT_EQ(r[1].AsText(), text);
    EXPECT_TRUE(r[2].is_int());
    EXPECT_EQ(r[2].AsInt(), big);
    EXPECT_TRUE(r[3].is_null());
    EXPECT_TRUE(r[4].is_int());
    EXPECT_EQ(r[4].AsInt(), small);
    ASSERT_TRUE(r[5].is_bytes());
    EXPECT_EQ(r[5].AsBytes(), all_bytes);
    EXPECT_EQ(rows[1][2].AsInt(), -1);
    EXPECT_EQ(rows[1][3].AsText(), "req");
    ASSERT_TRUE(rows[1][5].is_bytes());
    EXPECT_EQ(rows[1][5].AsBytes(), "");
  }
}

TEST_P(DriverContractTest, ParametersReadBackWithTheirOwnType) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  Rows rows;
  absl::Status status = db->Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(rows, c.Query("SELECT $1, $2, $3, CAST($4 AS BIGINT)",
                                   {Value(42), Value("text"), Value::Blob(std::string("\0\xff", 2)),
                                    Value()}));
    return absl::OkStatus();
  });
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0][0].is_int());
  EXPECT_EQ(rows[0][0].AsInt(), 42);
  EXPECT_EQ(rows[0][1].AsText(), "text");
  EXPECT_TRUE(rows[0][2].is_bytes());
  EXPECT_EQ(rows[0][2].AsBytes(), std::string("\0\xff", 2));
  EXPECT_TRUE(rows[0][3].is_null());
}

TEST_P(DriverContractTest, DollarSignsInLiteralsAndCommentsAreNotParameters) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  Rows rows;
  std::vector<Value> params;
  for (int i = 1; i <= 10; ++i) params.emplace_back(i);
  absl::Status status = db->Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(rows, c.Query("SELECT '$1 costs $2', $10 + $1 -- not $11\n"
                                   "  , $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 /* $12 */",
                                   params));
    return absl::OkStatus();
  });
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].AsText(), "$1 costs $2");
  EXPECT_EQ(rows[0][1].AsInt(), 11);
  EXPECT_EQ(rows[0][2].AsInt(), 44);
}

TEST_P(DriverContractTest, TextWithNulIsRefused) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  absl::Status status = db->Transact(TxMode::kRead, [](Connection& c) {
    return c.Query("SELECT $1", {Value(std::string("a\0b", 3))}).status();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
}

// Inserts appointments/i for clients/i at [1000 i + 1, 1000 i + 2), i < n.
void InsertSpaced(Database& db, int n) {
  for (int i = 0; i < n; ++i) {
    Appointment a;
    a.name = "appointments/" + std::to_string(i);
    a.client = "clients/" + std::to_string(i);
    a.start_us = a.block_start_us = 1000 * i + 1;
    a.end_us = a.block_end_us = 1000 * i + 2;
    ASSERT_TRUE(InsertAppointment(db, a).ok());
  }
}

TEST_P(DriverContractTest, AggregatesReadAsIntegers) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  InsertSpaced(*db, 3);
  Rows rows;
  ASSERT_TRUE(db->Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
                  ASSIGN_OR_RETURN(rows, c.Query("SELECT COUNT(*), SUM(start_us), MAX(end_us) "
                                                 "FROM appointments WHERE active = $1",
                                                 {Value(true)}));
                  return absl::OkStatus();
                }).ok());
  ASSERT_EQ(rows.size(), 1u);
  for (const Value& v : rows[0]) EXPECT_TRUE(v.is_int());
  EXPECT_EQ(rows[0][0].AsInt(), 3);
  EXPECT_EQ(rows[0][1].AsInt(), 3003);
  EXPECT_EQ(rows[0][2].AsInt(), 2002);
}

TEST_P(DriverContractTest, ForEachRowStreamsRowsInOrderAndStopsAtTheCallersError) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  InsertSpaced(*db, 5);
  constexpr char kSql[] = "SELECT start_us, client FROM appointments ORDER BY start_us";
  std::vector<std::pair<int64_t, std::string>> seen;
  absl::Status status = db->Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
    RETURN_IF_ERROR(c.ForEachRow(kSql, {}, [&](const Row& row) {
      seen.emplace_back(row[0].AsInt(), row[1].AsText());
      return absl::OkStatus();
    }));
    EXPECT_EQ(seen.size(), 5u);
    EXPECT_EQ(seen.front(), std::make_pair(int64_t{1}, std::string("clients/0")));
    EXPECT_EQ(seen.back(), std::make_pair(int64_t{4001}, std::string("clients/4")));

    // The callback's error ends the statement and comes back as it was; it
    // is the caller's, so later statements of the transaction still run.
    int calls = 0;
    absl::Status stopped = c.ForEachRow(kSql, {}, [&](const Row&) {
      return ++calls == 2 ? absl::CancelledError("enough") : absl::OkStatus();
    });
    EXPECT_EQ(stopped, absl::CancelledError("enough"));
    EXPECT_EQ(calls, 2);
    return c.Query(kSql, {}).status();
  });
  EXPECT_TRUE(status.ok()) << status;
}

TEST_P(DriverContractTest, WrongParameterCountIsAnError) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  absl::Status status = db->Transact(TxMode::kRead, [&](Connection& c) {
    return c.Query("SELECT $1, $2", {Value(1)}).status();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal) << status;
}

// ---------------------------------------------------------------- transactions

TEST_P(DriverContractTest, ErrorFromCallbackRollsBackEverything) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  absl::Status status = db->Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
    RETURN_IF_ERROR(c.Execute("INSERT INTO resources (name, kind, parent, revision, create_us, "
                              "update_us, data) VALUES ('r/1', 'k', 'p', 1, 0, 0, $1)",
                              {Value::Blob("x")})
                        .status());
    return absl::InternalError("boom");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(status.message(), "boom");
  auto count = CountRows(*db, "resources");
  ASSERT_TRUE(count.ok()) << count.status();
  EXPECT_EQ(*count, 0);
}

// An exception from the function is that function's failure only: its
// transaction rolls back, the caller gets INTERNAL, and the connection (the
// only one here) serves the next transaction.
TEST_P(DriverContractTest, ExceptionFromCallbackRollsBackAndIsInternal) {
  DatabaseOptions options;
  options.pool_size = 1;
  auto db = OpenMigrated(options);
  ASSERT_NE(db, nullptr);
  for (TxMode mode : {TxMode::kWrite, TxMode::kRead}) {
    absl::Status status = db->Transact(mode, [&](Connection& c) -> absl::Status {
      if (mode == TxMode::kWrite) {
        RETURN_IF_ERROR(c.Execute("INSERT INTO resources (name, kind, parent, revision, "
                                  "create_us, update_us, data) VALUES ('r/1', 'k', 'p', 1, 0, 0, "
                                  "$1)",
                                  {Value::Blob("x")})
                            .status());
      }
      throw std::runtime_error("boom");
    });
    EXPECT_EQ(status.code(), absl::StatusCode::kInternal) << status;
    EXPECT_TRUE(absl::StrContains(status.message(), "boom")) << status;
  }
  auto count = CountRows(*db, "resources");
  ASSERT_TRUE(count.ok()) << count.status();
  EXPECT_EQ(*count, 0);
  EXPECT_TRUE(InsertAppointment(*db, Appointment{}).ok());
}

TEST_P(DriverContractTest, FailedStatementRollsBackEarlierStatements) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(InsertAppointment(*db, Appointment{}).ok());
  absl::Status status = db->Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
    RETURN_IF_ERROR(c.Execute("UPDATE appointments SET revision = 99", {}).status());
    return c
        .Execute("INSERT INTO resources (name, kind, parent, revision, create_us, update_us, data) "
                 "VALUES ('r', 'k', 'p', 1, 0, 0, $1), ('r', 'k', 'p', 1, 0, 0, $1)",
                 {Value::Blob("x")})
        .status();
  });
  EXPECT_EQ(ViolatedConstraint(status), "resources_pkey") << status;
  Rows rows;
  ASSERT_TRUE(db->Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
                  ASSIGN_OR_RETURN(rows, c.Query("SELECT revision FROM appointments", {}));
                  return absl::OkStatus();
                }).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].AsInt(), 1);
}

TEST_P(DriverContractTest, SwallowedStatementErrorStillDoomsTheTransaction) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(InsertAppointment(*db, Appointment{}).ok());
  absl::Status first, later;
  absl::Status status = db->Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
    RETURN_IF_ERROR(c.Execute("UPDATE appointments SET revision = 7", {}).status());
    absl::Status ignored =
        c.Execute("INSERT INTO appointments SELECT 'appointments/copy', organization, location, "
                  "client, staff, room, service, start_us, end_us, block_start_us, block_end_us, "
                  "status, active, revision, request_id, create_us, update_us, data "
                  "FROM appointments",
                  {})
            .status();
    // Which of the three overlap rules fires first is up to the engine.
    EXPECT_TRUE(ViolatedConstraint(ignored).has_value()) << ignored;
    first = ignored;
    later = c.Query("SELECT 1", {}).status();
    return absl::OkStatus();  // swallows the error
  });
  EXPECT_EQ(later.code(), absl::StatusCode::kFailedPrecondition) << later;
  EXPECT_EQ(status, first);
  Rows rows;
  ASSERT_TRUE(db->Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
                  ASSIGN_OR_RETURN(rows, c.Query("SELECT revision FROM appointments", {}));
                  return absl::OkStatus();
                }).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].AsInt(), 1);
}

TEST_P(DriverContractTest, ReadTransactionRefusesWrites) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  absl::Status status = db->Transact(TxMode::kRead, [&](Connection& c) {
    return c.Execute("DELETE FROM appointments", {}).status();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
}

TEST_P(DriverContractTest, ReadersSeeCommittedDataWithoutWaitingForWriters) {
  DatabaseOptions options;
  options.pool_size = 4;
  auto db = OpenMigrated(options);
  ASSERT_NE(db, nullptr);
  absl::Notification inserted, release;
  std::thread writer([&] {
    EXPECT_TRUE(db->Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
                    RETURN_IF_ERROR(c.Execute("INSERT INTO resources (name, kind, parent, "
                                              "revision, create_us, update_us, data) VALUES "
                                              "('r', 'k', 'p', 1, 0, 0, $1)",
                                              {Value::Blob("x")})
                                        .status());
                    inserted.Notify();
                    release.WaitForNotification();
                    return absl::OkStatus();
                  }).ok());
  });
  inserted.WaitForNotification();
  const absl::Time start = absl::Now();
  auto during = CountRows(*db, "resources");
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  release.Notify();
  writer.join();
  ASSERT_TRUE(during.ok()) << during.status();
  EXPECT_EQ(*during, 0);
  auto after = CountRows(*db, "resources");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after, 1);
}

// ---------------------------------------------------------------- unique names

TEST_P(DriverContractTest, UniqueViolationsNameTheIndex) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  auto insert_resource = [&](const std::string& name, const Value& request_id) {
    return db->Transact(TxMode::kWrite, [&](Connection& c) {
      return c
          .Execute("INSERT INTO resources (name, kind, parent, revision, request_id, create_us, "
                   "update_us, data) VALUES ($1, 'rooms', 'locations/l', 1, $2, 0, 0, $3)",
                   {Value(name), request_id, Value::Blob("x")})
          .status();
    });
  };
  ASSERT_TRUE(insert_resource("rooms/1", Value("req-1")).ok());
  ASSERT_TRUE(insert_resource("rooms/2", Value()).ok());
  ASSERT_TRUE(insert_resource("rooms/3", Value()).ok());  // NULL request_ids never clash

  absl::Status status = insert_resource("rooms/4", Value("req-1"));
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
  EXPECT_EQ(ViolatedConstraint(status), "resources_request_id") << status;
  status = insert_resource("rooms/1", Value("req-2"));
  EXPECT_EQ(ViolatedConstraint(status), "resources_pkey") << status;

  Appointment a;
  a.request_id = "req-1";
  ASSERT_TRUE(InsertAppointment(*db, a).ok());
  Appointment b;
  b.name = "appointments/b";
  b.staff = "staff/2", b.room = "rooms/2", b.client = "clients/2";
  b.request_id = "req-1";
  status = InsertAppointment(*db, b);
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
  EXPECT_EQ(ViolatedConstraint(status), "appointments_request_id") << status;
  b.organization = "organizations/other";  // the key is per organization
  EXPECT_TRUE(InsertAppointment(*db, b).ok());
  Appointment c = b;
  c.staff = "staff/3", c.room = "rooms/3", c.client = "clients/3", c.request_id.reset();
  status = InsertAppointment(*db, c);  // same name as b
  EXPECT_EQ(ViolatedConstraint(status), "appointments_pkey") << status;
}

TEST_P(DriverContractTest, UniqueConstraintNamesMatchAcrossEngines) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
                  RETURN_IF_ERROR(c.Execute("CREATE TABLE t (id BIGINT PRIMARY KEY, a TEXT "
                                            "UNIQUE, b TEXT, d TEXT)",
                                            {})
                                      .status());
                  RETURN_IF_ERROR(
                      c.Execute("CREATE UNIQUE INDEX t_by_d_b ON t (d, b)", {}).status());
                  return c.Execute("INSERT INTO t VALUES (1, 'a', 'b', 'd')", {}).status();
                }).ok());
  auto insert = [&](int id, const char* a, const char* b, const char* d) {
    return db->Transact(TxMode::kWrite, [&](Connection& c) {
      return c.Execute("INSERT INTO t VALUES ($1, $2, $3, $4)",
                       {Value(id), Value(a), Value(b), Value(d)})
          .status();
    });
  };
  EXPECT_EQ(ViolatedConstraint(insert(1, "x", "y", "z")), "t_pkey");
  EXPECT_EQ(ViolatedConstraint(insert(2, "a", "y", "z")), "t_a_key");
  EXPECT_EQ(ViolatedConstraint(insert(2, "x", "b", "d")), "t_by_d_b");
  EXPECT_TRUE(insert(2, "x", "d", "b").ok());
}

TEST_P(DriverContractTest, CheckConstraintIsNotAConstraintViolationError) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  Appointment a;
  a.end_us = a.start_us;  // empty interval
  absl::Status status = InsertAppointment(*db, a);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_EQ(ViolatedConstraint(status), std::nullopt);
}

// ---------------------------------------------------------------- no double booking

// The booking everything below collides with: 1000..2000 with a 100 µs
// buffer each side.
Appointment Booked() {
  Appointment a;
  a.name = "appointments/booked";
  a.start_us = 1000, a.end_us = 2000, a.block_start_us = 900, a.block_end_us = 2100;
  return a;
}

// A booking that shares nothing with Booked() (other staff, room, client).
Appointment Other(std::string name, int64_t start, int64_t end, int64_t block_start,
                  int64_t block_end) {
  Appointment a;
  a.name = std::move(name);
  a.staff = "staff/other", a.room = "rooms/other", a.client = "clients/other";
  a.start_us = start, a.end_us = end, a.block_start_us = block_start, a.block_end_us = block_end;
  return a;
}

TEST_P(DriverContractTest, OverlapOnInsertNamesTheRule) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(InsertAppointment(*db, Booked()).ok());

  // Staff: only the buffers overlap (2050 < 2100).
  Appointment staff = Other("appointments/s", 2050, 3000, 2050, 3000);
  staff.staff = Booked().staff;
  absl::Status status = InsertAppointment(*db, staff);
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
  EXPECT_EQ(ViolatedConstraint(status), "appointments_staff_overlap") << status;

  // Room: the new booking's buffer reaches back into the booked block.
  Appointment room = Other("appointments/r", 2100, 3000, 2000, 3000);
  room.room = Booked().room;
  status = InsertAppointment(*db, room);
  EXPECT_EQ(ViolatedConstraint(status), "appointments_room_overlap") << status;

  // Client: the treatment times overlap.
  Appointment client = Other("appointments/c", 1500, 2500, 1500, 2500);
  client.client = Booked().client;
  status = InsertAppointment(*db, client);
  EXPECT_EQ(ViolatedConstraint(status), "appointments_client_overlap") << status;

  // Client buffers do not count: times touch, blocks overlap.
  Appointment client_ok = Other("appointments/c2", 2000, 3000, 1900, 3100);
  client_ok.client = Booked().client;
  EXPECT_TRUE(InsertAppointment(*db, client_ok).ok());

  auto count = CountRows(*db, "appointments");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 2);
}

TEST_P(DriverContractTest, OverlapOnUpdateNamesTheRule) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(InsertAppointment(*db, Booked()).ok());

  Appointment moved = Other("appointments/m", 5000, 6000, 5000, 6000);
  ASSERT_TRUE(InsertAppointment(*db, moved).ok());
  // Moving it is fine while it collides with nothing, including itself.
  moved.start_us = moved.block_start_us = 5500;
  ASSERT_TRUE(UpdateAppointment(*db, moved).ok());

  Appointment staff = moved;
  staff.staff = Booked().staff;
  staff.start_us = staff.block_start_us = 2050;
  EXPECT_EQ(ViolatedConstraint(UpdateAppointment(*db, staff)), "appointments_staff_overlap");

  Appointment room = moved;
  room.room = Booked().room;
  room.start_us = 2100, room.block_start_us = 2000;
  EXPECT_EQ(ViolatedConstraint(UpdateAppointment(*db, room)), "appointments_room_overlap");

  Appointment client = moved;
  client.client = Booked().client;
  client.start_us = client.block_start_us = 1999;
  EXPECT_EQ(ViolatedConstraint(UpdateAppointment(*db, client)), "appointments_client_overlap");

  // Reactivating a cancelled booking is checked too.
  Appointment cancelled = Booked();
  cancelled.name = "appointments/cancelled";
  cancelled.active = 0;
  ASSERT_TRUE(InsertAppointment(*db, cancelled).ok());
  cancelled.active = 1;
  absl::Status status = UpdateAppointment(*db, cancelled);
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
  EXPECT_TRUE(ViolatedConstraint(status).has_value()) << status;

  // The booked row can be rewritten in place.
  Appointment booked = Booked();
  booked.end_us = 1900;
  EXPECT_TRUE(UpdateAppointment(*db, booked).ok());
}

TEST_P(DriverContractTest, InactiveRowsNeverConflict) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  Appointment cancelled = Booked();
  cancelled.active = 0;
  ASSERT_TRUE(InsertAppointment(*db, cancelled).ok());
  Appointment same = Booked();
  same.name = "appointments/same";
  ASSERT_TRUE(InsertAppointment(*db, same).ok());
  Appointment also_cancelled = Booked();
  also_cancelled.name = "appointments/also";
  also_cancelled.active = 0;
  EXPECT_TRUE(InsertAppointment(*db, also_cancelled).ok());
}

TEST_P(DriverContractTest, AdjacentHalfOpenRangesDoNotConflict) {
  auto db = OpenMigrated();
  ASSERT_NE(db, nullptr);
  Appointment first;
  first.name = "appointments/1";
  first.start_us = first.block_start_us = 1000;
  first.end_us = first.block_end_us = 2000;
  ASSERT_TRUE(InsertAppointment(*db, first).ok());
  Appointment second = first;  // same staff, room and client
  second.name = "appointments/2";
  second.start_us = second.block_start_us = 2000;
  second.end_us = second.block_end_us = 3000;
  EXPECT_TRUE(InsertAppointment(*db, second).ok());
  Appointment before = first;
  before.name = "appointments/0";
  before.start_us = before.block_start_us = 0;
  before.end_us = before.block_end_us = 1000;
  EXPECT_TRUE(InsertAppointment(*db, before).ok());
}

TEST_P(DriverContractTest, ConcurrentOverlappingBookingsExactlyOneWins) {
  DatabaseOptions options;
  options.pool_size = 16;
  options.call_timeout = absl::Seconds(30);
  auto db = OpenMigrated(options);
  ASSERT_NE(db, nullptr);
  constexpr int kThreads = 16;
  std::atomic<int> ready{0};
  std::vector<absl::Status> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      Appointment a;  // same staff, every other column distinct
      a.name = "appointments/" + std::to_string(i);
      a.room = "rooms/" + std::to_string(i);
      a.client = "clients/" + std::to_string(i);
      a.start_us = a.block_start_us = 1000 + i;
      a.end_us = a.block_end_us = 2000 + i;
      ready.fetch_add(1);
      while (ready.load() < kThreads) std::this_thread::yield();
      results[i] = InsertAppointment(*db, a);
    });
  }
  for (auto& t : threads) t.join();
  int won = 0;
  for (const auto& status : results) {
    if (status.ok()) {
      ++won;
    } else {
      EXPECT_EQ(ViolatedConstraint(status), "appointments_staff_overlap") << status;
    }
  }
  EXPECT_EQ(won, 1);
  auto count = CountRows(*db, "appointments");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 1);
}

// SQLite runs concurrent write transactions in one batch (group commit): a
// caller that fails, or swallows a statement error, must leave nothing, and
// must not take the others' work down with it. PostgreSQL must behave the same.
TEST_P(DriverContractTest, ConcurrentWritersSucceedOrFailAlone) {
  DatabaseOptions options;
  options.pool_size = 8;
  options.call_timeout = absl::Seconds(30);
  auto db = OpenMigrated(options);
  ASSERT_NE(db, nullptr);
  constexpr int kThreads = 48;
  std::atomic<int> ready{0};
  std::vector<absl::Status> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) std::this_thread::yield();
      results[i] = db->Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
        RETURN_IF_ERROR(c.Execute("INSERT INTO resources (name, kind, parent, revision, create_us,"
                                  " update_us, data) VALUES ($1, 'k', 'p', 1, 0, 0, $2)",
                                  {Value("r/" + std::to_string(i)), Value::Blob("x")})
                            .status());
        if (i % 3 == 1) return absl::InternalError("caller gives up");
        if (i % 3 == 2) {
          // A duplicate key, whose error the caller ignores.
          (void)c.Execute("INSERT INTO resources (name, kind, parent, revision, create_us,"
                          " update_us, data) VALUES ($1, 'k', 'p', 1, 0, 0, $2)",
                          {Value("r/" + std::to_string(i)), Value::Blob("x")});
        }
        return absl::OkStatus();
      });
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(results[i].ok(), i % 3 == 0) << i << ": " << results[i];
  }
  Rows rows;
  ASSERT_TRUE(db->Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
                  ASSIGN_OR_RETURN(rows, c.Query("SELECT name FROM resources ORDER BY name", {}));
                  return absl::OkStatus();
                }).ok());
  EXPECT_EQ(rows.size(), static_cast<size_t>(kThreads / 3));
  for (const Row& row : rows) {
    int i = std::stoi(row[0].AsText().substr(2));
    EXPECT_EQ(i % 3, 0) << row[0].AsText();
  }
}

// A caller that runs out of time fails alone. SQLite's group commit runs it in
// a batch with others, and SQLite rolls the whole transaction back when it
// interrupts a write statement at a deadline, so a late caller must not be
// interrupted mid-batch: it fails before it runs.
TEST_P(DriverContractTest, LateWriterFailsAloneNotTheWritersQueuedWithIt) {
  DatabaseOptions options;
  options.pool_size = 8;
  options.call_timeout = absl::Milliseconds(2500);
  auto db = OpenMigrated(options);
  ASSERT_NE(db, nullptr);
  auto insert = [](Connection& c, const std::string& name) {
    return c
        .Execute("INSERT INTO resources (name, kind, parent, revision, create_us, update_us, data)"
                 " VALUES ($1, 'k', 'p', 1, 0, 0, $2)",
                 {Value(name), Value::Blob("x")})
        .status();
  };
  const absl::Time start = absl::Now();
  absl::Status first, slow, late, last;
  // SQLite: `first` holds the writer for 2 s; the other three queue behind
  // it, in this order, and run as the next batch from ~2 s. `slow` takes
  // 1.2 s, so `late` (deadline ~2.9 s) starts after its deadline with a
  // long write, while `last` (deadline ~3.9 s) still has time.
  std::thread t1([&] {
    first = db->Transact(TxMode::kWrite, [&](Connection& c) {
      absl::SleepFor(absl::Seconds(2));
      return insert(c, "first");
    });
  });
  auto after = [&](absl::Duration d, absl::Status& out, std::function<absl::Status(Connection&)> fn) {
    return std::thread([&, d, fn] {
      absl::SleepFor(start + d - absl::Now());
      out = db->Transact(TxMode::kWrite, fn);
    });
  };
  std::thread t2 = after(absl::Milliseconds(200), slow, [&](Connection& c) {
    absl::SleepFor(absl::Milliseconds(1200));
    return insert(c, "slow");
  });
  std::thread t3 = after(absl::Milliseconds(400), late, [&](Connection& c) {
    return c
        .Execute("INSERT INTO resources (name, kind, parent, revision, create_us, update_us, data)"
                 " WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n"
                 " WHERE x < 1000000000000)"
                 " SELECT 'late/' || x, 'k', 'p', 1, 0, 0, $1 FROM n",
                 {Value::Blob("x")})
        .status();
  });
  std::thread t4 = after(absl::Milliseconds(1400), last, [&](Connection& c) {
    return insert(c, "last");
  });
  t1.join();
  t2.join();
  t3.join();
  t4.join();
  EXPECT_TRUE(first.ok()) << first;
  EXPECT_TRUE(slow.ok()) << slow;
  EXPECT_EQ(late.code(), absl::StatusCode::kDeadlineExceeded) << late;
  EXPECT_TRUE(last.ok()) << last;
  Rows rows;
  ASSERT_TRUE(db->Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
                  ASSIGN_OR_RETURN(rows, c.Query("SELECT name FROM resources ORDER BY name", {}));
                  return absl::OkStatus();
                }).ok());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0].AsText(), "first");
  EXPECT_EQ(rows[1][0].AsText(), "last");
  EXPECT_EQ(rows[2][0].AsText(), "slow");
}

// ---------------------------------------------------------------- timeouts

TEST_P(DriverContractTest, LongStatementFailsDeadlineExceeded) {
  DatabaseOptions options;
  options.call_timeout = absl::Milliseconds(300);
  auto db = OpenMigrated(options);
  ASSERT_NE(db, nullptr);
  const absl::Time start = absl::Now();
  absl::Status status = db->Transact(TxMode::kRead, [&](Connection& c) {
    return c
        .Query("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
               "WHERE x < 1000000000000) SELECT COUNT(*) FROM n",
               {})
        .status();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  // The connection is still good afterwards.
  EXPECT_TRUE(CountRows(*db, "appointments").ok());
}

TEST_P(DriverContractTest, QueuedWriterRunsOnceTheHolderCommits) {
  // SQLite: the second writer queues for the one writer connection.
  // PostgreSQL: with a pool of one, it queues for the only connection.
  DatabaseOptions options;
  options.pool_size = 1;
  auto db = OpenMigrated(options);
  ASSERT_NE(db, nullptr);
  absl::Notification holding, release;
  std::thread holder([&] {
    EXPECT_TRUE(db->Transact(TxMode::kWrite, [&](Connection& c) {
                    holding.Notify();
                    release.WaitForNotification();
                    return c.Execute("UPDATE appointments SET revision = 5", {}).status();
                  }).ok());
  });
  holding.WaitForNotification();
  std::thread waiter([&] {
    absl::Status status = InsertAppointment(*db, Appointment{});
    EXPECT_TRUE(status.ok()) << status;
  });
  absl::SleepFor(absl::Milliseconds(200));
  release.Notify();
  holder.join();
  waiter.join();
  auto count = CountRows(*db, "appointments");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 1);
}

TEST_P(DriverContractTest, WriterBlockedByAnotherProcessFailsDeadlineExceeded) {
  DatabaseOptions options;
  options.call_timeout = absl::Milliseconds(300);
  auto db = OpenMigrated(options);
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(InsertAppointment(*db, Appointment{}).ok());
  // The holder uses its own Database with a long timeout, as another fasciad
  // process would.
  DatabaseOptions long_options;
  long_options.call_timeout = absl::Seconds(20);
  auto holder_db = Open(long_options);
  ASSERT_NE(holder_db, nullptr);
  absl::Notification holding, release;
  std::thread holder([&] {
    EXPECT_TRUE(holder_db->Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
                    RETURN_IF_ERROR(
                        c.Execute("UPDATE appointments SET revision = revision + 1", {}).status());
                    holding.Notify();
                    release.WaitForNotification();
                    return absl::OkStatus();
                  }).ok());
  });
  holding.WaitForNotification();

  // SQLite waits in the busy handler (BEGIN IMMEDIATE), PostgreSQL on the row
  // lock; both give up at the deadline.
  const absl::Time start = absl::Now();
  absl::Status status = db->Transact(TxMode::kWrite, [](Connection& c) {
    return c.Execute("UPDATE appointments SET revision = revision + 10", {}).status();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(250));
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));

  release.Notify();
  holder.join();
  Rows rows;
  ASSERT_TRUE(db->Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
                  RETURN_IF_ERROR(
                      c.Execute("UPDATE appointments SET revision = revision + 10", {}).status());
                  ASSIGN_OR_RETURN(rows, c.Query("SELECT revision FROM appointments", {}));
                  return absl::OkStatus();
                }).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].AsInt(), 12);
}

TEST_P(DriverContractTest, InProcessWriterQueueIsBoundedByCallTimeout) {
  DatabaseOptions options;
  options.pool_size = 1;
  options.call_timeout = absl::Milliseconds(300);
  auto db = OpenMigrated(options);
  ASSERT_NE(db, nullptr);
  absl::Notification holding, release;
  std::thread holder([&] {
    // Ignores its own result: it holds past its deadline on purpose.
    (void)db->Transact(TxMode::kWrite, [&](Connection&) {
      holding.Notify();
      release.WaitForNotification();
      return absl::OkStatus();
    });
  });
  holding.WaitForNotification();
  const absl::Time start = absl::Now();
  absl::Status status =
      db->Transact(TxMode::kWrite, [](Connection&) { return absl::OkStatus(); });
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(250));
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  release.Notify();
  holder.join();
  EXPECT_TRUE(db->Transact(TxMode::kWrite, [](Connection&) { return absl::OkStatus(); }).ok());
}

// ---------------------------------------------------------------- durability

TEST_P(DriverContractTest, CommittedDataSurvivesCloseAndReopen) {
  DatabaseOptions options;
  options.sqlite_synchronous_full = true;
  auto db = OpenMigrated(options);
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(InsertAppointment(*db, Booked()).ok());
  db->Close();
  absl::Status closed =
      db->Transact(TxMode::kRead, [](Connection&) { return absl::OkStatus(); });
  EXPECT_EQ(closed.code(), absl::StatusCode::kUnavailable) << closed;
  db.reset();

  auto reopened = OpenMigrated(options);
  ASSERT_NE(reopened, nullptr);
  Rows rows;
  ASSERT_TRUE(reopened->Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
                     ASSIGN_OR_RETURN(rows, c.Query("SELECT name, block_end_us, data FROM "
                                                    "appointments",
                                                    {}));
                     return absl::OkStatus();
                   }).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].AsText(), "appointments/booked");
  EXPECT_EQ(rows[0][1].AsInt(), 2100);
  EXPECT_EQ(rows[0][2].AsBytes(), std::string("\x08\x01", 2));
}

}  // namespace
}  // namespace fascia::storage
