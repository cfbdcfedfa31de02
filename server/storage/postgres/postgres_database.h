// The PostgreSQL driver: for chains that run several fasciad replicas on one
// shared database.
//
// A pool of up to `pool_size` libpq connections (one opened at start-up to
// fail fast on a bad URL, the rest on demand); a connection found broken is
// replaced on next use. Waiting for a free connection, and every statement,
// is bounded by the transaction's deadline (call_timeout): the driver cancels
// a statement still running at the deadline, and also sets statement_timeout
// so the server gives up by itself if the client cannot reach it. Opening a
// connection is bounded by libpq's connect_timeout instead (whole seconds, at
// least 2; a connect_timeout in the URL wins).
//
// Transactions: kWrite is BEGIN (READ COMMITTED; the exclusion constraints
// and unique indexes carry the invariants); kRead is BEGIN ISOLATION LEVEL
// REPEATABLE READ READ ONLY, one snapshot like a SQLite read transaction.
// Serialization failures (40001) and deadlocks (40P01) are retried up to 5
// times, and a transaction whose pooled connection turned out to be dead
// before BEGIN completed is retried once on a fresh connection.
//
// Values: Value::Bytes parameters go in binary format (BYTEA), integers are
// typed int8 and text text (so text must not be bound to a BIGINT column);
// NULL is left for the server to infer. Text containing NUL is refused
// (INVALID_ARGUMENT): PostgreSQL text cannot hold it. Result columns
// of type int2/int4/int8/oid and integral numeric (e.g. SUM(bigint)) read as
// int, bool as int 0/1, bytea as bytes, everything else as text.
//
// Errors: 23505 unique_violation and 23P01 exclusion_violation become
// ConstraintViolationError(PG_DIAG_CONSTRAINT_NAME); 57014 query_canceled
// becomes DEADLINE_EXCEEDED; lost or refused connections UNAVAILABLE. Error
// DETAIL (which quotes row values) is never used, and parameters are never
// logged.
//
// Thread-safety: the returned Database is thread-safe.
#ifndef FASCIA_STORAGE_POSTGRES_POSTGRES_DATABASE_H_
#define FASCIA_STORAGE_POSTGRES_POSTGRES_DATABASE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "storage/database.h"

namespace fascia::storage {

// `url` is a libpq URI (postgres://... or postgresql://...).
absl::StatusOr<std::unique_ptr<Database>> OpenPostgresDatabase(std::string url,
                                                               const DatabaseOptions& options);

// Whether a libpq URI carries a password, as user:password@ or ?password=.
// INVALID_ARGUMENT if libpq cannot parse it; the message never quotes the
// URL or libpq's complaint, either of which may show the password.
absl::StatusOr<bool> PostgresUrlHasPassword(const std::string& url);

}  // namespace fascia::storage

#endif  // FASCIA_STORAGE_POSTGRES_POSTGRES_DATABASE_H_
