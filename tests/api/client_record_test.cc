// A client's record through gRPC, on both engines: duplicate detection,
// health history (clinical roles only), export of everything held, and
// erasure (contact details gone, clinical record restricted, audited).
#include <google/protobuf/util/json_util.h>

#include "access_fixture.h"
#include "fascia/v1/client_service.grpc.pb.h"

namespace fascia::testing {
namespace {

std::unique_ptr<v1::ClientService::Stub> ClientsAs(TestServer& server, const std::string& key) {
  return v1::ClientService::NewStub(server.NewChannel(key));
}

grpc::Status CreateDana(v1::ClientService::Stub& clients, bool confirm, v1::Client* out,
                        const std::string& phone = "+14155550100") {
  grpc::ClientContext ctx;
  v1::CreateClientRequest req;
  req.set_parent(kOrg);
  req.set_confirm_not_duplicate(confirm);
  auto* c = req.mutable_client();
  c->set_given_name("Dana");
  c->set_family_name("Whitfield");
  c->mutable_birth_date()->set_year(1988);
  c->mutable_birth_date()->set_month(4);
  c->mutable_birth_date()->set_day(12);
  c->set_phone(phone);
  c->set_email("dana@example.com");
  c->add_alerts("latex allergy");
  c->mutable_emergency_contact()->set_name("Sam Whitfield");
  c->mutable_emergency_contact()->set_phone("+14155550111");
  return clients.CreateClient(&ctx, req, out);
}

TEST_P(AccessTest, DuplicateClientsNeedConfirmation) {
  auto clients = ClientsAs(*server_, keys_[domain::Role::kFrontDesk]);
  v1::Client first, second;
  ASSERT_TRUE(CreateDana(*clients, false, &first).ok());
  grpc::Status refused = CreateDana(*clients, false, &second);
  ExpectError(refused, grpc::StatusCode::ALREADY_EXISTS, "POSSIBLE_DUPLICATE");
  EXPECT_NE(refused.error_message().find(first.name()), std::string::npos) << refused.error_message();
  // Same name and birthday but different phone and email: a different person.
  {
    grpc::ClientContext ctx;
    v1::CreateClientRequest req;
    req.set_parent(kOrg);
    *req.mutable_client() = first;
    req.mutable_client()->set_phone("+14155550199");
    req.mutable_client()->set_email("other@example.com");
    v1::Client other;
    EXPECT_TRUE(clients->CreateClient(&ctx, req, &other).ok());
  }
  EXPECT_TRUE(CreateDana(*clients, true, &second).ok());
  EXPECT_NE(first.name(), second.name());
}

TEST_P(AccessTest, HealthHistoryIsClinical) {
  auto therapist = ClientsAs(*server_, keys_[domain::Role::kTherapist]);
  grpc::ClientContext ctx;
  v1::UpdateHealthHistoryRequest update;
  auto* h = update.mutable_health_history();
  h->set_name(std::string(kClient1) + "/healthHistory");
  h->add_conditions()->set_description("hypertension");
  h->add_medications()->set_medication_class("anticoagulant");
  auto* injury = h->add_injuries();
  injury->set_body_region("left shoulder");
  injury->mutable_date()->set_year(2023);
  injury->mutable_date()->set_month(2);
  injury->mutable_date()->set_day(30);  // no such date
  update.mutable_update_mask()->add_paths("*");
  v1::HealthHistory out;
  ExpectBadRequest(therapist->UpdateHealthHistory(&ctx, update, &out),
                   {"health_history.injuries[0].date"});
  injury->mutable_date()->set_day(28);
  grpc::ClientContext ctx2;
  ASSERT_TRUE(therapist->UpdateHealthHistory(&ctx2, update, &out).ok());
  EXPECT_EQ(out.etag(), "1");
  EXPECT_EQ(out.conditions(0).description(), "hypertension");

  grpc::ClientContext get_ctx;
  v1::GetHealthHistoryRequest get;
  get.set_name(update.health_history().name());
  v1::HealthHistory read;
  ASSERT_TRUE(ClientsAs(*server_, server_->owner_key())->GetHealthHistory(&get_ctx, get, &read).ok());
  EXPECT_EQ(read.medications(0).medication_class(), "anticoagulant");
  // Front desk sees the alert on the client, never the history.
  grpc::ClientContext desk_ctx;
  ExpectError(ClientsAs(*server_, keys_[domain::Role::kFrontDesk])->GetHealthHistory(&desk_ctx, get, &read),
              grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  // ann does not treat c2.
  grpc::ClientContext other_ctx;
  get.set_name(std::string(kClient2) + "/healthHistory");
  ExpectError(therapist->GetHealthHistory(&other_ctx, get, &read), grpc::StatusCode::PERMISSION_DENIED,
              "PERMISSION_DENIED");
  // A stale etag is refused.
  grpc::ClientContext stale_ctx;
  update.mutable_health_history()->set_etag("7");
  ExpectError(therapist->UpdateHealthHistory(&stale_ctx, update, &out), grpc::StatusCode::ABORTED,
              "ETAG_MISMATCH");
}

TEST_P(AccessTest, ExportHoldsEverythingAboutTheClient) {
  auto owner = ClientsAs(*server_, server_->owner_key());
  {
    grpc::ClientContext ctx;
    v1::UpdateHealthHistoryRequest update;
    update.mutable_health_history()->set_name(std::string(kClient1) + "/healthHistory");
    update.mutable_health_history()->add_allergies()->set_substance("arnica");
    update.mutable_update_mask()->add_paths("allergies");
    v1::HealthHistory out;
    ASSERT_TRUE(owner->UpdateHealthHistory(&ctx, update, &out).ok());
  }
  grpc::ClientContext ctx;
  v1::ExportClientDataRequest req;
  req.set_name(kClient1);
  v1::ExportClientDataResponse out;
  ASSERT_TRUE(owner->ExportClientData(&ctx, req, &out).ok());
  v1::ClientDataExport parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out.json(), &parsed).ok()) << out.json();
  EXPECT_EQ(parsed.client().name(), kClient1);
  EXPECT_EQ(parsed.health_history().allergies(0).substance(), "arnica");
  ASSERT_EQ(parsed.appointments_size(), 1);
  EXPECT_EQ(parsed.appointments(0).name(), ann_appointment_);
  EXPECT_TRUE(parsed.has_export_time());
  // Only the owner exports.
  grpc::ClientContext desk_ctx;
  ExpectError(ClientsAs(*server_, keys_[domain::Role::kManager])->ExportClientData(&desk_ctx, req, &out),
              grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
}

TEST_P(AccessTest, ErasureRemovesContactAndRestrictsTheRecord) {
  auto owner = ClientsAs(*server_, server_->owner_key());
  v1::Client dana;
  ASSERT_TRUE(CreateDana(*ClientsAs(*server_, keys_[domain::Role::kFrontDesk]), false, &dana).ok());
  grpc::ClientContext ctx;
  v1::EraseClientRequest erase;
  erase.set_name(dana.name());
  v1::Client erased;
  ExpectBadRequest(owner->EraseClient(&ctx, erase, &erased), {"reason"});
  grpc::ClientContext ctx2;
  erase.set_reason("GDPR art. 17 request");
  ASSERT_TRUE(owner->EraseClient(&ctx2, erase, &erased).ok());
  EXPECT_TRUE(erased.email().empty());
  EXPECT_TRUE(erased.phone().empty());
  EXPECT_FALSE(erased.has_emergency_contact());
  EXPECT_EQ(erased.given_name(), "Dana");  // the retained record stays identifiable
  EXPECT_TRUE(erased.has_erase_time());
  EXPECT_GT(FromTs(erased.restricted_until()), server_->Now() + absl::Hours(24 * 365));

  // The clinical record is restricted, even for the owner; changes are refused.
  grpc::ClientContext get_ctx;
  v1::GetHealthHistoryRequest get;
  get.set_name(dana.name() + "/healthHistory");
  v1::HealthHistory history;
  ExpectError(owner->GetHealthHistory(&get_ctx, get, &history), grpc::StatusCode::FAILED_PRECONDITION,
              "RECORD_RESTRICTED");
  grpc::ClientContext update_ctx;
  v1::UpdateClientRequest update;
  update.mutable_client()->set_name(dana.name());
  update.mutable_client()->set_email("back@example.com");
  update.mutable_update_mask()->add_paths("email");
  v1::Client out;
  ExpectError(owner->UpdateClient(&update_ctx, update, &out), grpc::StatusCode::FAILED_PRECONDITION,
              "RECORD_RESTRICTED");
  // Erasing again is harmless; and the erasure itself is in the audit log.
  grpc::ClientContext again_ctx;
  ASSERT_TRUE(owner->EraseClient(&again_ctx, erase, &out).ok());
  EXPECT_EQ(out.erase_time().seconds(), erased.erase_time().seconds());
  grpc::ClientContext audit_ctx;
  v1::ListAuditEventsRequest list;
  list.set_parent(kOrg);
  list.set_filter("action = \"fascia.v1.ClientService/EraseClient\"");
  v1::ListAuditEventsResponse events;
  ASSERT_TRUE(audit().ListAuditEvents(&audit_ctx, list, &events).ok());
  ASSERT_EQ(events.audit_events_size(), 2);  // the malformed request never reached the record
  EXPECT_EQ(events.audit_events(0).client(), dana.name());
  EXPECT_EQ(events.audit_events(0).outcome(), "OK");
  EXPECT_EQ(events.audit_events(0).actor_role(), "OWNER");
}

}  // namespace
}  // namespace fascia::testing
