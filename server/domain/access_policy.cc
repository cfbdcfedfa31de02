// Roles, permissions and scopes; see access_policy.h.
#include "domain/access_policy.h"

namespace fascia::domain {

bool RoleHas(Role role, Permission p) {
  using P = Permission;
  switch (role) {
    case Role::kOwner:
      return p != P::kPlatformAdmin;
    case Role::kManager:
      return p == P::kOrganizationRead || p == P::kConfigRead || p == P::kLocationConfigWrite ||
             p == P::kScheduleRead || p == P::kScheduleWrite || p == P::kScheduleAdmin ||
             p == P::kClientContactRead || p == P::kClientContactWrite || p == P::kConsentRead ||
             p == P::kConsentWrite || p == P::kIntakeSubmit || p == P::kScreeningOverride ||
             p == P::kPluginRead || p == P::kBillingRead || p == P::kInvoiceWrite ||
             p == P::kPaymentTake || p == P::kBillingAdjust || p == P::kBillingReport ||
             p == P::kStaffReport;
    case Role::kFrontDesk:
      // Never clinical: minimum necessary (HIPAA 164.502(b)).
      return p == P::kOrganizationRead || p == P::kConfigRead || p == P::kScheduleRead ||
             p == P::kScheduleWrite || p == P::kClientContactRead || p == P::kClientContactWrite ||
             p == P::kConsentRead || p == P::kConsentWrite || p == P::kIntakeSubmit ||
             p == P::kBillingRead || p == P::kInvoiceWrite || p == P::kPaymentTake;
    case Role::kTherapist:
      return p == P::kOrganizationRead || p == P::kConfigRead || p == P::kScheduleRead ||
             p == P::kScheduleWrite || p == P::kClientContactRead || p == P::kConsentRead ||
             p == P::kClinicalRead || p == P::kClinicalWrite || p == P::kIntakeSubmit ||
             p == P::kScreeningOverride || p == P::kStaffReport;
    case Role::kIntegrator:
      return p == P::kOrganizationRead || p == P::kConfigRead || p == P::kScheduleRead ||
             p == P::kPluginRead;
    case Role::kAuditor:
      return p == P::kAuditRead;
  }
  return false;
}

bool IsLocationScoped(Role role) {
  return role == Role::kManager || role == Role::kFrontDesk || role == Role::kIntegrator;
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kOwner: return "OWNER";
    case Role::kManager: return "MANAGER";
    case Role::kFrontDesk: return "FRONT_DESK";
    case Role::kTherapist: return "THERAPIST";
    case Role::kIntegrator: return "INTEGRATOR";
    case Role::kAuditor: return "AUDITOR";
  }
  return "UNKNOWN";
}

Decision Authorize(const Principal& principal, Permission permission, const Target& target) {
  // The same answer for "another organization" and "not allowed" keeps other
  // organizations' existence invisible.
  if (target.organization != principal.organization) {
    return {false, "the caller's key does not grant this"};
  }
  if (!RoleHas(principal.role, permission)) {
    return {false, std::string("role ") + std::string(RoleName(principal.role)) +
                       " does not grant this"};
  }
  if (IsLocationScoped(principal.role) && !target.location.empty() &&
      principal.locations.count(target.location) == 0) {
    return {false, "the location is outside the key's scope"};
  }
  const bool schedule = permission == Permission::kScheduleRead ||
                        permission == Permission::kScheduleWrite ||
                        permission == Permission::kStaffReport;
  if (principal.role == Role::kTherapist && schedule && target.staff_member &&
      *target.staff_member != principal.staff_member) {
    return {false, "a therapist key reaches only its own schedule"};
  }
  const bool client_record = permission == Permission::kConsentRead ||
                             permission == Permission::kClinicalRead ||
                             permission == Permission::kClinicalWrite ||
                             permission == Permission::kScreeningOverride;
  if (principal.role == Role::kTherapist && client_record &&
      !target.caller_treats_client.value_or(false)) {
    return {false, "a therapist key reaches the records of clients it treats"};
  }
  return {true, ""};
}

}  // namespace fascia::domain
