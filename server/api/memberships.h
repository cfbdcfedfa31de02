// Memberships: recurring plans (MembershipPlan, organization-wide) and a
// client's enrolment in one (Membership, billed at one location).
//
// The monthly billing run sells the member that month's included sessions
// as a package (prepaid.h: an ISSUED invoice with a PACKAGE line; the
// sessions become usable once it is paid and expire at the month's end in
// the location's time zone), and records the month on the membership in the
// same transaction. The package's request_id is the membership and month, so
// a repeated or concurrent run bills each month once.
//
// Member price: completing a visit of a service the plan covers, when no
// package session pays for it, takes the plan's member discount off the
// visit's SERVICE line (ApplyMemberPrice).
#ifndef FASCIA_API_MEMBERSHIPS_H_
#define FASCIA_API_MEMBERSHIPS_H_

#include "absl/status/statusor.h"
#include "api/caller.h"
#include "api/resource_crud.h"
#include "api/services.h"
#include "fascia/v1/billing_service.pb.h"
#include "fascia/v1/resources.pb.h"

namespace fascia::api {

class Memberships {
 public:
  explicit Memberships(const ApiContext& ctx);

  ResourceCrud<fascia::v1::MembershipPlan>& plans() { return plans_; }
  ResourceCrud<fascia::v1::Membership>& memberships() { return memberships_; }

  absl::StatusOr<fascia::v1::Membership> Cancel(Caller& caller,
                                                const fascia::v1::CancelMembershipRequest& r);
  absl::StatusOr<fascia::v1::RunMembershipBillingResponse> RunBilling(
      Caller& caller, const fascia::v1::RunMembershipBillingRequest& r);

 private:
  storage::Database& db_;
  Clock clock_;
  ResourceCrud<fascia::v1::MembershipPlan> plans_;
  ResourceCrud<fascia::v1::Membership> memberships_;
};

// REQUIRES: `invoice` is the DRAFT visit invoice of `appointment` (its
// SERVICE line id "1"), inside the completing transaction. Adds the member
// discount of the client's first active membership whose plan covers the
// service, if any.
absl::Status ApplyMemberPrice(storage::Connection& c, const fascia::v1::Appointment& appointment,
                              fascia::v1::Invoice& invoice);

}  // namespace fascia::api

#endif  // FASCIA_API_MEMBERSHIPS_H_
