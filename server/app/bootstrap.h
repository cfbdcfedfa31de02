// `fasciad bootstrap`: creates an organization (if missing) and an OWNER API
// key for it. The first key of a chain cannot come from the API (every RPC
// needs a key), so it comes from the server's own command line, run by
// whoever operates the database. Audited as actor "fasciad bootstrap".
#ifndef FASCIA_APP_BOOTSTRAP_H_
#define FASCIA_APP_BOOTSTRAP_H_

#include <string>

#include "absl/status/statusor.h"
#include "api/services.h"
#include "app/settings.h"

namespace fascia::app {

// Returns the new key's token (shown once).
absl::StatusOr<std::string> BootstrapOwnerKey(const api::ApiContext& ctx,
                                              const std::string& organization_id,
                                              const std::string& display_name,
                                              const std::string& key_display_name);

// The command: opens the database from `settings`, migrates, bootstraps, and
// prints the key to stdout, or writes it to `key_file` (mode 0600) if given.
int RunBootstrap(const Settings& settings, const std::string& organization_id,
                 const std::string& display_name, const std::string& key_file);

// Writes `token` to `path` readable by the owner only: a new file (mode
// 0600) renamed into place, never an existing file or a symlink opened.
absl::Status WriteKeyFile(const std::string& path, const std::string& token);

}  // namespace fascia::app

#endif  // FASCIA_APP_BOOTSTRAP_H_
