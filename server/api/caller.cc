// Per-call authorization and audit state; see caller.h.
#include "api/caller.h"

#include "common/errors.h"

namespace fascia::api {
namespace {

thread_local Caller* current_caller = nullptr;

}  // namespace

Caller::Caller(domain::Principal principal, const MethodPolicy& policy, AuditRecord audit)
    : principal_(std::move(principal)), policy_(policy), audit_(std::move(audit)) {
  audit_.organization = principal_.organization;
  audit_.actor = principal_.key;
  audit_.actor_role = std::string(domain::RoleName(principal_.role));
  previous_ = current_caller;
  current_caller = this;
}

Caller::~Caller() { current_caller = previous_; }

Caller* Caller::Current() { return current_caller; }

std::unique_ptr<Caller> Caller::ForSystem(const std::string& organization, absl::string_view actor,
                                          absl::Time now) {
  static const MethodPolicy kSystemPolicy{"fasciad", domain::Permission::kPlatformAdmin, true};
  domain::Principal principal;
  principal.key = std::string(actor);
  principal.organization = organization;
  principal.role = domain::Role::kOwner;
  AuditRecord audit;
  audit.time = now;
  audit.action = std::string(actor);
  auto caller = std::make_unique<Caller>(std::move(principal), kSystemPolicy, std::move(audit));
  caller->system_ = true;
  return caller;
}

absl::Status Caller::Authorize(const domain::Target& target, absl::string_view resource) {
  if (system_) {
    authorized_ = targeted_ = true;
    audit_.resource = std::string(resource);
    return absl::OkStatus();
  }
  domain::Decision decision = domain::Authorize(principal_, policy_.permission, target);
  // Every attempt lands in the caller's own organization's log; an attempt on
  // another organization is recorded without naming what was tried, so the
  // log does not become a list of other organizations' names.
  targeted_ = true;
  audit_.resource = target.organization == principal_.organization ? std::string(resource)
                                                                   : "(another organization)";
  if (!decision.allowed) {
    authorized_ = false;
    return ReasonError(absl::StatusCode::kPermissionDenied, "PERMISSION_DENIED",
                       "permission denied: " + decision.why);
  }
  authorized_ = true;
  return absl::OkStatus();
}

absl::Status Caller::AuthorizeScheduleOwner(const std::string& staff_member) {
  if (principal_.role != domain::Role::kTherapist || principal_.staff_member == staff_member) {
    return absl::OkStatus();
  }
  authorized_ = false;
  return ReasonError(absl::StatusCode::kPermissionDenied, "PERMISSION_DENIED",
                     "permission denied: a therapist key reaches only its own schedule");
}

AuditRecord Caller::AuditWithOutcome(absl::string_view outcome) const {
  AuditRecord record = audit_;
  record.outcome = std::string(outcome);
  return record;
}

}  // namespace fascia::api
