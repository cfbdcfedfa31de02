// Gift cards and packages; see prepaid.h.
#include "api/prepaid.h"

#include <openssl/rand.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "api/api_keys.h"
#include "api/invoice_calc.h"
#include "api/invoice_store.h"
#include "api/money_fields.h"
#include "api/resource_names.h"
#include "api/resource_types.h"
#include "api/stored_document.h"
#include "api/target.h"
#include "domain/billing/allocation.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

// Consumer gift card law in many US states (and the federal CARD Act)
// forbids expiry within 5 years of issue.
constexpr absl::Duration kMinGiftCardLife = absl::Hours(24 * (365 * 5 + 1));
constexpr int kMaxSessions = 100;
constexpr int kMaxPackageServices = 20;

const storage::ResourceRepository& GiftCards() {
  static const auto* repo = new storage::ResourceRepository("gift_card");
  return *repo;
}
const storage::ResourceRepository& Packages() {
  static const auto* repo = new storage::ResourceRepository("package");
  return *repo;
}

absl::Status Refused(absl::string_view reason, absl::string_view message) {
  return ReasonError(absl::StatusCode::kFailedPrecondition, reason, message);
}

// 16 characters from 32 without look-alikes (no 0, O, 1, I): 2^80 codes,
// printed as XXXX-XXXX-XXXX-XXXX.
std::string NewGiftCardCode() {
  static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  static_assert(sizeof(kAlphabet) == 33, "32 symbols, 5 bits each");
  unsigned char random[16];
  if (RAND_bytes(random, sizeof(random)) != 1) std::abort();  // no entropy: nothing safe to do
  std::string code;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    code += kAlphabet[random[i] % 32];
  }
  return code;
}

// What the hash is taken over: the code's letters and digits, upper case, so
// "abcd-efgh..." and "ABCDEFGH..." find the same card.
std::string NormalizedCode(absl::string_view code) {
  std::string out;
  for (char ch : code) {
    if (absl::ascii_isalnum(ch)) out += absl::ascii_toupper(ch);
  }
  return out;
}

ResourceType<v1::GiftCard> GiftCardType() {
  ResourceType<v1::GiftCard> t;
  t.kind = "gift_card";
  t.pattern = kGiftCardPattern;
  t.parent_kind = "organization";
  t.parent_pattern = kOrganizationPattern;
  t.collection = "giftCards";
  t.field = "gift_card";
  return t;
}

ResourceType<v1::Package> PackageType() {
  ResourceType<v1::Package> t;
  t.kind = "package";
  t.pattern = kPackagePattern;
  t.parent_kind = "client";
  t.parent_pattern = kClientPattern;
  t.collection = "packages";
  t.field = "package";
  return t;
}

// A new ISSUED invoice at `location` selling one prepaid item.
absl::StatusOr<v1::Invoice> SaleInvoice(storage::Connection& c, const v1::Location& location,
                                        const std::string& client, v1::InvoiceLine line,
                                        absl::Time now) {
  v1::Invoice invoice;
  invoice.set_name(absl::StrCat(location.name(), "/invoices/", GenerateId()));
  invoice.set_client(client);
  invoice.set_status(v1::Invoice::DRAFT);
  invoice.set_origin(v1::Invoice::MANUAL);
  invoice.set_currency_code(location.currency_code());
  *invoice.mutable_create_time() = ToTimestamp(now);
  *invoice.mutable_update_time() = ToTimestamp(now);
  line.set_id("1");
  line.set_quantity(1);
  *invoice.add_lines() = std::move(line);
  RETURN_IF_ERROR(ComputeTotals(location.tax_rates(), invoice));
  RETURN_IF_ERROR(IssueInPlace(c, invoice, now));
  RETURN_IF_ERROR(InsertInvoice(c, invoice, ""));
  invoice.set_etag("1");
  return invoice;
}

}  // namespace

Prepaid::Prepaid(const ApiContext& ctx)
    : db_(*ctx.db),
      clock_(ctx.clock),
      gift_cards_(*ctx.db, GiftCardType(), ctx.clock),
      packages_(*ctx.db, PackageType(), ctx.clock) {}

absl::StatusOr<v1::IssueGiftCardResponse> Prepaid::IssueGiftCard(Caller& caller,
                                                                 const v1::IssueGiftCardRequest& r) {
  const absl::Time now = clock_();
  const v1::GiftCard& in = r.gift_card();
  FieldViolations v;
  CheckName(r.parent(), kOrganizationPattern, "parent", v);
  if (CheckName(r.location(), kLocationPattern, "location", v) &&
      NamePrefix(r.location(), 2) != r.parent()) {
    v.Add("location", "must be a location of the parent organization");
  }
  if (CheckRequired(r.request_id(), "request_id", v)) CheckRequestId(r.request_id(), "request_id", v);
  if (!in.has_initial_balance()) v.Add("gift_card.initial_balance", "is required");
  if (CheckRequired(in.purchaser(), "gift_card.purchaser", v)) {
    CheckName(in.purchaser(), kClientPattern, "gift_card.purchaser", v);
  }
  CheckText(in.recipient_name(), kMaxShortText, "gift_card.recipient_name", v);
  if (in.has_expire_time() && ToTime(in.expire_time()) < now + kMinGiftCardLife) {
    v.Add("gift_card.expire_time", "must be at least 5 years after issue (or unset: no expiry)");
  }
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(r.location()), r.location()));
  caller.SetClient(in.purchaser());

  v1::IssueGiftCardResponse response;
  RETURN_IF_ERROR(WriteWithRetry(db_, [&](storage::Connection& c) -> absl::Status {
    response.Clear();
    ASSIGN_OR_RETURN(auto earlier, GiftCards().FindByRequestId(c, r.parent(), r.request_id()));
    if (earlier) {
      // The code was shown once, to the call that issued it; a retry gets the
      // card and its invoice without it.
      ASSIGN_OR_RETURN(*response.mutable_gift_card(), DecodeStored<v1::GiftCard>(*earlier, "gift card"));
      ASSIGN_OR_RETURN(StoredInvoice s, LoadExistingInvoice(c, response.gift_card().sale_invoice()));
      *response.mutable_invoice() = s.invoice;
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(v1::Location location, LoadReferenced<v1::Location>(c, "location", r.location(), "location"));
    RETURN_IF_ERROR(CheckReference(c, "client", in.purchaser(), "gift_card.purchaser"));
    FieldViolations amount_check;
    auto amount = ReadMoney(in.initial_balance(), location.currency_code(), "gift_card.initial_balance",
                            MoneyRange::kPositive, amount_check);
    RETURN_IF_ERROR(amount_check.ToStatus());
    const std::string code = NewGiftCardCode();
    v1::GiftCard card;
    card.set_name(absl::StrCat(r.parent(), "/giftCards/", GenerateId()));
    card.set_code_hint(code.substr(code.size() - 4));
    *card.mutable_initial_balance() = ToMoney(*amount, location.currency_code());
    *card.mutable_balance() = ToMoney(0, location.currency_code());
    card.set_purchaser(in.purchaser());
    card.set_recipient_name(in.recipient_name());
    if (in.has_expire_time()) *card.mutable_expire_time() = in.expire_time();
    card.set_sold_at(r.location());
    v1::InvoiceLine line;
    line.set_type(v1::InvoiceLine::GIFT_CARD);
    line.set_description(absl::StrCat("Gift card ending ", card.code_hint()));
    *line.mutable_unit_price() = card.initial_balance();
    line.set_gift_card(card.name());
    ASSIGN_OR_RETURN(v1::Invoice invoice, SaleInvoice(c, location, in.purchaser(), line, now));
    card.set_sale_invoice(invoice.name());
    *card.mutable_create_time() = ToTimestamp(now);
    *card.mutable_update_time() = ToTimestamp(now);
    storage::StoredResource row{card.name(), r.parent(), 1, false, now, now, card.SerializeAsString(),
                                /*lookup_key=*/HashSecret(NormalizedCode(code))};
    RETURN_IF_ERROR(GiftCards().Insert(c, row, r.request_id()));
    card.set_etag("1");
    *response.mutable_gift_card() = std::move(card);
    response.set_code(code);
    *response.mutable_invoice() = std::move(invoice);
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<v1::GiftCard> Prepaid::GetGiftCard(Caller& caller, const std::string& name) {
  return gift_cards_.Get(caller, name);
}

absl::StatusOr<v1::GiftCard> Prepaid::LookupGiftCard(Caller& caller, const v1::LookupGiftCardRequest& r) {
  FieldViolations v;
  CheckName(r.parent(), kOrganizationPattern, "parent", v);
  if (CheckRequired(r.code(), "code", v)) CheckText(r.code(), 64, "code", v);
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(r.parent()), r.parent()));
  std::vector<storage::StoredResource> rows;
  RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(rows, GiftCards().FindByLookupKey(c, r.parent(), HashSecret(NormalizedCode(r.code()))));
    return absl::OkStatus();
  }));
  if (rows.empty()) {
    return ReasonError(absl::StatusCode::kNotFound, "GIFT_CARD_NOT_FOUND", "no gift card has this code");
  }
  return DecodeStored<v1::GiftCard>(rows.front(), "gift card");
}

absl::StatusOr<v1::SellPackageResponse> Prepaid::SellPackage(Caller& caller,
                                                             const v1::SellPackageRequest& r) {
  const absl::Time now = clock_();
  const v1::Package& in = r.package();
  FieldViolations v;
  CheckName(r.parent(), kClientPattern, "parent", v);
  if (CheckName(r.location(), kLocationPattern, "location", v) &&
      NamePrefix(r.location(), 2) != NamePrefix(r.parent(), 2)) {
    v.Add("location", "must be a location of the client's organization");
  }
  if (CheckRequired(r.request_id(), "request_id", v)) CheckRequestId(r.request_id(), "request_id", v);
  if (CheckRequired(in.display_name(), "package.display_name", v)) {
    CheckText(in.display_name(), kMaxShortText, "package.display_name", v);
  }
  if (in.services().empty() || in.services_size() > kMaxPackageServices) {
    v.Add("package.services", "must list 1 to 20 services");
  }
  for (int i = 0; i < in.services_size(); ++i) {
    CheckName(in.services(i), kServicePattern, absl::StrCat("package.services[", i, "]"), v);
  }
  if (in.sessions() < 1 || in.sessions() > kMaxSessions) v.Add("package.sessions", "must be 1..100");
  if (!in.has_price()) v.Add("package.price", "is required");
  if (in.has_expire_time() && ToTime(in.expire_time()) <= now) {
    v.Add("package.expire_time", "must be in the future (or unset: no expiry)");
  }
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(r.location()), r.location()));
  caller.SetClient(r.parent());

  v1::SellPackageResponse response;
  RETURN_IF_ERROR(WriteWithRetry(db_, [&](storage::Connection& c) -> absl::Status {
    response.Clear();
    ASSIGN_OR_RETURN(auto earlier, Packages().FindByRequestId(c, r.parent(), r.request_id()));
    if (earlier) {
      ASSIGN_OR_RETURN(*response.mutable_package(), DecodeStored<v1::Package>(*earlier, "package"));
      ASSIGN_OR_RETURN(StoredInvoice s, LoadExistingInvoice(c, response.package().sale_invoice()));
      *response.mutable_invoice() = s.invoice;
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(v1::Location location, LoadReferenced<v1::Location>(c, "location", r.location(), "location"));
    RETURN_IF_ERROR(CheckReference(c, "client", r.parent(), "parent"));
    for (int i = 0; i < in.services_size(); ++i) {
      RETURN_IF_ERROR(CheckReference(c, "service", in.services(i), absl::StrCat("package.services[", i, "]")));
    }
    FieldViolations amount_check;
    auto price = ReadMoney(in.price(), location.currency_code(), "package.price", MoneyRange::kPositive,
                           amount_check);
    RETURN_IF_ERROR(amount_check.ToStatus());
    v1::Package package;
    package.set_display_name(in.display_name());
    *package.mutable_services() = in.services();
    package.set_sessions(in.sessions());
    *package.mutable_price() = ToMoney(*price, location.currency_code());
    if (in.has_expire_time()) *package.mutable_expire_time() = in.expire_time();
    v1::Invoice invoice;
    RETURN_IF_ERROR(SellPackageIn(c, location, r.parent(), r.request_id(), now, package, invoice));
    *response.mutable_package() = std::move(package);
    *response.mutable_invoice() = std::move(invoice);
    return absl::OkStatus();
  }));
  return response;
}

absl::Status SellPackageIn(storage::Connection& c, const v1::Location& location,
                           const std::string& client, const std::string& request_id, absl::Time now,
                           v1::Package& package, v1::Invoice& invoice) {
  package.set_name(absl::StrCat(client, "/packages/", GenerateId()));
  package.set_sold_at(location.name());
  v1::InvoiceLine line;
  line.set_type(v1::InvoiceLine::PACKAGE);
  line.set_description(package.display_name());
  *line.mutable_unit_price() = package.price();
  line.set_package(package.name());
  ASSIGN_OR_RETURN(invoice, SaleInvoice(c, location, client, line, now));
  package.set_sale_invoice(invoice.name());
  *package.mutable_create_time() = ToTimestamp(now);
  *package.mutable_update_time() = ToTimestamp(now);
  storage::StoredResource row{package.name(), client, 1, false, now, now, package.SerializeAsString(),
                              /*lookup_key=*/""};
  RETURN_IF_ERROR(Packages().Insert(c, row, request_id));
  package.set_etag("1");
  return absl::OkStatus();
}

absl::StatusOr<v1::Package> Prepaid::GetPackage(Caller& caller, const std::string& name) {
  caller.SetClient(NamePrefix(name, 4));
  return packages_.Get(caller, name);
}

absl::StatusOr<ListPage<v1::Package>> Prepaid::ListPackages(Caller& caller,
                                                            const v1::ListPackagesRequest& r) {
  caller.SetClient(r.parent());
  return packages_.List(caller, r.parent(), r.page_size(), r.page_token(), "", false);
}

absl::Status ActivatePrepaid(storage::Connection& c, const v1::Invoice& invoice, absl::Time now) {
  if (invoice.status() != v1::Invoice::PAID) return absl::OkStatus();
  const std::string location = InvoiceLocation(invoice.name());
  for (const auto& line : invoice.lines()) {
    if (line.type() == v1::InvoiceLine::GIFT_CARD) {
      ASSIGN_OR_RETURN(auto row, GiftCards().Get(c, line.gift_card()));
      if (!row) return absl::DataLossError("the gift card an invoice sold is missing");
      ASSIGN_OR_RETURN(v1::GiftCard card, DecodeStored<v1::GiftCard>(*row, "gift card"));
      if (card.active()) continue;
      card.set_active(true);
      *card.mutable_balance() = card.initial_balance();
      RETURN_IF_ERROR(SaveStored(c, GiftCards(), *row, card, now));
      RETURN_IF_ERROR(Journal(c, location, invoice.name(), card.balance().currency_code(),
                              "gift_card_liability", card.balance().amount_minor(), now));
    } else if (line.type() == v1::InvoiceLine::PACKAGE) {
      ASSIGN_OR_RETURN(auto row, Packages().Get(c, line.package()));
      if (!row) return absl::DataLossError("the package an invoice sold is missing");
      ASSIGN_OR_RETURN(v1::Package package, DecodeStored<v1::Package>(*row, "package"));
      if (package.active()) continue;
      package.set_active(true);
      RETURN_IF_ERROR(SaveStored(c, Packages(), *row, package, now));
      RETURN_IF_ERROR(Journal(c, location, invoice.name(), package.price().currency_code(),
                              "package_liability", package.price().amount_minor(), now));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> RedeemGiftCard(storage::Connection& c, const std::string& organization,
                                           const std::string& code, const std::string& currency,
                                           int64_t amount_minor, const v1::Invoice& invoice,
                                           absl::Time now) {
  ASSIGN_OR_RETURN(auto rows, GiftCards().FindByLookupKey(c, organization, HashSecret(NormalizedCode(code))));
  if (rows.empty()) return Refused("GIFT_CARD_NOT_FOUND", "no gift card has this code");
  ASSIGN_OR_RETURN(v1::GiftCard card, DecodeStored<v1::GiftCard>(rows.front(), "gift card"));
  if (!card.active()) {
    return Refused("GIFT_CARD_INACTIVE", "the gift card's sale invoice is not paid in full yet");
  }
  if (card.has_expire_time() && ToTime(card.expire_time()) <= now) {
    return Refused("GIFT_CARD_EXPIRED", "the gift card has expired");
  }
  if (card.balance().currency_code() != currency) {
    return Refused("GIFT_CARD_CURRENCY", absl::StrCat("the gift card is in ", card.balance().currency_code(),
                                                      ", the invoice in ", currency));
  }
  if (card.balance().amount_minor() < amount_minor) {
    return Refused("GIFT_CARD_INSUFFICIENT",
                   absl::StrCat("the gift card's balance is ", card.balance().decimal_amount(), " ", currency));
  }
  *card.mutable_balance() = ToMoney(card.balance().amount_minor() - amount_minor, currency);
  RETURN_IF_ERROR(SaveStored(c, GiftCards(), rows.front(), card, now));
  RETURN_IF_ERROR(Journal(c, InvoiceLocation(invoice.name()), invoice.name(), currency,
                          "gift_card_liability", -amount_minor, now));
  return card.name();
}

absl::Status RestoreGiftCard(storage::Connection& c, const std::string& name, int64_t amount_minor,
                             const v1::Invoice& invoice, absl::Time now) {
  ASSIGN_OR_RETURN(auto row, GiftCards().Get(c, name));
  if (!row) return absl::DataLossError("the gift card of a payment is missing");
  ASSIGN_OR_RETURN(v1::GiftCard card, DecodeStored<v1::GiftCard>(*row, "gift card"));
  const std::string currency = card.balance().currency_code();
  *card.mutable_balance() = ToMoney(card.balance().amount_minor() + amount_minor, currency);
  RETURN_IF_ERROR(SaveStored(c, GiftCards(), *row, card, now));
  return Journal(c, InvoiceLocation(invoice.name()), invoice.name(), currency, "gift_card_liability",
                 amount_minor, now);
}

absl::StatusOr<std::optional<std::string>> UsePackageSession(storage::Connection& c,
                                                             const v1::Appointment& appointment,
                                                             v1::PackageUse::Reason reason,
                                                             v1::Invoice* invoice, absl::Time now) {
  ASSIGN_OR_RETURN(auto rows, Packages().List(c, appointment.client(), "", 1000, false));
  const storage::StoredResource* chosen = nullptr;
  v1::Package package;
  for (const auto& row : rows) {
    ASSIGN_OR_RETURN(v1::Package p, DecodeStored<v1::Package>(row, "package"));
    const bool covers = std::find(p.services().begin(), p.services().end(), appointment.service()) !=
                        p.services().end();
    const bool usable = p.active() && p.sessions_used() < p.sessions() &&
                        (!p.has_expire_time() || ToTime(p.expire_time()) > now);
    if (!covers || !usable) continue;
    // The oldest first: the one bought first runs out first.
    if (chosen == nullptr || ToTime(p.create_time()) < ToTime(package.create_time())) {
      chosen = &row;
      package = std::move(p);
    }
  }
  if (chosen == nullptr) return std::optional<std::string>();
  const int used = package.sessions_used();
  const int64_t value = billing::SplitEvenly(package.price().amount_minor(), package.sessions())[used];
  const std::string currency = package.price().currency_code();
  v1::PackageUse* use = package.add_uses();
  use->set_appointment(appointment.name());
  if (invoice != nullptr) use->set_invoice(invoice->name());
  use->set_reason(reason);
  *use->mutable_value() = ToMoney(value, currency);
  *use->mutable_time() = ToTimestamp(now);
  package.set_sessions_used(used + 1);
  RETURN_IF_ERROR(SaveStored(c, Packages(), *chosen, package, now));
  const std::string location = NamePrefix(appointment.name(), 4);
  const std::string invoice_name = invoice != nullptr ? invoice->name() : "";
  RETURN_IF_ERROR(Journal(c, location, invoice_name, currency, "package_liability", -value, now));
  RETURN_IF_ERROR(Journal(c, location, invoice_name, currency, "package_revenue", value, now));
  if (invoice != nullptr) {
    v1::InvoiceLine* line = invoice->add_lines();
    line->set_id("package");
    line->set_type(v1::InvoiceLine::DISCOUNT);
    line->set_description(absl::StrCat("Package: ", package.display_name(), " (session ", used + 1,
                                       " of ", package.sessions(), ")"));
    line->set_quantity(1);
    line->set_discount_basis_points(static_cast<int32_t>(billing::kBasisPoints));
    line->set_discount_target("1");
    line->set_package(package.name());
  }
  return std::optional<std::string>(package.name());
}

absl::Status ReturnPackageSessions(storage::Connection& c, const v1::Invoice& invoice, absl::Time now) {
  for (const auto& line : invoice.lines()) {
    if (line.type() != v1::InvoiceLine::DISCOUNT || line.package().empty()) continue;
    ASSIGN_OR_RETURN(auto row, Packages().Get(c, line.package()));
    if (!row) continue;  // erased with its client
    ASSIGN_OR_RETURN(v1::Package package, DecodeStored<v1::Package>(*row, "package"));
    for (auto& use : *package.mutable_uses()) {
      if (use.invoice() != invoice.name() || use.returned()) continue;
      use.set_returned(true);
      package.set_sessions_used(package.sessions_used() - 1);
      const std::string location = InvoiceLocation(invoice.name());
      const std::string& currency = use.value().currency_code();
      RETURN_IF_ERROR(Journal(c, location, invoice.name(), currency, "package_liability",
                              use.value().amount_minor(), now));
      RETURN_IF_ERROR(Journal(c, location, invoice.name(), currency, "package_revenue",
                              -use.value().amount_minor(), now));
    }
    RETURN_IF_ERROR(SaveStored(c, Packages(), *row, package, now));
  }
  return absl::OkStatus();
}

}  // namespace fascia::api
