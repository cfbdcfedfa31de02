// See rpc.h.
#include "rpc.h"

#include <grpcpp/generic/generic_stub.h>

#include "absl/strings/str_cat.h"
#include "fascia/v1/access_service.pb.h"
#include "fascia/v1/appointment_service.pb.h"
#include "fascia/v1/audit_service.pb.h"
#include "fascia/v1/catalog_service.pb.h"
#include "fascia/v1/client_service.pb.h"
#include "fascia/v1/consent_service.pb.h"
#include "fascia/v1/location_service.pb.h"
#include "fascia/v1/note_service.pb.h"
#include "fascia/v1/organization_service.pb.h"
#include "fascia/v1/staff_service.pb.h"

namespace fasciactl {

namespace {

// Touching one message of each API file keeps its generated code (and so its
// service descriptors) in the binary: fascia_proto is a static library, and
// the linker drops object files nothing refers to.
void EnsureApiLinked() {
  static const bool linked = [] {
    const google::protobuf::Descriptor* types[] = {
        fascia::v1::GetOrganizationRequest::descriptor(),
        fascia::v1::GetLocationRequest::descriptor(),
        fascia::v1::GetStaffMemberRequest::descriptor(),
        fascia::v1::GetServiceRequest::descriptor(),
        fascia::v1::GetClientRequest::descriptor(),
        fascia::v1::GetAppointmentRequest::descriptor(),
        fascia::v1::GetApiKeyRequest::descriptor(),
        fascia::v1::ListAuditEventsRequest::descriptor(),
        fascia::v1::GetConsentRequest::descriptor(),
        fascia::v1::GetNoteRequest::descriptor(),
    };
    return types[0] != nullptr;
  }();
  (void)linked;
}

}  // namespace

const google::protobuf::MethodDescriptor* FindMethod(const std::string& full_name) {
  EnsureApiLinked();
  return google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(full_name);
}

std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor* type) {
  const google::protobuf::Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  return std::unique_ptr<google::protobuf::Message>(prototype->New());
}

grpc::Status ApiClient::Call(const std::string& method, const google::protobuf::Message& request,
                             google::protobuf::Message* response) {
  const google::protobuf::MethodDescriptor* m = FindMethod(method);
  if (m == nullptr) {
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, absl::StrCat("no method ", method));
  }
  const std::string path = absl::StrCat("/", m->service()->full_name(), "/", m->name());

  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::microseconds(absl::ToInt64Microseconds(timeout_)));
  if (!connection_.bearer_token.empty()) {
    context.AddMetadata("authorization", "Bearer " + connection_.bearer_token);
  }

  const std::string bytes = request.SerializeAsString();
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response_buffer;
  grpc::Status status;

  grpc::GenericStub stub(connection_.channel);
  grpc::CompletionQueue cq;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> call =
      stub.PrepareUnaryCall(&context, path, request_buffer, &cq);
  call->StartCall();
  void* const kTag = reinterpret_cast<void*>(1);
  call->Finish(&response_buffer, &status, kTag);
  void* got = nullptr;
  bool ok = false;
  // The deadline bounds this wait: the call completes (with
  // DEADLINE_EXCEEDED at worst) by then.
  cq.Next(&got, &ok);
  cq.Shutdown();
  while (cq.Next(&got, &ok)) {
  }
  if (!status.ok()) return status;

  std::vector<grpc::Slice> slices;
  if (!response_buffer.Dump(&slices).ok()) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "cannot read the response");
  }
  std::string reply;
  for (const grpc::Slice& s : slices) {
    reply.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  if (!response->ParseFromString(reply)) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        absl::StrCat("cannot parse the ", response->GetTypeName(), " response"));
  }
  return status;
}

}  // namespace fasciactl
