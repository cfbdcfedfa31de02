// Account credit; see account_credit.h.
#include "api/account_credit.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "api/invoice_store.h"
#include "api/money_fields.h"
#include "api/resource_names.h"
#include "api/resource_types.h"
#include "api/stored_document.h"
#include "api/target.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

constexpr char kCreditPattern[] = "organizations/*/clients/*/creditBalances/*";

const storage::ResourceRepository& Balances() {
  static const auto* repo = new storage::ResourceRepository("credit_balance");
  return *repo;
}

std::string BalanceName(const std::string& client, const std::string& currency) {
  return absl::StrCat(client, "/creditBalances/", absl::AsciiStrToLower(currency));
}

// The stored balance, or a new zero one (not yet stored: revision 0).
absl::StatusOr<std::pair<v1::CreditBalance, std::optional<storage::StoredResource>>> Load(
    storage::Connection& c, const std::string& name, const std::string& currency) {
  ASSIGN_OR_RETURN(auto row, Balances().Get(c, name));
  v1::CreditBalance balance;
  if (row) {
    ASSIGN_OR_RETURN(balance, DecodeStored<v1::CreditBalance>(*row, "credit balance"));
  } else {
    balance.set_name(name);
    *balance.mutable_balance() = ToMoney(0, currency);
  }
  return std::make_pair(std::move(balance), std::move(row));
}

absl::Status Store(storage::Connection& c, const std::optional<storage::StoredResource>& row,
                   v1::CreditBalance& balance, const std::string& client, absl::Time now) {
  *balance.mutable_update_time() = ToTimestamp(now);
  if (row) {
    RETURN_IF_ERROR(SaveStored(c, Balances(), *row, balance, now));
    balance.set_etag(std::to_string(row->revision + 1));
    return absl::OkStatus();
  }
  balance.clear_etag();
  storage::StoredResource fresh{balance.name(), client, 1, false, now, now, balance.SerializeAsString(),
                                /*lookup_key=*/""};
  RETURN_IF_ERROR(Balances().Insert(c, fresh, ""));
  balance.set_etag("1");
  return absl::OkStatus();
}

}  // namespace

AccountCredit::AccountCredit(const ApiContext& ctx) : db_(*ctx.db), clock_(ctx.clock) {}

absl::StatusOr<v1::CreditBalance> AccountCredit::Add(Caller& caller, const v1::AddAccountCreditRequest& r) {
  FieldViolations v;
  CheckName(r.client(), kClientPattern, "client", v);
  if (CheckRequired(r.request_id(), "request_id", v)) CheckRequestId(r.request_id(), "request_id", v);
  if (CheckRequired(r.reason(), "reason", v)) CheckText(r.reason(), kMaxShortText, "reason", v);
  std::optional<int64_t> amount;
  if (!r.has_amount()) {
    v.Add("amount", "is required");
  } else if (CheckCurrency(r.amount().currency_code(), "amount.currency_code", v)) {
    amount = ReadMoney(r.amount(), r.amount().currency_code(), "amount", MoneyRange::kPositive, v);
  }
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(r.client()), r.client()));
  caller.SetClient(r.client());
  const std::string currency = r.amount().currency_code();
  const std::string name = BalanceName(r.client(), currency);
  const absl::Time now = clock_();
  v1::CreditBalance result;
  RETURN_IF_ERROR(WriteWithRetry(db_, [&](storage::Connection& c) -> absl::Status {
    RETURN_IF_ERROR(CheckReference(c, "client", r.client(), "client"));
    ASSIGN_OR_RETURN(auto loaded, Load(c, name, currency));
    auto& [balance, row] = loaded;
    for (const auto& entry : balance.entries()) {
      if (entry.request_id() != r.request_id()) continue;
      if (entry.amount().amount_minor() != *amount) {
        return ReasonError(absl::StatusCode::kAlreadyExists, "REQUEST_ID_REUSED",
                           "request_id was already used for a different credit");
      }
      result = balance;  // its etag is the stored revision
      return absl::OkStatus();  // a retry: added once
    }
    v1::CreditEntry* entry = balance.add_entries();
    *entry->mutable_amount() = ToMoney(*amount, currency);
    entry->set_reason(r.reason());
    entry->set_request_id(r.request_id());
    entry->set_recorded_by(caller.principal().key);
    *entry->mutable_time() = ToTimestamp(now);
    *balance.mutable_balance() = ToMoney(balance.balance().amount_minor() + *amount, currency);
    RETURN_IF_ERROR(Store(c, row, balance, r.client(), now));
    result = balance;
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<v1::CreditBalance> AccountCredit::Get(Caller& caller, const std::string& name) {
  FieldViolations v;
  CheckName(name, kCreditPattern, "name", v);
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(name), name));
  caller.SetClient(NamePrefix(name, 4));
  std::optional<storage::StoredResource> row;
  RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(row, Balances().Get(c, name));
    return absl::OkStatus();
  }));
  if (!row) return NotFound("credit balance", name);
  return DecodeStored<v1::CreditBalance>(*row, "credit balance");
}

absl::Status ChangeCredit(storage::Connection& c, const std::string& client, const std::string& currency,
                          int64_t delta, const std::string& invoice, const std::string& reason,
                          const std::string& by, absl::Time now) {
  ASSIGN_OR_RETURN(auto loaded, Load(c, BalanceName(client, currency), currency));
  auto& [balance, row] = loaded;
  if (balance.balance().amount_minor() + delta < 0) {
    return ReasonError(absl::StatusCode::kFailedPrecondition, "ACCOUNT_CREDIT_INSUFFICIENT",
                       absl::StrCat("the client's account credit is ", balance.balance().decimal_amount(),
                                    " ", currency));
  }
  v1::CreditEntry* entry = balance.add_entries();
  *entry->mutable_amount() = ToMoney(delta, currency);
  entry->set_reason(reason);
  entry->set_invoice(invoice);
  entry->set_recorded_by(by);
  *entry->mutable_time() = ToTimestamp(now);
  *balance.mutable_balance() = ToMoney(balance.balance().amount_minor() + delta, currency);
  return Store(c, row, balance, client, now);
}

}  // namespace fascia::api
