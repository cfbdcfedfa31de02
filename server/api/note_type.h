// The treatment note (SOAP) as a stored resource: its names, the validation
// of its content, its filters, and its signed versions.
//
// Storage, in the resources table:
// - kind "note": each note's current state (the draft, or its latest signed
//   version), named organizations/{org}/clients/{client}/notes/{note}, with
//   the client as parent;
// - kind "note_version": every signed version, written once and never
//   changed, named {note}/versions/{n} (n = Note.version: 1, 2, ...), with
//   the note as parent. A draft has no version row: only what was signed is
//   part of the record.
#ifndef FASCIA_API_NOTE_TYPE_H_
#define FASCIA_API_NOTE_TYPE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "api/filter.h"
#include "api/resource_crud.h"
#include "common/errors.h"
#include "fascia/v1/records.pb.h"
#include "storage/database.h"

namespace fascia::api {

inline constexpr char kNotePattern[] = "organizations/*/clients/*/notes/*";
inline constexpr char kNoteVersionPattern[] = "organizations/*/clients/*/notes/*/versions/*";
inline constexpr char kNoteVersionKind[] = "note_version";

// Bounds on a note's content (bytes / entries).
inline constexpr size_t kMaxNoteText = 20000;      // subjective, assessment, plan, observations
inline constexpr size_t kMaxNotePosition = 100;
inline constexpr size_t kMaxMarkNote = 2000;
inline constexpr int kMaxTechniques = 100;
inline constexpr int kMaxBodyChartMarks = 200;
inline constexpr int kMaxTechniqueMinutes = 600;

// Kind "note", under a client. validate checks the appointment name and the
// content; author, status, version, amendment_reason and sign_time are output
// only (the server sets them).
ResourceType<fascia::v1::Note> NoteType();

// What a therapist writes: subjective, objective, assessment (with
// diagnosis_codes), plan and body_chart. UpdateNote may change these (and
// only these) in a draft; AmendNote replaces all of them.
const std::vector<std::string>& NoteContentFields();

// Validates the content fields of `note`; paths start with `prefix` ("note").
void CheckNoteContent(const fascia::v1::Note& note, const std::string& prefix, FieldViolations& v);

// ListNotes filter values: status is DRAFT or SIGNED.
void CheckNoteFilterValue(const FilterTerm& term, FieldViolations& v);

std::string NoteVersionName(const std::string& note, int version);

// Writes `note` (a note's state just signed or amended, named as the note)
// as its immutable version row. Inside the caller's write transaction; a
// version that already exists is a ConstraintViolationError.
absl::Status WriteNoteVersion(storage::Connection& c, const fascia::v1::Note& note);

// Every signed version of `note`, oldest first, each named as its version
// row. Inside the caller's transaction.
absl::StatusOr<std::vector<fascia::v1::Note>> ReadNoteVersions(storage::Connection& c,
                                                               const std::string& note);

}  // namespace fascia::api

#endif  // FASCIA_API_NOTE_TYPE_H_
