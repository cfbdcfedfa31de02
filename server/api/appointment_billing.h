// What billing does when an appointment changes status, inside the
// appointment's own write transaction (so the status and its invoice commit
// together):
//
// - FULFILLED: a DRAFT invoice for the visit (the service at the location's
//   price, the therapist named on the line), for the front desk to add tips
//   or products to and issue; paying it issues it. A package of the client's
//   that covers the service pays the line with one session (prepaid.h).
// - CANCELLED inside the accepted policy's window, or NOSHOW: an ISSUED
//   invoice with the policy's fee (LATE_CANCEL_FEE / NO_SHOW_FEE), recording
//   the policy version the client accepted at booking. No invoice when the
//   fee is zero, or when the policy forfeits a package session instead and a
//   package covers the service.
//
// Returns the invoice's name ("" when none was created).
#ifndef FASCIA_API_APPOINTMENT_BILLING_H_
#define FASCIA_API_APPOINTMENT_BILLING_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "fascia/v1/resources.pb.h"
#include "storage/database.h"

namespace fascia::api {

// REQUIRES: `appointment` is the appointment after the transition, and `c`
// is the transition's write transaction.
absl::StatusOr<std::string> BillStatusChange(storage::Connection& c,
                                             const fascia::v1::Appointment& appointment,
                                             absl::Time now);

}  // namespace fascia::api

#endif  // FASCIA_API_APPOINTMENT_BILLING_H_
