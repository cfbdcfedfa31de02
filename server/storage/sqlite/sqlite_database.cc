// The SQLite Database: the one writer connection with group commit, and a
// lazily filled pool of reader connections. See sqlite_database.h for the
// contract.
//
// Group commit: SQLite has one writer, and a commit costs an fsync (FULL) or
// at least a WAL append, so committing each caller's transaction on its own
// caps writes at a few hundred per second. Write transactions therefore queue
// for one writer thread, which owns the writer connection: it takes the
// queued callers (in arrival order) as a batch, runs each caller's function
// inside a SAVEPOINT of one SQLite transaction, rolls back to the savepoint
// the ones that fail, and commits once. Each caller gets its own result: a
// failed caller changes nothing, and a failed COMMIT fails every caller of the
// batch. Callers see exactly the isolation they had before, because functions
// run one after another on the one connection.
//
// Deadlines: a caller whose deadline has passed by its turn fails alone,
// without running. The others all run under the batch's latest deadline, not
// their own: SQLite rolls the whole transaction back when it interrupts a
// write statement, so interrupting one caller at its own deadline would undo
// every caller batched with it.
//
// Why a thread of its own rather than the first caller leading each batch:
// the writer is the serial bottleneck of every write, and a leader handing
// over to the next had to be woken and wait for a core (about 8% of the
// writer's time under load); the writer thread starts the next batch as soon
// as the last one commits.
#include "storage/sqlite/sqlite_database.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/cleanup/cleanup.h"
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
        max_readers_(std::max(1, options.pool_size)) {
    writer->set_closing_flag(&closing_);
    writer_thread_ = std::thread(
        [this, writer = std::move(writer)]() mutable { WriteBatches(std::move(writer)); });
  }

  ~SqliteDatabase() override {
    Close();
    // The batch in progress, if any, ends soon: Close() interrupts its
    // statements.
    writer_thread_.join();
  }

  Engine engine() const override { return Engine::kSqlite; }

  absl::Status TransactUntil(TxMode mode, absl::Time deadline,
                             const internal::DriverTxFn& fn) override {
    if (mode == TxMode::kWrite) return WriteInBatch(deadline, fn);
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
    }
    // Connections still in use are closed when they are released; the writer
    // thread closes the writer when it stops.
  }

 protected:
  std::string_view MigrationLockSql() const override { return ""; }

 private:
  static absl::Status RunTransaction(SqliteConnection& conn, absl::Time deadline,
                                     const internal::DriverTxFn& fn) {
    RETURN_IF_ERROR(conn.Begin(deadline));
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

  // One caller's write transaction, waiting to be run in a batch.
  struct PendingWrite {
    const internal::DriverTxFn* fn;
    absl::Time deadline;
    absl::Status result;
    bool taken = false;  // the writer thread has it in its batch
    bool done = false;
  };

  // Most callers of one batch: bounds how long the first waits for the last.
  static constexpr size_t kMaxBatch = 64;

  absl::Status WriteInBatch(absl::Time deadline, const internal::DriverTxFn& fn) {
    if (std::this_thread::get_id() == writer_thread_.get_id()) {
      // From inside a write transaction's function: it would wait for itself.
      return absl::FailedPreconditionError(
          "a write transaction cannot be started inside another one");
    }
    PendingWrite me{&fn, deadline, absl::OkStatus()};
    absl::MutexLock lock(&mu_);
    if (closed_) return ClosedError();
    pending_.push_back(&me);
    auto taken_or_closed = [this, &me]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
      return me.taken || closed_;
    };
    if (!mu_.AwaitWithDeadline(absl::Condition(&taken_or_closed), deadline) && !me.taken) {
      Forget(&me);
      return absl::DeadlineExceededError(
          "timed out waiting for the SQLite writer (other write transactions are running)");
    }
    if (!me.taken) {
      Forget(&me);
      return ClosedError();
    }
    // The writer thread has our work: its result comes whatever our deadline
    // says (the statement deadline makes late work fail fast).
    mu_.Await(absl::Condition(&me.done));
    return me.result;
  }

  // The writer thread: runs batches on `writer`, its own, until the database
  // is closed.
  void WriteBatches(std::unique_ptr<SqliteConnection> writer) {
    auto work_or_closed = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
      return closed_ || !pending_.empty();
    };
    std::vector<PendingWrite*> batch;
    mu_.Lock();
    while (true) {
      mu_.Await(absl::Condition(&work_or_closed));
      // Callers still queued at Close() fail CLOSED themselves.
      if (closed_) break;
      batch.clear();
      while (!pending_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(pending_.front());
        pending_.pop_front();
      }
      for (PendingWrite* w : batch) w->taken = true;
      mu_.Unlock();
      RunBatch(*writer, batch);
      mu_.Lock();
      for (PendingWrite* w : batch) w->done = true;
    }
    mu_.Unlock();
    // `writer` closes here, outside the lock.
  }

  void Forget(PendingWrite* w) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    pending_.erase(std::find(pending_.begin(), pending_.end(), w));
  }

  // Runs every caller's function in one transaction; see the file comment.
  static void RunBatch(SqliteConnection& conn, const std::vector<PendingWrite*>& batch) {
    absl::Time latest = absl::InfinitePast();
    for (const PendingWrite* w : batch) latest = std::max(latest, w->deadline);
    absl::Status begun = conn.Begin(latest);
    if (!begun.ok()) {
      for (PendingWrite* w : batch) w->result = begun;
      return;
    }
    // Begin armed `latest` for every statement of the batch; see the file
    // comment.
    for (size_t i = 0; i < batch.size(); ++i) {
      PendingWrite& w = *batch[i];
      if (absl::Now() >= w.deadline) {
        w.result = absl::DeadlineExceededError(
            "timed out waiting for the SQLite writer (other write transactions ran first)");
        continue;
      }
      absl::Status status = conn.Savepoint();
      if (status.ok()) status = internal::RunTxFn(*w.fn, conn);  // never throws
      if (status.ok()) status = conn.first_error();
      if (!conn.InTransaction()) {
        // SQLite rolled the whole transaction back (interrupt, I/O error):
        // nothing of this batch was written.
        w.result = status.ok() ? absl::AbortedError("the write transaction was rolled back") : status;
        for (size_t j = 0; j < batch.size(); ++j) {
          if (j != i) {
            batch[j]->result =
                absl::AbortedError("a write batched with this one failed; nothing was written");
          }
        }
        conn.Rollback();
        return;
      }
      if (status.ok()) status = conn.ReleaseSavepoint();
      if (!status.ok()) {
        absl::Status undone = conn.RollbackToSavepoint();
        if (!undone.ok()) {
          // Without the savepoint the batch cannot be trusted: give it all up.
          for (PendingWrite* other : batch) other->result = undone;
          w.result = status;
          conn.Rollback();
          return;
        }
      }
      w.result = status;
    }
    absl::Status committed = conn.Commit();
    if (!committed.ok()) {
      for (PendingWrite* w : batch) {
        if (w->result.ok()) w->result = committed;
      }
    }
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
  // The write transactions waiting for the next batch, in arrival order.
  std::deque<PendingWrite*> pending_ ABSL_GUARDED_BY(mu_);
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_ ABSL_GUARDED_BY(mu_);
  int open_readers_ ABSL_GUARDED_BY(mu_) = 0;
  // Runs WriteBatches(); joined by the destructor before the members above go.
  std::thread writer_thread_;
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
