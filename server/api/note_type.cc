// Treatment note names, validation and versions; see note_type.h.
#include "api/note_type.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "api/field_checks.h"
#include "api/insurance_settings.h"
#include "api/resource_names.h"
#include "api/stored_document.h"
#include "common/status_macros.h"
#include "storage/resource_repository.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

void CheckTechnique(const v1::TechniqueApplied& t, const std::string& field, FieldViolations& v) {
  if (CheckRequired(t.technique(), field + ".technique", v)) {
    CheckText(t.technique(), kMaxShortText, field + ".technique", v);
  }
  CheckText(t.region(), kMaxShortText, field + ".region", v);
  if (t.minutes() < 0 || t.minutes() > kMaxTechniqueMinutes) {
    v.Add(field + ".minutes", absl::StrCat("must be between 0 and ", kMaxTechniqueMinutes));
  }
}

void CheckMark(const v1::BodyChartMark& m, const std::string& field, FieldViolations& v) {
  if (m.view() == v1::BODY_VIEW_UNSPECIFIED || !v1::BodyView_IsValid(m.view())) {
    v.Add(field + ".view", "must be one of ANTERIOR, POSTERIOR, LEFT_LATERAL, RIGHT_LATERAL");
  }
  if (CheckRequired(m.body_site(), field + ".body_site", v)) {
    CheckText(m.body_site(), kMaxShortText, field + ".body_site", v);
  }
  // Unspecified laterality is allowed: not every site has a side.
  if (!v1::Laterality_IsValid(m.laterality())) {
    v.Add(field + ".laterality", "must be one of LEFT, RIGHT, BILATERAL, MIDLINE (or unset)");
  }
  if (m.finding() == v1::FINDING_UNSPECIFIED || !v1::Finding_IsValid(m.finding())) {
    v.Add(field + ".finding",
          "must be one of PAIN, TRIGGER_POINT, HYPERTONIC, SPASM, ADHESION, OEDEMA, "
          "INFLAMMATION, NUMBNESS, SCAR");
  }
  if (m.intensity() < 0 || m.intensity() > 10) v.Add(field + ".intensity", "must be between 0 and 10");
  CheckText(m.note(), kMaxMarkNote, field + ".note", v);
}

void ValidateNewNote(const v1::Note& note, FieldViolations& v) {
  CheckName(note.appointment(), kAppointmentPattern, "note.appointment", v);
  CheckNoteContent(note, "note", v);
}

bool NoteMatches(const v1::Note& note, const FilterTerm& term) {
  if (term.field == "appointment") return note.appointment() == term.value;
  if (term.field == "status") return v1::NoteStatus_Name(note.status()) == term.value;
  return false;
}

}  // namespace

ResourceType<v1::Note> NoteType() {
  ResourceType<v1::Note> t;
  t.kind = "note";
  t.pattern = kNotePattern;
  t.parent_kind = "client";
  t.parent_pattern = kClientPattern;
  t.collection = "notes";
  t.field = "note";
  t.validate = ValidateNewNote;
  t.output_only = {"author", "status", "version", "amendment_reason", "sign_time"};
  t.filter_schema = {{"appointment", {"="}}, {"status", {"="}}};
  t.matches = NoteMatches;
  return t;
}

const std::vector<std::string>& NoteContentFields() {
  static const auto* fields =
      new std::vector<std::string>{"subjective",      "objective", "assessment",
                                   "diagnosis_codes", "plan",      "body_chart"};
  return *fields;
}

void CheckNoteContent(const v1::Note& note, const std::string& prefix, FieldViolations& v) {
  const std::string p = prefix + ".";
  CheckText(note.subjective(), kMaxNoteText, p + "subjective", v);
  CheckText(note.assessment(), kMaxNoteText, p + "assessment", v);
  CheckDiagnosisCodes(note.diagnosis_codes(), p + "diagnosis_codes", v);
  CheckText(note.plan(), kMaxNoteText, p + "plan", v);

  const v1::Objective& o = note.objective();
  const std::string op = p + "objective";
  if (o.techniques_size() > kMaxTechniques) {
    v.Add(op + ".techniques", absl::StrCat("has more than ", kMaxTechniques, " entries"));
  } else {
    for (int i = 0; i < o.techniques_size(); ++i) {
      CheckTechnique(o.techniques(i), absl::StrCat(op, ".techniques[", i, "]"), v);
    }
  }
  CheckText(o.position(), kMaxNotePosition, op + ".position", v);
  if (!v1::PressurePreference_IsValid(o.pressure())) {
    v.Add(op + ".pressure", "must be one of LIGHT, MEDIUM, FIRM, DEEP (or unset)");
  }
  CheckText(o.observations(), kMaxNoteText, op + ".observations", v);

  if (note.body_chart_size() > kMaxBodyChartMarks) {
    v.Add(p + "body_chart", absl::StrCat("has more than ", kMaxBodyChartMarks, " entries"));
  } else {
    for (int i = 0; i < note.body_chart_size(); ++i) {
      CheckMark(note.body_chart(i), absl::StrCat(p, "body_chart[", i, "]"), v);
    }
  }
}

void CheckNoteFilterValue(const FilterTerm& term, FieldViolations& v) {
  v1::NoteStatus status;
  if (term.field == "status" &&
      (!v1::NoteStatus_Parse(term.value, &status) || status == v1::NOTE_STATUS_UNSPECIFIED)) {
    v.Add("filter", "status must be DRAFT or SIGNED");
  }
}

std::string NoteVersionName(const std::string& note, int version) {
  return absl::StrCat(note, "/versions/", version);
}

absl::Status WriteNoteVersion(storage::Connection& c, const v1::Note& note) {
  v1::Note version = note;
  version.set_name(NoteVersionName(note.name(), note.version()));
  version.clear_etag();
  storage::StoredResource row;
  row.name = version.name();
  row.parent = note.name();
  row.revision = 1;
  row.create_time = row.update_time = ToTime(note.sign_time());
  row.data = version.SerializeAsString();
  return storage::ResourceRepository(kNoteVersionKind).Insert(c, row, "");
}

absl::StatusOr<std::vector<v1::Note>> ReadNoteVersions(storage::Connection& c, const std::string& note) {
  std::vector<v1::Note> out;
  RETURN_IF_ERROR(ForEachStored<v1::Note>(c, storage::ResourceRepository(kNoteVersionKind), note,
                                          /*include_deleted=*/false, "note version",
                                          [&](v1::Note version) {
                                            // A version never changes, so it has no etag.
                                            version.clear_etag();
                                            out.push_back(std::move(version));
                                          }));
  // Rows come in name order, where "versions/10" sorts before "versions/2".
  std::sort(out.begin(), out.end(), [](const v1::Note& a, const v1::Note& b) {
    return a.version() < b.version();
  });
  return out;
}

}  // namespace fascia::api
