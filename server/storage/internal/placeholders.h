// Scans the `$N` positional parameters of a repository SQL statement, so that
// the SQLite driver can rewrite them to SQLite's `?N` and both drivers can
// check the parameter count before running anything.
//
// Contract: `$` followed by decimal digits is a placeholder, except inside
// '...' string literals, "..." identifiers, -- and /* */ comments, and
// PostgreSQL $tag$...$tag$ dollar quotes, which are copied unchanged.
//
// Thread-safety: pure functions.
#ifndef FASCIA_STORAGE_INTERNAL_PLACEHOLDERS_H_
#define FASCIA_STORAGE_INTERNAL_PLACEHOLDERS_H_

#include <string>
#include <string_view>

namespace fascia::storage::internal {

struct ScannedSql {
  std::string sqlite_sql;  // the statement with every `$N` written `?N`
  int max_param = 0;       // the largest N used; 0 when there are none
};

ScannedSql ScanPlaceholders(std::string_view sql);

}  // namespace fascia::storage::internal

#endif  // FASCIA_STORAGE_INTERNAL_PLACEHOLDERS_H_
