// NoteService through gRPC, on both engines: a note's life (draft, update,
// sign, refused change, amendment as a new version with author and reason,
// every version readable); a violation per bad field; who may read and write
// notes; and the audit events of note reads, naming the client.
#include <google/protobuf/text_format.h>

#include "access_fixture.h"
#include "fascia/v1/note_service.grpc.pb.h"

namespace fascia::testing {
namespace {

template <typename T>
T Parse(const std::string& text) {
  T message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

class Notes {
 public:
  Notes(TestServer& server, const std::string& key)
      : stub_(v1::NoteService::NewStub(server.NewChannel(key))) {}

  grpc::Status Create(const std::string& parent, const std::string& appointment, const std::string& content,
                      v1::Note* out = nullptr, const std::string& request_id = "") {
    v1::CreateNoteRequest r;
    r.set_parent(parent);
    r.set_request_id(request_id);
    *r.mutable_note() = Parse<v1::Note>(content);
    r.mutable_note()->set_appointment(appointment);
    return Call(&v1::NoteService::Stub::CreateNote, r, out);
  }
  grpc::Status Get(const std::string& name, v1::Note* out = nullptr) {
    v1::GetNoteRequest r;
    r.set_name(name);
    return Call(&v1::NoteService::Stub::GetNote, r, out);
  }
  grpc::Status List(const std::string& parent, const std::string& filter, v1::ListNotesResponse* out = nullptr) {
    v1::ListNotesRequest r;
    r.set_parent(parent);
    r.set_filter(filter);
    return Call(&v1::NoteService::Stub::ListNotes, r, out);
  }
  grpc::Status Update(const v1::Note& note, const std::vector<std::string>& paths, v1::Note* out = nullptr) {
    v1::UpdateNoteRequest r;
    *r.mutable_note() = note;
    for (const auto& p : paths) r.mutable_update_mask()->add_paths(p);
    return Call(&v1::NoteService::Stub::UpdateNote, r, out);
  }
  grpc::Status Sign(const std::string& name, const std::string& etag, v1::Note* out = nullptr) {
    v1::SignNoteRequest r;
    r.set_name(name);
    r.set_etag(etag);
    return Call(&v1::NoteService::Stub::SignNote, r, out);
  }
  grpc::Status Amend(const std::string& name, const std::string& content, const std::string& reason,
                     const std::string& etag, v1::Note* out = nullptr) {
    v1::AmendNoteRequest r;
    r.set_name(name);
    *r.mutable_note() = Parse<v1::Note>(content);
    r.set_reason(reason);
    r.set_etag(etag);
    return Call(&v1::NoteService::Stub::AmendNote, r, out);
  }
  grpc::Status Versions(const std::string& name, v1::ListNoteVersionsResponse* out = nullptr) {
    v1::ListNoteVersionsRequest r;
    r.set_name(name);
    return Call(&v1::NoteService::Stub::ListNoteVersions, r, out);
  }

 private:
  template <typename Req, typename Resp>
  grpc::Status Call(grpc::Status (v1::NoteService::Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
                    const Req& r, Resp* out) {
    grpc::ClientContext ctx;
    Resp ignored;
    return ((*stub_).*method)(&ctx, r, out ? out : &ignored);
  }

  std::unique_ptr<v1::NoteService::Stub> stub_;
};

constexpr char kSoap[] =
    "subjective: 'Tight neck after desk work' assessment: 'Upper trapezius hypertonicity'"
    " plan: 'Return in 2 weeks; stretches' objective { position: 'prone' pressure: FIRM"
    " techniques { technique: 'effleurage' region: 'back' minutes: 10 }"
    " techniques { technique: 'myofascial release' region: 'neck' minutes: 25 } }"
    " body_chart { view: POSTERIOR body_site: 'upper trapezius' laterality: LEFT finding: TRIGGER_POINT"
    " intensity: 6 note: 'refers to temple' }";

std::string Denied(const grpc::Status& s) {
  return s.error_code() == grpc::StatusCode::PERMISSION_DENIED ? "" : "not denied: " + s.error_message();
}

TEST_P(AccessTest, ANoteIsDraftedSignedAndAmendedAsNewVersions) {
  Notes ann(*server_, keys_[domain::Role::kTherapist]);
  v1::Note draft;
  ASSERT_TRUE(ann.Create(kClient1, ann_appointment_, kSoap, &draft, "note-1").ok());
  EXPECT_EQ(draft.name().rfind(std::string(kClient1) + "/notes/", 0), 0u) << draft.name();
  EXPECT_EQ(draft.status(), v1::DRAFT);
  EXPECT_EQ(draft.version(), 1);
  EXPECT_EQ(draft.author(), kAnn);
  EXPECT_EQ(draft.appointment(), ann_appointment_);
  EXPECT_EQ(draft.objective().techniques_size(), 2);
  EXPECT_FALSE(draft.has_sign_time());
  v1::Note retried;
  ASSERT_TRUE(ann.Create(kClient1, ann_appointment_, kSoap, &retried, "note-1").ok());
  EXPECT_EQ(retried.name(), draft.name());

  // A draft changes freely (with the etag it was read at).
  v1::Note patch;
  patch.set_name(draft.name());
  patch.set_etag(draft.etag());
  patch.set_subjective("Tight neck and left shoulder after desk work");
  patch.set_author("organizations/acme/staff/liz");  // not in the mask: ignored
  v1::Note updated;
  ASSERT_TRUE(ann.Update(patch, {"subjective"}, &updated).ok());
  EXPECT_EQ(updated.subjective(), "Tight neck and left shoulder after desk work");
  EXPECT_EQ(updated.plan(), draft.plan());
  EXPECT_EQ(updated.author(), kAnn);
  ExpectError(ann.Update(patch, {"subjective"}), grpc::StatusCode::ABORTED, "ETAG_MISMATCH");
  v1::ListNoteVersionsResponse none;
  ASSERT_TRUE(ann.Versions(draft.name(), &none).ok());
  EXPECT_EQ(none.versions_size(), 0) << "a draft is not a version";

  server_->SetNow(server_->Now() + absl::Hours(1));
  const absl::Time signed_at = server_->Now();
  v1::Note signed_note;
  ASSERT_TRUE(ann.Sign(draft.name(), updated.etag(), &signed_note).ok());
  EXPECT_EQ(signed_note.status(), v1::SIGNED);
  EXPECT_EQ(FromTs(signed_note.sign_time()), signed_at);

  // Signed: immutable.
  patch.set_etag("");
  ExpectError(ann.Update(patch, {"subjective"}), grpc::StatusCode::FAILED_PRECONDITION, "NOTE_SIGNED");
  ExpectError(ann.Sign(draft.name(), ""), grpc::StatusCode::FAILED_PRECONDITION, "NOTE_SIGNED");

  // An amendment needs a reason, and is by a therapist who treats the client.
  ExpectBadRequest(ann.Amend(draft.name(), kSoap, "", ""), {"reason"});
  ASSERT_TRUE(Book(*server_, kClient1, kBen, kRoom2, Utc(2024, 3, 5, 15)).ok());
  Notes ben(*server_, CreateKey(v1::THERAPIST, "", kBen));
  ExpectError(ben.Amend(draft.name(), kSoap, "x", "stale"), grpc::StatusCode::ABORTED, "ETAG_MISMATCH");
  server_->SetNow(server_->Now() + absl::Hours(24));
  v1::Note amended;
  ASSERT_TRUE(ben.Amend(draft.name(),
                        "subjective: 'Tight neck and RIGHT shoulder after desk work' plan: 'Return in 2 weeks'",
                        "Laterality corrected after talking to the client", signed_note.etag(), &amended)
                  .ok());
  EXPECT_EQ(amended.version(), 2);
  EXPECT_EQ(amended.status(), v1::SIGNED);
  EXPECT_EQ(amended.author(), kBen);
  EXPECT_EQ(amended.amendment_reason(), "Laterality corrected after talking to the client");
  EXPECT_EQ(FromTs(amended.sign_time()), server_->Now());
  EXPECT_EQ(amended.appointment(), ann_appointment_);
  EXPECT_FALSE(amended.has_objective()) << "the amendment's content replaces the whole note";
  ExpectError(ann.Update(patch, {"subjective"}), grpc::StatusCode::FAILED_PRECONDITION, "NOTE_SIGNED");

  // Every version stays readable, oldest first, to those allowed.
  for (const std::string& key : {keys_[domain::Role::kTherapist], keys_[domain::Role::kOwner]}) {
    Notes reader(*server_, key);
    v1::ListNoteVersionsResponse versions;
    ASSERT_TRUE(reader.Versions(draft.name(), &versions).ok());
    ASSERT_EQ(versions.versions_size(), 2);
    const v1::Note& v1st = versions.versions(0);
    const v1::Note& v2nd = versions.versions(1);
    EXPECT_EQ(v1st.name(), draft.name() + "/versions/1");
    EXPECT_EQ(v1st.version(), 1);
    EXPECT_EQ(v1st.author(), kAnn);
    EXPECT_TRUE(v1st.amendment_reason().empty());
    EXPECT_EQ(v1st.subjective(), "Tight neck and left shoulder after desk work");
    EXPECT_EQ(v1st.objective().techniques_size(), 2);
    EXPECT_EQ(FromTs(v1st.sign_time()), signed_at);
    EXPECT_EQ(v2nd.name(), draft.name() + "/versions/2");
    EXPECT_EQ(v2nd.version(), 2);
    EXPECT_EQ(v2nd.author(), kBen);
    EXPECT_EQ(v2nd.amendment_reason(), "Laterality corrected after talking to the client");
    EXPECT_EQ(v2nd.subjective(), "Tight neck and RIGHT shoulder after desk work");
    v1::Note current;
    ASSERT_TRUE(reader.Get(draft.name(), &current).ok());
    EXPECT_EQ(current.version(), 2);
  }

  // A second amendment builds on the latest.
  v1::Note third;
  ASSERT_TRUE(ann.Amend(draft.name(), kSoap, "Restored the objective findings", "", &third).ok());
  EXPECT_EQ(third.version(), 3);
  EXPECT_EQ(third.author(), kAnn);

  // Listing and filtering.
  v1::Note other_draft;
  ASSERT_TRUE(ann.Create(kClient1, ann_appointment_, "plan: 'follow up'", &other_draft).ok());
  v1::ListNotesResponse all, signed_only, drafts, by_appointment;
  ASSERT_TRUE(ann.List(kClient1, "", &all).ok());
  EXPECT_EQ(all.notes_size(), 2);
  ASSERT_TRUE(ann.List(kClient1, "status = SIGNED", &signed_only).ok());
  ASSERT_EQ(signed_only.notes_size(), 1);
  EXPECT_EQ(signed_only.notes(0).name(), draft.name());
  ASSERT_TRUE(ann.List(kClient1, "status = DRAFT", &drafts).ok());
  ASSERT_EQ(drafts.notes_size(), 1);
  EXPECT_EQ(drafts.notes(0).name(), other_draft.name());
  ASSERT_TRUE(ann.List(kClient1, "appointment = \"" + ann_appointment_ + "\" AND status = SIGNED", &by_appointment).ok());
  EXPECT_EQ(by_appointment.notes_size(), 1);
  ExpectError(ann.Amend(other_draft.name(), kSoap, "x", ""), grpc::StatusCode::FAILED_PRECONDITION,
              "NOTE_NOT_SIGNED");
  ExpectError(ann.Get(std::string(kClient1) + "/notes/nope"), grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
}

TEST_P(AccessTest, NoteRequestsNameEachBadField) {
  Notes ann(*server_, keys_[domain::Role::kTherapist]);
  v1::CreateNoteRequest bad;
  bad.set_parent(kClient1);
  v1::Note* n = bad.mutable_note();
  n->set_subjective(std::string(20001, 's'));
  n->set_plan(std::string(20001, 'p'));
  n->mutable_objective()->set_position(std::string(101, 'x'));
  n->mutable_objective()->add_techniques()->set_minutes(601);  // and no technique
  auto* ok_technique = n->mutable_objective()->add_techniques();
  ok_technique->set_technique("effleurage");
  ok_technique->set_minutes(-1);
  auto* mark = n->mutable_body_chart()->Add();
  mark->set_view(v1::BODY_VIEW_UNSPECIFIED);
  mark->set_body_site("calf");
  mark->set_laterality(static_cast<v1::Laterality>(42));
  mark->set_finding(static_cast<v1::Finding>(99));
  mark->set_intensity(11);
  auto* mark2 = n->mutable_body_chart()->Add();
  mark2->set_view(v1::ANTERIOR);
  mark2->set_finding(v1::SCAR);
  mark2->set_intensity(-1);
  {
    grpc::ClientContext ctx;
    v1::Note out;
    auto stub = v1::NoteService::NewStub(server_->NewChannel(keys_[domain::Role::kTherapist]));
    ExpectBadRequest(stub->CreateNote(&ctx, bad, &out),
                     {"note.appointment", "note.subjective", "note.plan", "note.objective.position",
                      "note.objective.techniques[0].technique", "note.objective.techniques[0].minutes",
                      "note.objective.techniques[1].minutes", "note.body_chart[0].view",
                      "note.body_chart[0].laterality", "note.body_chart[0].finding",
                      "note.body_chart[0].intensity", "note.body_chart[1].body_site",
                      "note.body_chart[1].intensity"});
  }
  ExpectBadRequest(ann.Create("organizations/acme", "appointments/a", ""), {"parent", "note.appointment"});
  ExpectBadRequest(ann.Create(kClient1, "organizations/other/locations/ny/appointments/a", ""),
                   {"note.appointment"});
  // The appointment must be this client's, given by the author.
  ExpectBadRequest(ann.Create(kClient1, liz_appointment_, kSoap), {"note.appointment"});
  v1::Appointment bens;
  ASSERT_TRUE(Book(*server_, kClient1, kBen, kRoom2, Utc(2024, 3, 5, 15), kSwedish, &bens).ok());
  ExpectBadRequest(ann.Create(kClient1, bens.name(), kSoap), {"note.appointment"});
  ExpectError(ann.Create(kClient1, "organizations/acme/locations/ny/appointments/nope", kSoap),
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");

  v1::Note draft;
  ASSERT_TRUE(ann.Create(kClient1, ann_appointment_, kSoap, &draft).ok());
  ExpectBadRequest(ann.Update(draft, {}), {"update_mask"});
  ExpectBadRequest(ann.Update(draft, {"author"}), {"update_mask"});
  ExpectBadRequest(ann.Update(draft, {"no_such_field"}), {"update_mask"});
  v1::Note too_long = draft;
  too_long.set_assessment(std::string(20001, 'a'));
  too_long.mutable_objective()->mutable_techniques(0)->set_minutes(1000);
  ExpectBadRequest(ann.Update(too_long, {"assessment", "objective.techniques"}),
                   {"note.assessment", "note.objective.techniques[0].minutes"});
  v1::Note unnamed = draft;
  unnamed.set_name("organizations/acme/clients/c1");
  ExpectBadRequest(ann.Update(unnamed, {"plan"}), {"note.name"});
  ExpectBadRequest(ann.Sign("nope", ""), {"name"});
  ExpectBadRequest(ann.Amend(draft.name() + "/versions/1", "body_chart { intensity: 3 }", std::string(201, 'r'), ""),
                   {"name", "note.body_chart[0].view", "note.body_chart[0].body_site",
                    "note.body_chart[0].finding", "reason"});
  ExpectBadRequest(ann.List(kClient1, "status = LOST"), {"filter"});
  ExpectBadRequest(ann.List(kClient1, "author = \"x\""), {"filter"});
  ExpectBadRequest(ann.Versions(kClient1), {"name"});
}

TEST_P(AccessTest, NotesAreForTreatingTherapistsAndTheOwner) {
  Notes ann(*server_, keys_[domain::Role::kTherapist]);
  v1::Note draft;
  ASSERT_TRUE(ann.Create(kClient1, ann_appointment_, kSoap, &draft).ok());

  // Front desk and managers never see notes (minimum necessary), nor do auditors or integrators.
  for (domain::Role role : {domain::Role::kFrontDesk, domain::Role::kManager, domain::Role::kAuditor,
                            domain::Role::kIntegrator}) {
    SCOPED_TRACE(std::string(domain::RoleName(role)));
    Notes notes(*server_, keys_[role]);
    EXPECT_EQ(Denied(notes.Get(draft.name())), "");
    EXPECT_EQ(Denied(notes.List(kClient1, "")), "");
    EXPECT_EQ(Denied(notes.Versions(draft.name())), "");
    EXPECT_EQ(Denied(notes.Create(kClient1, ann_appointment_, kSoap)), "");
    EXPECT_EQ(Denied(notes.Sign(draft.name(), "")), "");
  }

  // ann does not treat c2 (liz does): denied, whether or not a note exists.
  EXPECT_EQ(Denied(ann.Create(kClient2, liz_appointment_, kSoap)), "");
  EXPECT_EQ(Denied(ann.List(kClient2, "")), "");
  EXPECT_EQ(Denied(ann.Get(std::string(kClient2) + "/notes/nope")), "");
  Notes liz(*server_, CreateKey(v1::THERAPIST, "", kLiz));
  v1::Note lizs;
  ASSERT_TRUE(liz.Create(kClient2, liz_appointment_, kSoap, &lizs).ok());
  EXPECT_EQ(Denied(ann.Get(lizs.name())), "");
  EXPECT_EQ(Denied(liz.Get(draft.name())), "");

  // The owner reads notes but does not write them: the author is a therapist.
  Notes owner(*server_, keys_[domain::Role::kOwner]);
  EXPECT_TRUE(owner.Get(draft.name()).ok());
  EXPECT_TRUE(owner.List(kClient1, "").ok());
  ExpectError(owner.Create(kClient1, ann_appointment_, kSoap), grpc::StatusCode::FAILED_PRECONDITION,
              "NOT_A_THERAPIST");
  ExpectError(owner.Sign(draft.name(), ""), grpc::StatusCode::FAILED_PRECONDITION, "NOT_A_THERAPIST");
  ExpectError(owner.Amend(draft.name(), kSoap, "x", ""), grpc::StatusCode::FAILED_PRECONDITION, "NOT_A_THERAPIST");

  // Another therapist of the same client reads the draft but cannot change or sign it.
  ASSERT_TRUE(Book(*server_, kClient1, kBen, kRoom2, Utc(2024, 3, 5, 15)).ok());
  Notes ben(*server_, CreateKey(v1::THERAPIST, "", kBen));
  EXPECT_TRUE(ben.Get(draft.name()).ok());
  ExpectError(ben.Update(draft, {"plan"}), grpc::StatusCode::PERMISSION_DENIED, "NOT_NOTE_AUTHOR");
  ExpectError(ben.Sign(draft.name(), ""), grpc::StatusCode::PERMISSION_DENIED, "NOT_NOTE_AUTHOR");
  EXPECT_TRUE(ann.Sign(draft.name(), "").ok());

  // Another organization learns nothing.
  Notes other(*server_, server_->BootstrapOrganization("other"));
  grpc::Status existing = other.Get(draft.name());
  grpc::Status missing = other.Get(std::string(kClient1) + "/notes/nope");
  ExpectError(existing, grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  EXPECT_EQ(existing.error_message(), missing.error_message());
}

TEST_P(AccessTest, NoteReadsAndRefusalsAreAuditedWithTheClient) {
  Notes ann(*server_, keys_[domain::Role::kTherapist]);
  v1::Note draft;
  ASSERT_TRUE(ann.Create(kClient1, ann_appointment_, kSoap, &draft, "audited-note").ok());
  ASSERT_TRUE(ann.Get(draft.name()).ok());
  ASSERT_TRUE(Notes(*server_, keys_[domain::Role::kOwner]).List(kClient1, "").ok());
  ASSERT_TRUE(Notes(*server_, keys_[domain::Role::kFrontDesk]).Get(draft.name()).error_code() ==
              grpc::StatusCode::PERMISSION_DENIED);

  grpc::ClientContext ctx;
  v1::ListAuditEventsRequest req;
  req.set_parent(kOrg);
  req.set_filter("client = \"organizations/acme/clients/c1\"");
  req.set_page_size(1000);
  v1::ListAuditEventsResponse out;
  ASSERT_TRUE(audit().ListAuditEvents(&ctx, req, &out).ok());
  std::map<std::string, std::vector<v1::AuditEvent>> by_action;
  for (const auto& e : out.audit_events()) {
    EXPECT_EQ(e.client(), kClient1);
    by_action[e.action()].push_back(e);
  }
  const auto& creates = by_action["fascia.v1.NoteService/CreateNote"];
  ASSERT_EQ(creates.size(), 1u);
  EXPECT_EQ(creates[0].resource(), draft.name());
  EXPECT_EQ(creates[0].request_id(), "audited-note");
  EXPECT_EQ(creates[0].outcome(), "OK");
  const auto& gets = by_action["fascia.v1.NoteService/GetNote"];
  ASSERT_EQ(gets.size(), 2u);
  EXPECT_EQ(gets[0].actor_role(), "THERAPIST");
  EXPECT_EQ(gets[0].resource(), draft.name());
  EXPECT_EQ(gets[0].outcome(), "OK");
  EXPECT_EQ(gets[1].actor_role(), "FRONT_DESK");
  EXPECT_EQ(gets[1].outcome(), "PERMISSION_DENIED");
  const auto& lists = by_action["fascia.v1.NoteService/ListNotes"];
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_EQ(lists[0].actor_role(), "OWNER");
  EXPECT_EQ(lists[0].resource(), kClient1);
}

}  // namespace
}  // namespace fascia::testing
