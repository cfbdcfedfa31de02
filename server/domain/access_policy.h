// Who may do what: roles, permissions and scopes (no gRPC, no SQL).
//
// A request is allowed when the caller's role grants the permission the RPC
// needs AND the target lies in the caller's scope:
// - always inside the caller's own organization (organizations are isolated);
// - for location-scoped roles (MANAGER, FRONT_DESK, INTEGRATOR), a target that
//   belongs to a location must be one of theirs; organization-level targets
//   (staff, services, clients) are in scope when the permission allows;
// - for THERAPIST, schedule targets must be their own appointments/schedule,
//   and a client's consents and clinical record only those of clients they
//   treat.
// The caller checks before looking anything up, so a denied caller learns
// nothing about whether the target exists.
//
//   Decision d = Authorize(principal, Permission::kScheduleWrite, target);
//   if (!d.allowed) -> PERMISSION_DENIED with d.why
#ifndef FASCIA_DOMAIN_ACCESS_POLICY_H_
#define FASCIA_DOMAIN_ACCESS_POLICY_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace fascia::domain {

enum class Role { kOwner, kManager, kFrontDesk, kTherapist, kIntegrator, kAuditor };

enum class Permission {
  kOrganizationRead,
  kOrganizationWrite,   // organization settings
  kConfigRead,          // locations, rooms, staff, services
  kLocationConfigWrite, // a location's settings and rooms
  kOrgConfigWrite,      // staff and services (organization-wide)
  kScheduleRead,        // availability, appointments
  kScheduleWrite,       // book, reschedule, cancel, check in, ...
  kScheduleAdmin,       // mark entered-in-error
  kClientContactRead,   // client identity and contact
  kClientContactWrite,
  kConsentRead,         // a client's consents
  kConsentWrite,
  kClinicalRead,        // health history and treatment notes
  kClinicalWrite,
  kClientPrivacy,       // export everything held, erase
  kKeyAdmin,            // API keys
  kAuditRead,
  kIntakeSubmit,        // submit a client's intake answers for screening
  kScreeningOverride,   // manual review of a screening that could not run
  kPluginRead,          // the loaded plugins (admin)
  kBillingRead,         // invoices and payments
  kInvoiceWrite,        // create, edit and issue invoices
  kPaymentTake,         // take a payment
  kBillingAdjust,       // refund, void an invoice, waive a policy fee
  kBillingReport,       // revenue, tips, balances and liabilities
  kStaffReport,         // a therapist's tips and utilization (THERAPIST: its own)
  kPlatformAdmin,       // creating organizations: no key has it (fasciad bootstrap does)
};

// The authenticated caller.
struct Principal {
  std::string key;           // the API key's resource name
  std::string organization;  // organizations/{org}
  Role role = Role::kAuditor;
  std::set<std::string> locations;  // for location-scoped roles
  std::string staff_member;         // for THERAPIST
};

// What a request acts on. Empty fields are "not applicable".
struct Target {
  std::string organization;  // required
  std::string location;      // "" for organization-level targets; "-" for every location
  // The schedule's owner where the target is a schedule. nullopt: not known
  // before the target is read (an appointment by name); the caller must then
  // authorize again with the owner once it has read it.
  std::optional<std::string> staff_member;
  // For a client's consents and clinical record: whether the caller's staff
  // member treats that client (has appointments with them). Computed only
  // for THERAPIST callers; nullopt otherwise.
  std::optional<bool> caller_treats_client;
};

struct Decision {
  bool allowed = false;
  std::string why;  // for a denial: which rule, without revealing anything of the target
};

bool RoleHas(Role role, Permission permission);
bool IsLocationScoped(Role role);
std::string_view RoleName(Role role);

Decision Authorize(const Principal& principal, Permission permission, const Target& target);

}  // namespace fascia::domain

#endif  // FASCIA_DOMAIN_ACCESS_POLICY_H_
