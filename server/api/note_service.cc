// fascia.v1.NoteService: gRPC glue over NoteWorkflow (note_workflow.h),
// where the rules of a note's life are.
#include "absl/strings/str_cat.h"
#include "api/handle.h"
#include "api/note_workflow.h"
#include "api/reply.h"
#include "api/services.h"
#include "fascia/v1/note_service.grpc.pb.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

std::string Method(absl::string_view name) { return absl::StrCat("fascia.v1.NoteService/", name); }

class NoteServiceImpl final : public v1::NoteService::Service {
 public:
  explicit NoteServiceImpl(const ApiContext& ctx) : ctx_(ctx), notes_(ctx) {}

  grpc::Status CreateNote(grpc::ServerContext* context, const v1::CreateNoteRequest* r,
                          v1::Note* out) override {
    return Handle(ctx_, context, Method("CreateNote"), *r,
                  [&](Caller& caller) { return Reply(notes_.Create(caller, *r), out); });
  }
  grpc::Status GetNote(grpc::ServerContext* context, const v1::GetNoteRequest* r,
                       v1::Note* out) override {
    return Handle(ctx_, context, Method("GetNote"), *r,
                  [&](Caller& caller) { return Reply(notes_.Get(caller, r->name()), out); });
  }
  grpc::Status ListNotes(grpc::ServerContext* context, const v1::ListNotesRequest* r,
                         v1::ListNotesResponse* out) override {
    return Handle(ctx_, context, Method("ListNotes"), *r, [&](Caller& caller) {
      return ReplyPage(notes_.List(caller, *r), out->mutable_notes(), out);
    });
  }
  grpc::Status UpdateNote(grpc::ServerContext* context, const v1::UpdateNoteRequest* r,
                          v1::Note* out) override {
    return Handle(ctx_, context, Method("UpdateNote"), *r,
                  [&](Caller& caller) { return Reply(notes_.Update(caller, *r), out); });
  }
  grpc::Status SignNote(grpc::ServerContext* context, const v1::SignNoteRequest* r,
                        v1::Note* out) override {
    return Handle(ctx_, context, Method("SignNote"), *r,
                  [&](Caller& caller) { return Reply(notes_.Sign(caller, *r), out); });
  }
  grpc::Status AmendNote(grpc::ServerContext* context, const v1::AmendNoteRequest* r,
                         v1::Note* out) override {
    return Handle(ctx_, context, Method("AmendNote"), *r,
                  [&](Caller& caller) { return Reply(notes_.Amend(caller, *r), out); });
  }
  grpc::Status ListNoteVersions(grpc::ServerContext* context, const v1::ListNoteVersionsRequest* r,
                                v1::ListNoteVersionsResponse* out) override {
    return Handle(ctx_, context, Method("ListNoteVersions"), *r,
                  [&](Caller& caller) { return Reply(notes_.ListVersions(caller, *r), out); });
  }

 private:
  ApiContext ctx_;
  NoteWorkflow notes_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewNoteService(const ApiContext& ctx) {
  return std::make_unique<NoteServiceImpl>(ctx);
}

}  // namespace fascia::api
