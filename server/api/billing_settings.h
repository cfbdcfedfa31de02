// A location's billing settings (tax rates and cancellation policy): their
// validation as part of Location, their conversion to the billing domain,
// and the policy's version, which goes up whenever the policy changes so that
// every booking can record the version its client accepted.
#ifndef FASCIA_API_BILLING_SETTINGS_H_
#define FASCIA_API_BILLING_SETTINGS_H_

#include <vector>

#include "api/field_checks.h"
#include "domain/billing/invoice_math.h"
#include "domain/billing/invoice_status.h"
#include "fascia/v1/resources.pb.h"

namespace fascia::api {

// Violations under "location.tax_rates[i]..." and
// "location.cancellation_policy..."; `l.currency_code()` must already be
// valid for the fixed fees to be checked against it.
void ValidateBillingSettings(const fascia::v1::Location& l, FieldViolations& v);

// Before a location is written (REQUIRES: it passed validation): writes the
// fixed fees in canonical form (currency and both amount fields), and sets
// the cancellation policy version: 1 for a new location, the previous
// version if the policy is unchanged, one more if it changed.
void PrepareBillingSettings(const fascia::v1::Location* before, fascia::v1::Location& after);

billing::LineType ToDomainLineType(fascia::v1::InvoiceLine::Type type);
std::vector<billing::TaxRate> ToDomainRates(
    const google::protobuf::RepeatedPtrField<fascia::v1::TaxRate>& rates);
billing::FeeRule ToDomainFee(const fascia::v1::FeeRule& fee);

}  // namespace fascia::api

#endif  // FASCIA_API_BILLING_SETTINGS_H_
