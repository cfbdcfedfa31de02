// Private scaffolding shared by the SQLite and PostgreSQL drivers: a
// Connection that can also run parameterless multi-statement scripts (for
// migrations), and a Database base that turns call_timeout into a deadline and
// implements Migrate() once for both engines.
//
// Contract every driver keeps (the contract tests check it on both engines):
//  - Transact(fn) runs fn inside BEGIN ... COMMIT on one connection, bounded by
//    one deadline (now + call_timeout) that also covers waiting for the
//    connection or the write lock.
//  - A function that throws fails its own transaction (rolled back, INTERNAL)
//    and nothing else: see RunTxFn.
//  - Once a statement fails, the transaction is doomed: later statements fail
//    FAILED_PRECONDITION and Transact rolls back and returns the first error
//    even if fn swallowed it. PostgreSQL behaves so natively; the SQLite driver
//    imitates it so that repositories tested on SQLite cannot come to rely on
//    continuing after an error.
//
// Thread-safety: as Database / Connection in database.h.
#ifndef FASCIA_STORAGE_INTERNAL_DRIVER_H_
#define FASCIA_STORAGE_INTERNAL_DRIVER_H_

#include <exception>
#include <functional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "storage/database.h"

namespace fascia::storage::internal {

class DriverConnection : public Connection {
 public:
  // Runs `sql`, which may hold several `;`-separated statements and no
  // parameters, inside the current transaction. REQUIRES: `sql` contains no
  // transaction control (BEGIN/COMMIT).
  virtual absl::Status ExecScript(std::string_view sql) = 0;
};

using DriverTxFn = std::function<absl::Status(DriverConnection&)>;

// Calls a transaction's function, turning an exception into INTERNAL, so
// that it ends as any failed function does: rolled back, the caller told.
// An exception must not get further: on SQLite's writer thread it would end
// the process, and elsewhere gRPC would answer UNKNOWN.
inline absl::Status RunTxFn(const DriverTxFn& fn, DriverConnection& c) {
  try {
    return fn(c);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("transaction function threw: ", e.what()));
  } catch (...) {
    return absl::InternalError("transaction function threw");
  }
}

class DriverDatabase : public Database {
 public:
  explicit DriverDatabase(const DatabaseOptions& options) : options_(options) {}

  absl::Status Transact(TxMode mode,
                        const std::function<absl::Status(Connection&)>& fn) final {
    return TransactUntil(mode, absl::Now() + options_.call_timeout,
                         [&fn](DriverConnection& c) { return fn(c); });
  }

  // Implemented in migrate.cc for both engines.
  absl::Status Migrate() final;

  // Transact with an explicit deadline (Migrate needs a longer one).
  virtual absl::Status TransactUntil(TxMode mode, absl::Time deadline, const DriverTxFn& fn) = 0;

 protected:
  // A statement run first in every migration transaction to keep other
  // processes out until it commits; empty when the write transaction already
  // excludes them (SQLite's BEGIN IMMEDIATE).
  virtual std::string_view MigrationLockSql() const = 0;

  const DatabaseOptions options_;
};

}  // namespace fascia::storage::internal

#endif  // FASCIA_STORAGE_INTERNAL_DRIVER_H_
