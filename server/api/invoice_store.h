// Invoices as rows, for every use case that writes one (BillingService and
// the appointment hooks): load, insert, save with an optimistic revision
// check, issue (number + journal), void (reversing journal). Each function
// runs inside the caller's write transaction, so an invoice, its number and
// its journal entries commit together or not at all.
//
// Invoices are kind "invoice" rows under their location in `resources`,
// with their client as lookup key (a client's invoices at every location are
// found without a scan); the journal is storage/billing_repository.h.
#ifndef FASCIA_API_INVOICE_STORE_H_
#define FASCIA_API_INVOICE_STORE_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/billing/invoice_status.h"
#include "fascia/v1/billing.pb.h"
#include "storage/database.h"

namespace fascia::api {

// Runs a write transaction, again (up to a few times) when it lost a race:
// a revision check failed (CONCURRENT_MODIFICATION) or a unique index
// refused a concurrent retry's row. Each run re-reads what it decides on.
absl::Status WriteWithRetry(storage::Database& db,
                            const std::function<absl::Status(storage::Connection&)>& fn);

// The invoice status in the billing domain's terms and back (DRAFT and VOID
// map to ISSUED going back: StatusForPaid never yields them).
billing::InvoiceStatus ToDomainStatus(fascia::v1::Invoice::Status status);
fascia::v1::Invoice::Status ToProtoStatus(billing::InvoiceStatus status);

struct StoredInvoice {
  fascia::v1::Invoice invoice;  // etag set to the revision
  int64_t revision = 0;
};

// The location of an invoice name (its first four segments).
std::string InvoiceLocation(const std::string& invoice_name);

absl::StatusOr<std::optional<StoredInvoice>> LoadInvoice(storage::Connection& c,
                                                         const std::string& name);
// NOT_FOUND when absent.
absl::StatusOr<StoredInvoice> LoadExistingInvoice(storage::Connection& c, const std::string& name);

// Every invoice of `client`, at every location, voided ones included.
absl::StatusOr<std::vector<fascia::v1::Invoice>> InvoicesOfClient(storage::Connection& c,
                                                                  const std::string& client);

// Inserts a new invoice (name, times and outputs already set); request_id
// may be empty.
absl::Status InsertInvoice(storage::Connection& c, const fascia::v1::Invoice& invoice,
                           const std::string& request_id);

// Writes `invoice` if the stored revision is still `revision`; ABORTED
// CONCURRENT_MODIFICATION otherwise. Returns the new etag.
absl::StatusOr<std::string> SaveInvoice(storage::Connection& c, fascia::v1::Invoice& invoice,
                                        int64_t revision, absl::Time now);

// DRAFT -> ISSUED: the next number of its location, issue_time, and the
// journal entries of its amounts. REQUIRES: status DRAFT, totals computed.
// FAILED_PRECONDITION EMPTY_INVOICE for an invoice without lines.
absl::Status IssueInPlace(storage::Connection& c, fascia::v1::Invoice& invoice, absl::Time now);

// -> VOID with `reason`, journaling the reversal of an issued invoice's
// amounts. REQUIRES: CheckCanVoid passed.
absl::Status VoidInPlace(storage::Connection& c, fascia::v1::Invoice& invoice,
                         const std::string& reason, absl::Time now);

// Journals a payment (+) or refund (-) of `amount_minor` on `invoice`.
absl::Status JournalPayment(storage::Connection& c, const fascia::v1::Invoice& invoice,
                            const std::string& kind, int64_t amount_minor, absl::Time now);

// Journals one amount of `kind` at `location` (e.g. a gift card's liability
// going down by a redemption), naming the invoice it belongs to ("" if none).
absl::Status Journal(storage::Connection& c, const std::string& location,
                     const std::string& invoice, const std::string& currency,
                     const std::string& kind, int64_t amount_minor, absl::Time now);

}  // namespace fascia::api

#endif  // FASCIA_API_INVOICE_STORE_H_
