// ConsentService through gRPC, on both engines: recording, listing and
// revoking consents; a violation per bad field; who may read and write them
// (front desk yes, auditor no, a therapist only for clients they treat); and
// the restriction of an erased client's record (consents and notes).
#include <set>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/text_format.h>

#include "access_fixture.h"
#include "fascia/v1/consent_service.grpc.pb.h"
#include "fascia/v1/note_service.grpc.pb.h"

namespace fascia::testing {
namespace {

template <typename T>
T Parse(const std::string& text) {
  T message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

// The resource name of the key `token` (fsk_<id>_<secret>).
std::string KeyName(const std::string& token) {
  return std::string(kOrg) + "/apiKeys/" + token.substr(4, token.find('_', 4) - 4);
}

class Consents {
 public:
  Consents(TestServer& server, const std::string& key)
      : stub_(v1::ConsentService::NewStub(server.NewChannel(key))) {}

  grpc::Status Create(const v1::CreateConsentRequest& r, v1::Consent* out = nullptr) {
    grpc::ClientContext ctx;
    v1::Consent ignored;
    return stub_->CreateConsent(&ctx, r, out ? out : &ignored);
  }
  grpc::Status Get(const std::string& name, v1::Consent* out = nullptr) {
    grpc::ClientContext ctx;
    v1::GetConsentRequest r;
    r.set_name(name);
    v1::Consent ignored;
    return stub_->GetConsent(&ctx, r, out ? out : &ignored);
  }
  grpc::Status List(const std::string& parent, const std::string& filter,
                    v1::ListConsentsResponse* out = nullptr) {
    grpc::ClientContext ctx;
    v1::ListConsentsRequest r;
    r.set_parent(parent);
    r.set_filter(filter);
    v1::ListConsentsResponse ignored;
    return stub_->ListConsents(&ctx, r, out ? out : &ignored);
  }
  grpc::Status Revoke(const std::string& name, const std::string& reason, v1::Consent* out = nullptr) {
    grpc::ClientContext ctx;
    v1::RevokeConsentRequest r;
    r.set_name(name);
    r.set_reason(reason);
    v1::Consent ignored;
    return stub_->RevokeConsent(&ctx, r, out ? out : &ignored);
  }

 private:
  std::unique_ptr<v1::ConsentService::Stub> stub_;
};

v1::CreateConsentRequest NewConsent(const std::string& client, const std::string& kind,
                                    absl::Time signed_at, const std::string& request_id = "") {
  v1::CreateConsentRequest r = Parse<v1::CreateConsentRequest>(
      "consent { kind: " + kind + " text_version: 'treatment-2024-01' signer: 'Cara One' method: ELECTRONIC }");
  r.set_parent(client);
  r.set_request_id(request_id);
  *r.mutable_consent()->mutable_sign_time() = Ts(signed_at);
  return r;
}

TEST_P(AccessTest, ConsentsAreRecordedListedAndRevokedOnce) {
  const std::string desk_key = keys_[domain::Role::kFrontDesk];
  Consents desk(*server_, desk_key);
  const absl::Time signed_at = server_->Now() - absl::Hours(1);

  v1::Consent treatment;
  ASSERT_TRUE(desk.Create(NewConsent(kClient1, "TREATMENT", signed_at, "consent-1"), &treatment).ok());
  EXPECT_EQ(treatment.name().rfind(std::string(kClient1) + "/consents/", 0), 0u) << treatment.name();
  EXPECT_EQ(treatment.kind(), v1::TREATMENT);
  EXPECT_EQ(treatment.signer(), "Cara One");
  EXPECT_EQ(FromTs(treatment.sign_time()), signed_at);
  EXPECT_EQ(treatment.recorded_by(), KeyName(desk_key));
  EXPECT_FALSE(treatment.has_revoke_time());
  EXPECT_EQ(treatment.etag(), "1");

  // A retry with the same request_id returns the first record, not a second.
  v1::Consent retried;
  ASSERT_TRUE(desk.Create(NewConsent(kClient1, "TREATMENT", signed_at, "consent-1"), &retried).ok());
  EXPECT_EQ(retried.name(), treatment.name());

  // recorded_by and revocation are the server's to set.
  v1::CreateConsentRequest forged = NewConsent(kClient1, "MARKETING", signed_at);
  forged.mutable_consent()->set_recorded_by("organizations/acme/apiKeys/someone-else");
  forged.mutable_consent()->set_revoke_reason("forged");
  v1::Consent marketing;
  ASSERT_TRUE(desk.Create(forged, &marketing).ok());
  EXPECT_EQ(marketing.recorded_by(), KeyName(desk_key));
  EXPECT_TRUE(marketing.revoke_reason().empty());

  v1::ListConsentsResponse all, treatments;
  ASSERT_TRUE(desk.List(kClient1, "", &all).ok());
  EXPECT_EQ(all.consents_size(), 2);
  ASSERT_TRUE(desk.List(kClient1, "kind = TREATMENT", &treatments).ok());
  ASSERT_EQ(treatments.consents_size(), 1);
  EXPECT_EQ(treatments.consents(0).name(), treatment.name());

  // Paging: one at a time, in a stable order, then the end.
  {
    auto stub = v1::ConsentService::NewStub(server_->NewChannel(desk_key));
    std::set<std::string> seen;
    std::string token;
    int pages = 0;
    do {
      grpc::ClientContext ctx;
      v1::ListConsentsRequest r;
      r.set_parent(kClient1);
      r.set_page_size(1);
      r.set_page_token(token);
      v1::ListConsentsResponse page;
      ASSERT_TRUE(stub->ListConsents(&ctx, r, &page).ok());
      ASSERT_EQ(page.consents_size(), 1);
      seen.insert(page.consents(0).name());
      token = page.next_page_token();
      ++pages;
    } while (!token.empty() && pages < 5);
    EXPECT_EQ(pages, 2);
    EXPECT_EQ(seen, (std::set<std::string>{treatment.name(), marketing.name()}));
  }

  ExpectBadRequest(desk.Revoke(treatment.name(), ""), {"reason"});
  v1::Consent revoked;
  server_->SetNow(server_->Now() + absl::Hours(2));
  ASSERT_TRUE(desk.Revoke(treatment.name(), "client withdrew consent", &revoked).ok());
  EXPECT_EQ(FromTs(revoked.revoke_time()), server_->Now());
  EXPECT_EQ(revoked.revoke_reason(), "client withdrew consent");
  EXPECT_EQ(revoked.kind(), v1::TREATMENT);  // the record itself is kept

  // Revoking again changes nothing.
  server_->SetNow(server_->Now() + absl::Hours(2));
  v1::Consent again;
  ASSERT_TRUE(desk.Revoke(treatment.name(), "another reason", &again).ok());
  EXPECT_EQ(FromTs(again.revoke_time()), FromTs(revoked.revoke_time()));
  EXPECT_EQ(again.revoke_reason(), "client withdrew consent");
  EXPECT_EQ(again.etag(), revoked.etag());
  v1::Consent read;
  ASSERT_TRUE(desk.Get(treatment.name(), &read).ok());
  EXPECT_EQ(read.revoke_reason(), "client withdrew consent");

  ExpectError(desk.Get(std::string(kClient1) + "/consents/nope"), grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  ExpectError(desk.Revoke(std::string(kClient1) + "/consents/nope", "x"), grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");
  ExpectError(desk.Create(NewConsent("organizations/acme/clients/nobody", "TREATMENT", signed_at)),
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
}

TEST_P(AccessTest, ConsentRequestsNameEachBadField) {
  Consents owner(*server_, keys_[domain::Role::kOwner]);
  v1::CreateConsentRequest bad = Parse<v1::CreateConsentRequest>(
      "parent: 'organizations/acme/clients/c1' request_id: 'not valid!'"
      " consent { kind: CONSENT_KIND_UNSPECIFIED signer: '' }");
  bad.mutable_consent()->set_method(static_cast<v1::SignatureMethod>(7));  // unknown to this server
  bad.mutable_consent()->set_text_version(std::string(65, 'v'));
  *bad.mutable_consent()->mutable_sign_time() = Ts(server_->Now() + absl::Hours(1));
  ExpectBadRequest(owner.Create(bad), {"request_id", "consent.kind", "consent.text_version",
                                       "consent.signer", "consent.sign_time", "consent.method"});

  v1::CreateConsentRequest bad2 = Parse<v1::CreateConsentRequest>(
      "parent: 'organizations/acme/locations/ny' consent { text_version: '' signer: 'x'"
      " method: VERBAL sign_time { seconds: -100 } }");
  bad2.mutable_consent()->set_kind(static_cast<v1::ConsentKind>(9));
  bad2.mutable_consent()->set_signer(std::string(201, 's'));
  ExpectBadRequest(owner.Create(bad2), {"parent", "consent.kind", "consent.text_version",
                                        "consent.signer", "consent.sign_time"});
  v1::CreateConsentRequest no_time = NewConsent(kClient1, "TREATMENT", server_->Now());
  no_time.mutable_consent()->clear_sign_time();
  ExpectBadRequest(owner.Create(no_time), {"consent.sign_time"});
  // A few minutes ahead is clock skew, not the future.
  EXPECT_TRUE(owner.Create(NewConsent(kClient1, "TREATMENT", server_->Now() + absl::Minutes(2))).ok());

  ExpectBadRequest(owner.List(kClient1, "kind = SOMETIMES"), {"filter"});
  ExpectBadRequest(owner.List(kClient1, "signer = \"x\""), {"filter"});
  ExpectBadRequest(owner.List("organizations/acme", ""), {"parent"});
  ExpectBadRequest(owner.Get("organizations/acme/clients/c1/notes/x"), {"name"});
  ExpectBadRequest(owner.Revoke("nope", std::string(201, 'r')), {"name", "reason"});
}

TEST_P(AccessTest, EmptyRecordRequestsNameEveryMissingField) {
  const std::map<std::string, std::vector<std::string>> cases = {
      {"ConsentService/CreateConsent",
       {"parent", "consent.kind", "consent.text_version", "consent.signer", "consent.sign_time",
        "consent.method"}},
      {"ConsentService/GetConsent", {"name"}},
      {"ConsentService/ListConsents", {"parent"}},
      {"ConsentService/RevokeConsent", {"name", "reason"}},
      {"NoteService/CreateNote", {"parent", "note.appointment"}},
      {"NoteService/GetNote", {"name"}},
      {"NoteService/ListNotes", {"parent"}},
      {"NoteService/UpdateNote", {"note.name", "update_mask"}},
      {"NoteService/SignNote", {"name"}},
      {"NoteService/AmendNote", {"name", "reason"}},
      {"NoteService/ListNoteVersions", {"name"}},
  };
  for (const char* service : {"fascia.v1.ConsentService", "fascia.v1.NoteService"}) {
    const auto* d = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service);
    ASSERT_NE(d, nullptr);
    for (int i = 0; i < d->method_count(); ++i) {
      const std::string method = d->full_name().substr(10) + "/" + d->method(i)->name();
      SCOPED_TRACE(method);
      auto it = cases.find(method);
      ASSERT_NE(it, cases.end()) << "no empty-request case for " << method;
      ExpectBadRequest(CallRaw(keys_[domain::Role::kOwner], "fascia.v1." + method, ""), it->second);
      ExpectBadRequest(CallRaw(keys_[domain::Role::kTherapist], "fascia.v1." + method, ""), it->second);
    }
  }
  // Paging values are checked too.
  ExpectBadRequest(CallRaw(keys_[domain::Role::kOwner], "fascia.v1.NoteService/ListNotes",
                           "parent: 'organizations/acme/clients/c1' page_size: -1"),
                   {"page_size"});
  ExpectBadRequest(CallRaw(keys_[domain::Role::kOwner], "fascia.v1.ConsentService/ListConsents",
                           "parent: 'organizations/acme/clients/c1' page_token: 'forged'"),
                   {"page_token"});
}

TEST_P(AccessTest, ConsentAccessFollowsRolesAndTreatment) {
  const absl::Time signed_at = server_->Now() - absl::Hours(1);
  Consents desk(*server_, keys_[domain::Role::kFrontDesk]);
  v1::Consent c1_consent, c2_consent;
  ASSERT_TRUE(desk.Create(NewConsent(kClient1, "TREATMENT", signed_at), &c1_consent).ok());
  // Clients are organization-level: a New York desk records a London client's consent too.
  ASSERT_TRUE(desk.Create(NewConsent(kClient2, "PRENATAL_WAIVER", signed_at), &c2_consent).ok());
  EXPECT_TRUE(Consents(*server_, keys_[domain::Role::kManager]).List(kClient2, "").ok());

  Consents auditor(*server_, keys_[domain::Role::kAuditor]);
  ExpectError(auditor.Create(NewConsent(kClient1, "TREATMENT", signed_at)), grpc::StatusCode::PERMISSION_DENIED,
              "PERMISSION_DENIED");
  ExpectError(auditor.List(kClient1, ""), grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  ExpectError(auditor.Get(c1_consent.name()), grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  Consents integrator(*server_, keys_[domain::Role::kIntegrator]);
  ExpectError(integrator.List(kClient1, ""), grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");

  // ann treats c1 (ann_appointment_), not c2.
  Consents ann(*server_, keys_[domain::Role::kTherapist]);
  v1::ListConsentsResponse listed;
  ASSERT_TRUE(ann.List(kClient1, "", &listed).ok());
  EXPECT_EQ(listed.consents_size(), 1);
  EXPECT_TRUE(ann.Get(c1_consent.name()).ok());
  ExpectError(ann.List(kClient2, ""), grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  ExpectError(ann.Get(c2_consent.name()), grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  // Whether or not it exists.
  ExpectError(ann.Get(std::string(kClient2) + "/consents/nope"), grpc::StatusCode::PERMISSION_DENIED,
              "PERMISSION_DENIED");
  // Therapists read consents; recording them is the desk's job.
  ExpectError(ann.Create(NewConsent(kClient1, "TREATMENT", signed_at)), grpc::StatusCode::PERMISSION_DENIED,
              "PERMISSION_DENIED");
  ExpectError(ann.Revoke(c1_consent.name(), "x"), grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");

  // Another organization cannot tell whether the client exists.
  Consents other(*server_, server_->BootstrapOrganization("other"));
  grpc::Status existing = other.List(kClient1, "");
  grpc::Status missing = other.List("organizations/acme/clients/nobody", "");
  ExpectError(existing, grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  EXPECT_EQ(existing.error_message(), missing.error_message());
}

TEST_P(AccessTest, AnErasedClientsRecordIsRestricted) {
  const std::string ann_key = keys_[domain::Role::kTherapist];
  const absl::Time signed_at = server_->Now() - absl::Hours(1);
  Consents desk(*server_, keys_[domain::Role::kFrontDesk]);
  v1::Consent treatment;
  ASSERT_TRUE(desk.Create(NewConsent(kClient1, "TREATMENT", signed_at), &treatment).ok());
  auto notes = v1::NoteService::NewStub(server_->NewChannel(ann_key));
  v1::Note note;
  {
    grpc::ClientContext ctx;
    v1::CreateNoteRequest r;
    r.set_parent(kClient1);
    r.mutable_note()->set_appointment(ann_appointment_);
    r.mutable_note()->set_subjective("neck stiffness");
    ASSERT_TRUE(notes->CreateNote(&ctx, r, &note).ok());
  }
  ASSERT_TRUE(CallRaw(keys_[domain::Role::kOwner], "fascia.v1.ClientService/EraseClient",
                      "name: 'organizations/acme/clients/c1' reason: 'GDPR art. 17 request'")
                  .ok());

  const std::string restricted_reads[][2] = {
      {"fascia.v1.ConsentService/GetConsent", "name: '" + treatment.name() + "'"},
      {"fascia.v1.ConsentService/ListConsents", "parent: 'organizations/acme/clients/c1'"},
      {"fascia.v1.NoteService/GetNote", "name: '" + note.name() + "'"},
      {"fascia.v1.NoteService/ListNotes", "parent: 'organizations/acme/clients/c1'"},
      {"fascia.v1.NoteService/ListNoteVersions", "name: '" + note.name() + "'"},
  };
  for (const auto& [method, request] : restricted_reads) {
    SCOPED_TRACE(method);
    ExpectError(CallRaw(keys_[domain::Role::kOwner], method, request), grpc::StatusCode::FAILED_PRECONDITION,
                "RECORD_RESTRICTED");
  }
  ExpectError(CallRaw(ann_key, "fascia.v1.NoteService/GetNote", "name: '" + note.name() + "'"),
              grpc::StatusCode::FAILED_PRECONDITION, "RECORD_RESTRICTED");
  // Nothing is added to, or changed in, a record kept only for retention.
  ExpectError(desk.Create(NewConsent(kClient1, "TREATMENT", signed_at)), grpc::StatusCode::FAILED_PRECONDITION,
              "RECORD_RESTRICTED");
  ExpectError(desk.Revoke(treatment.name(), "x"), grpc::StatusCode::FAILED_PRECONDITION, "RECORD_RESTRICTED");
  ExpectError(CallRaw(ann_key, "fascia.v1.NoteService/CreateNote",
                      "parent: 'organizations/acme/clients/c1' note { appointment: '" + ann_appointment_ + "' }"),
              grpc::StatusCode::FAILED_PRECONDITION, "RECORD_RESTRICTED");
  ExpectError(CallRaw(ann_key, "fascia.v1.NoteService/SignNote", "name: '" + note.name() + "'"),
              grpc::StatusCode::FAILED_PRECONDITION, "RECORD_RESTRICTED");
  // Refusals say nothing to those who may not look: still PERMISSION_DENIED.
  ExpectError(CallRaw(keys_[domain::Role::kFrontDesk], "fascia.v1.NoteService/GetNote", "name: '" + note.name() + "'"),
              grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  // Another client's record is untouched.
  EXPECT_TRUE(desk.List(kClient2, "").ok());
}

}  // namespace
}  // namespace fascia::testing
