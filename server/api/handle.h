// The frame around every public RPC handler:
//
//   grpc::Status GetRoom(grpc::ServerContext* ctx, const GetRoomRequest* r, Room* out) override {
//     return Handle(ctx_, ctx, "fascia.v1.LocationService/GetRoom", *r,
//                   [&](Caller& caller) { return Reply(rooms_.Get(caller, r->name()), out); });
//   }
//
// 1. authenticates the bearer key (UNAUTHENTICATED, same answer for every
//    kind of bad key);
// 2. finds the method's row in the policy table (an RPC without one is
//    refused: fail closed);
// 3. runs the body with a Caller; the body validates, then calls
//    Caller::Authorize before reading anything;
// 4. refuses a successful body that never authorized (a missing check is a
//    bug, and must not leak data);
// 5. writes the audit event for audited methods and for every denial, if the
//    body's write transaction did not already.
#ifndef FASCIA_API_HANDLE_H_
#define FASCIA_API_HANDLE_H_

#include <functional>

#include <google/protobuf/message.h>
#include <grpcpp/server_context.h>

#include "absl/strings/string_view.h"
#include "api/caller.h"
#include "api/services.h"

namespace fascia::api {

grpc::Status Handle(const ApiContext& ctx, grpc::ServerContext* server_context,
                    absl::string_view method, const google::protobuf::Message& request,
                    const std::function<grpc::Status(Caller&)>& body);

}  // namespace fascia::api

#endif  // FASCIA_API_HANDLE_H_
