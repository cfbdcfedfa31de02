// An invoice's lines checked as request input, and every figure the server
// computes on an invoice (line amounts, discounts, taxes, totals, balance)
// filled in by the billing domain (domain/billing/invoice_math.h).
//
//   FieldViolations v;
//   CheckInvoiceLines(request.invoice(), currency, v);   // shape, per field
//   RETURN_IF_ERROR(v.ToStatus());
//   RETURN_IF_ERROR(ComputeTotals(rates, invoice));       // fills the outputs
#ifndef FASCIA_API_INVOICE_CALC_H_
#define FASCIA_API_INVOICE_CALC_H_

#include <string>

#include "absl/status/status.h"
#include "api/field_checks.h"
#include "fascia/v1/billing.pb.h"

namespace fascia::api {

inline constexpr int kMaxInvoiceLines = 200;

// Checks the lines of `invoice` (violations under "invoice.lines[i]...")
// and rewrites them canonically: ids assigned where empty, quantities
// defaulted to 1, amounts in `currency` with both fields filled. Output-only
// line fields are cleared. GIFT_CARD and PACKAGE lines are refused: only
// IssueGiftCard and SellPackage write them.
void PrepareInvoiceLines(fascia::v1::Invoice& invoice, const std::string& currency,
                         FieldViolations& v);

// Computes the outputs of `invoice` from its (prepared) lines and `rates`:
// each line's amount, discount and taxes, `taxes`, the totals, and
// balance_due from amount_paid and amount_refunded. INVALID_ARGUMENT with a
// violation of "invoice.lines" when the lines do not add up (a discount
// larger than what it applies to, say).
absl::Status ComputeTotals(const google::protobuf::RepeatedPtrField<fascia::v1::TaxRate>& rates,
                           fascia::v1::Invoice& invoice);

// total - paid + refunded, in minor units.
int64_t BalanceDue(const fascia::v1::Invoice& invoice);

}  // namespace fascia::api

#endif  // FASCIA_API_INVOICE_CALC_H_
