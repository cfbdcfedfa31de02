// Engine-neutral parts of database.h: Value, the constraint error, URL
// dispatch; and SQLite-only settings.
#include "storage/database.h"

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

}  // namespace
}  // namespace fascia::storage
