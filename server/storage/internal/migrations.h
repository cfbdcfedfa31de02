// The numbered schema migrations, embedded into the binary at build time.
//
// Each engine has its own directory, server/storage/migrations/{sqlite,postgres},
// holding files named NNNN_description.sql (NNNN a decimal version). The
// build (embed_migrations.cmake) compiles them into a generated .cc sorted by
// version and refuses to build if the two directories hold different versions,
// so both engines always share one schema history.
//
// A migration file must not contain BEGIN/COMMIT: Migrate() wraps each file in
// its own transaction together with its schema_migrations row.
//
// Thread-safety: immutable data.
#ifndef FASCIA_STORAGE_INTERNAL_MIGRATIONS_H_
#define FASCIA_STORAGE_INTERNAL_MIGRATIONS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/types/span.h"
#include "storage/database.h"

namespace fascia::storage::internal {

struct Migration {
  int64_t version;
  std::string_view name;  // file name without ".sql", e.g. "0001_scheduling"
  std::string_view sql;
};

// Every embedded migration of `engine`, ascending by version.
absl::Span<const Migration> EmbeddedMigrations(Engine engine);

}  // namespace fascia::storage::internal

#endif  // FASCIA_STORAGE_INTERNAL_MIGRATIONS_H_
