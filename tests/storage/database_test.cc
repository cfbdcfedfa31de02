// Engine-neutral parts of database.h: Value, the constraint error, URL
// dispatch; and SQLite-only settings.
#include "storage/database.h"

#include <stdexcept>

#include "gtest/gtest.h"
#include "common/status_macros.h"
#include "storage/storage_test_util.h"

namespace fascia::storage {
namespace {

TEST(ValueTest, AccessorsAndNullDefaults) {
  EXPECT_TRUE(Value().is_null());
  EXPECT_EQ(Value().AsInt(), 0);
  EXPECT_EQ(Value().AsText(), "");
  EXPECT_EQ(Value(int64_t{5}).AsInt(), 5);
  EXPECT_EQ(Value(true).AsInt(), 1);
  EXPECT_TRUE(Value("x").is_text());
  EXPECT_EQ(Value::Blob(std::string("\0", 1)).AsBytes(), std::string("\0", 1));
  EXPECT_EQ(Value::Blob("x").AsText(), "");
}

TEST(ConstraintErrorTest, CarriesTheNameInAPayload) {
  absl::Status s = ConstraintViolationError("appointments_staff_overlap", "detail");
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ViolatedConstraint(s), "appointments_staff_overlap");
  EXPECT_EQ(ViolatedConstraint(absl::OkStatus()), std::nullopt);
  EXPECT_EQ(ViolatedConstraint(absl::AlreadyExistsError("appointments_staff_overlap")),
            std::nullopt);
}

TEST(OpenDatabaseTest, RejectsUnknownSchemesWithoutEchoingTheUrl) {
  auto db = OpenDatabase("mysql://user:hunter2@host/db", {});
  EXPECT_EQ(db.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(db.status().message().find("hunter2"), std::string_view::npos);
}

TEST(SqliteDriverTest, RejectsInMemoryDatabases) {
  EXPECT_EQ(OpenDatabase("sqlite::memory:", {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenDatabase("sqlite:", {}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(SqliteDriverTest, MissingDirectoryIsUnavailable) {
  EXPECT_EQ(OpenDatabase("sqlite:/nonexistent/dir/x.db", {}).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST(SqliteDriverTest, UsesWalAndTheRequestedSynchronousLevel) {
  testing::TempDir dir;
  for (bool full : {true, false}) {
    DatabaseOptions options;
    options.sqlite_synchronous_full = full;
    auto db = OpenDatabase("sqlite://" + dir.path() + "/x.db", options);
    ASSERT_TRUE(db.ok()) << db.status();
    Rows mode, sync;
    ASSERT_TRUE((*db)->Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
                  ASSIGN_OR_RETURN(mode, c.Query("PRAGMA journal_mode", {}));
                  ASSIGN_OR_RETURN(sync, c.Query("PRAGMA synchronous", {}));
                  return absl::OkStatus();
                }).ok());
    EXPECT_EQ(mode.at(0).at(0).AsText(), "wal");
    EXPECT_EQ(sync.at(0).at(0).AsInt(), full ? 2 : 1);
  }
}

// Write functions run on the SQLite database's writer thread: one that throws
// fails alone (the process and the writer go on), and one that starts another
// write is refused at once instead of waiting for itself until its deadline.
TEST(SqliteDriverTest, AThrowingOrNestingWriteFailsAloneAndTheWriterGoesOn) {
  testing::TempDir dir;
  auto db = OpenDatabase("sqlite:" + dir.path() + "/x.db", {});
  ASSERT_TRUE(db.ok()) << db.status();
  auto create = [&](Connection& c) {
    return c.Execute("CREATE TABLE IF NOT EXISTS t (x INTEGER)", {}).status();
  };
  ASSERT_TRUE((*db)->Transact(TxMode::kWrite, create).ok());

  absl::Status thrown = (*db)->Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
    RETURN_IF_ERROR(c.Execute("INSERT INTO t (x) VALUES (1)", {}).status());
    throw std::runtime_error("boom");
  });
  EXPECT_EQ(thrown.code(), absl::StatusCode::kInternal) << thrown;

  absl::Status inner;
  const absl::Time start = absl::Now();
  absl::Status outer = (*db)->Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
    RETURN_IF_ERROR(c.Execute("INSERT INTO t (x) VALUES (2)", {}).status());
    inner = (*db)->Transact(TxMode::kWrite, create);
    return absl::OkStatus();
  });
  EXPECT_TRUE(outer.ok()) << outer;
  EXPECT_EQ(inner.code(), absl::StatusCode::kFailedPrecondition) << inner;
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));

  Rows rows;
  ASSERT_TRUE((*db)->Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
                  ASSIGN_OR_RETURN(rows, c.Query("SELECT x FROM t ORDER BY x", {}));
                  return absl::OkStatus();
                }).ok());
  ASSERT_EQ(rows.size(), 1u);  // the thrower's row was rolled back
  EXPECT_EQ(rows[0][0].AsInt(), 2);
}

}  // namespace
}  // namespace fascia::storage
