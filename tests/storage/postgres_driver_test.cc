// PostgreSQL-only driver behaviour: reconnection, retries of serialization
// failures and deadlocks, server-side timeouts, unreachable servers.
#include <string>

#include "absl/time/clock.h"
#include "common/status_macros.h"
#include "gtest/gtest.h"
#include "storage/database.h"
#include "support/poll.h"
#include "support/postgres_test_db.h"

namespace fascia::storage {
namespace {

class PostgresDriverTest : public ::testing::Test {
 protected:
  void SetUp() override { FASCIA_ASSIGN_FRESH_POSTGRES_URL(url_); }

  std::unique_ptr<Database> Open(const DatabaseOptions& options = {}) {
    auto db = OpenDatabase(url_, options);
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? *std::move(db) : nullptr;
  }

  static absl::StatusOr<int64_t> BackendPid(Database& db) {
    int64_t pid = 0;
    RETURN_IF_ERROR(db.Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
      ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT pg_backend_pid()", {}));
      pid = rows.at(0).at(0).AsInt();
      return absl::OkStatus();
    }));
    return pid;
  }

  // True once no backend with `pid` is left (within 30s), as seen by `db`.
  static bool WaitForBackendGone(Database& db, int64_t pid) {
    return fascia::testing::PollFor([&] {
      int64_t alive = -1;
      absl::Status status = db.Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
        ASSIGN_OR_RETURN(
            Rows rows,
            c.Query("SELECT count(*) FROM pg_stat_activity WHERE pid = $1::int", {Value(pid)}));
        alive = rows.at(0).at(0).AsInt();
        return absl::OkStatus();
      });
      return status.ok() && alive == 0;
    });
  }

  std::string url_;
};

TEST_F(PostgresDriverTest, ReplacesAConnectionTheServerClosed) {
  DatabaseOptions options;
  options.pool_size = 1;
  auto db = Open(options);
  auto killer = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_NE(killer, nullptr);
  auto pid = BackendPid(*db);
  ASSERT_TRUE(pid.ok()) << pid.status();
  ASSERT_TRUE(killer->Transact(TxMode::kWrite, [&](Connection& c) {
                      return c.Query("SELECT pg_terminate_backend($1::int)", {Value(*pid)})
                          .status();
                    }).ok());
  // The backend ends after pg_terminate_backend returns; on a loaded machine
  // that can take a while.
  ASSERT_TRUE(WaitForBackendGone(*killer, *pid)) << "backend " << *pid << " still running";
  auto new_pid = BackendPid(*db);
  ASSERT_TRUE(new_pid.ok()) << new_pid.status();
  EXPECT_NE(*new_pid, *pid);
}

TEST_F(PostgresDriverTest, RetriesSerializationFailuresAndDeadlocks) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  for (const char* sqlstate : {"40001", "40P01"}) {
    int attempts = 0;
    absl::Status status = db->Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
      if (++attempts < 3) {
        return c
            .Execute(std::string("DO $$ BEGIN RAISE EXCEPTION 'injected' USING ERRCODE = '") +
                         sqlstate + "'; END $$",
                     {})
            .status();
      }
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    EXPECT_EQ(attempts, 3);
  }
}

TEST_F(PostgresDriverTest, GivesUpAfterFiveRetries) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  int attempts = 0;
  absl::Status status = db->Transact(TxMode::kWrite, [&](Connection& c) {
    ++attempts;
    return c
        .Execute("DO $$ BEGIN RAISE EXCEPTION 'injected' USING ERRCODE = '40001'; END $$", {})
        .status();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kAborted) << status;
  EXPECT_EQ(attempts, 6);
}

TEST_F(PostgresDriverTest, PgSleepBeyondTheCallTimeoutIsDeadlineExceeded) {
  DatabaseOptions options;
  options.call_timeout = absl::Milliseconds(300);
  options.pool_size = 1;
  auto db = Open(options);
  ASSERT_NE(db, nullptr);
  const absl::Time start = absl::Now();
  absl::Status status = db->Transact(TxMode::kRead, [](Connection& c) {
    return c.Query("SELECT pg_sleep(5)", {}).status();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  // The same (only) connection is fine afterwards.
  EXPECT_TRUE(BackendPid(*db).ok());
}

TEST_F(PostgresDriverTest, UnreachableServerIsUnavailable) {
  DatabaseOptions options;
  options.call_timeout = absl::Seconds(2);
  auto db = OpenDatabase("postgresql://postgres@127.0.0.1:1/nowhere", options);
  EXPECT_EQ(db.status().code(), absl::StatusCode::kUnavailable) << db.status();
}

}  // namespace
}  // namespace fascia::storage
