// The billing use cases behind BillingService: invoices (create, edit,
// issue, void, waive a fee, split the balance) and payments (take, refund).
// billing_service.cc checks request shape; the Ledger authorizes, loads,
// asks domain/billing to decide and writes in one transaction.
//
// Concurrency: every write re-reads the invoice (and payment) inside its
// transaction and saves with a revision check; a write that loses a race on
// PostgreSQL is retried a few times, so concurrent payments and refunds on
// one invoice all land or are refused by the amounts alone (a refund never
// exceeds what is left of its payment, a payment never exceeds the balance).
// Payments and refunds are idempotent by request_id: a retry, concurrent or
// not, returns the first result and moves no money.
#ifndef FASCIA_API_LEDGER_H_
#define FASCIA_API_LEDGER_H_

#include <string>

#include "absl/status/statusor.h"
#include "api/caller.h"
#include "api/resource_crud.h"
#include "api/services.h"
#include "fascia/v1/billing_service.pb.h"

namespace fascia::api {

class Ledger {
 public:
  explicit Ledger(const ApiContext& ctx);

  absl::StatusOr<fascia::v1::Invoice> CreateInvoice(Caller& caller,
                                                    const fascia::v1::CreateInvoiceRequest& r);
  absl::StatusOr<fascia::v1::Invoice> GetInvoice(Caller& caller, const std::string& name);
  absl::StatusOr<ListPage<fascia::v1::Invoice>> ListInvoices(
      Caller& caller, const fascia::v1::ListInvoicesRequest& r);
  absl::StatusOr<fascia::v1::Invoice> UpdateInvoice(Caller& caller,
                                                    const fascia::v1::UpdateInvoiceRequest& r);
  absl::StatusOr<fascia::v1::Invoice> IssueInvoice(Caller& caller,
                                                   const fascia::v1::IssueInvoiceRequest& r);
  absl::StatusOr<fascia::v1::Invoice> VoidInvoice(Caller& caller, const std::string& name,
                                                  const std::string& reason,
                                                  const std::string& etag, bool waive_fee);
  absl::StatusOr<fascia::v1::SplitBalanceResponse> SplitBalance(
      Caller& caller, const fascia::v1::SplitBalanceRequest& r);

  absl::StatusOr<fascia::v1::Payment> CreatePayment(Caller& caller,
                                                    const fascia::v1::CreatePaymentRequest& r);
  absl::StatusOr<fascia::v1::Payment> GetPayment(Caller& caller, const std::string& name);
  absl::StatusOr<ListPage<fascia::v1::Payment>> ListPayments(
      Caller& caller, const fascia::v1::ListPaymentsRequest& r);
  absl::StatusOr<fascia::v1::Payment> RefundPayment(Caller& caller,
                                                    const fascia::v1::RefundPaymentRequest& r);

 private:
  // Runs a write transaction, again (up to a few times) when it lost a race:
  // a revision check failed (CONCURRENT_MODIFICATION) or a unique index
  // refused a concurrent retry's row.
  absl::Status WriteWithRetry(const std::function<absl::Status(storage::Connection&)>& fn);

  storage::Database& db_;
  Clock clock_;
  ResourceCrud<fascia::v1::Invoice> invoices_;
  ResourceCrud<fascia::v1::Payment> payments_;
};

}  // namespace fascia::api

#endif  // FASCIA_API_LEDGER_H_
