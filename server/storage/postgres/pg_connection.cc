// See pg_connection.h.
#include "storage/postgres/pg_connection.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "storage/internal/placeholders.h"
#include "storage/internal/string_view.h"
#include "storage/postgres/pg_values.h"

namespace fascia::storage::pg_internal {
namespace {

using internal::ToAbsl;

// Statements a repository layer uses are few; the bound only guards against
// dynamically built SQL.
constexpr size_t kMaxCachedStatements = 256;
// How long a canceled statement gets to report back before the connection is
// given up as unresponsive.
constexpr absl::Duration kCancelGrace = absl::Seconds(2);

std::string TrimmedError(const PGconn* conn) {
  return std::string(absl::StripTrailingAsciiWhitespace(PQerrorMessage(conn)));
}

void OnNotice(void*, const char* message) {
  Log(LogLevel::kDebug, "storage.notice",
      {{"engine", "postgres"}, {"message", absl::StripTrailingAsciiWhitespace(message)}});
}

}  // namespace

absl::StatusOr<std::unique_ptr<PgConnection>> PgConnection::Connect(
    const std::string& url, const DatabaseOptions& options, absl::Time deadline) {
  // libpq's connect_timeout is whole seconds, minimum 2.
  const int64_t timeout_s =
      std::max<int64_t>(2, std::ceil(absl::ToDoubleSeconds(deadline - absl::Now())));
  const std::string timeout = absl::StrCat(timeout_s);
  // Entries before "dbname" can be overridden by the URL's own parameters;
  // the password, after it, cannot. libpq skips an empty value, so without a
  // password the URL's, PGPASSWORD or ~/.pgpass still apply.
  const char* keys[] = {"connect_timeout", "application_name", "dbname", "password", nullptr};
  const char* values[] = {timeout.c_str(), "fasciad", url.c_str(),
                          options.postgres_password.c_str(), nullptr};
  PGconn* raw = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (raw == nullptr) return absl::ResourceExhaustedError("libpq could not allocate a connection");
  std::unique_ptr<PgConnection> conn(new PgConnection(raw, options));
  // libpq prints NOTICEs (e.g. "relation already exists, skipping") to stderr
  // by default; keep stderr for the JSON log.
  PQsetNoticeProcessor(raw, &OnNotice, nullptr);
  if (PQstatus(raw) != CONNECTION_OK) {
    // libpq's message names host and port, never the password.
    std::string error = TrimmedError(raw);
    Log(LogLevel::kWarning, "storage.connect_failed", {{"engine", "postgres"}, {"error", error}});
    return absl::UnavailableError(absl::StrCat("cannot connect to PostgreSQL: ", error));
  }
  // bytea_output: DecodeCell reads hex only. statement_timeout: the server
  // stops a statement on its own even if this client cannot cancel it;
  // Begin() narrows it to each transaction's remaining time.
  ASSIGN_OR_RETURN(Result ignored,
                   conn->RunSimple(absl::StrCat("SET bytea_output = 'hex'; "
                                                "SET client_encoding = 'UTF8'; "
                                                "SET statement_timeout = ",
                                                absl::ToInt64Milliseconds(options.call_timeout)),
                                   deadline, /*cancel=*/true));
  return conn;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::reusable() const {
  return !broken_ && PQstatus(conn_) == CONNECTION_OK &&
         PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

absl::Status PgConnection::CheckUsable() {
  if (broken_ || PQstatus(conn_) != CONNECTION_OK) {
    broken_ = true;
    return absl::UnavailableError("PostgreSQL connection lost");
  }
  return absl::OkStatus();
}

absl::Status PgConnection::Remember(absl::Status status) {
  if (first_error_.ok()) first_error_ = status;
  return status;
}

absl::Status PgConnection::Begin(TxMode mode, absl::Time deadline) {
  mode_ = mode;
  deadline_ = deadline;
  first_error_ = absl::OkStatus();
  retryable_ = false;
  const absl::Duration left = deadline - absl::Now();
  if (left <= absl::ZeroDuration()) {
    return absl::DeadlineExceededError("call deadline passed before the transaction began");
  }
  // One round trip for both.
  const std::string sql = absl::StrCat(
      mode == TxMode::kRead ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN",
      "; SET LOCAL statement_timeout = ",
      std::max<int64_t>(1, absl::ToInt64Milliseconds(left)));
  return RunSimple(sql, deadline, /*cancel=*/true).status();
}

absl::Status PgConnection::Commit() {
  ASSIGN_OR_RETURN(Result result,
                   RunSimple("COMMIT", absl::Now() + options_.call_timeout, /*cancel=*/false));
  // COMMIT of a transaction the server already aborted answers "ROLLBACK".
  if (std::string_view(PQcmdStatus(result.get())) == "ROLLBACK") {
    return absl::AbortedError("PostgreSQL rolled the transaction back");
  }
  return absl::OkStatus();
}

void PgConnection::Rollback() {
  if (broken_ || PQstatus(conn_) != CONNECTION_OK) return;  // the pool drops it
  if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
  absl::StatusOr<Result> result =
      RunSimple("ROLLBACK", absl::Now() + options_.call_timeout, /*cancel=*/false);
  if (!result.ok()) broken_ = true;  // closing the connection rolls back on the server
}

absl::StatusOr<Rows> PgConnection::Query(std::string_view sql, const std::vector<Value>& params) {
  ASSIGN_OR_RETURN(Result result, RunPrepared(sql, params));
  Rows rows;
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) return rows;
  const int n_rows = PQntuples(result.get());
  const int n_cols = PQnfields(result.get());
  std::vector<Oid> types(n_cols);
  for (int c = 0; c < n_cols; ++c) types[c] = PQftype(result.get(), c);
  rows.reserve(n_rows);
  for (int r = 0; r < n_rows; ++r) {
    Row row;
    row.reserve(n_cols);
    for (int c = 0; c < n_cols; ++c) {
      if (PQgetisnull(result.get(), r, c)) {
        row.emplace_back();
      } else {
        const char* cell = PQgetvalue(result.get(), r, c);
        const int length = PQgetlength(result.get(), r, c);
        row.push_back(DecodeCell(types[c], absl::string_view(cell, length)));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

absl::StatusOr<int64_t> PgConnection::Execute(std::string_view sql,
                                              const std::vector<Value>& params) {
  ASSIGN_OR_RETURN(Result result, RunPrepared(sql, params));
  int64_t changed = 0;
  if (!absl::SimpleAtoi(PQcmdTuples(result.get()), &changed)) changed = 0;
  return changed;
}

absl::Status PgConnection::ExecScript(std::string_view sql) {
  if (!first_error_.ok()) {
    return absl::FailedPreconditionError("an earlier statement of this transaction failed");
  }
  return Remember(RunSimple(sql, deadline_, /*cancel=*/true).status());
}

absl::StatusOr<PgConnection::Result> PgConnection::RunSimple(std::string_view sql,
                                                             absl::Time deadline, bool cancel) {
  RETURN_IF_ERROR(CheckUsable());
  if (!PQsendQuery(conn_, std::string(sql).c_str())) return ConnectionLost(sql);
  return Await(sql, deadline, cancel);
}

absl::StatusOr<PgConnection::Result> PgConnection::RunPrepared(std::string_view sql,
                                                               const std::vector<Value>& params) {
  if (!first_error_.ok()) {
    return absl::FailedPreconditionError("an earlier statement of this transaction failed");
  }
  if (absl::Now() >= deadline_) {
    return Remember(absl::DeadlineExceededError("call deadline passed"));
  }
  if (absl::Status usable = CheckUsable(); !usable.ok()) return Remember(usable);

  // Parameter types are part of the prepared statement, so of the cache key.
  // Typing them (int8, text, bytea) lets `SELECT $1` or `COALESCE($1, 0)` work
  // and read back as on SQLite; NULL stays untyped so that the server infers
  // the column's type.
  std::string key(sql);
  key.push_back('\0');
  std::vector<Oid> types(params.size(), 0);
  for (size_t i = 0; i < params.size(); ++i) {
    const Value& v = params[i];
    if (v.is_int()) {
      types[i] = kInt8Oid;
      key.push_back('i');
    } else if (v.is_bytes()) {
      types[i] = kByteaOid;
      key.push_back('b');
    } else if (v.is_null()) {
      key.push_back('n');
    } else {
      types[i] = kTextOid;
      key.push_back('t');
      // Text-format parameters are C strings: a NUL would silently truncate.
      if (v.AsText().find('\0') != std::string::npos) {
        return Remember(absl::InvalidArgumentError(
            "text parameter contains a NUL byte; bind binary data with Value::Bytes"));
      }
    }
  }

  auto it = cache_.find(key);
  if (it == cache_.end()) {
    const int max_param = internal::ScanPlaceholders(sql).max_param;
    if (static_cast<size_t>(max_param) != params.size()) {
      return Remember(absl::InternalError(absl::StrCat(
          "statement uses $", max_param, " but ", params.size(), " parameters were given")));
    }
    if (cache_.size() >= kMaxCachedStatements) {
      absl::StatusOr<Result> dealloc = RunSimple("DEALLOCATE ALL", deadline_, /*cancel=*/true);
      if (!dealloc.ok()) return Remember(dealloc.status());
      cache_.clear();
    }
    std::string name = absl::StrCat("fascia_", next_statement_id_++);
    if (!PQsendPrepare(conn_, name.c_str(), std::string(sql).c_str(),
                       static_cast<int>(params.size()), types.data())) {
      return Remember(ConnectionLost(sql));
    }
    absl::StatusOr<Result> prepared = Await(sql, deadline_, /*cancel=*/true);
    if (!prepared.ok()) return Remember(prepared.status());
    it = cache_.emplace(std::move(key), Prepared{std::move(name)}).first;
  }

  std::vector<std::string> ints;
  ints.reserve(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  std::vector<int> lengths(params.size(), 0);
  std::vector<int> formats(params.size(), 0);
  for (size_t i = 0; i < params.size(); ++i) {
    const Value& v = params[i];
    if (v.is_int()) {
      ints.push_back(absl::StrCat(v.AsInt()));
      values[i] = ints.back().c_str();  // reserve() keeps this pointer valid
    } else if (v.is_text()) {
      values[i] = v.AsText().c_str();
    } else if (v.is_bytes()) {
      values[i] = v.AsBytes().data();  // never null, even when empty
      lengths[i] = static_cast<int>(v.AsBytes().size());
      formats[i] = 1;
    }
  }
  if (!PQsendQueryPrepared(conn_, it->second.name.c_str(), static_cast<int>(params.size()),
                           values.data(), lengths.data(), formats.data(), /*resultFormat=*/0)) {
    return Remember(ConnectionLost(sql));
  }
  absl::StatusOr<Result> result = Await(sql, deadline_, /*cancel=*/true);
  if (!result.ok()) return Remember(result.status());
  return result;
}

absl::StatusOr<PgConnection::Result> PgConnection::Await(std::string_view sql,
                                                         absl::Time deadline, bool cancel) {
  Result error;
  Result last;
  bool canceled = false;
  absl::Time wait_until = deadline;
  for (;;) {
    while (PQisBusy(conn_)) {
      const absl::Duration left = wait_until - absl::Now();
      int ready = 0;
      if (left > absl::ZeroDuration()) {
        pollfd pfd{PQsocket(conn_), POLLIN, 0};
        const int64_t ms = std::min<int64_t>(
            absl::ToInt64Milliseconds(absl::Ceil(left, absl::Milliseconds(1))), 60 * 60 * 1000);
        ready = poll(&pfd, 1, static_cast<int>(ms));
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) return ConnectionLost(sql);
        if (ready == 0 && absl::Now() < wait_until) continue;  // the 1 h cap elapsed
      }
      if (ready == 0) {
        if (cancel && !canceled) {
          // The server answers the canceled statement with 57014, mapped to
          // DEADLINE_EXCEEDED by ResultError.
          canceled = true;
          wait_until = absl::Now() + kCancelGrace;
          if (PGcancel* c = PQgetCancel(conn_)) {
            char buf[256];
            PQcancel(c, buf, sizeof buf);
            PQfreeCancel(c);
          }
          continue;
        }
        broken_ = true;
        Log(LogLevel::kWarning, "storage.server_unresponsive",
            {{"engine", "postgres"}, {"sql", ToAbsl(sql)}});
        if (cancel) {
          return absl::DeadlineExceededError(
              "PostgreSQL did not answer by the call deadline; connection dropped");
        }
        return absl::UnavailableError(
            "PostgreSQL did not answer in time; the outcome of the statement is unknown");
      }
      if (!PQconsumeInput(conn_)) return ConnectionLost(sql);
    }
    PGresult* r = PQgetResult(conn_);
    if (r == nullptr) break;
    ExecStatusType s = PQresultStatus(r);
    if ((s == PGRES_FATAL_ERROR || s == PGRES_BAD_RESPONSE) && error == nullptr) {
      error.reset(r);
    } else {
      last.reset(r);
    }
  }
  if (error != nullptr) return ResultError(error.get(), sql);
  if (last == nullptr) return absl::InternalError("PostgreSQL returned no result");
  return last;
}

absl::Status PgConnection::ConnectionLost(std::string_view sql) {
  broken_ = true;
  std::string error = TrimmedError(conn_);
  Log(LogLevel::kWarning, "storage.connection_lost",
      {{"engine", "postgres"}, {"sql", ToAbsl(sql)}, {"error", error}});
  return absl::UnavailableError(absl::StrCat("PostgreSQL connection lost: ", error));
}

absl::Status PgConnection::ResultError(const PGresult* result, std::string_view sql) {
  const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  if (PQstatus(conn_) != CONNECTION_OK || sqlstate == nullptr) return ConnectionLost(sql);
  const char* constraint = PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME);
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  const absl::string_view state(sqlstate);
  if (IsRetryableSqlState(state)) retryable_ = true;
  absl::Status status = PgErrorStatus(state, constraint == nullptr ? "" : constraint,
                                      primary == nullptr ? "" : primary);
  if (state == "25006" && mode_ == TxMode::kRead) {
    status = absl::FailedPreconditionError("write statement in a read-only transaction");
  } else if (status.code() == absl::StatusCode::kUnavailable) {
    broken_ = true;  // e.g. a standby after failover: reconnect to find the primary
  }
  const bool expected = ViolatedConstraint(status).has_value() || IsRetryableSqlState(state) ||
                        status.code() == absl::StatusCode::kDeadlineExceeded;
  // Only the status message (no DETAIL, which quotes row values) is logged.
  Log(expected ? LogLevel::kDebug : LogLevel::kWarning, "storage.sql_error",
      {{"engine", "postgres"}, {"sql", ToAbsl(sql)}, {"sqlstate", state}, {"error", status.message()}});
  return status;
}

}  // namespace fascia::storage::pg_internal
