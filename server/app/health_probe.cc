// Health probe client; see health_probe.h.
#include "app/health_probe.h"

#include <iostream>

#include <grpcpp/grpcpp.h>

#include "grpc/health/v1/health.grpc.pb.h"

namespace fascia::app {

int ProbeHealth(const std::string& target, absl::Duration timeout) {
  auto channel = grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
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
