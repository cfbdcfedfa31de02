// Plaintext / TLS / mTLS server credentials; see server_credentials.h.
#include "app/server_credentials.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace fascia::app {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::FailedPreconditionError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(const Settings& s) {
  if (s.tls_cert_file.empty()) return grpc::InsecureServerCredentials();
  auto cert = ReadFile(s.tls_cert_file);
  if (!cert.ok()) return cert.status();
  auto key = ReadFile(s.tls_key_file);
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions options;
  options.pem_key_cert_pairs.push_back({*key, *cert});
  if (!s.tls_client_ca_file.empty()) {
    auto ca = ReadFile(s.tls_client_ca_file);
    if (!ca.ok()) return ca.status();
    options.pem_root_certs = *ca;
    options.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(options);
}

}  // namespace fascia::app
