// `fasciad healthcheck`: asks a running fasciad's grpc.health.v1 service
// whether it is SERVING. Used by container HEALTHCHECKs and scripts, where no
// separate gRPC probe binary is installed.
#ifndef FASCIA_APP_HEALTH_PROBE_H_
#define FASCIA_APP_HEALTH_PROBE_H_

#include <string>

#include "absl/time/time.h"

namespace fascia::app {

// How to reach the server: plaintext when ca_file is empty; TLS trusting
// ca_file otherwise, presenting cert_file/key_file when the server requires
// client certificates.
struct ProbeTls {
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
};

// 0 when `target` answers SERVING within `timeout`, 1 otherwise (with the
// reason on stderr).
int ProbeHealth(const std::string& target, const ProbeTls& tls, absl::Duration timeout);

}  // namespace fascia::app

#endif  // FASCIA_APP_HEALTH_PROBE_H_
