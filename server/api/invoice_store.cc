// Invoice rows, numbering and journal; see invoice_store.h.
#include "api/invoice_store.h"

#include "absl/strings/str_cat.h"
#include "api/field_checks.h"
#include "api/resource_crud.h"
#include "api/resource_names.h"
#include "common/errors.h"
#include "domain/billing/invoice_status.h"
#include "common/status_macros.h"
#include "storage/billing_repository.h"
#include "storage/resource_repository.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

const storage::ResourceRepository& Invoices() {
  static const auto* repo = new storage::ResourceRepository("invoice");
  return *repo;
}

absl::StatusOr<StoredInvoice> Decode(const storage::StoredResource& row) {
  StoredInvoice s;
  if (!s.invoice.ParseFromString(row.data)) return absl::DataLossError("stored invoice cannot be parsed");
  s.revision = row.revision;
  s.invoice.set_etag(std::to_string(row.revision));
  return s;
}

const char* LineKind(v1::InvoiceLine::Type type) {
  switch (type) {
    case v1::InvoiceLine::SERVICE: return "service";
    case v1::InvoiceLine::PRODUCT: return "product";
    case v1::InvoiceLine::FEE: return "fee";
    case v1::InvoiceLine::TIP: return "tip";
    case v1::InvoiceLine::DISCOUNT: return "discount";
    case v1::InvoiceLine::GIFT_CARD: return "gift_card_sale";
    case v1::InvoiceLine::PACKAGE: return "package_sale";
    default: return "other";
  }
}

// The journal entries of an issued invoice's amounts, times `sign` (-1 for
// a void): one per line (tips and services name their therapist) and one
// per tax.
std::vector<storage::BillingEntry> IssueEntries(const v1::Invoice& invoice, int sign, absl::Time now) {
  const std::string location = InvoiceLocation(invoice.name());
  auto entry = [&](const std::string& kind, const std::string& staff, int64_t amount) {
    storage::BillingEntry e;
    e.organization = NamePrefix(invoice.name(), 2);
    e.location = location;
    e.invoice = invoice.name();
    e.time_us = absl::ToUnixMicros(now);
    e.kind = kind;
    e.staff = staff;
    e.currency = invoice.currency_code();
    e.amount_minor = sign * amount;
    return e;
  };
  std::vector<storage::BillingEntry> entries;
  for (const auto& line : invoice.lines()) {
    if (line.amount().amount_minor() == 0) continue;
    entries.push_back(entry(LineKind(line.type()), line.staff_member(), line.amount().amount_minor()));
  }
  for (const auto& tax : invoice.taxes()) {
    if (tax.amount().amount_minor() == 0) continue;
    entries.push_back(entry("tax", "", tax.amount().amount_minor()));
  }
  return entries;
}

}  // namespace

absl::Status WriteWithRetry(storage::Database& db,
                            const std::function<absl::Status(storage::Connection&)>& fn) {
  constexpr int kAttempts = 5;
  absl::Status status;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    status = db.Transact(storage::TxMode::kWrite, fn);
    const bool lost_race = storage::ViolatedConstraint(status).has_value() ||
                           (status.code() == absl::StatusCode::kAborted &&
                            ErrorReason(status) == "CONCURRENT_MODIFICATION");
    if (!lost_race) return status;
  }
  return status;
}

billing::InvoiceStatus ToDomainStatus(v1::Invoice::Status s) {
  switch (s) {
    case v1::Invoice::DRAFT: return billing::InvoiceStatus::kDraft;
    case v1::Invoice::PARTIALLY_PAID: return billing::InvoiceStatus::kPartiallyPaid;
    case v1::Invoice::PAID: return billing::InvoiceStatus::kPaid;
    case v1::Invoice::VOID: return billing::InvoiceStatus::kVoid;
    default: return billing::InvoiceStatus::kIssued;
  }
}

v1::Invoice::Status ToProtoStatus(billing::InvoiceStatus s) {
  switch (s) {
    case billing::InvoiceStatus::kPartiallyPaid: return v1::Invoice::PARTIALLY_PAID;
    case billing::InvoiceStatus::kPaid: return v1::Invoice::PAID;
    default: return v1::Invoice::ISSUED;
  }
}

std::string InvoiceLocation(const std::string& invoice_name) { return NamePrefix(invoice_name, 4); }

absl::StatusOr<std::optional<StoredInvoice>> LoadInvoice(storage::Connection& c,
                                                         const std::string& name) {
  ASSIGN_OR_RETURN(auto row, Invoices().Get(c, name));
  if (!row) return std::optional<StoredInvoice>();
  ASSIGN_OR_RETURN(StoredInvoice s, Decode(*row));
  return std::optional<StoredInvoice>(std::move(s));
}

absl::StatusOr<StoredInvoice> LoadExistingInvoice(storage::Connection& c, const std::string& name) {
  ASSIGN_OR_RETURN(auto found, LoadInvoice(c, name));
  if (!found) return NotFound("invoice", name);
  return std::move(*found);
}

absl::StatusOr<std::vector<v1::Invoice>> InvoicesOfClient(storage::Connection& c,
                                                           const std::string& client) {
  ASSIGN_OR_RETURN(auto rows, Invoices().FindEverywhereByLookupKey(c, client));
  std::vector<v1::Invoice> out;
  for (const auto& row : rows) {
    ASSIGN_OR_RETURN(StoredInvoice s, Decode(row));
    out.push_back(std::move(s.invoice));
  }
  return out;
}

absl::Status InsertInvoice(storage::Connection& c, const v1::Invoice& invoice,
                           const std::string& request_id) {
  v1::Invoice stored = invoice;
  stored.clear_etag();
  const absl::Time created = ToTime(invoice.create_time());
  storage::StoredResource row{invoice.name(), InvoiceLocation(invoice.name()), 1, false,
                              created, created, stored.SerializeAsString(),
                              /*lookup_key=*/invoice.client()};
  return Invoices().Insert(c, row, request_id);
}

absl::StatusOr<std::string> SaveInvoice(storage::Connection& c, v1::Invoice& invoice,
                                        int64_t revision, absl::Time now) {
  *invoice.mutable_update_time() = ToTimestamp(now);
  invoice.clear_etag();
  storage::StoredResource row{invoice.name(), InvoiceLocation(invoice.name()), revision, false,
                              ToTime(invoice.create_time()), now, invoice.SerializeAsString(),
                              /*lookup_key=*/invoice.client()};
  ASSIGN_OR_RETURN(bool written, Invoices().Update(c, row, revision));
  if (!written) {
    return ReasonError(absl::StatusCode::kAborted, "CONCURRENT_MODIFICATION",
                       absl::StrCat("invoice \"", invoice.name(),
                                    "\" was changed concurrently: read it again"));
  }
  invoice.set_etag(std::to_string(revision + 1));
  return invoice.etag();
}

absl::Status IssueInPlace(storage::Connection& c, v1::Invoice& invoice, absl::Time now) {
  if (invoice.lines().empty()) {
    return ReasonError(absl::StatusCode::kFailedPrecondition, "EMPTY_INVOICE",
                       "an invoice needs at least one line to be issued");
  }
  storage::BillingRepository journal;
  ASSIGN_OR_RETURN(int64_t number, journal.NextInvoiceNumber(c, InvoiceLocation(invoice.name())));
  invoice.set_number(number);
  const int64_t net_paid = invoice.amount_paid().amount_minor() - invoice.amount_refunded().amount_minor();
  invoice.set_status(ToProtoStatus(billing::StatusForPaid(invoice.total().amount_minor(), net_paid)));
  *invoice.mutable_issue_time() = ToTimestamp(now);
  return journal.Append(c, IssueEntries(invoice, +1, now));
}

absl::Status VoidInPlace(storage::Connection& c, v1::Invoice& invoice, const std::string& reason,
                         absl::Time now) {
  if (invoice.status() != v1::Invoice::DRAFT) {
    RETURN_IF_ERROR(storage::BillingRepository().Append(c, IssueEntries(invoice, -1, now)));
  }
  invoice.set_status(v1::Invoice::VOID);
  invoice.set_void_reason(reason);
  *invoice.mutable_void_time() = ToTimestamp(now);
  return absl::OkStatus();
}

absl::Status JournalPayment(storage::Connection& c, const v1::Invoice& invoice,
                            const std::string& kind, int64_t amount_minor, absl::Time now) {
  return Journal(c, InvoiceLocation(invoice.name()), invoice.name(), invoice.currency_code(), kind,
                 amount_minor, now);
}

absl::Status Journal(storage::Connection& c, const std::string& location,
                     const std::string& invoice, const std::string& currency,
                     const std::string& kind, int64_t amount_minor, absl::Time now) {
  storage::BillingEntry e;
  e.organization = NamePrefix(location, 2);
  e.location = location;
  e.invoice = invoice;
  e.time_us = absl::ToUnixMicros(now);
  e.kind = kind;
  e.currency = currency;
  e.amount_minor = amount_minor;
  return storage::BillingRepository().Append(c, {e});
}

}  // namespace fascia::api
