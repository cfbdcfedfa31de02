// See handshake.h. Lengths are checked against what is left before any
// read, so a short or corrupt body is DATA_LOSS rather than a bad read.
#include "plugins/handshake.h"

#include <cstdint>

#include "fascia_plugin.h"

namespace fascia::plugins {
namespace {

void PutU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

bool GetU32(absl::string_view& in, uint32_t& v) {
  if (in.size() < 4) return false;
  v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(in[i])) << (8 * i);
  in.remove_prefix(4);
  return true;
}

bool GetString(absl::string_view& in, std::string& s) {
  uint32_t len = 0;
  if (!GetU32(in, len) || in.size() < len) return false;
  s.assign(in.data(), len);
  in.remove_prefix(len);
  return true;
}

}  // namespace

std::string EncodeLoadOk(const PluginInfo& info, const pb::Descriptor& descriptor) {
  std::string out;
  PutU32(out, info.abi_major);
  PutU32(out, info.abi_minor);
  PutU32(out, info.concurrent ? FASCIA_PLUGIN_CONCURRENT : 0);
  PutU32(out, static_cast<uint32_t>(info.plugin_id.size()));
  out += info.plugin_id;
  PutU32(out, static_cast<uint32_t>(info.version.size()));
  out += info.version;
  descriptor.AppendToString(&out);
  return out;
}

absl::StatusOr<LoadOk> DecodeLoadOk(absl::string_view body) {
  LoadOk ok;
  uint32_t flags = 0;
  if (!GetU32(body, ok.info.abi_major) || !GetU32(body, ok.info.abi_minor) ||
      !GetU32(body, flags) || !GetString(body, ok.info.plugin_id) ||
      !GetString(body, ok.info.version) ||
      !ok.descriptor.ParseFromArray(body.data(), static_cast<int>(body.size()))) {
    return absl::DataLossError("malformed load reply from the plugin host");
  }
  ok.info.concurrent = (flags & FASCIA_PLUGIN_CONCURRENT) != 0;
  return ok;
}

}  // namespace fascia::plugins
