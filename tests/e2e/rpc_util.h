// gRPC client plumbing shared by the end-to-end tests: channels that each
// open their own connection (and may carry an API key), absolute deadlines,
// the google.rpc error details of a failed call, and the grpc.health.v1 Check.
//
//   auto channel = NewChannel("127.0.0.1:50051", owner_key);
//   grpc::ClientContext ctx;
//   SetDeadline(ctx);                       // every RPC gets one: a hang fails the test
//   grpc::Status s = stub->BookAppointment(&ctx, req, &out);
//   EXPECT_EQ(ReasonOf(s), "ROOM_BUSY");
//
// Thread-safe (free functions over thread-safe gRPC objects).
#ifndef FASCIA_TESTS_E2E_RPC_UTIL_H_
#define FASCIA_TESTS_E2E_RPC_UTIL_H_

#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace fascia::e2e {

// Generous for one RPC on a loaded 2-core CI machine, short enough that a
// hang fails well inside CTest's timeout.
inline constexpr absl::Duration kRpcTimeout = absl::Seconds(15);

// A channel with its own connection (never shared with another channel to
// the same address) and short reconnect backoff, so that a channel created
// before the server listens connects soon after it does. With a `key`, every
// call sends `authorization: Bearer <key>`.
std::shared_ptr<grpc::Channel> NewChannel(const std::string& address,
                                          const std::string& key = "");

// Sets an absolute deadline `timeout` from now.
void SetDeadline(grpc::ClientContext& ctx, absl::Duration timeout = kRpcTimeout);

// The google.rpc.ErrorInfo reason of a failed call ("" if none), and the
// ErrorInfo domain through *domain when given.
std::string ReasonOf(const grpc::Status& status, std::string* domain = nullptr);

// One health Check of the whole server (service ""). *out is set when OK.
grpc::Status CheckHealth(grpc::Channel& channel, absl::Duration timeout,
                         grpc::health::v1::HealthCheckResponse::ServingStatus* out);

std::string CodeName(grpc::StatusCode code);
// "CODE: message [reason]" for failure messages.
std::string Describe(const grpc::Status& status);

}  // namespace fascia::e2e

#endif  // FASCIA_TESTS_E2E_RPC_UTIL_H_
