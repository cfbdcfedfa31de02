// See loader.h. The checks run in the order that lets each one read only
// fields already known to exist: table present, version fields present,
// major, minor, the whole 1.x table, its pointers, then create/DESCRIBE.
#include "plugins/loader.h"

#include <dlfcn.h>

#include <cstddef>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "fascia/plugin_forms.h"
#include "plugins/abi_call.h"

namespace fascia::plugins {
namespace {

constexpr size_t kVersionFieldsEnd = offsetof(fascia_plugin_table, abi_minor) + sizeof(uint32_t);
constexpr size_t kTableEnd = offsetof(fascia_plugin_table, invoke) + sizeof(void*);

absl::Status Reject(const std::string& path, absl::StatusCode code, absl::string_view why) {
  return absl::Status(code, absl::StrCat("plugin ", path, ": ", why));
}

}  // namespace

std::string DlopenPath(const std::string& path) {
  return path.find('/') == std::string::npos ? "./" + path : path;
}

absl::StatusOr<std::unique_ptr<LoadedLibrary>> LoadedLibrary::Open(
    const std::string& path, const std::map<std::string, std::string>& settings) {
  const auto kBad = absl::StatusCode::kFailedPrecondition;
  // RTLD_LOCAL: each plugin keeps its own copy of the SDK and protobuf
  // generated code; RTLD_NOW: a missing symbol fails here, not mid-call.
  void* handle = dlopen(DlopenPath(path).c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* err = dlerror();
    return Reject(path, kBad, absl::StrCat("cannot load: ", err ? err : "unknown dlopen error"));
  }
  auto entry = reinterpret_cast<fascia_plugin_entry_fn>(dlsym(handle, FASCIA_PLUGIN_ENTRY_SYMBOL));
  if (entry == nullptr) {
    return Reject(path, kBad,
                  absl::StrCat("no entry symbol ", FASCIA_PLUGIN_ENTRY_SYMBOL,
                               " (not a Fascia plugin?)"));
  }
  const fascia_plugin_table* table = entry(FASCIA_PLUGIN_ABI_MAJOR, FASCIA_PLUGIN_ABI_MINOR);
  if (table == nullptr) {
    return Reject(path, kBad,
                  absl::StrCat(FASCIA_PLUGIN_ENTRY_SYMBOL, " returned NULL: the plugin cannot serve "
                               "host ABI ", FASCIA_PLUGIN_ABI_MAJOR, ".", FASCIA_PLUGIN_ABI_MINOR));
  }
  if (table->struct_size < kVersionFieldsEnd) {
    return Reject(path, kBad,
                  absl::StrCat("ABI table is ", table->struct_size,
                               " bytes, too short to hold its version"));
  }
  if (table->abi_major != FASCIA_PLUGIN_ABI_MAJOR) {
    return Reject(path, kBad,
                  absl::StrCat("ABI major ", table->abi_major, ", host speaks ",
                               FASCIA_PLUGIN_ABI_MAJOR));
  }
  if (table->abi_minor > FASCIA_PLUGIN_ABI_MINOR) {
    return Reject(path, kBad,
                  absl::StrCat("ABI ", table->abi_major, ".", table->abi_minor,
                               " is newer than the host's ", FASCIA_PLUGIN_ABI_MAJOR, ".",
                               FASCIA_PLUGIN_ABI_MINOR));
  }
  if (table->struct_size < kTableEnd) {
    return Reject(path, kBad,
                  absl::StrCat("ABI table is ", table->struct_size, " bytes, ABI ",
                               table->abi_major, ".", table->abi_minor, " needs at least ",
                               kTableEnd));
  }
  if (table->plugin_id == nullptr || table->plugin_version == nullptr ||
      table->create == nullptr || table->destroy == nullptr || table->invoke == nullptr) {
    return Reject(path, kBad, "ABI table has a NULL id, version or function");
  }

  std::unique_ptr<LoadedLibrary> lib(new LoadedLibrary());
  lib->table_ = table;
  lib->info_.plugin_id = table->plugin_id;
  lib->info_.version = table->plugin_version;
  lib->info_.abi_major = table->abi_major;
  lib->info_.abi_minor = table->abi_minor;
  lib->info_.concurrent = (table->flags & FASCIA_PLUGIN_CONCURRENT) != 0;
  lib->info_.path = path;

  pb::PluginConfig config;
  config.mutable_settings()->insert(settings.begin(), settings.end());
  const std::string config_bytes = config.SerializeAsString();
  OutputBuffer error;
  lib->instance_ = table->create(reinterpret_cast<const uint8_t*>(config_bytes.data()),
                                 config_bytes.size(), error.output());
  if (lib->instance_ == nullptr) {
    const std::string who = absl::StrCat("plugin ", path, ": create() failed");
    if (!error.allocated()) {
      return absl::InternalError(absl::StrCat(
          who, error.refused() ? ", and its error was larger than the host accepts"
                               : " without an error"));
    }
    return StatusFromErrorBytes(error.bytes(), who);
  }

  // From here on the destructor destroys the instance on every early return.
  const std::string who = absl::StrCat("plugin ", path, ": DESCRIBE");
  absl::StatusOr<std::string> described =
      InterpretResult(RawCall(*table, lib->instance_, FASCIA_METHOD_DESCRIBE,
                              pb::DescribeRequest().SerializeAsString()),
                      who);
  if (!described.ok()) return described.status();
  if (!lib->descriptor_.ParseFromString(*described)) {
    return Reject(path, absl::StatusCode::kDataLoss, "DESCRIBE reply does not parse");
  }
  std::vector<pb::FieldError> problems =
      plugin_sdk::ValidateDescriptor(lib->descriptor_, lib->info_.plugin_id, lib->info_.version);
  if (!problems.empty()) {
    std::vector<std::string> parts;
    for (const pb::FieldError& p : problems) {
      parts.push_back(absl::StrCat(p.field(), ": ", p.description()));
    }
    return Reject(path, kBad, absl::StrCat("invalid Descriptor: ", absl::StrJoin(parts, "; ")));
  }
  return lib;
}

LoadedLibrary::~LoadedLibrary() {
  if (instance_ != nullptr && !leaked_) table_->destroy(instance_);
}

}  // namespace fascia::plugins
