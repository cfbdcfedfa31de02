// The engine-neutral part of the storage driver interface: Value accessors,
// the constraint-violation error, and OpenDatabase's URL dispatch.
//
// Contract: see database.h. Everything here is stateless and thread-safe.
#include "storage/database.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "storage/internal/string_view.h"
#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace fascia::storage {
namespace {

using internal::ToAbsl;

// The payload that marks a status as a constraint violation. Its value is the
// constraint name; matching on the payload rather than the message keeps the
// detail text free to change.
constexpr absl::string_view kConstraintPayload = "type.fascia.dev/constraint";

const std::string& EmptyString() {
  static const std::string* const empty = new std::string();
  return *empty;
}

}  // namespace

const std::string& Value::AsText() const {
  if (const auto* s = std::get_if<std::string>(&v_)) return *s;
  return EmptyString();
}

const std::string& Value::AsBytes() const {
  if (const auto* b = std::get_if<Bytes>(&v_)) return b->data;
  return EmptyString();
}

absl::Status Connection::ForEachRow(std::string_view sql, const std::vector<Value>& params,
                                    const std::function<absl::Status(const Row&)>& on_row) {
  absl::StatusOr<Rows> rows = Query(sql, params);
  if (!rows.ok()) return rows.status();
  for (const Row& row : *rows) {
    absl::Status status = on_row(row);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status ConstraintViolationError(std::string_view constraint, std::string_view detail) {
  absl::Status status(absl::StatusCode::kAlreadyExists,
                      absl::StrCat("constraint ", ToAbsl(constraint), " violated: ", ToAbsl(detail)));
  status.SetPayload(kConstraintPayload, absl::Cord(ToAbsl(constraint)));
  return status;
}

std::optional<std::string> ViolatedConstraint(const absl::Status& status) {
  if (status.ok()) return std::nullopt;
  absl::optional<absl::Cord> payload = status.GetPayload(kConstraintPayload);
  if (!payload.has_value()) return std::nullopt;
  return std::string(*payload);
}

absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(std::string_view url,
                                                       const DatabaseOptions& options) {
  if (options.call_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("database call_timeout must be positive");
  }
  if (absl::StartsWith(ToAbsl(url), "sqlite:")) {
    std::string_view path = url.substr(std::string_view("sqlite:").size());
    // Accept the URL spelling sqlite:///abs/path as well as sqlite:/abs/path.
    if (absl::StartsWith(ToAbsl(path), "//")) path.remove_prefix(2);
    return OpenSqliteDatabase(std::string(path), options);
  }
  if (absl::StartsWith(ToAbsl(url), "postgres://") ||
      absl::StartsWith(ToAbsl(url), "postgresql://")) {
    return OpenPostgresDatabase(std::string(url), options);
  }
  // Never echo the URL: a PostgreSQL URL may carry a password.
  return absl::InvalidArgumentError(
      "database URL must start with sqlite:, postgres:// or postgresql://");
}

}  // namespace fascia::storage
