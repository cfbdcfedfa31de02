// Helpers that finish a gRPC handler: copy a result into the response and
// turn the status into a rich grpc::Status (see grpc_status.h).
#ifndef FASCIA_API_REPLY_H_
#define FASCIA_API_REPLY_H_

#include <grpcpp/support/status.h>

#include "absl/status/statusor.h"
#include "api/grpc_status.h"
#include "api/resource_crud.h"

namespace fascia::api {

template <typename T>
grpc::Status Reply(absl::StatusOr<T> result, T* response) {
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = std::move(*result);
  return grpc::Status::OK;
}

// For List methods: `items` is the response's repeated field.
template <typename T, typename Repeated, typename Response>
grpc::Status ReplyPage(absl::StatusOr<ListPage<T>> result, Repeated* items, Response* response) {
  if (!result.ok()) return ToGrpcStatus(result.status());
  for (T& item : result->items) *items->Add() = std::move(item);
  response->set_next_page_token(result->next_page_token);
  return grpc::Status::OK;
}

}  // namespace fascia::api

#endif  // FASCIA_API_REPLY_H_
