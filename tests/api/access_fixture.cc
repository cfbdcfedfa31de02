// The access-control test fixture; see access_fixture.h.
#include "access_fixture.h"

#include <google/protobuf/text_format.h>
#include <grpcpp/generic/generic_stub.h>

#include "absl/strings/str_replace.h"

namespace fascia::testing {

void AccessTest::SetUp() {
  ChainOnEngineTest::SetUp();
  if (HasFatalFailure()) return;
  keys_[domain::Role::kOwner] = server_->owner_key();
  keys_[domain::Role::kManager] = CreateKey(v1::MANAGER, kNy);
  keys_[domain::Role::kFrontDesk] = CreateKey(v1::FRONT_DESK, kNy);
  keys_[domain::Role::kIntegrator] = CreateKey(v1::INTEGRATOR, kNy);
  keys_[domain::Role::kTherapist] = CreateKey(v1::THERAPIST, "", kAnn);
  keys_[domain::Role::kAuditor] = CreateKey(v1::AUDITOR);
  v1::Appointment a;
  ASSERT_TRUE(Book(*server_, kClient1, kAnn, kRoom1, Utc(2024, 3, 4, 15), kSwedish, &a).ok());
  ann_appointment_ = a.name();
  ASSERT_TRUE(Book(*server_, kClient2, kLiz, kLondonRoom, Utc(2024, 3, 4, 11), kSwedish, &a).ok());
  liz_appointment_ = a.name();
  audit_ = AuditAs(server_->owner_key());
}

std::unique_ptr<v1::AuditService::Stub> AccessTest::AuditAs(const std::string& key) {
  return v1::AuditService::NewStub(server_->NewChannel(key));
}

std::string AccessTest::CreateKey(v1::Role role, const std::string& location,
                                  const std::string& staff) {
  auto stub = v1::AccessService::NewStub(server_->NewChannel());
  grpc::ClientContext ctx;
  v1::CreateApiKeyRequest req;
  req.set_parent(kOrg);
  req.mutable_api_key()->set_display_name(v1::Role_Name(role));
  req.mutable_api_key()->set_role(role);
  if (!location.empty()) req.mutable_api_key()->add_locations(location);
  req.mutable_api_key()->set_staff_member(staff);
  v1::CreateApiKeyResponse out;
  grpc::Status s = stub->CreateApiKey(&ctx, req, &out);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.key().rfind("fsk_", 0), 0u);
  return out.key();
}

grpc::Status AccessTest::CallRaw(const std::string& key, const std::string& method,
                                 const std::string& text) {
  const auto* service_method = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
      absl::StrReplaceAll(method, {{"/", "."}}));
  if (service_method == nullptr) {
    ADD_FAILURE() << "no such method " << method;
    return grpc::Status(grpc::StatusCode::INTERNAL, "no such method");
  }
  std::unique_ptr<google::protobuf::Message> request(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(service_method->input_type())
          ->New());
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, request.get())) << method << ": " << text;
  grpc::ByteBuffer request_bytes;
  bool own_buffer = false;
  EXPECT_TRUE(grpc::SerializationTraits<google::protobuf::Message>::Serialize(*request, &request_bytes,
                                                                             &own_buffer)
                  .ok());
  grpc::GenericStub stub(server_->NewChannel(key));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::CompletionQueue cq;
  grpc::ByteBuffer response;
  grpc::Status status;
  auto call = stub.PrepareUnaryCall(&ctx, "/" + method, request_bytes, &cq);
  call->StartCall();
  call->Finish(&response, &status, reinterpret_cast<void*>(1));
  void* tag;
  bool ok;
  EXPECT_TRUE(cq.Next(&tag, &ok));
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
  return status;
}

}  // namespace fascia::testing
