// The invoice life cycle and the cancellation-policy fee rules.
//
//   DRAFT -> ISSUED | VOID
//   ISSUED <-> PARTIALLY_PAID <-> PAID (by payments and refunds)
//   ISSUED, PARTIALLY_PAID, PAID -> VOID (only with no net payment left)
//
// A DRAFT's lines may change; from ISSUED on, lines are immutable and only a
// void (recorded, with a reason) or a payment/refund changes the invoice.
// The status after a payment or refund follows from the amounts alone
// (StatusForPaid).
//
// Thread-safety: pure functions.
#ifndef FASCIA_DOMAIN_BILLING_INVOICE_STATUS_H_
#define FASCIA_DOMAIN_BILLING_INVOICE_STATUS_H_

#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace fascia::billing {

enum class InvoiceStatus { kDraft, kIssued, kPartiallyPaid, kPaid, kVoid };

// FAILED_PRECONDITION-worthy message when an invoice in `status` cannot take a
// payment (DRAFT is allowed: paying a draft issues it), ok otherwise.
absl::Status CheckCanPay(InvoiceStatus status);
// ... cannot be voided: VOID already, or net paid > 0 (refund first).
absl::Status CheckCanVoid(InvoiceStatus status, int64_t net_paid_minor);
// ... cannot have its lines changed (anything but DRAFT).
absl::Status CheckCanEdit(InvoiceStatus status);

// PAID when net paid >= total (so a zero-total invoice is PAID once
// issued), ISSUED when nothing is paid, else PARTIALLY_PAID.
// REQUIRES: the invoice is not DRAFT or VOID.
InvoiceStatus StatusForPaid(int64_t total_minor, int64_t net_paid_minor);

// A fee rule of a cancellation policy: a fixed amount, or a percentage of
// the service price in basis points (0..10'000).
struct FeeRule {
  std::optional<int64_t> fixed_minor;
  int64_t basis_points = 0;
};

// The fee `rule` charges on a service of `price_minor` (rounded by
// allocation.h rule 1); 0 when the rule charges nothing.
int64_t FeeAmount(const FeeRule& rule, int64_t price_minor);

// Whether cancelling at `now` an appointment starting at `start` is inside
// the policy's `window` (a late cancellation): now > start - window. A
// window of zero makes no cancellation late.
bool IsLateCancellation(absl::Time now, absl::Time start, absl::Duration window);

}  // namespace fascia::billing

#endif  // FASCIA_DOMAIN_BILLING_INVOICE_STATUS_H_
