// Account credit: a client's balance per currency that the chain owes them,
// added by a manager (AddAccountCredit) and spent with ACCOUNT_CREDIT
// payments at any location in that currency; a refund of such a payment
// returns it. The balance never goes negative: each change re-reads it in its
// write transaction and saves with a revision check (the caller retries a
// lost race), and every change is kept as an entry.
#ifndef FASCIA_API_ACCOUNT_CREDIT_H_
#define FASCIA_API_ACCOUNT_CREDIT_H_

#include <string>

#include "absl/status/statusor.h"
#include "api/caller.h"
#include "api/resource_crud.h"
#include "api/services.h"
#include "fascia/v1/billing_service.pb.h"

namespace fascia::api {

class AccountCredit {
 public:
  explicit AccountCredit(const ApiContext& ctx);

  absl::StatusOr<fascia::v1::CreditBalance> Add(Caller& caller,
                                                const fascia::v1::AddAccountCreditRequest& r);
  absl::StatusOr<fascia::v1::CreditBalance> Get(Caller& caller, const std::string& name);

 private:
  storage::Database& db_;
  Clock clock_;
};

// Changes the credit balance of `client` in `currency` by `delta` (negative:
// a payment) for `invoice`; FAILED_PRECONDITION ACCOUNT_CREDIT_INSUFFICIENT
// when it would go below zero.
absl::Status ChangeCredit(storage::Connection& c, const std::string& client,
                          const std::string& currency, int64_t delta, const std::string& invoice,
                          const std::string& reason, const std::string& by, absl::Time now);

}  // namespace fascia::api

#endif  // FASCIA_API_ACCOUNT_CREDIT_H_
