// The role rules of domain/access_policy.h, one documented rule per test:
// organization isolation, role grants, location scope, a therapist's own
// schedule and the clients it treats.
#include "domain/access_policy.h"

#include <gtest/gtest.h>

namespace fascia::domain {
namespace {

constexpr char kOrg[] = "organizations/acme";
constexpr char kNy[] = "organizations/acme/locations/ny";
constexpr char kLondon[] = "organizations/acme/locations/london";

Principal Key(Role role) {
  Principal p;
  p.key = "organizations/acme/apiKeys/k";
  p.organization = kOrg;
  p.role = role;
  if (IsLocationScoped(role)) p.locations = {kNy};
  if (role == Role::kTherapist) p.staff_member = "organizations/acme/staff/ann";
  return p;
}

Target At(const std::string& location = "") { return Target{kOrg, location, std::nullopt, std::nullopt}; }

TEST(AccessPolicyTest, AnotherOrganizationIsAlwaysDenied) {
  Target other{"organizations/other", "", std::nullopt, std::nullopt};
  for (Role role : {Role::kOwner, Role::kManager, Role::kFrontDesk, Role::kTherapist,
                    Role::kIntegrator, Role::kAuditor}) {
    EXPECT_FALSE(Authorize(Key(role), Permission::kOrganizationRead, other).allowed);
  }
}

TEST(AccessPolicyTest, NobodyCreatesOrganizations) {
  EXPECT_FALSE(Authorize(Key(Role::kOwner), Permission::kPlatformAdmin, At()).allowed);
}

TEST(AccessPolicyTest, FrontDeskNeverSeesClinicalRecords) {
  EXPECT_FALSE(Authorize(Key(Role::kFrontDesk), Permission::kClinicalRead, At()).allowed);
  EXPECT_TRUE(Authorize(Key(Role::kFrontDesk), Permission::kConsentWrite, At()).allowed);
  EXPECT_TRUE(Authorize(Key(Role::kFrontDesk), Permission::kClientContactWrite, At()).allowed);
}

TEST(AccessPolicyTest, LocationScopedRolesStayInTheirLocations) {
  EXPECT_TRUE(Authorize(Key(Role::kManager), Permission::kScheduleWrite, At(kNy)).allowed);
  EXPECT_FALSE(Authorize(Key(Role::kManager), Permission::kScheduleWrite, At(kLondon)).allowed);
  EXPECT_FALSE(Authorize(Key(Role::kFrontDesk), Permission::kScheduleRead, At("-")).allowed);
  // Organization-level targets (staff, services, clients) are not location-bound.
  EXPECT_TRUE(Authorize(Key(Role::kFrontDesk), Permission::kConfigRead, At()).allowed);
}

TEST(AccessPolicyTest, IntegratorReadsOnly) {
  EXPECT_TRUE(Authorize(Key(Role::kIntegrator), Permission::kScheduleRead, At(kNy)).allowed);
  EXPECT_FALSE(Authorize(Key(Role::kIntegrator), Permission::kScheduleWrite, At(kNy)).allowed);
  EXPECT_FALSE(Authorize(Key(Role::kIntegrator), Permission::kClientContactRead, At()).allowed);
}

TEST(AccessPolicyTest, AuditorReadsTheAuditLogOnly) {
  EXPECT_TRUE(Authorize(Key(Role::kAuditor), Permission::kAuditRead, At()).allowed);
  EXPECT_FALSE(Authorize(Key(Role::kAuditor), Permission::kClientContactRead, At()).allowed);
  EXPECT_FALSE(Authorize(Key(Role::kAuditor), Permission::kConfigRead, At()).allowed);
}

TEST(AccessPolicyTest, TherapistReachesOwnScheduleAndTreatedClients) {
  Target own = At(kNy);
  own.staff_member = "organizations/acme/staff/ann";
  Target other = At(kNy);
  other.staff_member = "organizations/acme/staff/ben";
  Target unknown_yet = At(kNy);  // an appointment by name, before it is read
  EXPECT_TRUE(Authorize(Key(Role::kTherapist), Permission::kScheduleWrite, own).allowed);
  EXPECT_FALSE(Authorize(Key(Role::kTherapist), Permission::kScheduleWrite, other).allowed);
  EXPECT_TRUE(Authorize(Key(Role::kTherapist), Permission::kScheduleRead, unknown_yet).allowed);

  Target treated = At();
  treated.caller_treats_client = true;
  Target untreated = At();
  untreated.caller_treats_client = false;
  EXPECT_TRUE(Authorize(Key(Role::kTherapist), Permission::kClinicalRead, treated).allowed);
  EXPECT_FALSE(Authorize(Key(Role::kTherapist), Permission::kClinicalRead, untreated).allowed);
  EXPECT_FALSE(Authorize(Key(Role::kTherapist), Permission::kClinicalRead, At()).allowed)
      << "an unknown relationship is no relationship";
  EXPECT_FALSE(Authorize(Key(Role::kTherapist), Permission::kConsentWrite, treated).allowed);
}

TEST(AccessPolicyTest, DenialsSayWhyWithoutNamingTheTarget) {
  Decision d = Authorize(Key(Role::kFrontDesk), Permission::kScheduleRead, At(kLondon));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.why.find("london"), std::string::npos) << d.why;
}

}  // namespace
}  // namespace fascia::domain
