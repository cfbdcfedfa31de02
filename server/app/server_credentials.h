// gRPC server credentials from the settings: plaintext, TLS, or mutual TLS
// (clients must present a certificate signed by tls_client_ca_file).
#ifndef FASCIA_APP_SERVER_CREDENTIALS_H_
#define FASCIA_APP_SERVER_CREDENTIALS_H_

#include <memory>

#include <grpcpp/security/server_credentials.h>

#include "absl/status/statusor.h"
#include "app/settings.h"

namespace fascia::app {

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(const Settings& s);

}  // namespace fascia::app

#endif  // FASCIA_APP_SERVER_CREDENTIALS_H_
