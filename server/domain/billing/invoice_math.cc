// An invoice's discounts, taxes and totals from its lines; see invoice_math.h.
#include "domain/billing/invoice_math.h"

#include <map>
#include <optional>
#include <set>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "domain/billing/allocation.h"
#include "domain/billing/money.h"

namespace fascia::billing {

namespace {

bool IsCharge(LineType type) {
  return type == LineType::kService || type == LineType::kProduct || type == LineType::kFee;
}

// Errors name the line or tax so that a caller with many lines can tell
// which one to fix; the API passes the message through unchanged.
absl::Status LineError(const std::string& id, const std::string& what) {
  return absl::InvalidArgumentError(absl::StrCat("line \"", id, "\": ", what));
}

absl::Status TaxError(const std::string& code, const std::string& what) {
  return absl::InvalidArgumentError(absl::StrCat("tax \"", code, "\": ", what));
}

const std::string& TooLarge() {
  static const auto* text = new std::string(absl::StrCat(
      "exceeds the largest amount accepted (", kMaxAmountMinor, " minor units)"));
  return *text;
}

absl::Status CheckRates(const std::vector<TaxRate>& rates) {
  std::set<std::string> seen;
  for (const TaxRate& rate : rates) {
    if (!seen.insert(rate.code).second) {
      return TaxError(rate.code, "is listed more than once");
    }
    if (rate.rate_ppm < 0 || rate.rate_ppm > kPpm) {
      return TaxError(rate.code, "rate must be 0..1000000 parts per million");
    }
  }
  return absl::OkStatus();
}

// Validates one line on its own and returns its amount: quantity x price
// for a charge or tip, the fixed amount or 0 (a percentage, resolved later
// against its targets) for a discount.
absl::StatusOr<int64_t> LineAmount(const InvoiceLineInput& line) {
  if (line.type == LineType::kDiscount) {
    const bool fixed = line.discount_amount_minor != 0;
    const bool percent = line.discount_basis_points != 0;
    if (fixed == percent) {
      return LineError(line.id, "a discount needs exactly one of a fixed amount or a percentage");
    }
    if (percent) {
      if (line.discount_basis_points < 1 || line.discount_basis_points > kBasisPoints) {
        return LineError(line.id, "discount percentage must be 1..10000 basis points");
      }
      return 0;
    }
    if (line.discount_amount_minor < 0) {
      return LineError(line.id, "discount amount must be more than zero");
    }
    if (line.discount_amount_minor > kMaxAmountMinor) {
      return LineError(line.id, "discount amount " + TooLarge());
    }
    return line.discount_amount_minor;
  }
  if (line.quantity < 1) return LineError(line.id, "quantity must be at least 1");
  if (line.unit_price_minor < 0) return LineError(line.id, "unit price must not be negative");
  std::optional<int64_t> amount = MultiplyAmount(line.unit_price_minor, line.quantity);
  if (!amount) return LineError(line.id, "quantity x unit price " + TooLarge());
  return *amount;
}

}  // namespace

absl::StatusOr<InvoiceTotals> ComputeInvoice(const std::vector<InvoiceLineInput>& lines,
                                             const std::vector<TaxRate>& rates) {
  InvoiceTotals out;
  out.lines.resize(lines.size());
  std::map<std::string, size_t> index_of;  // line id -> its index

  // Pass 1: each line on its own, and the subtotal and tips.
  for (size_t i = 0; i < lines.size(); ++i) {
    const InvoiceLineInput& line = lines[i];
    if (line.id.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("line ", i + 1, " has no id"));
    }
    if (!index_of.emplace(line.id, i).second) {
      return LineError(line.id, "the id is used by another line");
    }
    absl::StatusOr<int64_t> amount = LineAmount(line);
    if (!amount.ok()) return amount.status();
    out.lines[i].id = line.id;
    out.lines[i].amount_minor = *amount;
    std::optional<int64_t> sum;
    if (IsCharge(line.type)) {
      sum = AddAmounts(out.subtotal_minor, *amount);
      if (!sum) return LineError(line.id, "the invoice subtotal " + TooLarge());
      out.subtotal_minor = *sum;
    } else if (line.type == LineType::kTip) {
      sum = AddAmounts(out.tip_total_minor, *amount);
      if (!sum) return LineError(line.id, "the invoice's tip total " + TooLarge());
      out.tip_total_minor = *sum;
    } else if (line.type == LineType::kPrepaid) {
      sum = AddAmounts(out.prepaid_total_minor, *amount);
      if (!sum) return LineError(line.id, "the invoice's prepaid total " + TooLarge());
      out.prepaid_total_minor = *sum;
    }
  }
  absl::Status rates_ok = CheckRates(rates);
  if (!rates_ok.ok()) return rates_ok;

  // Pass 2: each discount, spread over its targets in proportion to their
  // amounts. Percentages are of the targets' full amounts, not of what
  // earlier discounts left, so the result does not depend on line order.
  std::vector<size_t> all_charges;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (IsCharge(lines[i].type)) all_charges.push_back(i);
  }
  for (size_t d = 0; d < lines.size(); ++d) {
    const InvoiceLineInput& discount = lines[d];
    if (discount.type != LineType::kDiscount) continue;
    std::vector<size_t> targets;
    if (discount.discount_target.empty()) {
      targets = all_charges;
    } else {
      auto it = index_of.find(discount.discount_target);
      if (it == index_of.end() || !IsCharge(lines[it->second].type)) {
        return LineError(discount.id,
                         absl::StrCat("discount target \"", discount.discount_target,
                                      "\" is not a SERVICE, PRODUCT or FEE line of this invoice"));
      }
      targets.push_back(it->second);
    }
    std::vector<int64_t> weights;
    int64_t base = 0;  // <= subtotal, which pass 1 bounded
    for (size_t t : targets) {
      weights.push_back(out.lines[t].amount_minor);
      base += out.lines[t].amount_minor;
    }
    int64_t amount = out.lines[d].amount_minor;
    if (discount.discount_basis_points != 0) {
      // Rule 1 with at most 100%, so never more than the base.
      amount = RoundedShare(base, discount.discount_basis_points, kBasisPoints);
      out.lines[d].amount_minor = amount;
    }
    if (amount > base) {
      return LineError(discount.id, "discount exceeds the lines it applies to");
    }
    // Earlier discounts fit their lines, so this stays below twice the
    // subtotal even before the check below.
    out.discount_total_minor += amount;
    if (targets.empty()) continue;  // a percentage of nothing is nothing
    std::vector<int64_t> shares = Allocate(amount, weights);
    for (size_t k = 0; k < targets.size(); ++k) {
      LineTotals& target = out.lines[targets[k]];
      target.discount_minor += shares[k];
      // Each discount fits its targets, but several together may not.
      if (target.discount_minor > target.amount_minor) {
        return LineError(discount.id, absl::StrCat("discounts together exceed the amount of line \"",
                                                   target.id, "\""));
      }
    }
  }
  // Every line's discount is at most its amount, so the total discount is at
  // most the subtotal, and subtotal - discount_total cannot go negative.

  // Pass 3: taxes per line and rate, each rounded on its own (rule 1), and
  // the per-rate totals as exact sums of those roundings.
  out.taxes.resize(rates.size());
  for (size_t r = 0; r < rates.size(); ++r) {
    out.taxes[r].code = rates[r].code;
    out.taxes[r].rate_ppm = rates[r].rate_ppm;
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!IsCharge(lines[i].type)) continue;
    LineTotals& line = out.lines[i];
    const int64_t net = line.amount_minor - line.discount_minor;
    for (size_t r = 0; r < rates.size(); ++r) {
      // applies_to may also name TIP or DISCOUNT; tips are never taxed and
      // discounts are already in `net`, so only charge types count here.
      if (!rates[r].applies_to.count(lines[i].type)) continue;
      line.taxable_minor = net;
      const int64_t tax = RoundedShare(net, rates[r].rate_ppm, kPpm);
      line.taxes.push_back(LineTax{rates[r].code, tax});
      // A rate's taxable sum and tax (rate <= 100%) are both at most the
      // subtotal, so these sums stay in range.
      out.taxes[r].taxable_minor += net;
      out.taxes[r].amount_minor += tax;
    }
  }
  for (const TaxTotal& tax : out.taxes) {
    std::optional<int64_t> sum = AddAmounts(out.tax_total_minor, tax.amount_minor);
    if (!sum) return TaxError(tax.code, "the invoice's tax total " + TooLarge());
    out.tax_total_minor = *sum;
  }

  std::optional<int64_t> total = AddAmounts(out.subtotal_minor - out.discount_total_minor,
                                            out.tax_total_minor);
  if (total) total = AddAmounts(*total, out.tip_total_minor);
  if (total) total = AddAmounts(*total, out.prepaid_total_minor);
  if (!total) return absl::InvalidArgumentError("the invoice total " + TooLarge());
  out.total_minor = *total;
  return out;
}

}  // namespace fascia::billing
