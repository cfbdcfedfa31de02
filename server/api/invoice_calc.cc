// Invoice lines as input, and the computed figures; see invoice_calc.h.
#include "api/invoice_calc.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "api/billing_settings.h"
#include "api/money_fields.h"
#include "api/resource_names.h"
#include "domain/billing/allocation.h"
#include "domain/billing/invoice_math.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

constexpr int64_t kMaxQuantity = 10'000;

bool KnownLineType(int type) {
  return type >= v1::InvoiceLine::SERVICE && type <= v1::InvoiceLine::DISCOUNT;
}

void PrepareDiscount(v1::InvoiceLine& line, const std::string& currency, const std::string& field,
                     FieldViolations& v) {
  if (line.has_unit_price()) v.Add(field + ".unit_price", "must be empty on a DISCOUNT line");
  if (line.quantity() > 1) v.Add(field + ".quantity", "must be empty on a DISCOUNT line");
  line.set_quantity(1);
  const bool fixed = line.has_discount_amount();
  const bool percent = line.discount_basis_points() != 0;
  if (fixed == percent) {
    v.Add(field, "a DISCOUNT needs exactly one of discount_amount or discount_basis_points");
    return;
  }
  if (percent && (line.discount_basis_points() < 1 ||
                  line.discount_basis_points() > billing::kBasisPoints)) {
    v.Add(field + ".discount_basis_points", "must be 1..10000 (1000 = 10%)");
  }
  if (fixed) {
    auto amount = ReadMoney(line.discount_amount(), currency, field + ".discount_amount",
                            MoneyRange::kPositive, v);
    if (amount) *line.mutable_discount_amount() = ToMoney(*amount, currency);
  }
}

void PrepareCharge(v1::InvoiceLine& line, const std::string& currency, const std::string& field,
                   FieldViolations& v) {
  if (line.has_discount_amount() || line.discount_basis_points() != 0 ||
      !line.discount_target().empty()) {
    v.Add(field, "discount fields are for DISCOUNT lines only");
  }
  if (line.quantity() == 0) line.set_quantity(1);
  if (line.quantity() < 0 || line.quantity() > kMaxQuantity) {
    v.Add(field + ".quantity", "must be 1..10000");
  }
  if (!line.has_unit_price()) {
    v.Add(field + ".unit_price", "is required");
    return;
  }
  const MoneyRange range =
      line.type() == v1::InvoiceLine::TIP ? MoneyRange::kPositive : MoneyRange::kNonNegative;
  auto price = ReadMoney(line.unit_price(), currency, field + ".unit_price", range, v);
  if (price) *line.mutable_unit_price() = ToMoney(*price, currency);
}

}  // namespace

void PrepareInvoiceLines(v1::Invoice& invoice, const std::string& currency, FieldViolations& v) {
  if (invoice.lines_size() > kMaxInvoiceLines) {
    v.Add("invoice.lines", absl::StrCat("has more than ", kMaxInvoiceLines, " lines"));
    return;
  }
  std::set<std::string> ids;
  for (const auto& line : invoice.lines()) {
    if (!line.id().empty()) ids.insert(line.id());
  }
  int next_id = 1;
  std::set<std::string> seen;
  for (int i = 0; i < invoice.lines_size(); ++i) {
    v1::InvoiceLine& line = *invoice.mutable_lines(i);
    const std::string field = absl::StrCat("invoice.lines[", i, "]");
    line.clear_amount();
    line.clear_discount();
    line.clear_taxes();
    if (line.id().empty()) {
      while (ids.count(std::to_string(next_id))) ++next_id;
      line.set_id(std::to_string(next_id));
      ids.insert(line.id());
    } else if (line.id().size() > 32 || !IsValidId(line.id())) {
      v.Add(field + ".id", "must be 1-32 of [a-z0-9-], starting with a letter or digit");
    }
    if (!seen.insert(line.id()).second) v.Add(field + ".id", "is used by another line");
    CheckText(line.description(), kMaxShortText, field + ".description", v);
    if (!KnownLineType(line.type())) {
      // GIFT_CARD and PACKAGE lines come only from IssueGiftCard and SellPackage.
      v.Add(field + ".type", "must be SERVICE, PRODUCT, FEE, TIP or DISCOUNT");
      continue;
    }
    if ((line.type() == v1::InvoiceLine::PRODUCT || line.type() == v1::InvoiceLine::FEE) &&
        line.description().empty()) {
      v.Add(field + ".description", "is required on a PRODUCT or FEE line");
    }
    if (!line.service().empty()) CheckName(line.service(), kServicePattern, field + ".service", v);
    if (!line.appointment().empty()) {
      CheckName(line.appointment(), kAppointmentPattern, field + ".appointment", v);
    }
    if (line.type() == v1::InvoiceLine::TIP) {
      if (CheckRequired(line.staff_member(), field + ".staff_member", v)) {
        CheckName(line.staff_member(), kStaffPattern, field + ".staff_member", v);
      }
    } else if (!line.staff_member().empty()) {
      CheckName(line.staff_member(), kStaffPattern, field + ".staff_member", v);
    }
    if (line.type() == v1::InvoiceLine::DISCOUNT) {
      PrepareDiscount(line, currency, field, v);
    } else {
      PrepareCharge(line, currency, field, v);
    }
  }
}

absl::Status ComputeTotals(const google::protobuf::RepeatedPtrField<v1::TaxRate>& rates,
                           v1::Invoice& invoice) {
  const std::string currency = invoice.currency_code();
  std::vector<billing::InvoiceLineInput> inputs;
  inputs.reserve(invoice.lines_size());
  for (const auto& line : invoice.lines()) {
    billing::InvoiceLineInput in;
    in.id = line.id();
    in.type = ToDomainLineType(line.type());
    in.quantity = line.quantity();
    in.unit_price_minor = line.unit_price().amount_minor();
    in.discount_amount_minor = line.discount_amount().amount_minor();
    in.discount_basis_points = line.discount_basis_points();
    in.discount_target = line.discount_target();
    inputs.push_back(std::move(in));
  }
  absl::StatusOr<billing::InvoiceTotals> totals = billing::ComputeInvoice(inputs, ToDomainRates(rates));
  if (!totals.ok()) {
    FieldViolations v;
    v.Add("invoice.lines", std::string(totals.status().message()));
    return v.ToStatus();
  }
  for (int i = 0; i < invoice.lines_size(); ++i) {
    const billing::LineTotals& t = totals->lines[i];
    v1::InvoiceLine& line = *invoice.mutable_lines(i);
    *line.mutable_amount() = ToMoney(t.amount_minor, currency);
    *line.mutable_discount() = ToMoney(t.discount_minor, currency);
    line.clear_taxes();
    for (const auto& tax : t.taxes) {
      v1::LineTax* out = line.add_taxes();
      out->set_code(tax.code);
      *out->mutable_amount() = ToMoney(tax.amount_minor, currency);
    }
  }
  invoice.clear_taxes();
  for (size_t i = 0; i < totals->taxes.size(); ++i) {
    const billing::TaxTotal& t = totals->taxes[i];
    v1::InvoiceTax* out = invoice.add_taxes();
    out->set_code(t.code);
    out->set_display_name(rates[static_cast<int>(i)].display_name());
    out->set_rate_ppm(t.rate_ppm);
    *out->mutable_taxable() = ToMoney(t.taxable_minor, currency);
    *out->mutable_amount() = ToMoney(t.amount_minor, currency);
  }
  *invoice.mutable_subtotal() = ToMoney(totals->subtotal_minor, currency);
  *invoice.mutable_discount_total() = ToMoney(totals->discount_total_minor, currency);
  *invoice.mutable_tax_total() = ToMoney(totals->tax_total_minor, currency);
  *invoice.mutable_tip_total() = ToMoney(totals->tip_total_minor, currency);
  *invoice.mutable_prepaid_total() = ToMoney(totals->prepaid_total_minor, currency);
  *invoice.mutable_total() = ToMoney(totals->total_minor, currency);
  *invoice.mutable_amount_paid() = ToMoney(invoice.amount_paid().amount_minor(), currency);
  *invoice.mutable_amount_refunded() = ToMoney(invoice.amount_refunded().amount_minor(), currency);
  *invoice.mutable_balance_due() = ToMoney(BalanceDue(invoice), currency);
  return absl::OkStatus();
}

int64_t BalanceDue(const v1::Invoice& invoice) {
  return invoice.total().amount_minor() - invoice.amount_paid().amount_minor() +
         invoice.amount_refunded().amount_minor();
}

}  // namespace fascia::api
