// See sqlite_connection.h.
#include "storage/sqlite/sqlite_connection.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "storage/internal/placeholders.h"
#include "storage/internal/string_view.h"

namespace fascia::storage::sqlite_internal {
namespace {

using internal::ToAbsl;

// Repositories use a fixed set of statements; the bound only matters if some
// caller builds SQL dynamically, and then a full flush is good enough.
constexpr size_t kMaxCachedStatements = 256;
// SQLite VM instructions between deadline checks: ~microseconds of work, and
// absl::Now() is cheap next to that.
constexpr int kProgressInterval = 1000;

bool OnlyWhitespaceOrSemicolons(const char* p) {
  for (; *p != '\0'; ++p) {
    if (*p != ';' && *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r') return false;
  }
  return true;
}

Value Column(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER:
      return Value(static_cast<int64_t>(sqlite3_column_int64(stmt, i)));
    case SQLITE_BLOB: {
      const void* data = sqlite3_column_blob(stmt, i);
      int size = sqlite3_column_bytes(stmt, i);
      return Value::Blob(data == nullptr ? std::string()
                                         : std::string(static_cast<const char*>(data), size));
    }
    case SQLITE_NULL:
      return Value();
    default: {  // TEXT, and FLOAT as its text (the schema has no floats)
      const unsigned char* text = sqlite3_column_text(stmt, i);
      int size = sqlite3_column_bytes(stmt, i);
      return Value(text == nullptr ? std::string()
                                   : std::string(reinterpret_cast<const char*>(text), size));
    }
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(
    const std::string& path, bool writer, const DatabaseOptions& options) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return absl::UnavailableError(
        absl::StrCat("cannot open SQLite database ", path, ": ", message));
  }
  sqlite3_extended_result_codes(db, 1);
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db, writer));
  sqlite3_busy_handler(db, &SqliteConnection::OnBusy, conn.get());
  sqlite3_progress_handler(db, kProgressInterval, &SqliteConnection::OnProgress, conn.get());

  // Switching to WAL needs an exclusive lock another process may hold.
  conn->deadline_ = absl::Now() + options.call_timeout;
  if (writer) {
    ASSIGN_OR_RETURN(Rows mode, conn->Query("PRAGMA journal_mode=WAL", {}));
    if (mode.empty() || mode[0][0].AsText() != "wal") {
      return absl::FailedPreconditionError(absl::StrCat(
          "SQLite database ", path, " cannot use WAL journal mode (needed for concurrent "
          "readers); is it on a network file system?"));
    }
    RETURN_IF_ERROR(conn->ExecScript(options.sqlite_synchronous_full
                                         ? "PRAGMA synchronous=FULL"
                                         : "PRAGMA synchronous=NORMAL"));
    // Checkpoint every ~80 MB of WAL instead of SQLite's default ~4 MB: a
    // checkpoint copies each page once however often it changed since the
    // last one, and the busy index pages of appointments and the audit log
    // change with nearly every booking (measured: ~15% more bookings/s).
    RETURN_IF_ERROR(conn->ExecScript("PRAGMA wal_autocheckpoint=20000"));
    // Group commit runs each caller in a SAVEPOINT, so SQLite journals the
    // old image of every page a caller first changes. Past 64 KiB that
    // journal spills to a temp file: two pwrite calls per page, ~60 per
    // booking (measured). In memory it is a copy, and it is emptied when each
    // savepoint is released, so it stays one caller's pages large.
    RETURN_IF_ERROR(conn->ExecScript("PRAGMA temp_store=MEMORY"));
  } else {
    RETURN_IF_ERROR(conn->ExecScript("PRAGMA query_only=1"));
  }
  // The schema declares no foreign keys today; if one is added it should be
  // enforced as it is on PostgreSQL.
  RETURN_IF_ERROR(conn->ExecScript("PRAGMA foreign_keys=ON"));
  conn->deadline_ = absl::InfiniteFuture();
  return conn;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

int SqliteConnection::OnProgress(void* self) {
  auto* conn = static_cast<SqliteConnection*>(self);
  if (conn->closing_ != nullptr && conn->closing_->load()) return 1;
  return conn->deadline_armed_ && absl::Now() >= conn->deadline_ ? 1 : 0;
}

int SqliteConnection::OnBusy(void* self, int attempts) {
  auto* conn = static_cast<SqliteConnection*>(self);
  if (conn->closing_ != nullptr && conn->closing_->load()) return 0;
  absl::Duration left = conn->deadline_ - absl::Now();
  if (left <= absl::ZeroDuration()) return 0;
  // Short sleeps first: the lock holder is usually one quick transaction.
  absl::SleepFor(std::min(left, attempts < 20 ? absl::Milliseconds(1) : absl::Milliseconds(5)));
  return 1;
}

absl::StatusOr<Rows> SqliteConnection::Query(std::string_view sql,
                                             const std::vector<Value>& params) {
  Rows rows;
  const std::function<absl::Status(Row&)> collect = [&rows](Row& row) {
    rows.push_back(std::move(row));
    return absl::OkStatus();
  };
  RETURN_IF_ERROR(Run(sql, params, &collect));
  return rows;
}

absl::Status SqliteConnection::ForEachRow(std::string_view sql, const std::vector<Value>& params,
                                          const std::function<absl::Status(const Row&)>& on_row) {
  const std::function<absl::Status(Row&)> stream = [&on_row](Row& row) { return on_row(row); };
  return Run(sql, params, &stream);
}

absl::StatusOr<int64_t> SqliteConnection::Execute(std::string_view sql,
                                                  const std::vector<Value>& params) {
  RETURN_IF_ERROR(Run(sql, params, /*on_row=*/nullptr));
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

absl::Status SqliteConnection::ExecScript(std::string_view sql) {
  if (!first_error_.ok()) {
    return absl::FailedPreconditionError("an earlier statement of this transaction failed");
  }
  std::string terminated(sql);
  int rc = sqlite3_exec(db_, terminated.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return Remember(MapError(rc, sql));
  return absl::OkStatus();
}

absl::Status SqliteConnection::Begin(absl::Time deadline) {
  deadline_ = deadline;
  deadline_armed_ = true;
  first_error_ = absl::OkStatus();
  return ExecControl(writer_ ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

absl::Status SqliteConnection::Commit() {
  deadline_armed_ = false;
  absl::Status status = ExecControl("COMMIT");
  if (!status.ok()) Rollback();
  return status;
}

void SqliteConnection::Rollback() {
  deadline_armed_ = false;
  if (sqlite3_get_autocommit(db_)) return;  // SQLite already rolled back (or never began)
  absl::Status status = ExecControl("ROLLBACK");
  if (!status.ok()) {
    Log(LogLevel::kError, "storage.rollback_failed",
        {{"engine", "sqlite"}, {"error", status.message()}});
  }
}

absl::Status SqliteConnection::Savepoint() { return ExecControl("SAVEPOINT fascia_call"); }

absl::Status SqliteConnection::ReleaseSavepoint() { return ExecControl("RELEASE fascia_call"); }

absl::Status SqliteConnection::RollbackToSavepoint() {
  first_error_ = absl::OkStatus();
  RETURN_IF_ERROR(ExecControl("ROLLBACK TO fascia_call"));
  return ExecControl("RELEASE fascia_call");
}

bool SqliteConnection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

absl::Status SqliteConnection::Remember(absl::Status status) {
  if (first_error_.ok()) first_error_ = status;
  return status;
}

absl::StatusOr<SqliteConnection::CachedStatement> SqliteConnection::Prepare(std::string_view sql) {
  auto it = cache_.find(ToAbsl(sql));
  if (it != cache_.end()) return it->second;
  if (cache_.size() >= kMaxCachedStatements) {
    for (auto& [text, cached] : cache_) sqlite3_finalize(cached.stmt);
    cache_.clear();
  }
  internal::ScannedSql scanned = internal::ScanPlaceholders(sql);
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, scanned.sqlite_sql.c_str(),
                              static_cast<int>(scanned.sqlite_sql.size() + 1),
                              SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK) return MapError(rc, sql);
  if (stmt == nullptr) return absl::InternalError("empty SQL statement");
  if (tail != nullptr && !OnlyWhitespaceOrSemicolons(tail)) {
    sqlite3_finalize(stmt);
    return absl::InternalError("Query/Execute take exactly one SQL statement");
  }
  CachedStatement cached{stmt, scanned.max_param};
  cache_.emplace(std::string(sql), cached);
  return cached;
}

absl::Status SqliteConnection::Bind(sqlite3_stmt* stmt, const std::vector<Value>& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const Value& v = params[i];
    const int index = static_cast<int>(i + 1);
    int rc;
    // SQLITE_STATIC: params outlive the statement's use; Run() clears the
    // bindings before returning.
    if (v.is_null()) {
      rc = sqlite3_bind_null(stmt, index);
    } else if (v.is_int()) {
      rc = sqlite3_bind_int64(stmt, index, v.AsInt());
    } else if (v.is_text()) {
      // PostgreSQL text cannot hold NUL; refusing it here too keeps a
      // repository from depending on it while tested on SQLite.
      if (v.AsText().find('\0') != std::string::npos) {
        return absl::InvalidArgumentError(
            "text parameter contains a NUL byte; bind binary data with Value::Bytes");
      }
      rc = sqlite3_bind_text64(stmt, index, v.AsText().data(), v.AsText().size(), SQLITE_STATIC,
                               SQLITE_UTF8);
    } else if (v.AsBytes().empty()) {
      rc = sqlite3_bind_zeroblob(stmt, index, 0);  // a null pointer would bind NULL
    } else {
      rc = sqlite3_bind_blob64(stmt, index, v.AsBytes().data(), v.AsBytes().size(),
                               SQLITE_STATIC);
    }
    if (rc != SQLITE_OK) return MapError(rc, sqlite3_sql(stmt));
  }
  return absl::OkStatus();
}

absl::Status SqliteConnection::Run(std::string_view sql, const std::vector<Value>& params,
                                   const std::function<absl::Status(Row&)>* on_row) {
  if (!first_error_.ok()) {
    return absl::FailedPreconditionError("an earlier statement of this transaction failed");
  }
  absl::StatusOr<CachedStatement> cached = Prepare(sql);
  if (!cached.ok()) return Remember(cached.status());
  if (static_cast<size_t>(cached->max_param) != params.size()) {
    return Remember(absl::InternalError(absl::StrCat("statement uses $", cached->max_param,
                                                     " but ", params.size(),
                                                     " parameters were given")));
  }
  sqlite3_stmt* stmt = cached->stmt;
  absl::Status status = Bind(stmt, params);
  Row row;
  absl::Status stopped;  // on_row's error: the caller's, not the statement's
  while (status.ok()) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_ROW) {
      if (on_row != nullptr) {
        const size_t n = static_cast<size_t>(sqlite3_column_count(stmt));
        row.resize(n);
        for (size_t i = 0; i < n; ++i) row[i] = Column(stmt, static_cast<int>(i));
        stopped = (*on_row)(row);
        if (!stopped.ok()) break;
      }
      continue;
    }
    status = MapError(rc, sql);
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (!stopped.ok()) return stopped;
  return Remember(std::move(status));
}

absl::Status SqliteConnection::ExecControl(const char* sql) {
  absl::StatusOr<CachedStatement> cached = Prepare(sql);
  if (!cached.ok()) return cached.status();
  int rc = sqlite3_step(cached->stmt);
  absl::Status status = rc == SQLITE_DONE ? absl::OkStatus() : MapError(rc, sql);
  sqlite3_reset(cached->stmt);
  return status;
}

absl::Status SqliteConnection::MapError(int rc, std::string_view sql) {
  // Read both before anything else runs on this connection.
  const int code = sqlite3_extended_errcode(db_) != SQLITE_OK ? sqlite3_extended_errcode(db_) : rc;
  const std::string message = sqlite3_errmsg(db_);
  absl::Status status;
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_TRIGGER) {
        // The schema's triggers RAISE(ABORT, '<constraint name>').
        status = ConstraintViolationError(message, "row conflicts with an existing row");
      } else if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        status = ConstraintViolationError(UniqueConstraintName(message), message);
      } else {
        status = absl::FailedPreconditionError(absl::StrCat("SQLite: ", message));
      }
      break;
    case SQLITE_INTERRUPT:
      status = absl::DeadlineExceededError("SQLite statement interrupted at the call deadline");
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      status = absl::Now() >= deadline_
                   ? absl::DeadlineExceededError("timed out waiting for the SQLite database lock")
                   : absl::UnavailableError(absl::StrCat("SQLite: ", message));
      break;
    case SQLITE_FULL:
    case SQLITE_NOMEM:
      status = absl::ResourceExhaustedError(absl::StrCat("SQLite: ", message));
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_NOLFS:
    case SQLITE_PROTOCOL:
      status = absl::UnavailableError(absl::StrCat("SQLite: ", message));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      status = absl::DataLossError(absl::StrCat("SQLite: ", message));
      break;
    case SQLITE_READONLY:
      status = absl::FailedPreconditionError(absl::StrCat("SQLite: ", message));
      break;
    default:
      status = absl::InternalError(absl::StrCat("SQLite: ", message));
  }
  // SQLite messages name columns and constraints, never values, so they are
  // safe to log; parameters are never logged.
  const bool expected = ViolatedConstraint(status).has_value() ||
                        status.code() == absl::StatusCode::kDeadlineExceeded;
  Log(expected ? LogLevel::kDebug : LogLevel::kWarning, "storage.sql_error",
      {{"engine", "sqlite"}, {"sql", ToAbsl(sql)}, {"error", message}}, {{"sqlite_code", code}});
  return status;
}

// Maps "UNIQUE constraint failed: t.a, t.b" to the unique index of t on
// exactly (a, b), so both engines report the same name.
std::string SqliteConnection::UniqueConstraintName(absl::string_view message) {
  constexpr absl::string_view kPrefix = "UNIQUE constraint failed: ";
  if (!absl::StartsWith(message, kPrefix)) return "unknown_unique_constraint";
  absl::string_view rest = message.substr(kPrefix.size());
  constexpr absl::string_view kIndex = "index '";
  if (absl::StartsWith(rest, kIndex)) {  // expression indexes are reported by name
    rest.remove_prefix(kIndex.size());
    return std::string(rest.substr(0, rest.find('\'')));
  }
  std::string table;
  std::vector<std::string> columns;
  for (absl::string_view qualified : absl::StrSplit(rest, ", ")) {
    size_t dot = qualified.find('.');
    if (dot == absl::string_view::npos) return "unknown_unique_constraint";
    table = std::string(qualified.substr(0, dot));
    columns.emplace_back(qualified.substr(dot + 1));
  }
  const std::string fallback = absl::StrCat(table, "_", absl::StrJoin(columns, "_"), "_key");

  // Raw statements: these must not touch the cache or the doomed-state.
  auto query = [this](const char* sql, const std::string& arg) {
    std::vector<std::vector<std::string>> out;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) return out;
    sqlite3_bind_text(stmt, 1, arg.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const unsigned char* text = sqlite3_column_text(stmt, i);
        row.emplace_back(text == nullptr ? "" : reinterpret_cast<const char*>(text));
      }
      out.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    return out;
  };
  for (const auto& index :
       query("SELECT name, origin FROM pragma_index_list(?1) WHERE \"unique\" = 1", table)) {
    std::vector<std::string> index_columns;
    for (const auto& row : query("SELECT name FROM pragma_index_info(?1) ORDER BY seqno",
                                 index[0])) {
      index_columns.push_back(row[0]);
    }
    if (index_columns != columns) continue;
    if (index[1] == "pk") return table + "_pkey";
    if (index[1] == "u") return fallback;
    return index[0];
  }
  return fallback;
}

}  // namespace fascia::storage::sqlite_internal
