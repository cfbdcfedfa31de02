// One libpq connection of the PostgreSQL driver: statement cache, parameter
// encoding, deadline-bounded waits and error mapping. The pool and the retry
// loop live in postgres_database.cc.
//
// Every wait for the server is a poll() bounded by the transaction deadline.
// At the deadline a running statement is canceled (PQcancel) and reported
// DEADLINE_EXCEEDED; if the server does not even answer the cancel, the
// connection is marked broken and dropped. COMMIT is never canceled: it gets
// its own call_timeout, after which the outcome is reported unknown
// (UNAVAILABLE) and the connection dropped.
//
// Thread-safety: none; used by one thread at a time (the pool hands it out).
#ifndef FASCIA_STORAGE_POSTGRES_PG_CONNECTION_H_
#define FASCIA_STORAGE_POSTGRES_PG_CONNECTION_H_

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/database.h"
#include "storage/internal/driver.h"

namespace fascia::storage::pg_internal {

class PgConnection final : public internal::DriverConnection {
 public:
  static absl::StatusOr<std::unique_ptr<PgConnection>> Connect(const std::string& url,
                                                               const DatabaseOptions& options,
                                                               absl::Time deadline);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  absl::StatusOr<Rows> Query(std::string_view sql, const std::vector<Value>& params) override;
  absl::StatusOr<int64_t> Execute(std::string_view sql, const std::vector<Value>& params) override;
  absl::Status ExecScript(std::string_view sql) override;

  // True if the connection can go back to the pool: not known to be broken
  // and not inside a transaction.
  bool reusable() const;
  bool broken() const { return broken_; }

  absl::Status Begin(TxMode mode, absl::Time deadline);
  absl::Status Commit();
  // Rolls back if a transaction is open; a failure marks the connection broken.
  void Rollback();
  // The first statement error since Begin, or OK.
  const absl::Status& first_error() const { return first_error_; }
  // Whether this transaction hit 40001/40P01 and may succeed if rerun.
  bool saw_retryable_error() const { return retryable_; }

 private:
  struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
  };
  using Result = std::unique_ptr<PGresult, ResultDeleter>;
  struct Prepared {
    std::string name;
  };

  PgConnection(PGconn* conn, const DatabaseOptions& options) : conn_(conn), options_(options) {}

  // Runs one parameterized statement through the statement cache.
  absl::StatusOr<Result> RunPrepared(std::string_view sql, const std::vector<Value>& params);
  // Runs a parameterless (possibly multi-statement) query.
  absl::StatusOr<Result> RunSimple(std::string_view sql, absl::Time deadline, bool cancel);
  // Collects the results of the query just sent; the first error wins.
  absl::StatusOr<Result> Await(std::string_view sql, absl::Time deadline, bool cancel);
  absl::Status ResultError(const PGresult* result, std::string_view sql);
  absl::Status ConnectionLost(std::string_view sql);
  absl::Status CheckUsable();
  absl::Status Remember(absl::Status status);

  PGconn* const conn_;
  const DatabaseOptions options_;
  TxMode mode_ = TxMode::kWrite;
  absl::Time deadline_ = absl::InfiniteFuture();
  absl::Status first_error_;
  bool retryable_ = false;
  bool broken_ = false;
  uint64_t next_statement_id_ = 0;
  absl::flat_hash_map<std::string, Prepared> cache_;
};

}  // namespace fascia::storage::pg_internal

#endif  // FASCIA_STORAGE_POSTGRES_PG_CONNECTION_H_
