// Gift cards and packages: what a client pays for now and uses later. Both
// are liabilities, not revenue, until used; both become usable when the
// invoice that sold them is paid in full.
//
// - A gift card has a balance in its selling location's currency, usable at
//   every location with that currency. Its code is shown once and stored as
//   a SHA-256 hash (the lookup key). A redemption is a GIFT_CARD payment; a
//   refund of that payment restores the balance. The balance never goes
//   negative: each redemption re-reads it in its write transaction and saves
//   with a revision check.
// - A package is N sessions of given services sold at one price to a client.
//   Completing a visit whose service it covers uses one session (a 100%
//   DISCOUNT on the visit's SERVICE line) and recognizes that session's share
//   of the price as revenue; the location's policy may also forfeit a session
//   on a late cancellation or no-show instead of charging a fee.
//
// Functions taking a Connection run inside the caller's write transaction.
#ifndef FASCIA_API_PREPAID_H_
#define FASCIA_API_PREPAID_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "api/caller.h"
#include "api/resource_crud.h"
#include "api/services.h"
#include "fascia/v1/billing_service.pb.h"
#include "fascia/v1/resources.pb.h"

namespace fascia::api {

class Prepaid {
 public:
  explicit Prepaid(const ApiContext& ctx);

  absl::StatusOr<fascia::v1::IssueGiftCardResponse> IssueGiftCard(
      Caller& caller, const fascia::v1::IssueGiftCardRequest& r);
  absl::StatusOr<fascia::v1::GiftCard> GetGiftCard(Caller& caller, const std::string& name);
  absl::StatusOr<fascia::v1::GiftCard> LookupGiftCard(Caller& caller,
                                                      const fascia::v1::LookupGiftCardRequest& r);
  absl::StatusOr<fascia::v1::SellPackageResponse> SellPackage(
      Caller& caller, const fascia::v1::SellPackageRequest& r);
  absl::StatusOr<fascia::v1::Package> GetPackage(Caller& caller, const std::string& name);
  absl::StatusOr<ListPage<fascia::v1::Package>> ListPackages(
      Caller& caller, const fascia::v1::ListPackagesRequest& r);

 private:
  storage::Database& db_;
  Clock clock_;
  ResourceCrud<fascia::v1::GiftCard> gift_cards_;
  ResourceCrud<fascia::v1::Package> packages_;
};

// Sells `package` (display_name, services, sessions, price in the
// location's currency, optional expire_time filled in) to `client` at
// `location`: names and stores it (idempotent by `request_id` per client)
// with an ISSUED invoice of one PACKAGE line, returned in `invoice`.
absl::Status SellPackageIn(storage::Connection& c, const fascia::v1::Location& location,
                           const std::string& client, const std::string& request_id, absl::Time now,
                           fascia::v1::Package& package, fascia::v1::Invoice& invoice);

// Activates the gift cards and packages an invoice sold, once it is PAID
// (a no-op otherwise, and for those already active), journaling each
// liability.
absl::Status ActivatePrepaid(storage::Connection& c, const fascia::v1::Invoice& invoice,
                             absl::Time now);

// Takes `amount_minor` off the active, unexpired gift card of `code` in
// `organization`, in `currency`; returns the card's name. FAILED_PRECONDITION
// (GIFT_CARD_NOT_FOUND, GIFT_CARD_INACTIVE, GIFT_CARD_EXPIRED,
// GIFT_CARD_CURRENCY, GIFT_CARD_INSUFFICIENT) otherwise.
absl::StatusOr<std::string> RedeemGiftCard(storage::Connection& c, const std::string& organization,
                                           const std::string& code, const std::string& currency,
                                           int64_t amount_minor, const fascia::v1::Invoice& invoice,
                                           absl::Time now);

// Gives `amount_minor` back to gift card `name` (a refund of a redemption).
absl::Status RestoreGiftCard(storage::Connection& c, const std::string& name, int64_t amount_minor,
                             const fascia::v1::Invoice& invoice, absl::Time now);

// Uses one session of the client's package that covers `appointment`'s
// service (active, unexpired, sessions left; the oldest first) for `reason`.
// For a VISIT, `invoice` (the visit's DRAFT, its SERVICE line id "1") gets a
// 100% DISCOUNT on that line naming the package. Returns the package's name,
// or nullopt when no package covers it.
absl::StatusOr<std::optional<std::string>> UsePackageSession(
    storage::Connection& c, const fascia::v1::Appointment& appointment,
    fascia::v1::PackageUse::Reason reason, fascia::v1::Invoice* invoice, absl::Time now);

// Gives back the sessions of packages that paid for lines of `invoice`,
// which is being voided (the refund of a package session).
absl::Status ReturnPackageSessions(storage::Connection& c, const fascia::v1::Invoice& invoice,
                                   absl::Time now);

}  // namespace fascia::api

#endif  // FASCIA_API_PREPAID_H_
