// An invoice's arithmetic: from its lines and its location's tax rates to
// every line's discount and taxes and the invoice's totals, by the rounding
// rules of allocation.h, so that every figure is the exact sum of its parts:
//
//   subtotal       = sum of the SERVICE, PRODUCT and FEE lines (quantity x unit price)
//   discount_total = sum of the DISCOUNT lines (each spread over the lines it targets)
//   tax_total      = sum over lines and rates of round(rate x (line - its discount share))
//   tip_total      = sum of the TIP lines (never taxed, never discounted)
//   prepaid_total  = sum of the PREPAID lines: gift cards and packages sold,
//                    which are liabilities, not revenue (never taxed at sale,
//                    never discounted)
//   total          = subtotal - discount_total + tax_total + tip_total + prepaid_total
//
// A discount is a fixed amount or a percentage (basis points) of the lines it
// targets: one line (by id) or, with no target, every SERVICE, PRODUCT and
// FEE line. It is spread over its targets in proportion to their amounts, so
// each line's tax is charged on what the client actually pays for it. Taxes
// are exclusive (added on top), computed per line and per rate, each rounded
// half away from zero; a rate applies to the line types it lists.
//
//   ASSIGN_OR_RETURN(InvoiceTotals t, ComputeInvoice(lines, location_rates));
//
// Thread-safety: pure functions.
#ifndef FASCIA_DOMAIN_BILLING_INVOICE_MATH_H_
#define FASCIA_DOMAIN_BILLING_INVOICE_MATH_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace fascia::billing {

enum class LineType { kService, kProduct, kFee, kTip, kDiscount, kPrepaid };

struct TaxRate {
  std::string code;           // e.g. "NY-STATE", "NYC", "VAT"
  int64_t rate_ppm = 0;       // parts per million: 8.875% = 88'750; 0..1'000'000
  std::set<LineType> applies_to;  // SERVICE, PRODUCT and/or FEE only
};

struct InvoiceLineInput {
  std::string id;  // unique within the invoice
  LineType type = LineType::kService;
  // SERVICE, PRODUCT, FEE, TIP, PREPAID: quantity x unit_price_minor is the amount
  // (quantity >= 1, unit price >= 0).
  int64_t quantity = 1;
  int64_t unit_price_minor = 0;
  // DISCOUNT only: exactly one of a fixed amount (> 0) or a percentage in
  // basis points (1..10'000), of the target line or (target empty) of every
  // SERVICE, PRODUCT and FEE line.
  int64_t discount_amount_minor = 0;
  int64_t discount_basis_points = 0;
  std::string discount_target;
};

struct LineTax {
  std::string code;
  int64_t amount_minor = 0;
};

struct LineTotals {
  std::string id;
  int64_t amount_minor = 0;    // quantity x unit price; for a DISCOUNT, the discount (positive)
  int64_t discount_minor = 0;  // the share of discounts this line received (positive)
  int64_t taxable_minor = 0;   // amount - discount for taxed types, else 0
  std::vector<LineTax> taxes;  // one per rate that applies, in rate order
};

struct TaxTotal {
  std::string code;
  int64_t rate_ppm = 0;
  int64_t taxable_minor = 0;
  int64_t amount_minor = 0;  // the sum of the lines' taxes at this rate
};

struct InvoiceTotals {
  std::vector<LineTotals> lines;  // in input order
  std::vector<TaxTotal> taxes;    // in rate order, rates that taxed nothing included
  int64_t subtotal_minor = 0;
  int64_t discount_total_minor = 0;
  int64_t tax_total_minor = 0;
  int64_t tip_total_minor = 0;
  int64_t prepaid_total_minor = 0;
  int64_t total_minor = 0;
};

// InvalidArgument (naming the line id) for: a duplicate or empty id, a
// quantity < 1, a negative price, a discount without exactly one of amount or
// percentage, a percentage outside 1..10'000, a discount target that is not a
// SERVICE/PRODUCT/FEE line of this invoice, discounts exceeding the amount of
// the lines they target, a duplicate tax code, a rate outside 0..1'000'000,
// and any amount beyond kMaxAmountMinor.
absl::StatusOr<InvoiceTotals> ComputeInvoice(const std::vector<InvoiceLineInput>& lines,
                                             const std::vector<TaxRate>& rates);

}  // namespace fascia::billing

#endif  // FASCIA_DOMAIN_BILLING_INVOICE_MATH_H_
