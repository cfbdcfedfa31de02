// Health probe client; see health_probe.h.
#include "app/health_probe.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include <grpcpp/grpcpp.h>

#include "grpc/health/v1/health.grpc.pb.h"

namespace fascia::app {

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::shared_ptr<grpc::ChannelCredentials> Credentials(const ProbeTls& tls) {
  if (tls.ca_file.empty()) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadFile(tls.ca_file);
  if (!tls.cert_file.empty()) {
    options.pem_cert_chain = ReadFile(tls.cert_file);
    options.pem_private_key = ReadFile(tls.key_file);
  }
  return grpc::SslCredentials(options);
}

}  // namespace

int ProbeHealth(const std::string& target, const ProbeTls& tls, absl::Duration timeout) {
  auto channel = grpc::CreateChannel(target, Credentials(tls));
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&ctx, request, &response);
  if (!status.ok()) {
    std::cerr << "fasciad healthcheck: " << target << ": " << status.error_message() << "\n";
    return 1;
  }
  if (response.status() != grpc::health::v1::HealthCheckResponse::SERVING) {
    std::cerr << "fasciad healthcheck: " << target << " is "
              << grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status()) << "\n";
    return 1;
  }
  return 0;
}

}  // namespace fascia::app
