// The superbill of a completed visit (BillingService.GetSuperbill): what a
// client needs to claim it from their insurance, computed on request from
// what is stored; nothing is written.
//
//   Superbills superbills(ctx);
//   absl::StatusOr<fascia::v1::Superbill> bill = superbills.Get(caller, request);
//
// Sources, read in one transaction:
// - the appointment (must be FULFILLED: FAILED_PRECONDITION
//   APPOINTMENT_NOT_FULFILLED), its location (billing provider: name,
//   address, billing_npi, tax_id, zone), service (cpt_codes; none:
//   FAILED_PRECONDITION NO_CPT_CODES) and therapist (rendering provider:
//   display_name, credentials, npi);
// - the client (patient, and insurance: the payer's unit_method); an erased
//   client's record is restricted (FAILED_PRECONDITION RECORD_RESTRICTED);
// - the client's signed note for the appointment, as last signed (an
//   amendment is the latest signed version): objective.techniques give the
//   timed minutes per technique, diagnosis_codes the diagnoses. No signed
//   note: FAILED_PRECONDITION NOTE_NOT_SIGNED. Buffers are never in a
//   note's minutes, so they never count;
// - the appointment's invoice (Appointment.invoice), unless VOID.
//
// Coding: each technique with minutes is billed under the service's CPT code
// that lists it (case-insensitive), else under its default code, else not at
// all (unbilled_techniques); units per code by billing::ComputeUnits under
// the client's unit method. No unit at all (under 8 timed minutes):
// FAILED_PRECONDITION NO_BILLABLE_UNITS.
//
// Charges: the invoice's SERVICE lines for this visit after their discounts
// (before tax; tips, products and fees are not part of the claim), or the
// service's price at the location without an invoice, spread over the lines
// in proportion to their units by the largest remainder method
// (billing::Allocate), so they sum to the total exactly. A visit a package
// session paid for (a 100% DISCOUNT naming the package) is charged the
// session's value (its share of the package price, PackageUse.value), which
// counts as paid. Amount paid: that, plus the invoice's payments net of
// refunds, at most the total charge.
//
// Authorization: BillingService read (kBillingRead) on the appointment's
// location, checked before anything is read. The superbill shows codes,
// minutes and technique names, never the note's text.
//
// Thread-safety: stateless after construction; call from any thread.
#ifndef FASCIA_API_SUPERBILL_H_
#define FASCIA_API_SUPERBILL_H_

#include "absl/status/statusor.h"
#include "api/caller.h"
#include "api/services.h"
#include "fascia/v1/billing_service.pb.h"
#include "fascia/v1/insurance.pb.h"

namespace fascia::api {

class Superbills {
 public:
  explicit Superbills(const ApiContext& ctx);

  // Validates (appointment: a name; view: a known value), authorizes, loads
  // and computes; fills Superbill.html for view HTML.
  absl::StatusOr<fascia::v1::Superbill> Get(Caller& caller,
                                            const fascia::v1::GetSuperbillRequest& r);

 private:
  ApiContext ctx_;
};

}  // namespace fascia::api

#endif  // FASCIA_API_SUPERBILL_H_
