// Pure conversions of the PostgreSQL driver, kept apart from libpq so they can
// be unit-tested: result cells (text format) to Value, and SQLSTATE to
// absl::Status.
//
// Thread-safety: pure functions.
#ifndef FASCIA_STORAGE_POSTGRES_PG_VALUES_H_
#define FASCIA_STORAGE_POSTGRES_PG_VALUES_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "storage/database.h"

namespace fascia::storage::pg_internal {

// Type OIDs from pg_type.dat; fixed since forever and part of the protocol.
inline constexpr unsigned kBoolOid = 16;
inline constexpr unsigned kByteaOid = 17;
inline constexpr unsigned kInt8Oid = 20;
inline constexpr unsigned kInt2Oid = 21;
inline constexpr unsigned kInt4Oid = 23;
inline constexpr unsigned kTextOid = 25;
inline constexpr unsigned kOidOid = 26;
inline constexpr unsigned kNumericOid = 1700;

// Decodes bytea hex output ("\x0aff"); nullopt if `text` is not that format.
std::optional<std::string> DecodeByteaHex(absl::string_view text);

// Converts one non-NULL text-format result cell of type `type_oid`.
Value DecodeCell(unsigned type_oid, absl::string_view text);

// The status for a server error. `primary` is PG_DIAG_MESSAGE_PRIMARY and is
// dropped for data exceptions (class 22), whose messages quote input values.
absl::Status PgErrorStatus(absl::string_view sqlstate, absl::string_view constraint,
                           absl::string_view primary);

// 40001 serialization_failure or 40P01 deadlock_detected: rerun the transaction.
bool IsRetryableSqlState(absl::string_view sqlstate);

}  // namespace fascia::storage::pg_internal

#endif  // FASCIA_STORAGE_POSTGRES_PG_VALUES_H_
