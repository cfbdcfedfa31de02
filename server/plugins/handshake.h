// The body of the kLoadOk frame (frame.h): what fascia-plugin-host learned
// when it loaded the plugin, i.e. the table's id, version, ABI and flags
// plus the validated Descriptor, so fasciad knows the plugin exactly as if
// it had loaded it itself.
//
//   body = u32 abi_major | u32 abi_minor | u32 flags
//        | u32 len | plugin_id | u32 len | version | Descriptor bytes (rest)
#ifndef FASCIA_PLUGINS_HANDSHAKE_H_
#define FASCIA_PLUGINS_HANDSHAKE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "fascia/plugin/v1/plugin.pb.h"
#include "plugins/plugin.h"

namespace fascia::plugins {

struct LoadOk {
  PluginInfo info;  // id, version, abi_major/minor, concurrent
  pb::Descriptor descriptor;
};

std::string EncodeLoadOk(const PluginInfo& info, const pb::Descriptor& descriptor);
// DATA_LOSS if `body` is not a well-formed LoadOk.
absl::StatusOr<LoadOk> DecodeLoadOk(absl::string_view body);

}  // namespace fascia::plugins

#endif  // FASCIA_PLUGINS_HANDSHAKE_H_
