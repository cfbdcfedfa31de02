// The invoice life cycle and cancellation fees; see invoice_status.h.
#include "domain/billing/invoice_status.h"

#include "domain/billing/allocation.h"

namespace fascia::billing {

absl::Status CheckCanPay(InvoiceStatus status) {
  switch (status) {
    case InvoiceStatus::kDraft:
    case InvoiceStatus::kIssued:
    case InvoiceStatus::kPartiallyPaid:
      return absl::OkStatus();
    case InvoiceStatus::kPaid:
      return absl::FailedPreconditionError("the invoice is already paid in full");
    case InvoiceStatus::kVoid:
      return absl::FailedPreconditionError("the invoice is void and cannot take a payment");
  }
  return absl::FailedPreconditionError("the invoice cannot take a payment");
}

absl::Status CheckCanVoid(InvoiceStatus status, int64_t net_paid_minor) {
  if (status == InvoiceStatus::kVoid) {
    return absl::FailedPreconditionError("the invoice is already void");
  }
  // Voiding must not swallow the client's money: what was paid is refunded
  // first, through the payment records, so the books show where it went.
  if (net_paid_minor > 0) {
    return absl::FailedPreconditionError(
        "the invoice has payments; refund them before voiding it");
  }
  return absl::OkStatus();
}

absl::Status CheckCanEdit(InvoiceStatus status) {
  if (status == InvoiceStatus::kDraft) return absl::OkStatus();
  // An issued invoice is a document the client may already hold; changing
  // it means voiding it and issuing another.
  return absl::FailedPreconditionError(
      "only a DRAFT invoice's lines can change; void it and issue a new one instead");
}

InvoiceStatus StatusForPaid(int64_t total_minor, int64_t net_paid_minor) {
  // "Paid in full" first: an invoice with nothing to pay (a 100% discount,
  // say) is PAID as soon as it is issued.
  if (net_paid_minor >= total_minor) return InvoiceStatus::kPaid;
  if (net_paid_minor <= 0) return InvoiceStatus::kIssued;
  return InvoiceStatus::kPartiallyPaid;
}

int64_t FeeAmount(const FeeRule& rule, int64_t price_minor) {
  // A fixed amount is the policy's explicit choice and overrides any
  // percentage left in the rule.
  if (rule.fixed_minor.has_value()) return *rule.fixed_minor;
  if (rule.basis_points == 0) return 0;
  return RoundedShare(price_minor, rule.basis_points, kBasisPoints);
}

bool IsLateCancellation(absl::Time now, absl::Time start, absl::Duration window) {
  if (window <= absl::ZeroDuration()) return false;
  return now > start - window;
}

}  // namespace fascia::billing
