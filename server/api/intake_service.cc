// fascia.v1.IntakeService: intake forms per modality, SubmitIntake (screening,
// intake_submit.h), a client's screenings and provider clearances (over
// ClientRecordStore: a clinical record, restricted after erasure, audited
// with the client), and the manual override of a screening that could not
// run.
#include "absl/strings/str_cat.h"
#include "api/client_record_crud.h"
#include "api/grpc_status.h"
#include "api/handle.h"
#include "api/intake_forms.h"
#include "api/intake_submit.h"
#include "api/reply.h"
#include "api/resource_names.h"
#include "api/screening_types.h"
#include "api/services.h"
#include "fascia/v1/intake.grpc.pb.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

std::string Method(absl::string_view name) { return absl::StrCat("fascia.v1.IntakeService/", name); }

class IntakeServiceImpl final : public v1::IntakeService::Service {
 public:
  explicit IntakeServiceImpl(const ApiContext& ctx)
      : ctx_(ctx),
        screenings_(ctx, ScreeningType(), CheckScreeningFilterValue),
        clearances_(ctx, ClearanceType()) {}

  grpc::Status ListIntakeForms(grpc::ServerContext* context, const v1::ListIntakeFormsRequest* r,
                               v1::ListIntakeFormsResponse* out) override {
    return Handle(ctx_, context, Method("ListIntakeForms"), *r, [&](Caller& caller) -> grpc::Status {
      FieldViolations v;
      CheckName(r->parent(), kOrganizationPattern, "parent", v);
      absl::Status status = v.ToStatus();
      if (status.ok()) status = caller.Authorize(TargetOf(r->parent()), r->parent());
      if (!status.ok()) return ToGrpcStatus(status);
      for (auto& form : api::ListIntakeForms(*ctx_.plugins, r->parent())) *out->add_forms() = std::move(form);
      return grpc::Status::OK;
    });
  }

  grpc::Status GetIntakeForm(grpc::ServerContext* context, const v1::GetIntakeFormRequest* r,
                             v1::IntakeForm* out) override {
    return Handle(ctx_, context, Method("GetIntakeForm"), *r, [&](Caller& caller) {
      return Reply(GetForm(caller, r->name()), out);
    });
  }

  grpc::Status SubmitIntake(grpc::ServerContext* context, const v1::SubmitIntakeRequest* r,
                            v1::Screening* out) override {
    return Handle(ctx_, context, Method("SubmitIntake"), *r, [&](Caller& caller) {
      return Reply(api::SubmitIntake(ctx_, screenings_, caller, *r), out);
    });
  }

  grpc::Status GetScreening(grpc::ServerContext* context, const v1::GetScreeningRequest* r,
                            v1::Screening* out) override {
    return Handle(ctx_, context, Method("GetScreening"), *r, [&](Caller& caller) {
      return Reply(screenings_.Get(caller, r->name()), out);
    });
  }

  grpc::Status ListScreenings(grpc::ServerContext* context, const v1::ListScreeningsRequest* r,
                              v1::ListScreeningsResponse* out) override {
    return Handle(ctx_, context, Method("ListScreenings"), *r, [&](Caller& caller) {
      return ReplyPage(screenings_.List(caller, r->parent(), r->page_size(), r->page_token(), r->filter()),
                       out->mutable_screenings(), out);
    });
  }

  grpc::Status OverrideScreening(grpc::ServerContext* context, const v1::OverrideScreeningRequest* r,
                                 v1::Screening* out) override {
    return Handle(ctx_, context, Method("OverrideScreening"), *r, [&](Caller& caller) {
      return Reply(Override(caller, *r), out);
    });
  }

  grpc::Status CreateClearance(grpc::ServerContext* context, const v1::CreateClearanceRequest* r,
                               v1::Clearance* out) override {
    return Handle(ctx_, context, Method("CreateClearance"), *r, [&](Caller& caller) {
      return Reply(Create(caller, *r), out);
    });
  }

  grpc::Status GetClearance(grpc::ServerContext* context, const v1::GetClearanceRequest* r,
                            v1::Clearance* out) override {
    return Handle(ctx_, context, Method("GetClearance"), *r, [&](Caller& caller) {
      return Reply(clearances_.Get(caller, r->name()), out);
    });
  }

  grpc::Status ListClearances(grpc::ServerContext* context, const v1::ListClearancesRequest* r,
                              v1::ListClearancesResponse* out) override {
    return Handle(ctx_, context, Method("ListClearances"), *r, [&](Caller& caller) {
      return ReplyPage(clearances_.List(caller, r->parent(), r->page_size(), r->page_token(), ""),
                       out->mutable_clearances(), out);
    });
  }

 private:
  absl::StatusOr<v1::IntakeForm> GetForm(Caller& caller, const std::string& name) {
    FieldViolations v;
    CheckName(name, kIntakeFormPattern, "name", v);
    RETURN_IF_ERROR(v.ToStatus());
    const std::vector<std::string> ids = *MatchName(name, kIntakeFormPattern);
    const std::string organization = NamePrefix(name, 2);
    RETURN_IF_ERROR(caller.Authorize(TargetOf(organization), name));
    auto found = FindModalityForm(*ctx_.plugins, ids[1]);
    if (!found) return NotFound("intake form", name);
    return ComposeIntakeForm(organization, *found);
  }

  absl::StatusOr<v1::Screening> Override(Caller& caller, const v1::OverrideScreeningRequest& r) {
    FieldViolations v;
    CheckName(r.name(), kScreeningPattern, "name", v);
    if (CheckRequired(r.reason(), "reason", v)) CheckText(r.reason(), kMaxShortText, "reason", v);
    RETURN_IF_ERROR(v.ToStatus());
    RETURN_IF_ERROR(screenings_.Authorize(caller, r.name(), r.name()));
    const absl::Time now = screenings_.Now();
    const std::string reviewer = caller.principal().key;
    return screenings_.Change(
        r.name(), /*etag=*/"", [&](storage::Connection&, v1::Screening& s) -> absl::StatusOr<bool> {
          if (s.outcome() != v1::SCREENING_UNAVAILABLE) {
            return ReasonError(absl::StatusCode::kFailedPrecondition, "SCREENING_NOT_UNAVAILABLE",
                               "only a screening that could not run can be overridden");
          }
          if (s.has_manual_override()) return false;  // a retry: already reviewed
          s.mutable_manual_override()->set_reviewer(reviewer);
          s.mutable_manual_override()->set_reason(r.reason());
          *s.mutable_manual_override()->mutable_time() = ToTimestamp(now);
          return true;
        });
  }

  absl::StatusOr<v1::Clearance> Create(Caller& caller, const v1::CreateClearanceRequest& r) {
    v1::Clearance clearance = r.clearance();
    FieldViolations v;
    clearances_.CheckCreate(r.parent(), r.request_id(), clearance, v);
    RETURN_IF_ERROR(v.ToStatus());
    const std::string name = clearances_.NewName(r.parent());
    RETURN_IF_ERROR(clearances_.Authorize(caller, r.parent(), name));
    clearance.set_recorded_by(caller.principal().key);
    return clearances_.Insert(r.parent(), name, clearance, r.request_id(), nullptr);
  }

  ApiContext ctx_;
  ClientRecordStore<v1::Screening> screenings_;
  ClientRecordStore<v1::Clearance> clearances_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewIntakeService(const ApiContext& ctx) {
  return std::make_unique<IntakeServiceImpl>(ctx);
}

}  // namespace fascia::api
