// Treatment note lifecycle; see note_workflow.h.
#include "api/note_workflow.h"

#include <algorithm>

#include <google/protobuf/util/field_mask_util.h>

#include "absl/strings/str_cat.h"
#include "api/note_type.h"
#include "storage/appointment_repository.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;
using google::protobuf::FieldMask;

// Notes are written by the person who treated: the key must act as a staff
// member, whatever its role allows.
absl::Status RequireTherapist(const Caller& caller) {
  if (!caller.principal().staff_member.empty()) return absl::OkStatus();
  return ReasonError(absl::StatusCode::kFailedPrecondition, "NOT_A_THERAPIST",
                     "treatment notes are written by a therapist's key (one that acts as a staff member)");
}

absl::Status NoteSigned(const std::string& name) {
  return ReasonError(absl::StatusCode::kFailedPrecondition, "NOTE_SIGNED",
                     absl::StrCat("note \"", name, "\" is signed and cannot change; amend it instead"));
}

absl::Status RequireAuthor(const v1::Note& note, const Caller& caller) {
  if (note.author() == caller.principal().staff_member) return absl::OkStatus();
  return ReasonError(absl::StatusCode::kPermissionDenied, "NOT_NOTE_AUTHOR",
                     "only the therapist who wrote this draft may change or sign it");
}

absl::Status BadAppointment(const std::string& why) {
  FieldViolations v;
  v.Add("note.appointment", why);
  return v.ToStatus();
}

// The note's appointment must be one the author gave this client.
absl::Status CheckAppointment(storage::Connection& c, const v1::Note& note, const std::string& client) {
  ASSIGN_OR_RETURN(auto appointment, storage::AppointmentRepository().Get(c, note.appointment()));
  if (!appointment) return NotFound("appointment", note.appointment());
  if (appointment->client != client) return BadAppointment("is an appointment of another client");
  if (appointment->staff != note.author()) {
    return BadAppointment("was given by another therapist: a note is written by the therapist who treated");
  }
  if (appointment->status == v1::ENTERED_IN_ERROR) return BadAppointment("was entered in error");
  return absl::OkStatus();
}

// The mask's paths, each within the content fields ("*" = all of them).
FieldMask ContentMask(const FieldMask& mask, FieldViolations& v) {
  FieldMask effective;
  if (mask.paths().empty()) {
    v.Add("update_mask", "is required (list the fields to change, or \"*\" for all)");
    return effective;
  }
  const auto& content = NoteContentFields();
  for (const std::string& path : mask.paths()) {
    if (path == "*") {
      for (const std::string& f : content) effective.add_paths(f);
      continue;
    }
    FieldMask one;
    one.add_paths(path);
    const std::string top = path.substr(0, path.find('.'));
    if (!google::protobuf::util::FieldMaskUtil::IsValidFieldMask<v1::Note>(one)) {
      v.Add("update_mask", absl::StrCat("names an unknown field \"", path.substr(0, 100), "\""));
    } else if (std::find(content.begin(), content.end(), top) == content.end()) {
      v.Add("update_mask", absl::StrCat("field \"", path,
                                        "\" cannot be changed (only subjective, objective, "
                                        "assessment, diagnosis_codes, plan and body_chart)"));
    } else {
      effective.add_paths(path);
    }
  }
  return effective;
}

void CopyContent(const v1::Note& from, v1::Note& to) {
  to.set_subjective(from.subjective());
  if (from.has_objective()) {
    *to.mutable_objective() = from.objective();
  } else {
    to.clear_objective();
  }
  to.set_assessment(from.assessment());
  *to.mutable_diagnosis_codes() = from.diagnosis_codes();
  to.set_plan(from.plan());
  *to.mutable_body_chart() = from.body_chart();
}

}  // namespace

NoteWorkflow::NoteWorkflow(const ApiContext& ctx)
    : ctx_(ctx), store_(ctx, NoteType(), CheckNoteFilterValue) {}

absl::StatusOr<v1::Note> NoteWorkflow::Create(Caller& caller, const v1::CreateNoteRequest& r) {
  v1::Note note = r.note();
  FieldViolations v;
  store_.CheckCreate(r.parent(), r.request_id(), note, v);
  if (MatchName(r.parent(), kClientPattern) && MatchName(note.appointment(), kAppointmentPattern) &&
      NamePrefix(note.appointment(), 2) != NamePrefix(r.parent(), 2)) {
    v.Add("note.appointment", "must be an appointment of the client's organization");
  }
  RETURN_IF_ERROR(v.ToStatus());
  const std::string name = store_.NewName(r.parent());
  RETURN_IF_ERROR(store_.Authorize(caller, r.parent(), name));
  RETURN_IF_ERROR(RequireTherapist(caller));
  note.set_author(caller.principal().staff_member);
  note.set_status(v1::DRAFT);
  note.set_version(1);
  return store_.Insert(r.parent(), name, note, r.request_id(),
                       [&](storage::Connection& c, const v1::Note& n) {
                         return CheckAppointment(c, n, r.parent());
                       });
}

absl::StatusOr<v1::Note> NoteWorkflow::Get(Caller& caller, const std::string& name) {
  return store_.Get(caller, name);
}

absl::StatusOr<ListPage<v1::Note>> NoteWorkflow::List(Caller& caller, const v1::ListNotesRequest& r) {
  return store_.List(caller, r.parent(), r.page_size(), r.page_token(), r.filter());
}

absl::StatusOr<v1::Note> NoteWorkflow::Update(Caller& caller, const v1::UpdateNoteRequest& r) {
  const std::string& name = r.note().name();
  FieldViolations v;
  CheckName(name, kNotePattern, "note.name", v);
  const FieldMask mask = ContentMask(r.update_mask(), v);
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(store_.Authorize(caller, name, name));
  RETURN_IF_ERROR(RequireTherapist(caller));
  return store_.Change(name, r.note().etag(), [&](storage::Connection&, v1::Note& note) -> absl::StatusOr<bool> {
    if (note.status() != v1::DRAFT) return NoteSigned(name);
    RETURN_IF_ERROR(RequireAuthor(note, caller));
    google::protobuf::util::FieldMaskUtil::MergeOptions options;
    options.set_replace_message_fields(true);
    options.set_replace_repeated_fields(true);
    google::protobuf::util::FieldMaskUtil::MergeMessageTo(r.note(), mask, options, &note);
    FieldViolations after_merge;
    CheckNoteContent(note, "note", after_merge);
    RETURN_IF_ERROR(after_merge.ToStatus());
    return true;
  });
}

absl::StatusOr<v1::Note> NoteWorkflow::Sign(Caller& caller, const v1::SignNoteRequest& r) {
  FieldViolations v;
  CheckName(r.name(), kNotePattern, "name", v);
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(store_.Authorize(caller, r.name(), r.name()));
  RETURN_IF_ERROR(RequireTherapist(caller));
  const absl::Time now = store_.Now();
  return store_.Change(
      r.name(), r.etag(),
      [&](storage::Connection&, v1::Note& note) -> absl::StatusOr<bool> {
        if (note.status() != v1::DRAFT) return NoteSigned(r.name());
        RETURN_IF_ERROR(RequireAuthor(note, caller));
        note.set_status(v1::SIGNED);
        *note.mutable_sign_time() = ToTimestamp(now);
        return true;
      },
      WriteNoteVersion);
}

absl::StatusOr<v1::Note> NoteWorkflow::Amend(Caller& caller, const v1::AmendNoteRequest& r) {
  FieldViolations v;
  CheckName(r.name(), kNotePattern, "name", v);
  CheckNoteContent(r.note(), "note", v);
  if (CheckRequired(r.reason(), "reason", v)) CheckText(r.reason(), kMaxShortText, "reason", v);
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(store_.Authorize(caller, r.name(), r.name()));
  RETURN_IF_ERROR(RequireTherapist(caller));
  const absl::Time now = store_.Now();
  return store_.Change(
      r.name(), r.etag(),
      [&](storage::Connection&, v1::Note& note) -> absl::StatusOr<bool> {
        if (note.status() != v1::SIGNED) {
          return ReasonError(absl::StatusCode::kFailedPrecondition, "NOTE_NOT_SIGNED",
                             "only a signed note is amended; change the draft with UpdateNote");
        }
        CopyContent(r.note(), note);
        note.set_version(note.version() + 1);
        note.set_author(caller.principal().staff_member);
        note.set_amendment_reason(r.reason());
        *note.mutable_sign_time() = ToTimestamp(now);
        return true;
      },
      WriteNoteVersion);
}

absl::StatusOr<v1::ListNoteVersionsResponse> NoteWorkflow::ListVersions(
    Caller& caller, const v1::ListNoteVersionsRequest& r) {
  FieldViolations v;
  CheckName(r.name(), kNotePattern, "name", v);
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(store_.Authorize(caller, r.name(), r.name()));
  v1::ListNoteVersionsResponse out;
  RETURN_IF_ERROR(ctx_.db->Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
    out.Clear();
    RETURN_IF_ERROR(LoadUnrestrictedClient(c, ClientOf(r.name()), store_.Now()).status());
    RETURN_IF_ERROR(store_.Load(c, r.name()).status());
    ASSIGN_OR_RETURN(auto versions, ReadNoteVersions(c, r.name()));
    for (auto& version : versions) *out.add_versions() = std::move(version);
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace fascia::api
