// The life of a treatment note, behind NoteService: draft -> signed, then
// amendments as new signed versions. Each method validates, authorizes
// (ClientRecordStore::Authorize: OWNER, or a THERAPIST who treats the
// client), then acts in one transaction.
//
// Rules:
// - Only a therapist's key (one with a staff member) writes notes:
//   FAILED_PRECONDITION NOT_A_THERAPIST otherwise, after authorization.
// - Create: the appointment must be one of this client's, given by the
//   caller, and not entered in error (INVALID_ARGUMENT on note.appointment);
//   the note starts as a DRAFT, version 1, authored by the caller.
// - Update and Sign: drafts only (FAILED_PRECONDITION NOTE_SIGNED), and only
//   by the draft's author (PERMISSION_DENIED NOT_NOTE_AUTHOR). Signing
//   writes version 1 as an immutable version row.
// - Amend: signed notes only (FAILED_PRECONDITION NOTE_NOT_SIGNED), with a
//   reason; the new content becomes version n+1, signed now by the caller,
//   written as a version row and as the note, in one transaction.
// - Reads of an erased client's notes are RECORD_RESTRICTED until the
//   retention period ends; writes for an erased client always are.
//
// Thread-safety: stateless after construction; call from any thread.
#ifndef FASCIA_API_NOTE_WORKFLOW_H_
#define FASCIA_API_NOTE_WORKFLOW_H_

#include "absl/status/statusor.h"
#include "api/caller.h"
#include "api/client_record_crud.h"
#include "api/services.h"
#include "fascia/v1/note_service.pb.h"

namespace fascia::api {

class NoteWorkflow {
 public:
  explicit NoteWorkflow(const ApiContext& ctx);

  absl::StatusOr<fascia::v1::Note> Create(Caller& caller, const fascia::v1::CreateNoteRequest& r);
  absl::StatusOr<fascia::v1::Note> Get(Caller& caller, const std::string& name);
  absl::StatusOr<ListPage<fascia::v1::Note>> List(Caller& caller, const fascia::v1::ListNotesRequest& r);
  absl::StatusOr<fascia::v1::Note> Update(Caller& caller, const fascia::v1::UpdateNoteRequest& r);
  absl::StatusOr<fascia::v1::Note> Sign(Caller& caller, const fascia::v1::SignNoteRequest& r);
  absl::StatusOr<fascia::v1::Note> Amend(Caller& caller, const fascia::v1::AmendNoteRequest& r);
  absl::StatusOr<fascia::v1::ListNoteVersionsResponse> ListVersions(
      Caller& caller, const fascia::v1::ListNoteVersionsRequest& r);

 private:
  ApiContext ctx_;
  ClientRecordStore<fascia::v1::Note> store_;
};

}  // namespace fascia::api

#endif  // FASCIA_API_NOTE_WORKFLOW_H_
