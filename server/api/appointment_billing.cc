// Invoices created by appointment status changes; see appointment_billing.h.
#include "api/appointment_billing.h"

#include "absl/strings/str_cat.h"
#include "api/billing_settings.h"
#include "api/field_checks.h"
#include "api/invoice_calc.h"
#include "api/invoice_store.h"
#include "api/money_fields.h"
#include "api/memberships.h"
#include "api/prepaid.h"
#include "api/resource_names.h"
#include "api/resource_types.h"
#include "domain/billing/invoice_status.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

struct Charge {
  v1::Location location;
  v1::Service service;
  int64_t price_minor = 0;
};

absl::StatusOr<Charge> LoadCharge(storage::Connection& c, const v1::Appointment& a) {
  Charge charge;
  const std::string location = NamePrefix(a.name(), 4);
  // The location and service may have been soft-deleted since the booking;
  // the visit still happened and is still charged.
  ASSIGN_OR_RETURN(auto location_row, storage::ResourceRepository("location").Get(c, location));
  ASSIGN_OR_RETURN(auto service_row, storage::ResourceRepository("service").Get(c, a.service()));
  if (!location_row || !charge.location.ParseFromString(location_row->data) || !service_row ||
      !charge.service.ParseFromString(service_row->data)) {
    return absl::DataLossError("the appointment's location or service cannot be read");
  }
  bool priced = false;
  for (const auto& p : charge.service.prices()) {
    if (p.location() == location) {
      charge.price_minor = p.price().amount_minor();
      priced = true;
    }
  }
  if (!priced) {
    return ReasonError(absl::StatusCode::kFailedPrecondition, "NOT_OFFERED_AT_LOCATION",
                       "the service no longer has a price at this location, so the visit cannot "
                       "be invoiced: give it a price first");
  }
  return charge;
}

v1::Invoice NewInvoice(const v1::Appointment& a, const v1::Location& location,
                       v1::Invoice::Origin origin, absl::Time now) {
  v1::Invoice invoice;
  invoice.set_name(absl::StrCat(NamePrefix(a.name(), 4), "/invoices/", GenerateId()));
  invoice.set_client(a.client());
  invoice.set_appointment(a.name());
  invoice.set_status(v1::Invoice::DRAFT);
  invoice.set_origin(origin);
  invoice.set_currency_code(location.currency_code());
  *invoice.mutable_create_time() = ToTimestamp(now);
  *invoice.mutable_update_time() = ToTimestamp(now);
  return invoice;
}

absl::StatusOr<std::string> InvoiceVisit(storage::Connection& c, const v1::Appointment& a,
                                         absl::Time now) {
  ASSIGN_OR_RETURN(Charge charge, LoadCharge(c, a));
  v1::Invoice invoice = NewInvoice(a, charge.location, v1::Invoice::APPOINTMENT, now);
  v1::InvoiceLine* line = invoice.add_lines();
  line->set_id("1");
  line->set_type(v1::InvoiceLine::SERVICE);
  line->set_description(charge.service.display_name());
  line->set_quantity(1);
  *line->mutable_unit_price() = ToMoney(charge.price_minor, invoice.currency_code());
  line->set_service(a.service());
  line->set_appointment(a.name());
  line->set_staff_member(a.staff_member());
  // A package that covers the service pays for it with one of its sessions.
  ASSIGN_OR_RETURN(auto package, UsePackageSession(c, a, v1::PackageUse::VISIT, &invoice, now));
  // Otherwise a membership may give the member price.
  if (!package) RETURN_IF_ERROR(ApplyMemberPrice(c, a, invoice));
  RETURN_IF_ERROR(ComputeTotals(charge.location.tax_rates(), invoice));
  RETURN_IF_ERROR(InsertInvoice(c, invoice, ""));
  return invoice.name();
}

absl::StatusOr<std::string> InvoiceFee(storage::Connection& c, const v1::Appointment& a,
                                       const v1::FeeRule& rule, v1::Invoice::Origin origin,
                                       absl::Time now) {
  if (a.accepted_policy().forfeit_package_credit()) {
    // The policy takes a package session instead of a fee, if one covers it.
    const auto reason =
        origin == v1::Invoice::NO_SHOW_FEE ? v1::PackageUse::NO_SHOW : v1::PackageUse::LATE_CANCEL;
    ASSIGN_OR_RETURN(auto used, UsePackageSession(c, a, reason, nullptr, now));
    if (used) return std::string();
  }
  ASSIGN_OR_RETURN(Charge charge, LoadCharge(c, a));
  const int64_t fee = billing::FeeAmount(ToDomainFee(rule), charge.price_minor);
  if (fee <= 0) return std::string();
  v1::Invoice invoice = NewInvoice(a, charge.location, origin, now);
  invoice.set_policy_version(a.accepted_policy().version());
  v1::InvoiceLine* line = invoice.add_lines();
  line->set_id("1");
  line->set_type(v1::InvoiceLine::FEE);
  line->set_description(
      absl::StrCat(origin == v1::Invoice::NO_SHOW_FEE ? "No-show fee: " : "Late cancellation fee: ",
                   charge.service.display_name()));
  line->set_quantity(1);
  *line->mutable_unit_price() = ToMoney(fee, invoice.currency_code());
  line->set_service(a.service());
  line->set_appointment(a.name());
  RETURN_IF_ERROR(ComputeTotals(charge.location.tax_rates(), invoice));
  RETURN_IF_ERROR(IssueInPlace(c, invoice, now));
  RETURN_IF_ERROR(InsertInvoice(c, invoice, ""));
  return invoice.name();
}

}  // namespace

absl::StatusOr<std::string> BillStatusChange(storage::Connection& c, const v1::Appointment& a,
                                             absl::Time now) {
  const v1::CancellationPolicy& policy = a.accepted_policy();
  switch (a.status()) {
    case v1::FULFILLED:
      return InvoiceVisit(c, a, now);
    case v1::NOSHOW:
      return InvoiceFee(c, a, policy.no_show_fee(), v1::Invoice::NO_SHOW_FEE, now);
    case v1::CANCELLED:
      if (!billing::IsLateCancellation(now, ToTime(a.start_time()),
                                       ToDuration(policy.window()))) {
        return std::string();
      }
      return InvoiceFee(c, a, policy.late_cancel_fee(), v1::Invoice::LATE_CANCEL_FEE, now);
    default:
      return std::string();
  }
}

}  // namespace fascia::api
