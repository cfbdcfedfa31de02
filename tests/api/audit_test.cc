// The audit trail and authentication through gRPC, on both engines: what is
// recorded (reads of client data, changes, denials) and what is not
// (configuration reads); the client access report; tamper detection after a
// row is edited or deleted behind the server's back; and bad keys.
#include "access_fixture.h"
#include "fascia/v1/client_service.grpc.pb.h"

namespace fascia::testing {
namespace {

std::vector<v1::AuditEvent> Events(v1::AuditService::Stub& audit, const std::string& filter) {
  std::vector<v1::AuditEvent> all;
  std::string token;
  do {
    grpc::ClientContext ctx;
    v1::ListAuditEventsRequest req;
    req.set_parent(kOrg);
    req.set_filter(filter);
    req.set_page_size(50);
    req.set_page_token(token);
    v1::ListAuditEventsResponse out;
    grpc::Status s = audit.ListAuditEvents(&ctx, req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    all.insert(all.end(), out.audit_events().begin(), out.audit_events().end());
    token = out.next_page_token();
  } while (!token.empty());
  return all;
}

v1::VerifyAuditLogResponse Verify(v1::AuditService::Stub& audit) {
  grpc::ClientContext ctx;
  v1::VerifyAuditLogRequest req;
  req.set_parent(kOrg);
  v1::VerifyAuditLogResponse out;
  EXPECT_TRUE(audit.VerifyAuditLog(&ctx, req, &out).ok());
  return out;
}

// Runs SQL directly on the server's database, as someone with database access
// (not through fasciad) would.
void Tamper(const std::string& url, const std::vector<std::string>& statements) {
  auto db = storage::OpenDatabase(url, storage::DatabaseOptions());
  ASSERT_TRUE(db.ok()) << db.status();
  for (const std::string& sql : statements) {
    absl::Status s = (*db)->Transact(storage::TxMode::kWrite, [&](storage::Connection& c) {
      return c.Execute(sql, {}).status();
    });
    ASSERT_TRUE(s.ok()) << sql << ": " << s;
  }
  (*db)->Close();
}

TEST_P(AccessTest, ReadsChangesAndDenialsAreAudited) {
  const std::string desk = keys_[domain::Role::kFrontDesk];
  EXPECT_TRUE(CallRaw(desk, "fascia.v1.ClientService/GetClient", "name: 'organizations/acme/clients/c1'").ok());
  EXPECT_TRUE(CallRaw(desk, "fascia.v1.LocationService/GetLocation", "name: 'organizations/acme/locations/ny'").ok());
  ExpectError(CallRaw(keys_[domain::Role::kAuditor], "fascia.v1.ClientService/GetClient",
                      "name: 'organizations/acme/clients/c1'"),
              grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  EXPECT_TRUE(CallRaw(desk, "fascia.v1.AppointmentService/BookAppointment",
                      "parent: 'organizations/acme/locations/ny' request_id: 'desk-booking-1'"
                      " appointment { client: 'organizations/acme/clients/c1'"
                      " service: 'organizations/acme/services/swedish' staff_member: 'organizations/acme/staff/ben'"
                      " room: 'organizations/acme/locations/ny/rooms/r2' start_time { seconds: 1709571600 } }")
                  .ok());

  auto reads = Events(audit(), "action = \"fascia.v1.ClientService/GetClient\"");
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_EQ(reads[0].actor_role(), "FRONT_DESK");
  EXPECT_EQ(reads[0].outcome(), "OK");
  EXPECT_EQ(reads[0].resource(), kClient1);
  EXPECT_EQ(reads[0].client(), kClient1);
  EXPECT_NE(reads[0].peer().find("127.0.0.1"), std::string::npos) << reads[0].peer();
  EXPECT_EQ(reads[1].actor_role(), "AUDITOR");
  EXPECT_EQ(reads[1].outcome(), "PERMISSION_DENIED");
  EXPECT_TRUE(Events(audit(), "action = \"fascia.v1.LocationService/GetLocation\"").empty())
      << "configuration reads hold no personal data and are not audited";
}

TEST_P(AccessTest, BookingIsAuditedWithItsRequestIdAndClient) {
  EXPECT_TRUE(CallRaw(keys_[domain::Role::kFrontDesk], "fascia.v1.AppointmentService/BookAppointment",
                      "parent: 'organizations/acme/locations/ny' request_id: 'desk-booking-1'"
                      " appointment { client: 'organizations/acme/clients/c1'"
                      " service: 'organizations/acme/services/swedish' staff_member: 'organizations/acme/staff/ben'"
                      " room: 'organizations/acme/locations/ny/rooms/r2' start_time { seconds: 1709571600 } }")
                  .ok());
  auto all = Events(audit(), "client = \"organizations/acme/clients/c1\"");
  bool found = false;
  for (const auto& e : all) {
    if (e.request_id() == "desk-booking-1") {
      found = true;
      EXPECT_EQ(e.outcome(), "OK");
      EXPECT_EQ(e.actor_role(), "FRONT_DESK");
      EXPECT_EQ(e.resource(), kNy);
    }
  }
  EXPECT_TRUE(found);
}

TEST_P(AccessTest, ClientAccessReportShowsWhoTouchedTheRecord) {
  const std::string therapist = keys_[domain::Role::kTherapist];
  EXPECT_TRUE(CallRaw(therapist, "fascia.v1.AppointmentService/GetAppointment", "name: '" + ann_appointment_ + "'").ok());
  EXPECT_TRUE(CallRaw(keys_[domain::Role::kManager], "fascia.v1.ClientService/UpdateClient",
                      "client { name: 'organizations/acme/clients/c1' email: 'c1@example.com' }"
                      " update_mask { paths: 'email' }")
                  .ok());
  auto auditor = AuditAs(keys_[domain::Role::kAuditor]);
  grpc::ClientContext ctx;
  v1::GetClientAccessReportRequest req;
  req.set_client(kClient1);
  v1::ClientAccessReport report;
  ASSERT_TRUE(auditor->GetClientAccessReport(&ctx, req, &report).ok());
  std::set<std::string> roles, actions;
  for (const auto& e : report.events()) {
    EXPECT_EQ(e.client(), kClient1);
    roles.insert(e.actor_role());
    actions.insert(e.action());
  }
  EXPECT_TRUE(roles.count("THERAPIST"));
  EXPECT_TRUE(roles.count("MANAGER"));
  EXPECT_TRUE(actions.count("fascia.v1.AppointmentService/GetAppointment"));
  EXPECT_TRUE(actions.count("fascia.v1.ClientService/UpdateClient"));
  EXPECT_TRUE(actions.count("fascia.v1.AppointmentService/BookAppointment"));  // the fixture's booking
}

TEST_P(AccessTest, EditingAStoredEventIsDetected) {
  EXPECT_TRUE(CallRaw(keys_[domain::Role::kFrontDesk], "fascia.v1.ClientService/GetClient",
                      "name: 'organizations/acme/clients/c1'").ok());
  v1::VerifyAuditLogResponse before = Verify(audit());
  EXPECT_TRUE(before.intact()) << before.detail();
  ASSERT_GT(before.events_checked(), 5);

  // The database itself refuses edits...
  auto db = storage::OpenDatabase(server_->database_url(), storage::DatabaseOptions());
  ASSERT_TRUE(db.ok());
  absl::Status refused = (*db)->Transact(storage::TxMode::kWrite, [](storage::Connection& c) {
    return c.Execute("UPDATE audit_events SET outcome = 'OK' WHERE sequence = 3", {}).status();
  });
  EXPECT_FALSE(refused.ok());
  (*db)->Close();
  // ...and someone who removes that guard is still caught.
  const bool pg = GetParam() == storage::Engine::kPostgres;
  Tamper(server_->database_url(),
         {pg ? "DROP TRIGGER audit_events_no_update ON audit_events" : "DROP TRIGGER audit_events_no_update",
          "UPDATE audit_events SET actor_role = 'AUDITOR' WHERE sequence = 3"});
  v1::VerifyAuditLogResponse after = Verify(audit());
  EXPECT_FALSE(after.intact());
  EXPECT_EQ(after.first_bad_sequence(), 3);
  EXPECT_FALSE(after.detail().empty());
}

TEST_P(AccessTest, DeletingEventsIsDetected) {
  const bool pg = GetParam() == storage::Engine::kPostgres;
  ASSERT_TRUE(Verify(audit()).intact());
  // Removing the most recent events (as if to hide them) breaks the head link.
  Tamper(server_->database_url(),
         {pg ? "DROP TRIGGER audit_events_no_update ON audit_events" : "DROP TRIGGER audit_events_no_delete",
          "DELETE FROM audit_events WHERE sequence = (SELECT MAX(sequence) FROM audit_events)"});
  // The verification call itself is audited, so verify right after tampering.
  v1::VerifyAuditLogResponse after = Verify(audit());
  EXPECT_FALSE(after.intact()) << after.detail();
}

TEST_P(AccessTest, BadKeysAreUnauthenticatedWithoutAHint) {
  const std::string good = keys_[domain::Role::kFrontDesk];
  const std::string wrong_secret = good.substr(0, good.size() - 3) + "AAA";
  // fsk_<id>_<secret>: the id has no '_', the secret may.
  const size_t id_end = good.find('_', 4);
  const std::string key_id = good.substr(4, id_end - 4);
  const std::string unknown_id = "fsk_aaaaaaaaaaaaaaaaaaaa_" + good.substr(id_end + 1);
  std::vector<grpc::Status> results;
  for (const std::string& key : {std::string(""), std::string("garbage"), wrong_secret, unknown_id}) {
    results.push_back(CallRaw(key, "fascia.v1.LocationService/GetLocation", "name: 'organizations/acme/locations/ny'"));
  }
  // Revoked and expired keys.
  auto access = v1::AccessService::NewStub(server_->NewChannel());
  {
    grpc::ClientContext ctx;
    v1::RevokeApiKeyRequest req;
    req.set_name("organizations/acme/apiKeys/" + key_id);
    v1::ApiKey revoked;
    ASSERT_TRUE(access->RevokeApiKey(&ctx, req, &revoked).ok());
    EXPECT_TRUE(revoked.has_revoke_time());
  }
  results.push_back(CallRaw(good, "fascia.v1.LocationService/GetLocation", "name: 'organizations/acme/locations/ny'"));
  std::string expiring;
  {
    grpc::ClientContext ctx;
    v1::CreateApiKeyRequest req;
    req.set_parent(kOrg);
    req.mutable_api_key()->set_display_name("temp");
    req.mutable_api_key()->set_role(v1::AUDITOR);
    *req.mutable_api_key()->mutable_expire_time() = Ts(server_->Now() + absl::Hours(1));
    v1::CreateApiKeyResponse out;
    ASSERT_TRUE(access->CreateApiKey(&ctx, req, &out).ok());
    expiring = out.key();
  }
  auto audit_events = [&](const std::string& key) {
    return CallRaw(key, "fascia.v1.AuditService/VerifyAuditLog", "parent: 'organizations/acme'");
  };
  grpc::Status fresh = audit_events(expiring);
  EXPECT_TRUE(fresh.ok()) << fresh.error_message();
  server_->SetNow(server_->Now() + absl::Hours(2));
  results.push_back(audit_events(expiring));
  for (const grpc::Status& s : results) {
    ExpectError(s, grpc::StatusCode::UNAUTHENTICATED, "UNAUTHENTICATED");
    EXPECT_EQ(s.error_message(), results.front().error_message());
  }
}

TEST_P(AccessTest, KeyValidationNamesEveryBadField) {
  auto access = v1::AccessService::NewStub(server_->NewChannel());
  grpc::ClientContext ctx;
  v1::CreateApiKeyRequest req;
  req.set_parent(kOrg);
  req.mutable_api_key()->set_role(v1::FRONT_DESK);  // needs locations
  req.mutable_api_key()->set_staff_member(kAnn);    // only for therapists
  *req.mutable_api_key()->mutable_expire_time() = Ts(server_->Now() - absl::Hours(1));
  v1::CreateApiKeyResponse out;
  ExpectBadRequest(access->CreateApiKey(&ctx, req, &out),
                   {"api_key.display_name", "api_key.locations", "api_key.staff_member",
                    "api_key.expire_time"});
}

}  // namespace
}  // namespace fascia::testing
