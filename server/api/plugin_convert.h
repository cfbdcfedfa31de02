// Conversion between the public API's intake messages (fascia.v1, full
// runtime) and the plugin protocol's (fascia.plugin.v1, lite). The two are
// wire-compatible by design (intake.proto's header): a message is converted
// by re-parsing its bytes. intake_test checks the round trip both ways.
#ifndef FASCIA_API_PLUGIN_CONVERT_H_
#define FASCIA_API_PLUGIN_CONVERT_H_

#include <string>

#include "fascia/plugin/v1/plugin.pb.h"
#include "fascia/v1/intake.pb.h"

namespace fascia::api {

// REQUIRES: To and From are mirror messages (same field numbers and types).
template <typename To, typename From>
To ConvertMirror(const From& from) {
  To to;
  to.ParseFromString(from.SerializeAsString());
  return to;
}

}  // namespace fascia::api

#endif  // FASCIA_API_PLUGIN_CONVERT_H_
