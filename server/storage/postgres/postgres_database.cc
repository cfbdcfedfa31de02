// The PostgreSQL Database: a bounded connection pool plus the transaction
// retry loop. See postgres_database.h for the contract.
#include "storage/postgres/postgres_database.h"

#include <algorithm>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/cleanup/cleanup.h"
#include "absl/random/random.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "storage/internal/driver.h"
#include "storage/postgres/pg_connection.h"

namespace fascia::storage {
namespace {

using pg_internal::PgConnection;

constexpr int kMaxRetries = 5;
// Taken by every migration transaction (see internal/migrate.cc); an
// arbitrary constant ("Fascia" in ASCII) that other applications sharing the
// server are unlikely to use.
constexpr std::string_view kMigrationLock = "SELECT pg_advisory_xact_lock(77384361666913)";

class PostgresDatabase final : public internal::DriverDatabase {
 public:
  PostgresDatabase(std::string url, const DatabaseOptions& options)
      : DriverDatabase(options), url_(std::move(url)), max_open_(std::max(1, options.pool_size)) {}

  ~PostgresDatabase() override { Close(); }

  Engine engine() const override { return Engine::kPostgres; }

  absl::Status TransactUntil(TxMode mode, absl::Time deadline,
                             const internal::DriverTxFn& fn) override {
    bool fresh_connection_retry_used = false;
    for (int attempt = 0;; ++attempt) {
      ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn, Acquire(deadline));
      absl::Cleanup release = [this, &conn] { Release(std::move(conn)); };
      absl::Status status = conn->Begin(mode, deadline);
      if (!status.ok()) {
        // A pooled connection the server closed while it sat idle (restart,
        // failover, idle timeout) is only found out now; nothing ran yet.
        if (conn->broken() && !fresh_connection_retry_used) {
          fresh_connection_retry_used = true;
          continue;
        }
        return status;
      }
      status = RunInTransaction(*conn, fn);
      if (status.ok()) return status;
      if (conn->saw_retryable_error() && attempt < kMaxRetries && absl::Now() < deadline) {
        Log(LogLevel::kInfo, "storage.transaction_retry",
            {{"engine", "postgres"}, {"error", status.message()}}, {{"attempt", attempt + 1}});
        // Jitter so that the transactions that collided do not collide again.
        thread_local absl::BitGen gen;
        absl::SleepFor(std::min(deadline - absl::Now(),
                                absl::Milliseconds(absl::Uniform(gen, 1, 5 * (attempt + 1)))));
        continue;
      }
      return status;
    }
  }

  void Close() override {
    std::vector<std::unique_ptr<PgConnection>> doomed;
    absl::MutexLock lock(&mu_);
    closed_ = true;
    open_ -= static_cast<int>(idle_.size());
    doomed = std::move(idle_);
    idle_.clear();
    // Connections in use are closed when released; `doomed` closes after the
    // lock is released (it was declared first).
  }

  absl::StatusOr<std::unique_ptr<PgConnection>> Acquire(absl::Time deadline) {
    {
      absl::MutexLock lock(&mu_);
      auto available = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
        return closed_ || !idle_.empty() || open_ < max_open_;
      };
      if (!mu_.AwaitWithDeadline(absl::Condition(&available), deadline)) {
        return absl::DeadlineExceededError("timed out waiting for a free PostgreSQL connection");
      }
      if (closed_) return absl::UnavailableError("database is closed");
      if (!idle_.empty()) {
        // Most recently used first: it is the least likely to have gone stale.
        std::unique_ptr<PgConnection> conn = std::move(idle_.back());
        idle_.pop_back();
        return conn;
      }
      ++open_;  // reserve the slot; connect outside the lock
    }
    absl::StatusOr<std::unique_ptr<PgConnection>> conn =
        PgConnection::Connect(url_, options_, deadline);
    if (!conn.ok()) {
      absl::MutexLock lock(&mu_);
      --open_;
    }
    return conn;
  }

  void Release(std::unique_ptr<PgConnection> conn) {
    if (conn == nullptr) return;
    {
      absl::MutexLock lock(&mu_);
      if (!closed_ && conn->reusable()) {
        idle_.push_back(std::move(conn));
        return;
      }
      --open_;
    }
    // `conn` closes here, outside the lock.
  }

 protected:
  std::string_view MigrationLockSql() const override { return kMigrationLock; }

 private:
  static absl::Status RunInTransaction(PgConnection& conn, const internal::DriverTxFn& fn) {
    bool finished = false;
    absl::Cleanup rollback = [&] {
      if (!finished) conn.Rollback();
    };
    absl::Status status = internal::RunTxFn(fn, conn);
    if (status.ok()) status = conn.first_error();
    if (!status.ok()) return status;  // rolled back by the cleanup
    finished = true;
    return conn.Commit();
  }

  const std::string url_;
  const int max_open_;

  absl::Mutex mu_;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // idle + in use + being opened
  std::vector<std::unique_ptr<PgConnection>> idle_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenPostgresDatabase(std::string url,
                                                               const DatabaseOptions& options) {
  auto db = std::make_unique<PostgresDatabase>(std::move(url), options);
  // Fail at start-up, not at the first request, if the server is unreachable.
  ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> first,
                   db->Acquire(absl::Now() + options.call_timeout));
  db->Release(std::move(first));
  return std::unique_ptr<Database>(std::move(db));
}

absl::StatusOr<bool> PostgresUrlHasPassword(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    PQfreemem(error);  // may quote the URL
    return absl::InvalidArgumentError("not a valid PostgreSQL URL");
  }
  bool has_password = false;
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (std::string_view(o->keyword) == "password" && o->val != nullptr && *o->val != '\0') {
      has_password = true;
    }
  }
  PQconninfoFree(options);
  return has_password;
}

}  // namespace fascia::storage
