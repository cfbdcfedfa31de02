// The storage driver interface: the only seam between Fascia's SQL
// repositories and a database engine.
//
// Repositories write SQL that both SQLite and PostgreSQL accept, with
// positional parameters written `$1`, `$2`, ... (the SQLite driver rewrites
// them to `?1`, `?2`). Column types used by the schema: BIGINT (int64),
// TEXT (UTF-8 string), BLOB/BYTEA (bytes; bind with Value::Bytes).
//
//   ASSIGN_OR_RETURN(auto db, OpenDatabase("sqlite:/var/lib/fascia/fascia.db", options));
//   RETURN_IF_ERROR(db->Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
//     ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT name FROM resources WHERE kind = $1", {Value("room")}));
//     return c.Execute("UPDATE ...", {...}).status();
//   }));
//
// Thread-safety: Database is thread-safe; a Connection is used by one thread,
// only inside the Transact callback that received it.
//
// Errors: a unique-key or overlap (exclusion constraint / trigger) violation
// is reported as ConstraintViolationError(constraint_name), so repositories
// can tell which rule fired regardless of engine. A call that exceeds
// DatabaseOptions::call_timeout fails with DEADLINE_EXCEEDED; an engine that
// cannot be reached is UNAVAILABLE.
#ifndef FASCIA_STORAGE_DATABASE_H_
#define FASCIA_STORAGE_DATABASE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace fascia::storage {

// A bound parameter or a result cell.
class Value {
 public:
  struct Bytes {
    std::string data;
  };
  Value() = default;  // SQL NULL
  Value(int64_t v) : v_(v) {}
  Value(int v) : v_(static_cast<int64_t>(v)) {}
  Value(bool v) : v_(static_cast<int64_t>(v ? 1 : 0)) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(std::string_view v) : v_(std::string(v)) {}
  Value(const char* v) : v_(std::string(v)) {}
  Value(Bytes v) : v_(std::move(v)) {}
  static Value Blob(std::string bytes) { return Value(Bytes{std::move(bytes)}); }

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  bool is_int() const { return std::holds_alternative<int64_t>(v_); }
  bool is_text() const { return std::holds_alternative<std::string>(v_); }
  bool is_bytes() const { return std::holds_alternative<Bytes>(v_); }
  // REQUIRES: the matching is_*() is true (NULL reads as 0 / "").
  int64_t AsInt() const { return is_int() ? std::get<int64_t>(v_) : 0; }
  const std::string& AsText() const;
  const std::string& AsBytes() const;

 private:
  std::variant<std::monostate, int64_t, std::string, Bytes> v_;
};

using Row = std::vector<Value>;
using Rows = std::vector<Row>;

// One engine connection inside a transaction.
class Connection {
 public:
  virtual ~Connection() = default;
  // Runs a statement that returns rows (SELECT, or ... RETURNING).
  virtual absl::StatusOr<Rows> Query(std::string_view sql, const std::vector<Value>& params) = 0;
  // Runs a statement and returns the number of rows it changed.
  virtual absl::StatusOr<int64_t> Execute(std::string_view sql,
                                          const std::vector<Value>& params) = 0;
  // Like Query, but hands each row to `on_row` in order instead of collecting
  // them, for results of thousands of rows. The Row is valid only during the
  // call (a driver may reuse it for the next row). An error from `on_row`
  // stops the statement and is returned. The default collects with Query.
  virtual absl::Status ForEachRow(std::string_view sql, const std::vector<Value>& params,
                                  const std::function<absl::Status(const Row&)>& on_row);
};

enum class TxMode {
  kRead,   // may run concurrently with writers (WAL readers, MVCC snapshots)
  kWrite,  // SQLite: serialized with every other writer (BEGIN IMMEDIATE)
};

enum class Engine { kSqlite, kPostgres };

struct DatabaseOptions {
  // Upper bound on any one transaction, including waiting for a connection or
  // the write lock.
  absl::Duration call_timeout = absl::Seconds(5);
  // Connections kept open (PostgreSQL), or reader connections (SQLite; the
  // SQLite writer is one extra connection).
  int pool_size = 8;
  // SQLite: PRAGMA synchronous. FULL fsyncs the WAL at every commit (durable
  // across power loss); NORMAL is durable across process crashes only.
  bool sqlite_synchronous_full = true;
  // PostgreSQL: the password of the URL's user, given to libpq as its
  // `password` keyword (so it wins over one in the URL). Empty: none is given,
  // and libpq falls back to the URL, PGPASSWORD or ~/.pgpass. Never logged.
  std::string postgres_password;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Engine engine() const = 0;

  // Runs `fn` in one transaction: commits if it returns OK, rolls back
  // otherwise and returns its error (INTERNAL if `fn` throws: the exception
  // goes no further). PostgreSQL serialization failures and
  // deadlocks are retried a few times (so `fn` must be safe to rerun).
  virtual absl::Status Transact(TxMode mode,
                                const std::function<absl::Status(Connection&)>& fn) = 0;

  // Applies the numbered migrations not yet recorded in schema_migrations,
  // each in its own transaction. Safe to call from several processes at once.
  virtual absl::Status Migrate() = 0;

  // Closes every idle connection; the others close when their transaction
  // ends (SQLite's writer: when its thread stops, which the destructor waits
  // for). After Close() every call fails UNAVAILABLE, and
  // transactions waiting for a connection or a lock stop waiting (SQLite: a
  // running statement is interrupted); a transaction in progress rolls back.
  // Thread-safe; may be called while transactions run (shutdown).
  virtual void Close() = 0;
};

// Opens "sqlite:PATH" or "postgres://..." / "postgresql://..." (a libpq URI).
absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(std::string_view url,
                                                       const DatabaseOptions& options);

// The error a driver returns when a statement breaks a named constraint (a
// UNIQUE index, a PostgreSQL exclusion constraint, or a SQLite trigger that
// enforces the same rule). Code ALREADY_EXISTS.
absl::Status ConstraintViolationError(std::string_view constraint, std::string_view detail);
// The constraint name in such an error, if it is one.
std::optional<std::string> ViolatedConstraint(const absl::Status& status);

}  // namespace fascia::storage

#endif  // FASCIA_STORAGE_DATABASE_H_
