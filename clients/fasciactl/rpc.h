// Calling the public API by method name, with one deadline and the
// authorization metadata on every call.
//
//   ApiClient api(connection, absl::Seconds(10));
//   fascia::v1::GetLocationRequest req;
//   req.set_name("organizations/acme/locations/soho");
//   fascia::v1::Location location;
//   grpc::Status s = api.Call("fascia.v1.LocationService.GetLocation", req, &location);
//
// Why by name: the generic list/get/create/update/delete commands
// (resource.h) are driven by a small descriptor per resource, and
// protobuf reflection builds their requests; a generic stub sends any
// method's bytes, so no per-resource stub code is needed. Methods are looked
// up in the generated descriptor pool, so a typo is found on first use.
//
// Thread-safe (gRPC channels are); each Call is a blocking unary RPC.
#ifndef FASCIA_CLIENTS_FASCIACTL_RPC_H_
#define FASCIA_CLIENTS_FASCIACTL_RPC_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "connection.h"

namespace fasciactl {

// The method "fascia.v1.LocationService.GetLocation", or nullptr.
const google::protobuf::MethodDescriptor* FindMethod(const std::string& full_name);
// A new, empty message of a generated type (a method's input or output).
std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor* type);

class ApiClient {
 public:
  ApiClient(Connection connection, absl::Duration timeout)
      : connection_(std::move(connection)), timeout_(timeout) {}

  // Sends `request` to the unary method `method` (full name, as above) and
  // parses the reply into `response`. The call fails with DEADLINE_EXCEEDED
  // after the timeout; an unknown method is UNIMPLEMENTED without a call.
  // REQUIRES: request and response have the method's input and output types.
  grpc::Status Call(const std::string& method, const google::protobuf::Message& request,
                    google::protobuf::Message* response);

 private:
  Connection connection_;
  absl::Duration timeout_;
};

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_RPC_H_
