// Organization + owner key bootstrap; see bootstrap.h.
#include "app/bootstrap.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "api/api_keys.h"
#include "api/auditing_database.h"
#include "api/caller.h"
#include "api/resource_types.h"
#include "app/app.h"
#include "common/log.h"
#include "common/status_macros.h"

namespace fascia::app {

absl::StatusOr<std::string> BootstrapOwnerKey(const api::ApiContext& ctx,
                                              const std::string& organization_id,
                                              const std::string& display_name,
                                              const std::string& key_display_name) {
  const std::string organization = absl::StrCat("organizations/", organization_id);
  auto caller = api::Caller::ForSystem(organization, "fasciad bootstrap", ctx.clock());
  api::ResourceCrud<fascia::v1::Organization> orgs(*ctx.db, api::OrganizationType(), ctx.clock);
  fascia::v1::Organization org;
  org.set_display_name(display_name.empty() ? organization_id : display_name);
  auto created = orgs.Create(*caller, "", org, organization_id, "");
  if (!created.ok() && !absl::IsAlreadyExists(created.status())) return created.status();

  fascia::v1::ApiKey key;
  key.set_name(organization);  // InsertKey turns the parent into the key's name
  key.set_display_name(key_display_name);
  key.set_role(fascia::v1::OWNER);
  key.set_created_by("fasciad bootstrap");
  std::string token;
  RETURN_IF_ERROR(ctx.db->Transact(storage::TxMode::kWrite, [&](storage::Connection& c) {
    ASSIGN_OR_RETURN(token, api::InsertKey(c, key, ctx.clock()));
    return absl::OkStatus();
  }));
  Log(LogLevel::kInfo, "owner_key_created", {{"organization", organization}, {"key", key.name()}});
  return token;
}

absl::Status WriteKeyFile(const std::string& path, const std::string& token) {
  // A new file, ours alone, renamed over `path`: opening `path` itself would
  // keep an existing file's looser mode, or follow a symlink planted in a
  // shared directory. mkostemp creates with O_EXCL and mode 0600.
  std::string temp = path + ".XXXXXX";
  int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) return absl::FailedPreconditionError(absl::StrCat("cannot write ", path));
  std::string line = token + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  ok = ok && ::rename(temp.c_str(), path.c_str()) == 0;
  if (!ok) {
    ::unlink(temp.c_str());
    return absl::DataLossError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

int RunBootstrap(const Settings& settings, const std::string& organization_id,
                 const std::string& display_name, const std::string& key_file) {
  if (organization_id.empty() || !api::IsValidId(organization_id)) {
    std::cerr << "fasciad bootstrap: --organization must be an id matching [a-z0-9][a-z0-9-]{0,62}\n";
    return 2;
  }
  absl::Status prepared = PrepareDataDir(settings);
  if (!prepared.ok()) {
    std::cerr << "fasciad bootstrap: " << prepared.message() << "\n";
    return 1;
  }
  auto inner = storage::OpenDatabase(settings.database_url, DatabaseOptionsFrom(settings));
  if (!inner.ok()) {
    std::cerr << "fasciad bootstrap: " << inner.status().message() << "\n";
    return 1;
  }
  api::AuditingDatabase db(std::move(*inner));
  absl::Status migrated = db.Migrate();
  if (!migrated.ok()) {
    std::cerr << "fasciad bootstrap: " << migrated.message() << "\n";
    return 1;
  }
  api::ApiContext ctx;
  ctx.db = ctx.audit = &db;
  ctx.clock = [] { return absl::Now(); };
  auto token = BootstrapOwnerKey(ctx, organization_id, display_name, "bootstrap owner key");
  db.Close();
  if (!token.ok()) {
    std::cerr << "fasciad bootstrap: " << token.status().message() << "\n";
    return 1;
  }
  if (key_file.empty()) {
    std::cout << *token << "\n";
    return 0;
  }
  absl::Status written = WriteKeyFile(key_file, *token);
  if (!written.ok()) {
    std::cerr << "fasciad bootstrap: " << written.message() << "\n";
    return 1;
  }
  std::cerr << "owner key for organizations/" << organization_id << " written to " << key_file << "\n";
  return 0;
}

}  // namespace fascia::app
