// Ledger: payments and refunds; see ledger.h.
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "api/account_credit.h"
#include "api/invoice_calc.h"
#include "api/invoice_store.h"
#include "api/ledger.h"
#include "api/money_fields.h"
#include "api/prepaid.h"
#include "api/resource_names.h"
#include "api/resource_types.h"
#include "api/stored_document.h"
#include "api/target.h"
#include "domain/billing/invoice_status.h"
#include "storage/resource_repository.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

const storage::ResourceRepository& Payments() {
  static const auto* repo = new storage::ResourceRepository("payment");
  return *repo;
}

absl::Status RequestIdReused(absl::string_view what) {
  return ReasonError(absl::StatusCode::kAlreadyExists, "REQUEST_ID_REUSED",
                     absl::StrCat("request_id was already used for a different ", what));
}

// The invoice's amounts after a payment (+) or refund (-), and the status
// they imply.
void ApplyMoney(v1::Invoice& invoice, int64_t paid_delta, int64_t refunded_delta) {
  const std::string& currency = invoice.currency_code();
  *invoice.mutable_amount_paid() = ToMoney(invoice.amount_paid().amount_minor() + paid_delta, currency);
  *invoice.mutable_amount_refunded() =
      ToMoney(invoice.amount_refunded().amount_minor() + refunded_delta, currency);
  *invoice.mutable_balance_due() = ToMoney(BalanceDue(invoice), currency);
  const int64_t net = invoice.amount_paid().amount_minor() - invoice.amount_refunded().amount_minor();
  invoice.set_status(ToProtoStatus(billing::StatusForPaid(invoice.total().amount_minor(), net)));
}

void CheckCard(const v1::Payment& p, FieldViolations& v) {
  if (p.method() != v1::Payment::CARD) {
    if (p.has_card()) v.Add("payment.card", "is for CARD payments only");
    return;
  }
  const auto& card = p.card();
  if (CheckRequired(card.processor_token(), "payment.card.processor_token", v)) {
    CheckText(card.processor_token(), 256, "payment.card.processor_token", v);
  }
  bool four_digits = card.last4().size() == 4;
  for (char ch : card.last4()) four_digits &= absl::ascii_isdigit(ch) != 0;
  if (!four_digits) v.Add("payment.card.last4", "must be the card's last 4 digits (never the card number)");
  CheckText(card.brand(), 32, "payment.card.brand", v);
}

}  // namespace

absl::StatusOr<v1::Payment> Ledger::CreatePayment(Caller& caller, const v1::CreatePaymentRequest& r) {
  FieldViolations v;
  CheckName(r.parent(), kInvoicePattern, "parent", v);
  if (CheckRequired(r.request_id(), "request_id", v)) CheckRequestId(r.request_id(), "request_id", v);
  const v1::Payment& p = r.payment();
  if (p.method() != v1::Payment::CASH && p.method() != v1::Payment::CARD &&
      p.method() != v1::Payment::GIFT_CARD && p.method() != v1::Payment::ACCOUNT_CREDIT) {
    v.Add("payment.method", "must be CASH, CARD, GIFT_CARD or ACCOUNT_CREDIT");
  }
  if (p.method() == v1::Payment::GIFT_CARD) {
    if (CheckRequired(p.gift_card_code(), "payment.gift_card_code", v)) {
      CheckText(p.gift_card_code(), 64, "payment.gift_card_code", v);
    }
  } else if (!p.gift_card_code().empty()) {
    v.Add("payment.gift_card_code", "is for GIFT_CARD payments only");
  }
  if (!p.has_amount()) v.Add("payment.amount", "is required");
  CheckCard(p, v);
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(r.parent()), r.parent()));

  const absl::Time now = clock_();
  v1::Payment result;
  RETURN_IF_ERROR(WriteWithRetry([&](storage::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(StoredInvoice s, LoadExistingInvoice(c, r.parent()));
    caller.SetClient(s.invoice.client());
    v1::Invoice invoice = s.invoice;
    FieldViolations amount_check;
    std::optional<int64_t> amount = ReadMoney(p.amount(), invoice.currency_code(), "payment.amount",
                                              MoneyRange::kPositive, amount_check);
    RETURN_IF_ERROR(amount_check.ToStatus());
    ASSIGN_OR_RETURN(auto earlier, Payments().FindByRequestId(c, r.parent(), r.request_id()));
    if (earlier) {
      ASSIGN_OR_RETURN(result, DecodeStored<v1::Payment>(*earlier, "payment"));
      if (result.amount().amount_minor() != *amount || result.method() != p.method()) {
        return RequestIdReused("payment");
      }
      return absl::OkStatus();
    }
    absl::Status payable = billing::CheckCanPay(ToDomainStatus(invoice.status()));
    if (!payable.ok()) {
      return ReasonError(absl::StatusCode::kFailedPrecondition, "INVOICE_NOT_PAYABLE", payable.message());
    }
    if (invoice.status() == v1::Invoice::DRAFT) {
      // Paying a draft issues it as it stands: taxes at the location's rates now.
      ASSIGN_OR_RETURN(v1::Location location,
                       LoadReferenced<v1::Location>(c, "location", InvoiceLocation(invoice.name()), "parent"));
      RETURN_IF_ERROR(ComputeTotals(location.tax_rates(), invoice));
      RETURN_IF_ERROR(IssueInPlace(c, invoice, now));
    }
    if (*amount > BalanceDue(invoice)) {
      return ReasonError(absl::StatusCode::kFailedPrecondition, "AMOUNT_EXCEEDS_BALANCE",
                         absl::StrCat("the payment is more than the balance due, ",
                                      ToMoney(BalanceDue(invoice), invoice.currency_code()).decimal_amount(),
                                      " ", invoice.currency_code()));
    }
    v1::Payment payment;
    payment.set_name(absl::StrCat(r.parent(), "/payments/", GenerateId()));
    payment.set_method(p.method());
    *payment.mutable_amount() = ToMoney(*amount, invoice.currency_code());
    if (p.method() == v1::Payment::CARD) *payment.mutable_card() = p.card();
    if (p.method() == v1::Payment::GIFT_CARD) {
      ASSIGN_OR_RETURN(std::string card,
                       RedeemGiftCard(c, NamePrefix(invoice.name(), 2), p.gift_card_code(),
                                      invoice.currency_code(), *amount, invoice, now));
      payment.set_gift_card(card);
    }
    if (p.method() == v1::Payment::ACCOUNT_CREDIT) {
      RETURN_IF_ERROR(ChangeCredit(c, invoice.client(), invoice.currency_code(), -*amount,
                                   invoice.name(), "payment", caller.principal().key, now));
    }
    *payment.mutable_refunded() = ToMoney(0, invoice.currency_code());
    payment.set_taken_by(caller.principal().key);
    *payment.mutable_create_time() = ToTimestamp(now);
    payment.set_request_id(r.request_id());
    storage::StoredResource row{payment.name(), r.parent(), 1, false, now, now,
                                payment.SerializeAsString(),
                                /*lookup_key=*/""};
    RETURN_IF_ERROR(Payments().Insert(c, row, r.request_id()));
    ApplyMoney(invoice, *amount, 0);
    RETURN_IF_ERROR(SaveInvoice(c, invoice, s.revision, now).status());
    RETURN_IF_ERROR(JournalPayment(c, invoice, "payment", *amount, now));
    // Gift cards and packages this invoice sold become usable once it is paid.
    RETURN_IF_ERROR(ActivatePrepaid(c, invoice, now));
    payment.set_etag("1");
    result = std::move(payment);
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<v1::Payment> Ledger::GetPayment(Caller& caller, const std::string& name) {
  return payments_.Get(caller, name);
}

absl::StatusOr<ListPage<v1::Payment>> Ledger::ListPayments(Caller& caller,
                                                           const v1::ListPaymentsRequest& r) {
  return payments_.List(caller, r.parent(), r.page_size(), r.page_token(), "", false);
}

absl::StatusOr<v1::Payment> Ledger::RefundPayment(Caller& caller, const v1::RefundPaymentRequest& r) {
  FieldViolations v;
  CheckName(r.name(), kPaymentPattern, "name", v);
  if (CheckRequired(r.request_id(), "request_id", v)) CheckRequestId(r.request_id(), "request_id", v);
  if (CheckRequired(r.reason(), "reason", v)) CheckText(r.reason(), kMaxShortText, "reason", v);
  if (!r.has_amount()) v.Add("amount", "is required");
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(r.name()), r.name()));

  const std::string invoice_name = NamePrefix(r.name(), 6);
  const absl::Time now = clock_();
  v1::Payment result;
  RETURN_IF_ERROR(WriteWithRetry([&](storage::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(auto row, Payments().Get(c, r.name()));
    if (!row) return NotFound("payment", r.name());
    ASSIGN_OR_RETURN(v1::Payment payment, DecodeStored<v1::Payment>(*row, "payment"));
    ASSIGN_OR_RETURN(StoredInvoice s, LoadExistingInvoice(c, invoice_name));
    caller.SetClient(s.invoice.client());
    v1::Invoice invoice = s.invoice;
    FieldViolations amount_check;
    std::optional<int64_t> amount = ReadMoney(r.amount(), invoice.currency_code(), "amount",
                                              MoneyRange::kPositive, amount_check);
    RETURN_IF_ERROR(amount_check.ToStatus());
    for (const auto& refund : payment.refunds()) {
      if (refund.request_id() != r.request_id()) continue;
      if (refund.amount().amount_minor() != *amount) return RequestIdReused("refund");
      result = std::move(payment);
      return absl::OkStatus();
    }
    const int64_t left = payment.amount().amount_minor() - payment.refunded().amount_minor();
    if (*amount > left) {
      return ReasonError(absl::StatusCode::kFailedPrecondition, "REFUND_EXCEEDS_PAYMENT",
                         absl::StrCat("only ", ToMoney(left, invoice.currency_code()).decimal_amount(),
                                      " ", invoice.currency_code(),
                                      " of this payment is left to refund"));
    }
    v1::Refund* refund = payment.add_refunds();
    *refund->mutable_amount() = ToMoney(*amount, invoice.currency_code());
    refund->set_reason(r.reason());
    refund->set_request_id(r.request_id());
    refund->set_refunded_by(caller.principal().key);
    *refund->mutable_create_time() = ToTimestamp(now);
    *payment.mutable_refunded() =
        ToMoney(payment.refunded().amount_minor() + *amount, invoice.currency_code());
    payment.clear_etag();
    row->data = payment.SerializeAsString();
    row->update_time = now;
    ASSIGN_OR_RETURN(bool written, Payments().Update(c, *row, row->revision));
    if (!written) {
      return ReasonError(absl::StatusCode::kAborted, "CONCURRENT_MODIFICATION",
                         "the payment was refunded concurrently: read it again");
    }
    payment.set_etag(std::to_string(row->revision + 1));
    if (payment.method() == v1::Payment::GIFT_CARD) {
      RETURN_IF_ERROR(RestoreGiftCard(c, payment.gift_card(), *amount, invoice, now));
    }
    if (payment.method() == v1::Payment::ACCOUNT_CREDIT) {
      RETURN_IF_ERROR(ChangeCredit(c, invoice.client(), invoice.currency_code(), *amount,
                                   invoice.name(), r.reason(), caller.principal().key, now));
    }
    ApplyMoney(invoice, 0, *amount);
    RETURN_IF_ERROR(SaveInvoice(c, invoice, s.revision, now).status());
    RETURN_IF_ERROR(JournalPayment(c, invoice, "refund", -*amount, now));
    result = std::move(payment);
    return absl::OkStatus();
  }));
  return result;
}

}  // namespace fascia::api
