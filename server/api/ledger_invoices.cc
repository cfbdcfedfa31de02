// Ledger: invoices; see ledger.h.
#include "absl/strings/str_cat.h"
#include "api/invoice_calc.h"
#include "api/invoice_store.h"
#include "api/ledger.h"
#include "api/money_fields.h"
#include "api/prepaid.h"
#include "api/resource_names.h"
#include "api/resource_types.h"
#include "api/target.h"
#include "domain/billing/allocation.h"
#include "domain/billing/invoice_status.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

absl::Status Refused(absl::string_view reason, const absl::Status& why) {
  return ReasonError(absl::StatusCode::kFailedPrecondition, reason, why.message());
}

absl::Status CheckEtag(const StoredInvoice& s, const std::string& etag) {
  if (etag.empty() || etag == s.invoice.etag()) return absl::OkStatus();
  return ReasonError(absl::StatusCode::kAborted, "ETAG_MISMATCH",
                     "the invoice has changed since it was read: read it again");
}

bool InvoiceMatches(const v1::Invoice& invoice, const FilterTerm& term) {
  if (term.field == "client") return invoice.client() == term.value;
  if (term.field == "appointment") return invoice.appointment() == term.value;
  if (term.field == "status") return v1::Invoice::Status_Name(invoice.status()) == term.value;
  return false;
}

void CheckInvoiceFilterValue(const FilterTerm& term, FieldViolations& v) {
  if (term.field == "status") {
    v1::Invoice::Status status;
    if (!v1::Invoice::Status_Parse(term.value, &status) || status == v1::Invoice::STATUS_UNSPECIFIED) {
      v.Add("filter", "status must be DRAFT, ISSUED, PARTIALLY_PAID, PAID or VOID");
    }
  }
}

ResourceType<v1::Invoice> InvoiceType() {
  ResourceType<v1::Invoice> t;
  t.kind = "invoice";
  t.pattern = kInvoicePattern;
  t.parent_kind = "location";
  t.parent_pattern = kLocationPattern;
  t.collection = "invoices";
  t.field = "invoice";
  t.filter_schema = {{"client", {"="}}, {"appointment", {"="}}, {"status", {"="}}};
  t.matches = InvoiceMatches;
  return t;
}

ResourceType<v1::Payment> PaymentType() {
  ResourceType<v1::Payment> t;
  t.kind = "payment";
  t.pattern = kPaymentPattern;
  t.parent_kind = "invoice";
  t.parent_pattern = kInvoicePattern;
  t.collection = "payments";
  t.field = "payment";
  return t;
}

// Checks, in the write transaction, what the invoice's lines and client
// refer to.
absl::Status CheckInvoiceReferences(storage::Connection& c, const v1::Invoice& invoice) {
  RETURN_IF_ERROR(CheckReference(c, "client", invoice.client(), "invoice.client"));
  for (int i = 0; i < invoice.lines_size(); ++i) {
    const auto& line = invoice.lines(i);
    const std::string field = absl::StrCat("invoice.lines[", i, "]");
    if (!line.staff_member().empty()) {
      RETURN_IF_ERROR(CheckReference(c, "staff", line.staff_member(), field + ".staff_member"));
    }
    if (!line.service().empty()) {
      RETURN_IF_ERROR(CheckReference(c, "service", line.service(), field + ".service"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

Ledger::Ledger(const ApiContext& ctx)
    : db_(*ctx.db),
      clock_(ctx.clock),
      invoices_(*ctx.db, InvoiceType(), ctx.clock),
      payments_(*ctx.db, PaymentType(), ctx.clock) {}

absl::Status Ledger::WriteWithRetry(const std::function<absl::Status(storage::Connection&)>& fn) {
  return api::WriteWithRetry(db_, fn);
}

absl::StatusOr<v1::Invoice> Ledger::CreateInvoice(Caller& caller, const v1::CreateInvoiceRequest& r) {
  FieldViolations v;
  CheckName(r.parent(), kLocationPattern, "parent", v);
  CheckRequestId(r.request_id(), "request_id", v);
  if (CheckRequired(r.invoice().client(), "invoice.client", v)) {
    CheckName(r.invoice().client(), kClientPattern, "invoice.client", v);
  }
  if (!r.invoice().appointment().empty()) {
    CheckName(r.invoice().appointment(), kAppointmentPattern, "invoice.appointment", v);
  }
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(r.parent()), r.parent()));
  caller.SetClient(r.invoice().client());

  const absl::Time now = clock_();
  v1::Invoice result;
  RETURN_IF_ERROR(WriteWithRetry([&](storage::Connection& c) -> absl::Status {
    if (!r.request_id().empty()) {
      ASSIGN_OR_RETURN(auto earlier,
                       storage::ResourceRepository("invoice").FindByRequestId(c, r.parent(), r.request_id()));
      if (earlier) {
        ASSIGN_OR_RETURN(result, invoices_.FromStored(*earlier));
        return absl::OkStatus();
      }
    }
    ASSIGN_OR_RETURN(v1::Location location,
                     LoadReferenced<v1::Location>(c, "location", r.parent(), "parent"));
    v1::Invoice invoice;
    invoice.set_client(r.invoice().client());
    invoice.set_appointment(r.invoice().appointment());
    *invoice.mutable_lines() = r.invoice().lines();
    invoice.set_currency_code(location.currency_code());
    FieldViolations lines;
    PrepareInvoiceLines(invoice, location.currency_code(), lines);
    RETURN_IF_ERROR(lines.ToStatus());
    RETURN_IF_ERROR(CheckInvoiceReferences(c, invoice));
    RETURN_IF_ERROR(ComputeTotals(location.tax_rates(), invoice));
    invoice.set_name(absl::StrCat(r.parent(), "/invoices/", GenerateId()));
    invoice.set_status(v1::Invoice::DRAFT);
    invoice.set_origin(v1::Invoice::MANUAL);
    *invoice.mutable_create_time() = ToTimestamp(now);
    *invoice.mutable_update_time() = ToTimestamp(now);
    RETURN_IF_ERROR(InsertInvoice(c, invoice, r.request_id()));
    invoice.set_etag("1");
    result = std::move(invoice);
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<v1::Invoice> Ledger::GetInvoice(Caller& caller, const std::string& name) {
  ASSIGN_OR_RETURN(v1::Invoice invoice, invoices_.Get(caller, name));
  caller.SetClient(invoice.client());
  return invoice;
}

absl::StatusOr<ListPage<v1::Invoice>> Ledger::ListInvoices(Caller& caller,
                                                           const v1::ListInvoicesRequest& r) {
  ASSIGN_OR_RETURN(std::vector<FilterTerm> terms,
                   ParseFilter(r.filter(), invoices_.type().filter_schema));
  FieldViolations v;
  for (const FilterTerm& term : terms) CheckInvoiceFilterValue(term, v);
  RETURN_IF_ERROR(v.ToStatus());
  for (const FilterTerm& term : terms) {
    if (term.field == "client") caller.SetClient(term.value);
  }
  return invoices_.List(caller, r.parent(), r.page_size(), r.page_token(), r.filter(),
                        /*show_deleted=*/false);
}

absl::StatusOr<v1::Invoice> Ledger::UpdateInvoice(Caller& caller, const v1::UpdateInvoiceRequest& r) {
  FieldViolations v;
  CheckName(r.invoice().name(), kInvoicePattern, "invoice.name", v);
  if (r.update_mask().paths().empty()) {
    v.Add("update_mask", "is required: \"lines\" (the only field a DRAFT invoice may change)");
  }
  for (const std::string& path : r.update_mask().paths()) {
    if (path != "lines") v.Add("update_mask", absl::StrCat("only \"lines\" may change, not \"", path.substr(0, 64), "\""));
  }
  RETURN_IF_ERROR(v.ToStatus());
  const std::string& name = r.invoice().name();
  RETURN_IF_ERROR(caller.Authorize(TargetOf(name), name));
  const absl::Time now = clock_();
  v1::Invoice result;
  RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(StoredInvoice s, LoadExistingInvoice(c, name));
    caller.SetClient(s.invoice.client());
    RETURN_IF_ERROR(CheckEtag(s, r.invoice().etag()));
    absl::Status editable = billing::CheckCanEdit(ToDomainStatus(s.invoice.status()));
    if (!editable.ok()) return Refused("INVOICE_NOT_DRAFT", editable);
    ASSIGN_OR_RETURN(v1::Location location,
                     LoadReferenced<v1::Location>(c, "location", InvoiceLocation(name), "invoice.name"));
    v1::Invoice invoice = s.invoice;
    *invoice.mutable_lines() = r.invoice().lines();
    FieldViolations lines;
    PrepareInvoiceLines(invoice, invoice.currency_code(), lines);
    RETURN_IF_ERROR(lines.ToStatus());
    RETURN_IF_ERROR(CheckInvoiceReferences(c, invoice));
    RETURN_IF_ERROR(ComputeTotals(location.tax_rates(), invoice));
    RETURN_IF_ERROR(SaveInvoice(c, invoice, s.revision, now).status());
    result = std::move(invoice);
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<v1::Invoice> Ledger::IssueInvoice(Caller& caller, const v1::IssueInvoiceRequest& r) {
  FieldViolations v;
  CheckName(r.name(), kInvoicePattern, "name", v);
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(r.name()), r.name()));
  const absl::Time now = clock_();
  v1::Invoice result;
  RETURN_IF_ERROR(WriteWithRetry([&](storage::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(StoredInvoice s, LoadExistingInvoice(c, r.name()));
    caller.SetClient(s.invoice.client());
    RETURN_IF_ERROR(CheckEtag(s, r.etag()));
    absl::Status editable = billing::CheckCanEdit(ToDomainStatus(s.invoice.status()));
    if (!editable.ok()) return Refused("INVOICE_NOT_DRAFT", editable);
    // Taxes are those of the location now, then frozen with the invoice.
    ASSIGN_OR_RETURN(v1::Location location,
                     LoadReferenced<v1::Location>(c, "location", InvoiceLocation(r.name()), "name"));
    v1::Invoice invoice = s.invoice;
    RETURN_IF_ERROR(ComputeTotals(location.tax_rates(), invoice));
    RETURN_IF_ERROR(IssueInPlace(c, invoice, now));
    RETURN_IF_ERROR(SaveInvoice(c, invoice, s.revision, now).status());
    result = std::move(invoice);
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<v1::Invoice> Ledger::VoidInvoice(Caller& caller, const std::string& name,
                                                const std::string& reason, const std::string& etag,
                                                bool waive_fee) {
  FieldViolations v;
  CheckName(name, kInvoicePattern, "name", v);
  if (CheckRequired(reason, "reason", v)) CheckText(reason, kMaxShortText, "reason", v);
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(name), name));
  const absl::Time now = clock_();
  v1::Invoice result;
  RETURN_IF_ERROR(WriteWithRetry([&](storage::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(StoredInvoice s, LoadExistingInvoice(c, name));
    caller.SetClient(s.invoice.client());
    RETURN_IF_ERROR(CheckEtag(s, etag));
    v1::Invoice invoice = s.invoice;
    if (waive_fee && invoice.origin() != v1::Invoice::LATE_CANCEL_FEE &&
        invoice.origin() != v1::Invoice::NO_SHOW_FEE) {
      return ReasonError(absl::StatusCode::kFailedPrecondition, "NOT_A_FEE",
                         "only a late-cancellation or no-show fee invoice can be waived; "
                         "void other invoices");
    }
    const int64_t net_paid = invoice.amount_paid().amount_minor() - invoice.amount_refunded().amount_minor();
    absl::Status voidable = billing::CheckCanVoid(ToDomainStatus(invoice.status()), net_paid);
    if (!voidable.ok()) return Refused("INVOICE_NOT_VOIDABLE", voidable);
    RETURN_IF_ERROR(VoidInPlace(c, invoice, reason, now));
    // A package session that paid for the visit goes back to the package.
    RETURN_IF_ERROR(ReturnPackageSessions(c, invoice, now));
    invoice.set_fee_waived(waive_fee);
    RETURN_IF_ERROR(SaveInvoice(c, invoice, s.revision, now).status());
    result = std::move(invoice);
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<v1::SplitBalanceResponse> Ledger::SplitBalance(Caller& caller,
                                                              const v1::SplitBalanceRequest& r) {
  FieldViolations v;
  CheckName(r.name(), kInvoicePattern, "name", v);
  if (r.parts() < 2 || r.parts() > 100) v.Add("parts", "must be 2..100");
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(v1::Invoice invoice, GetInvoice(caller, r.name()));
  v1::SplitBalanceResponse response;
  for (int64_t part : billing::SplitEvenly(BalanceDue(invoice), r.parts())) {
    *response.add_parts() = ToMoney(part, invoice.currency_code());
  }
  return response;
}

}  // namespace fascia::api
