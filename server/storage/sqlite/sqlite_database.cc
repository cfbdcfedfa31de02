// The SQLite Database: a first-come-first-served queue for the one writer
// connection and a lazily filled pool of reader connections. See
// sqlite_database.h for the contract.
#include "storage/sqlite/sqlite_database.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/status_macros.h"
#include "storage/internal/driver.h"
#include "storage/sqlite/sqlite_connection.h"

namespace fascia::storage {
namespace {

using sqlite_internal::SqliteConnection;

absl::Status ClosedError() { return absl::UnavailableError("database is closed"); }

class SqliteDatabase final : public internal::DriverDatabase {
 public:
  SqliteDatabase(std::string path, const DatabaseOptions& options,
                 std::unique_ptr<SqliteConnection> writer)
      : DriverDatabase(options),
        path_(std::move(path)),
        max_readers_(std::max(1, options.pool_size)),
        writer_(std::move(writer)) {
    writer_->set_closing_flag(&closing_);
  }

  ~SqliteDatabase() override { Close(); }

  Engine engine() const override { return Engine::kSqlite; }

  absl::Status TransactUntil(TxMode mode, absl::Time deadline,
                             const internal::DriverTxFn& fn) override {
    if (mode == TxMode::kWrite) {
      ASSIGN_OR_RETURN(SqliteConnection * writer, AcquireWriter(deadline));
      absl::Cleanup release = [this] { ReleaseWriter(); };
      return RunTransaction(*writer, deadline, fn);
    }
    ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> reader, AcquireReader(deadline));
    absl::Cleanup release = [this, &reader] { ReleaseReader(std::move(reader)); };
    return RunTransaction(*reader, deadline, fn);
  }

  void Close() override {
    std::vector<std::unique_ptr<SqliteConnection>> doomed;
    {
      absl::MutexLock lock(&mu_);
      closed_ = true;
      closing_.store(true);
      open_readers_ -= static_cast<int>(idle_readers_.size());
      doomed = std::move(idle_readers_);
      idle_readers_.clear();
      if (!writer_busy_) doomed.push_back(std::move(writer_));
    }
    // Connections still in use are closed when they are released.
  }

 protected:
  std::string_view MigrationLockSql() const override { return ""; }

 private:
  static absl::Status RunTransaction(SqliteConnection& conn, absl::Time deadline,
                                     const internal::DriverTxFn& fn) {
    RETURN_IF_ERROR(conn.Begin(deadline));
    bool finished = false;
    // Also covers fn throwing: the connection must go back to the pool idle.
    absl::Cleanup rollback = [&] {
      if (!finished) conn.Rollback();
    };
    absl::Status status = fn(conn);
    if (status.ok()) status = conn.first_error();
    if (!status.ok()) return status;  // rolled back by the cleanup
    finished = true;
    return conn.Commit();
  }

  absl::StatusOr<SqliteConnection*> AcquireWriter(absl::Time deadline) {
    absl::MutexLock lock(&mu_);
    if (closed_) return ClosedError();
    const uint64_t ticket = next_ticket_++;
    write_queue_.push_back(ticket);
    auto my_turn = [this, ticket]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
      return closed_ || (!writer_busy_ && write_queue_.front() == ticket);
    };
    const bool turned = mu_.AwaitWithDeadline(absl::Condition(&my_turn), deadline);
    if (!turned || closed_) {
      // Leave the queue; whoever is now first must get a chance to notice.
      write_queue_.erase(std::find(write_queue_.begin(), write_queue_.end(), ticket));
      if (closed_) return ClosedError();
      return absl::DeadlineExceededError(
          "timed out waiting for the SQLite write lock (another write transaction is running)");
    }
    write_queue_.pop_front();
    writer_busy_ = true;
    return writer_.get();
  }

  void ReleaseWriter() {
    std::unique_ptr<SqliteConnection> doomed;
    absl::MutexLock lock(&mu_);
    writer_busy_ = false;
    if (closed_) doomed = std::move(writer_);
  }

  absl::StatusOr<std::unique_ptr<SqliteConnection>> AcquireReader(absl::Time deadline) {
    {
      absl::MutexLock lock(&mu_);
      auto available = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
        return closed_ || !idle_readers_.empty() || open_readers_ < max_readers_;
      };
      if (!mu_.AwaitWithDeadline(absl::Condition(&available), deadline)) {
        return absl::DeadlineExceededError("timed out waiting for a SQLite reader connection");
      }
      if (closed_) return ClosedError();
      if (!idle_readers_.empty()) {
        std::unique_ptr<SqliteConnection> reader = std::move(idle_readers_.back());
        idle_readers_.pop_back();
        return reader;
      }
      ++open_readers_;  // reserve the slot, open outside the lock
    }
    absl::StatusOr<std::unique_ptr<SqliteConnection>> reader =
        SqliteConnection::Open(path_, /*writer=*/false, options_);
    if (reader.ok()) (*reader)->set_closing_flag(&closing_);
    if (!reader.ok()) {
      absl::MutexLock lock(&mu_);
      --open_readers_;
    }
    return reader;
  }

  void ReleaseReader(std::unique_ptr<SqliteConnection> reader) {
    {
      absl::MutexLock lock(&mu_);
      if (!closed_) {
        idle_readers_.push_back(std::move(reader));
        return;
      }
      --open_readers_;
    }
    // `reader` closes here, outside the lock.
  }

  const std::string path_;
  const int max_readers_;

  absl::Mutex mu_;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  // closed_ for the connections' busy and progress handlers, which run
  // without mu_: a transaction in progress stops waiting once closed.
  std::atomic<bool> closing_{false};
  // The writer belongs to whoever set writer_busy_; the queue holds the
  // tickets of waiting writers in arrival order.
  std::unique_ptr<SqliteConnection> writer_ ABSL_GUARDED_BY(mu_);
  bool writer_busy_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t next_ticket_ ABSL_GUARDED_BY(mu_) = 0;
  std::deque<uint64_t> write_queue_ ABSL_GUARDED_BY(mu_);
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_ ABSL_GUARDED_BY(mu_);
  int open_readers_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenSqliteDatabase(std::string path,
                                                             const DatabaseOptions& options) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) {
    return absl::InvalidArgumentError(
        "sqlite: needs a file path (in-memory and file: URI databases are not supported)");
  }
  ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> writer,
                   SqliteConnection::Open(path, /*writer=*/true, options));
  return std::unique_ptr<Database>(new SqliteDatabase(std::move(path), options, std::move(writer)));
}

}  // namespace fascia::storage
