// DriverDatabase::Migrate(): applies the embedded migrations not yet recorded
// in schema_migrations, one transaction per migration, for either engine.
//
// Why it is safe with several processes starting at once: every migration
// transaction first takes the engine's exclusive migration lock (PostgreSQL:
// a transaction-scoped advisory lock; SQLite: BEGIN IMMEDIATE), and only then
// checks whether its version is already recorded. A process that lost the
// race therefore finds the row and skips the file.
#include <cstdint>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "storage/internal/driver.h"
#include "storage/internal/migrations.h"
#include "storage/internal/string_view.h"

namespace fascia::storage::internal {
namespace {

// Migrations may rewrite large tables and may wait for another process's
// migration; call_timeout is sized for requests, not for that.
constexpr absl::Duration kMigrationTimeout = absl::Minutes(10);

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version BIGINT PRIMARY KEY, applied_us BIGINT NOT NULL)";

absl::Status Lock(DriverConnection& c, std::string_view lock_sql) {
  if (lock_sql.empty()) return absl::OkStatus();
  return c.Query(lock_sql, {}).status();
}

}  // namespace

absl::Status DriverDatabase::Migrate() {
  const absl::Span<const Migration> migrations = EmbeddedMigrations(engine());
  const std::string_view lock_sql = MigrationLockSql();

  absl::flat_hash_set<int64_t> applied;
  RETURN_IF_ERROR(TransactUntil(
      TxMode::kWrite, absl::Now() + kMigrationTimeout, [&](DriverConnection& c) -> absl::Status {
        applied.clear();
        RETURN_IF_ERROR(Lock(c, lock_sql));
        RETURN_IF_ERROR(c.ExecScript(kCreateTable));
        ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT version FROM schema_migrations", {}));
        for (const Row& row : rows) applied.insert(row[0].AsInt());
        return absl::OkStatus();
      }));

  int64_t newest_known = 0;
  for (const Migration& m : migrations) {
    newest_known = m.version;
    if (applied.contains(m.version)) continue;
    bool applied_here = false;
    absl::Status status = TransactUntil(
        TxMode::kWrite, absl::Now() + kMigrationTimeout, [&](DriverConnection& c) -> absl::Status {
          applied_here = false;
          RETURN_IF_ERROR(Lock(c, lock_sql));
          ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT 1 FROM schema_migrations WHERE version = $1",
                                              {Value(m.version)}));
          if (!rows.empty()) return absl::OkStatus();  // another process got here first
          RETURN_IF_ERROR(c.ExecScript(m.sql));
          RETURN_IF_ERROR(c.Execute("INSERT INTO schema_migrations (version, applied_us) "
                                    "VALUES ($1, $2)",
                                    {Value(m.version), Value(absl::ToUnixMicros(absl::Now()))})
                              .status());
          applied_here = true;
          return absl::OkStatus();
        });
    if (!status.ok()) {
      Log(LogLevel::kError, "storage.migration_failed",
          {{"migration", ToAbsl(m.name)}, {"error", status.message()}}, {{"version", m.version}});
      return absl::Status(status.code(),
                          absl::StrCat("migration ", ToAbsl(m.name), ": ", status.message()));
    }
    if (applied_here) {
      Log(LogLevel::kInfo, "storage.migration_applied", {{"migration", ToAbsl(m.name)}},
          {{"version", m.version}});
    }
  }

  for (int64_t version : applied) {
    if (version > newest_known) {
      // A newer binary migrated this database (e.g. mid rolling upgrade). Its
      // migrations are expected to stay compatible with the previous release.
      Log(LogLevel::kWarning, "storage.schema_newer_than_binary", {},
          {{"version", version}, {"newest_known", newest_known}});
    }
  }
  return absl::OkStatus();
}

}  // namespace fascia::storage::internal
