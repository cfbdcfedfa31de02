// Opening a plugin .so in THIS process: dlopen, ABI negotiation, create(),
// DESCRIBE and Descriptor validation. Used by the in-process adapter and by
// fascia-plugin-host, so both modes accept and reject exactly the same
// plugins with the same messages.
//
//   absl::StatusOr<std::unique_ptr<LoadedLibrary>> lib =
//       LoadedLibrary::Open("/usr/lib/fascia/prenatal.so", settings);
//   RawResult r = RawCall(lib->table(), lib->instance(), method, bytes);
//
// Every rejection is a status whose message starts "plugin <path>: " and
// says what is wrong, e.g. "plugin /x/y.so: ABI major 2, host speaks 1".
//
// The shared object is never dlclose()d: the C++ and protobuf runtimes in a
// plugin may register exit-time hooks that would then point into unmapped
// code. Plugins are loaded once at start-up, so the cost is a mapping.
#ifndef FASCIA_PLUGINS_LOADER_H_
#define FASCIA_PLUGINS_LOADER_H_

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "fascia/plugin/v1/plugin.pb.h"
#include "fascia_plugin.h"
#include "plugins/plugin.h"

namespace fascia::plugins {

// The file name to dlopen for a configured plugin `path`. A name without a
// '/' means a file in the working directory, as the config documents, so it
// becomes "./name": dlopen would otherwise look for it on the library search
// path (LD_LIBRARY_PATH, the system directories) and might load another
// library of that name.
std::string DlopenPath(const std::string& path);

class LoadedLibrary {
 public:
  // See the file comment. `info.mode` is left kInProcess; callers set it.
  static absl::StatusOr<std::unique_ptr<LoadedLibrary>> Open(
      const std::string& path, const std::map<std::string, std::string>& settings);

  LoadedLibrary(const LoadedLibrary&) = delete;
  LoadedLibrary& operator=(const LoadedLibrary&) = delete;
  // Calls destroy() unless Leak() was called.
  // REQUIRES: no call in flight on instance().
  ~LoadedLibrary();

  // A call is stuck inside the plugin for good: never destroy the instance.
  void Leak() { leaked_ = true; }

  const fascia_plugin_table& table() const { return *table_; }
  void* instance() const { return instance_; }
  const PluginInfo& info() const { return info_; }
  const pb::Descriptor& descriptor() const { return descriptor_; }

 private:
  LoadedLibrary() = default;

  const fascia_plugin_table* table_ = nullptr;
  void* instance_ = nullptr;
  PluginInfo info_;
  pb::Descriptor descriptor_;
  bool leaked_ = false;
};

}  // namespace fascia::plugins

#endif  // FASCIA_PLUGINS_LOADER_H_
