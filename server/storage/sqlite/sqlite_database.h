// The SQLite driver: Fascia's embedded default engine.
//
// One writer connection, used by one transaction at a time: in-process
// writers queue for it first come first served, each waiting at most until
// its deadline (call_timeout) and then failing DEADLINE_EXCEEDED. A writer
// thread of the Database's own runs the queued transactions in batches that
// share one commit (see sqlite_database.cc); a caller's function therefore
// runs on that thread, while the caller waits. Write
// transactions are BEGIN IMMEDIATE, so writers from other processes on the
// same file are serialized too (they wait in the busy handler, bounded by the
// same deadline). Because every writer is serialized, the overlap triggers of
// the schema see every committed row: that is what makes double booking
// impossible on SQLite. Read transactions (TxMode::kRead) use a pool of
// `pool_size` query_only reader connections that run beside the writer (WAL).
//
// Values: as on PostgreSQL, text containing NUL is refused (INVALID_ARGUMENT).
//
// Errors: a trigger's RAISE(ABORT, 'name') and a UNIQUE/PRIMARY KEY failure
// become ConstraintViolationError. Unique failures are named after the index
// whose columns match the failed columns; a primary key is named
// "<table>_pkey" and an inline UNIQUE column constraint "<table>_<cols>_key",
// the names PostgreSQL gives them.
//
// Thread-safety: the returned Database is thread-safe.
#ifndef FASCIA_STORAGE_SQLITE_SQLITE_DATABASE_H_
#define FASCIA_STORAGE_SQLITE_SQLITE_DATABASE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "storage/database.h"

namespace fascia::storage {

// Opens (creating if needed) the database file at `path`; the directory must
// exist. ":memory:" is refused: every connection would see its own database.
absl::StatusOr<std::unique_ptr<Database>> OpenSqliteDatabase(std::string path,
                                                             const DatabaseOptions& options);

}  // namespace fascia::storage

#endif  // FASCIA_STORAGE_SQLITE_SQLITE_DATABASE_H_
