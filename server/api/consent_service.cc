// fascia.v1.ConsentService: a client's consents (treatment, prenatal waiver,
// marketing opt-in), over ClientRecordStore (client_record_crud.h).
//
// A consent is a record of what was agreed: after creation only revocation
// changes it, once, keeping the record (revoke_time, revoke_reason). The key
// that recorded it is kept in recorded_by. Consents of an erased client are
// restricted like the rest of the clinical record, and none can be added.
#include "absl/strings/str_cat.h"
#include "api/grpc_status.h"
#include "api/handle.h"
#include "api/client_record_crud.h"
#include "api/reply.h"
#include "api/services.h"
#include "fascia/v1/consent_service.grpc.pb.h"

namespace fascia::api {

namespace v1 = fascia::v1;

// Defined in consent_type.cc (declared here rather than in resource_types.h,
// which does not know records.proto).
ResourceType<v1::Consent> ConsentType(Clock clock);
void CheckConsentFilterValue(const FilterTerm& term, FieldViolations& v);

namespace {

std::string Method(absl::string_view name) { return absl::StrCat("fascia.v1.ConsentService/", name); }

class ConsentServiceImpl final : public v1::ConsentService::Service {
 public:
  explicit ConsentServiceImpl(const ApiContext& ctx)
      : ctx_(ctx), store_(ctx, ConsentType(ctx.clock), CheckConsentFilterValue) {}

  grpc::Status CreateConsent(grpc::ServerContext* context, const v1::CreateConsentRequest* r,
                             v1::Consent* out) override {
    return Handle(ctx(), context, Method("CreateConsent"), *r, [&](Caller& caller) {
      return Reply(Create(caller, *r), out);
    });
  }

  grpc::Status GetConsent(grpc::ServerContext* context, const v1::GetConsentRequest* r,
                          v1::Consent* out) override {
    return Handle(ctx(), context, Method("GetConsent"), *r, [&](Caller& caller) {
      return Reply(store_.Get(caller, r->name()), out);
    });
  }

  grpc::Status ListConsents(grpc::ServerContext* context, const v1::ListConsentsRequest* r,
                            v1::ListConsentsResponse* out) override {
    return Handle(ctx(), context, Method("ListConsents"), *r, [&](Caller& caller) {
      return ReplyPage(store_.List(caller, r->parent(), r->page_size(), r->page_token(), r->filter()),
                       out->mutable_consents(), out);
    });
  }

  grpc::Status RevokeConsent(grpc::ServerContext* context, const v1::RevokeConsentRequest* r,
                             v1::Consent* out) override {
    return Handle(ctx(), context, Method("RevokeConsent"), *r, [&](Caller& caller) {
      return Reply(Revoke(caller, *r), out);
    });
  }

 private:
  const ApiContext& ctx() const { return ctx_; }

  absl::StatusOr<v1::Consent> Create(Caller& caller, const v1::CreateConsentRequest& r) {
    v1::Consent consent = r.consent();
    FieldViolations v;
    store_.CheckCreate(r.parent(), r.request_id(), consent, v);
    RETURN_IF_ERROR(v.ToStatus());
    const std::string name = store_.NewName(r.parent());
    RETURN_IF_ERROR(store_.Authorize(caller, r.parent(), name));
    consent.set_recorded_by(caller.principal().key);
    return store_.Insert(r.parent(), name, consent, r.request_id(), nullptr);
  }

  absl::StatusOr<v1::Consent> Revoke(Caller& caller, const v1::RevokeConsentRequest& r) {
    FieldViolations v;
    CheckName(r.name(), store_.type().pattern, "name", v);
    if (CheckRequired(r.reason(), "reason", v)) CheckText(r.reason(), kMaxShortText, "reason", v);
    RETURN_IF_ERROR(v.ToStatus());
    RETURN_IF_ERROR(store_.Authorize(caller, r.name(), r.name()));
    const absl::Time now = store_.Now();
    return store_.Change(r.name(), /*etag=*/"",
                         [&](storage::Connection&, v1::Consent& consent) -> absl::StatusOr<bool> {
                           // Revocation happens once: a retry (or a second
                           // revocation) returns the record unchanged.
                           if (consent.has_revoke_time()) return false;
                           *consent.mutable_revoke_time() = ToTimestamp(now);
                           consent.set_revoke_reason(r.reason());
                           return true;
                         });
  }

  ApiContext ctx_;
  ClientRecordStore<v1::Consent> store_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewConsentService(const ApiContext& ctx) {
  return std::make_unique<ConsentServiceImpl>(ctx);
}

}  // namespace fascia::api
