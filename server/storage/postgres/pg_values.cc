// See pg_values.h.
#include "storage/postgres/pg_values.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "storage/internal/string_view.h"

namespace fascia::storage::pg_internal {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> DecodeByteaHex(absl::string_view text) {
  if (!absl::StartsWith(text, "\\x") || text.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 2 - 1);
  for (size_t i = 2; i < text.size(); i += 2) {
    int hi = HexDigit(text[i]);
    int lo = HexDigit(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi << 4 | lo));
  }
  return out;
}

Value DecodeCell(unsigned type_oid, absl::string_view text) {
  int64_t n;
  switch (type_oid) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid:
    case kOidOid:
      if (absl::SimpleAtoi(text, &n)) return Value(n);
      break;
    case kNumericOid:
      // SUM(bigint) is numeric in PostgreSQL but an integer in SQLite;
      // reading integral numerics as int keeps repositories engine-neutral.
      if (absl::SimpleAtoi(text, &n)) return Value(n);
      break;
    case kBoolOid:
      return Value(static_cast<int64_t>(text == "t" ? 1 : 0));
    case kByteaOid:
      if (std::optional<std::string> bytes = DecodeByteaHex(text)) {
        return Value::Blob(*std::move(bytes));
      }
      break;
    default:
      break;
  }
  return Value(std::string(text));
}

absl::Status PgErrorStatus(absl::string_view sqlstate, absl::string_view constraint,
                           absl::string_view primary) {
  std::string message = absl::StartsWith(sqlstate, "22")
                            ? absl::StrCat("PostgreSQL data exception (SQLSTATE ", sqlstate, ")")
                            : absl::StrCat("PostgreSQL: ", primary, " (SQLSTATE ", sqlstate, ")");
  if (sqlstate == "23505" || sqlstate == "23P01") {
    return ConstraintViolationError(
        constraint.empty() ? "unknown_constraint" : internal::ToStd(constraint), message);
  }
  if (absl::StartsWith(sqlstate, "23")) return absl::FailedPreconditionError(message);
  if (IsRetryableSqlState(sqlstate)) return absl::AbortedError(message);
  if (sqlstate == "57014") {
    return absl::DeadlineExceededError(
        absl::StrCat("PostgreSQL statement canceled at the call deadline (SQLSTATE 57014)"));
  }
  if (absl::StartsWith(sqlstate, "08") || sqlstate == "57P01" || sqlstate == "57P02" ||
      sqlstate == "57P03" || sqlstate == "25006") {
    // 25006 in a write transaction: the server is a read-only standby, e.g.
    // just after a failover; another connection may reach the new primary.
    return absl::UnavailableError(message);
  }
  if (absl::StartsWith(sqlstate, "53")) return absl::ResourceExhaustedError(message);
  if (sqlstate == "XX001" || sqlstate == "XX002") return absl::DataLossError(message);
  return absl::InternalError(message);
}

bool IsRetryableSqlState(absl::string_view sqlstate) {
  return sqlstate == "40001" || sqlstate == "40P01";
}

}  // namespace fascia::storage::pg_internal
