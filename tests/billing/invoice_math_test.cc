// Tests for an invoice's discounts, taxes and totals; see
// domain/billing/invoice_math.h.
#include "domain/billing/invoice_math.h"

#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "domain/billing/allocation.h"
#include "domain/billing/money.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace fascia::billing {
namespace {

using testing::IsInvalid;

const std::set<LineType> kCharges = {LineType::kService, LineType::kProduct, LineType::kFee};

InvoiceLineInput Charge(LineType type, const std::string& id, int64_t price, int64_t qty = 1) {
  InvoiceLineInput l;
  l.id = id;
  l.type = type;
  l.quantity = qty;
  l.unit_price_minor = price;
  return l;
}
InvoiceLineInput Service(const std::string& id, int64_t price, int64_t qty = 1) {
  return Charge(LineType::kService, id, price, qty);
}
InvoiceLineInput Product(const std::string& id, int64_t price, int64_t qty = 1) {
  return Charge(LineType::kProduct, id, price, qty);
}
InvoiceLineInput Fee(const std::string& id, int64_t price) {
  return Charge(LineType::kFee, id, price);
}
InvoiceLineInput Tip(const std::string& id, int64_t price) {
  return Charge(LineType::kTip, id, price);
}
InvoiceLineInput PercentOff(const std::string& id, int64_t bp, const std::string& target = "") {
  InvoiceLineInput l;
  l.id = id;
  l.type = LineType::kDiscount;
  l.discount_basis_points = bp;
  l.discount_target = target;
  return l;
}
InvoiceLineInput AmountOff(const std::string& id, int64_t amount, const std::string& target = "") {
  InvoiceLineInput l;
  l.id = id;
  l.type = LineType::kDiscount;
  l.discount_amount_minor = amount;
  l.discount_target = target;
  return l;
}
TaxRate Rate(const std::string& code, int64_t ppm, std::set<LineType> applies_to = kCharges) {
  return TaxRate{code, ppm, std::move(applies_to)};
}

// The identities the header promises, checked on every successful result.
void ExpectConsistent(const std::vector<InvoiceLineInput>& in, const InvoiceTotals& t) {
  ASSERT_EQ(t.lines.size(), in.size());
  int64_t subtotal = 0, discounts = 0, spread = 0, tips = 0, prepaid = 0, line_taxes = 0,
          rate_taxes = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    EXPECT_EQ(t.lines[i].id, in[i].id);
    switch (in[i].type) {
      case LineType::kService:
      case LineType::kProduct:
      case LineType::kFee:
        subtotal += t.lines[i].amount_minor;
        EXPECT_GE(t.lines[i].discount_minor, 0);
        EXPECT_LE(t.lines[i].discount_minor, t.lines[i].amount_minor);
        break;
      case LineType::kTip:
      case LineType::kPrepaid:  // neither is taxed nor discounted
        (in[i].type == LineType::kTip ? tips : prepaid) += t.lines[i].amount_minor;
        EXPECT_EQ(t.lines[i].discount_minor, 0);
        EXPECT_EQ(t.lines[i].taxable_minor, 0);
        EXPECT_TRUE(t.lines[i].taxes.empty());
        break;
      case LineType::kDiscount:
        discounts += t.lines[i].amount_minor;
        EXPECT_EQ(t.lines[i].discount_minor, 0);
        EXPECT_TRUE(t.lines[i].taxes.empty());
        break;
    }
    spread += t.lines[i].discount_minor;
    for (const LineTax& tax : t.lines[i].taxes) line_taxes += tax.amount_minor;
  }
  for (const TaxTotal& tax : t.taxes) rate_taxes += tax.amount_minor;
  EXPECT_EQ(t.subtotal_minor, subtotal);
  EXPECT_EQ(t.discount_total_minor, discounts);
  EXPECT_EQ(spread, discounts) << "the lines' discount shares must sum to the discounts";
  EXPECT_EQ(t.tip_total_minor, tips);
  EXPECT_EQ(t.prepaid_total_minor, prepaid);
  EXPECT_EQ(t.tax_total_minor, line_taxes);
  EXPECT_EQ(t.tax_total_minor, rate_taxes);
  EXPECT_EQ(t.total_minor, t.subtotal_minor - t.discount_total_minor + t.tax_total_minor +
                               t.tip_total_minor + t.prepaid_total_minor);
}

InvoiceTotals MustCompute(const std::vector<InvoiceLineInput>& lines,
                          const std::vector<TaxRate>& rates) {
  absl::StatusOr<InvoiceTotals> t = ComputeInvoice(lines, rates);
  EXPECT_TRUE(t.ok()) << t.status();
  if (!t.ok()) return {};
  ExpectConsistent(lines, *t);
  return *t;
}

TEST(ComputeInvoiceTest, NewYorkCityServiceWithStateAndCityTax) {
  // $100.00 at 4% (state) and 4.875% (city): 400 and 487.5 -> 488 cents.
  InvoiceTotals t = MustCompute({Service("massage", 10'000)},
                                {Rate("NY-STATE", 40'000), Rate("NYC", 48'750)});
  ASSERT_EQ(t.lines.size(), 1u);
  EXPECT_EQ(t.lines[0].amount_minor, 10'000);
  EXPECT_EQ(t.lines[0].taxable_minor, 10'000);
  ASSERT_EQ(t.lines[0].taxes.size(), 2u);
  EXPECT_EQ(t.lines[0].taxes[0].code, "NY-STATE");
  EXPECT_EQ(t.lines[0].taxes[0].amount_minor, 400);
  EXPECT_EQ(t.lines[0].taxes[1].code, "NYC");
  EXPECT_EQ(t.lines[0].taxes[1].amount_minor, 488);
  ASSERT_EQ(t.taxes.size(), 2u);
  EXPECT_EQ(t.taxes[0].code, "NY-STATE");
  EXPECT_EQ(t.taxes[0].rate_ppm, 40'000);
  EXPECT_EQ(t.taxes[0].taxable_minor, 10'000);
  EXPECT_EQ(t.taxes[0].amount_minor, 400);
  EXPECT_EQ(t.taxes[1].code, "NYC");
  EXPECT_EQ(t.taxes[1].amount_minor, 488);
  EXPECT_EQ(t.subtotal_minor, 10'000);
  EXPECT_EQ(t.discount_total_minor, 0);
  EXPECT_EQ(t.tax_total_minor, 888);
  EXPECT_EQ(t.tip_total_minor, 0);
  EXPECT_EQ(t.total_minor, 10'888);
}

TEST(ComputeInvoiceTest, QuantityTimesUnitPrice) {
  InvoiceTotals t = MustCompute({Product("oil", 1'250, 3)}, {});
  EXPECT_EQ(t.lines[0].amount_minor, 3'750);
  EXPECT_EQ(t.lines[0].taxable_minor, 0);  // no rate applies
  EXPECT_EQ(t.total_minor, 3'750);
}

TEST(ComputeInvoiceTest, InvoiceWideDiscountSpreadsExactly) {
  // 10% of 99.97 is 9.997 -> 10.00, spread 1999:2999:4999 by largest
  // remainder (199.96, 299.99, 500.05 -> 200, 300, 500).
  std::vector<InvoiceLineInput> lines = {Service("a", 1'999), Service("b", 2'999),
                                         Product("c", 4'999), PercentOff("ten", 1'000)};
  InvoiceTotals t = MustCompute(lines, {Rate("NYC", 88'750)});
  EXPECT_EQ(t.subtotal_minor, 9'997);
  EXPECT_EQ(t.discount_total_minor, 1'000);
  EXPECT_EQ(t.lines[3].amount_minor, 1'000);
  EXPECT_EQ(t.lines[0].discount_minor, 200);
  EXPECT_EQ(t.lines[1].discount_minor, 300);
  EXPECT_EQ(t.lines[2].discount_minor, 500);
  EXPECT_EQ(t.lines[0].discount_minor + t.lines[1].discount_minor + t.lines[2].discount_minor,
            t.discount_total_minor);
  // Tax per line on what is paid for it: 159.66, 239.54, 399.29.
  EXPECT_EQ(t.lines[0].taxable_minor, 1'799);
  EXPECT_EQ(t.lines[0].taxes[0].amount_minor, 160);
  EXPECT_EQ(t.lines[1].taxes[0].amount_minor, 240);
  EXPECT_EQ(t.lines[2].taxes[0].amount_minor, 399);
  EXPECT_EQ(t.taxes[0].taxable_minor, 8'997);
  EXPECT_EQ(t.tax_total_minor, 799);
  EXPECT_EQ(t.total_minor, 9'997 - 1'000 + 799);
}

TEST(ComputeInvoiceTest, FixedInvoiceWideDiscountIsProportional) {
  InvoiceTotals t = MustCompute(
      {Service("a", 6'000), Product("b", 3'000), Fee("c", 1'000), AmountOff("d", 1'000)}, {});
  EXPECT_EQ(t.lines[0].discount_minor, 600);
  EXPECT_EQ(t.lines[1].discount_minor, 300);
  EXPECT_EQ(t.lines[2].discount_minor, 100);
  EXPECT_EQ(t.lines[3].amount_minor, 1'000);
  EXPECT_EQ(t.total_minor, 9'000);
}

TEST(ComputeInvoiceTest, TipIsNeverTaxedNorDiscounted) {
  // Even a rate that lists TIP does not tax it.
  InvoiceTotals t = MustCompute(
      {Service("s", 10'000), Tip("t", 2'000), PercentOff("d", 1'000)},
      {Rate("VAT", 100'000, {LineType::kService, LineType::kTip})});
  EXPECT_EQ(t.lines[0].discount_minor, 1'000);
  EXPECT_EQ(t.lines[0].taxable_minor, 9'000);
  EXPECT_EQ(t.lines[0].taxes[0].amount_minor, 900);
  EXPECT_EQ(t.lines[1].amount_minor, 2'000);
  EXPECT_EQ(t.lines[1].discount_minor, 0);
  EXPECT_EQ(t.lines[1].taxable_minor, 0);
  EXPECT_TRUE(t.lines[1].taxes.empty());
  EXPECT_EQ(t.taxes[0].taxable_minor, 9'000);
  EXPECT_EQ(t.subtotal_minor, 10'000);
  EXPECT_EQ(t.tip_total_minor, 2'000);
  EXPECT_EQ(t.total_minor, 10'000 - 1'000 + 900 + 2'000);
}

TEST(ComputeInvoiceTest, PrepaidSalesAreNeitherTaxedNorDiscounted) {
  // A gift card or package sold is a liability: taxed when redeemed, not now.
  InvoiceTotals t = MustCompute(
      {Service("s", 10'000), Charge(LineType::kPrepaid, "gift", 5'000), PercentOff("d", 1'000)},
      {Rate("VAT", 100'000, {LineType::kService, LineType::kPrepaid})});
  EXPECT_EQ(t.lines[1].discount_minor, 0);
  EXPECT_TRUE(t.lines[1].taxes.empty());
  EXPECT_EQ(t.subtotal_minor, 10'000);
  EXPECT_EQ(t.discount_total_minor, 1'000);
  EXPECT_EQ(t.prepaid_total_minor, 5'000);
  EXPECT_EQ(t.total_minor, 10'000 - 1'000 + 900 + 5'000);
}

TEST(ComputeInvoiceTest, RatesApplyOnlyToTheTypesTheyList) {
  InvoiceTotals t = MustCompute(
      {Service("svc", 5'000), Product("oil", 2'000)},
      {Rate("SERVICES", 60'000, {LineType::kService}), Rate("GOODS", 50'000, {LineType::kProduct}),
       Rate("FEES", 70'000, {LineType::kFee})});
  ASSERT_EQ(t.lines[0].taxes.size(), 1u);
  EXPECT_EQ(t.lines[0].taxes[0].code, "SERVICES");
  EXPECT_EQ(t.lines[0].taxes[0].amount_minor, 300);
  EXPECT_EQ(t.lines[0].taxable_minor, 5'000);
  ASSERT_EQ(t.lines[1].taxes.size(), 1u);
  EXPECT_EQ(t.lines[1].taxes[0].code, "GOODS");
  EXPECT_EQ(t.lines[1].taxes[0].amount_minor, 100);
  // A rate that taxed nothing is still listed, in rate order.
  ASSERT_EQ(t.taxes.size(), 3u);
  EXPECT_EQ(t.taxes[0].taxable_minor, 5'000);
  EXPECT_EQ(t.taxes[1].taxable_minor, 2'000);
  EXPECT_EQ(t.taxes[2].code, "FEES");
  EXPECT_EQ(t.taxes[2].rate_ppm, 70'000);
  EXPECT_EQ(t.taxes[2].taxable_minor, 0);
  EXPECT_EQ(t.taxes[2].amount_minor, 0);
  EXPECT_EQ(t.total_minor, 7'400);
}

TEST(ComputeInvoiceTest, ServiceTaxedProductNot) {
  InvoiceTotals t = MustCompute({Service("svc", 5'000), Product("oil", 2'000)},
                                {Rate("SERVICES", 60'000, {LineType::kService})});
  EXPECT_EQ(t.lines[0].taxes.size(), 1u);
  EXPECT_EQ(t.lines[0].taxable_minor, 5'000);
  EXPECT_TRUE(t.lines[1].taxes.empty());
  EXPECT_EQ(t.lines[1].taxable_minor, 0);
  EXPECT_EQ(t.tax_total_minor, 300);
  EXPECT_EQ(t.total_minor, 7'300);
}

TEST(ComputeInvoiceTest, FixedDiscountTargetedAtOneLine) {
  InvoiceTotals t = MustCompute(
      {Service("a", 6'000), Service("b", 4'000), AmountOff("d", 1'500, "b")},
      {Rate("T", 100'000)});
  EXPECT_EQ(t.lines[0].discount_minor, 0);
  EXPECT_EQ(t.lines[0].taxes[0].amount_minor, 600);
  EXPECT_EQ(t.lines[1].discount_minor, 1'500);
  EXPECT_EQ(t.lines[1].taxable_minor, 2'500);
  EXPECT_EQ(t.lines[1].taxes[0].amount_minor, 250);
  EXPECT_EQ(t.lines[2].amount_minor, 1'500);
  EXPECT_EQ(t.lines[2].taxable_minor, 0);
  EXPECT_EQ(t.discount_total_minor, 1'500);
  EXPECT_EQ(t.tax_total_minor, 850);
  EXPECT_EQ(t.total_minor, 9'350);
}

TEST(ComputeInvoiceTest, TargetMayComeAfterTheDiscount) {
  InvoiceTotals t = MustCompute({AmountOff("d", 100, "b"), Service("b", 4'000)}, {});
  EXPECT_EQ(t.lines[1].discount_minor, 100);
  EXPECT_EQ(t.total_minor, 3'900);
}

TEST(ComputeInvoiceTest, PercentageDiscountOfOneLineRoundsHalfAway) {
  // 50% of 40.01 is 20.005 -> 20.01.
  InvoiceTotals t = MustCompute(
      {Service("a", 6'000), Service("b", 4'001), PercentOff("half", 5'000, "b")}, {});
  EXPECT_EQ(t.lines[2].amount_minor, 2'001);
  EXPECT_EQ(t.lines[1].discount_minor, 2'001);
  EXPECT_EQ(t.lines[0].discount_minor, 0);
  EXPECT_EQ(t.total_minor, 10'001 - 2'001);
}

TEST(ComputeInvoiceTest, DiscountsStackAndPercentagesUseFullAmounts) {
  // 10% of everything (1000) and 5.00 off "a"; order does not matter.
  std::vector<InvoiceLineInput> lines = {Service("a", 6'000), Service("b", 4'000),
                                         PercentOff("ten", 1'000), AmountOff("five", 500, "a")};
  InvoiceTotals t = MustCompute(lines, {Rate("T", 50'000)});
  EXPECT_EQ(t.lines[0].discount_minor, 600 + 500);
  EXPECT_EQ(t.lines[1].discount_minor, 400);
  EXPECT_EQ(t.discount_total_minor, 1'500);
  EXPECT_EQ(t.tax_total_minor, 245 + 180);  // 5% of 4900 and of 3600
  std::swap(lines[2], lines[3]);
  InvoiceTotals swapped = MustCompute(lines, {Rate("T", 50'000)});
  EXPECT_EQ(swapped.lines[0].discount_minor, 1'100);
  EXPECT_EQ(swapped.total_minor, t.total_minor);
}

TEST(ComputeInvoiceTest, WholeAmountOffIsAllowed) {
  InvoiceTotals t = MustCompute({Service("a", 6'000), Tip("t", 500), PercentOff("free", 10'000)},
                                {Rate("T", 88'750)});
  EXPECT_EQ(t.lines[0].discount_minor, 6'000);
  EXPECT_EQ(t.lines[0].taxable_minor, 0);
  EXPECT_EQ(t.lines[0].taxes[0].amount_minor, 0);
  EXPECT_EQ(t.total_minor, 500);
}

TEST(ComputeInvoiceTest, ZeroPricedLines) {
  // A percentage of nothing is nothing; a 100% rate on a free line is 0.
  InvoiceTotals t = MustCompute({Service("free", 0), PercentOff("d", 2'500)},
                                {Rate("ALL", kPpm)});
  EXPECT_EQ(t.lines[1].amount_minor, 0);
  EXPECT_EQ(t.total_minor, 0);
  InvoiceTotals only_tips = MustCompute({Tip("t", 300), PercentOff("d", 2'500)}, {});
  EXPECT_EQ(only_tips.discount_total_minor, 0);
  EXPECT_EQ(only_tips.total_minor, 300);
}

TEST(ComputeInvoiceTest, EmptyInvoice) {
  InvoiceTotals t = MustCompute({}, {Rate("NYC", 88'750)});
  EXPECT_TRUE(t.lines.empty());
  ASSERT_EQ(t.taxes.size(), 1u);
  EXPECT_EQ(t.taxes[0].amount_minor, 0);
  EXPECT_EQ(t.total_minor, 0);
}

TEST(ComputeInvoiceTest, RandomInvoicesAreConsistent) {
  std::mt19937_64 rng(88750);
  std::uniform_int_distribution<int> count(0, 8);
  std::uniform_int_distribution<int> kind(0, 5);
  std::uniform_int_distribution<int64_t> price(0, 50'000);
  std::uniform_int_distribution<int64_t> qty(1, 5);
  std::uniform_int_distribution<int64_t> bp(1, 1'000);  // 8 lines x 10% stays under 100%
  std::uniform_int_distribution<int64_t> ppm(0, 250'000);
  for (int iter = 0; iter < 2'000; ++iter) {
    std::vector<InvoiceLineInput> lines;
    const int n = count(rng);
    for (int i = 0; i < n; ++i) {
      const std::string id = "l" + std::to_string(i);
      switch (kind(rng)) {
        case 0: lines.push_back(Service(id, price(rng), qty(rng))); break;
        case 1: lines.push_back(Product(id, price(rng), qty(rng))); break;
        case 2: lines.push_back(Fee(id, price(rng))); break;
        case 3: lines.push_back(Tip(id, price(rng))); break;
        default: lines.push_back(PercentOff(id, bp(rng))); break;
      }
    }
    std::vector<TaxRate> rates = {Rate("A", ppm(rng)), Rate("B", ppm(rng), {LineType::kService})};
    MustCompute(lines, rates);
    if (::testing::Test::HasFailure()) FAIL() << "iteration " << iter;
  }
}

// --- Invalid input: each names the offending line or tax. ---

TEST(ComputeInvoiceErrorsTest, EmptyOrDuplicateId) {
  EXPECT_THAT(ComputeInvoice({Service("a", 1), Service("", 1)}, {}), IsInvalid("line 2 has no id"));
  EXPECT_THAT(ComputeInvoice({Service("a", 1), Product("a", 1)}, {}),
              IsInvalid("line \"a\": the id is used by another line"));
}

TEST(ComputeInvoiceErrorsTest, QuantityAndPrice) {
  EXPECT_THAT(ComputeInvoice({Service("a", 100, 0)}, {}),
              IsInvalid("line \"a\": quantity must be at least 1"));
  EXPECT_TRUE(ComputeInvoice({Tip("t", 100)}, {}).ok());
  InvoiceLineInput tip = Tip("t", 100);
  tip.quantity = -1;
  EXPECT_THAT(ComputeInvoice({tip}, {}), IsInvalid("line \"t\": quantity must be at least 1"));
  EXPECT_THAT(ComputeInvoice({Product("p", -1)}, {}),
              IsInvalid("line \"p\": unit price must not be negative"));
  EXPECT_THAT(ComputeInvoice({Tip("t", -1)}, {}),
              IsInvalid("line \"t\": unit price must not be negative"));
}

TEST(ComputeInvoiceErrorsTest, DiscountNeedsExactlyOneOfAmountOrPercentage) {
  EXPECT_THAT(ComputeInvoice({Service("a", 100), AmountOff("d", 0)}, {}),
              IsInvalid("line \"d\": a discount needs exactly one"));
  InvoiceLineInput both = AmountOff("d", 10);
  both.discount_basis_points = 100;
  EXPECT_THAT(ComputeInvoice({Service("a", 100), both}, {}),
              IsInvalid("line \"d\": a discount needs exactly one"));
  EXPECT_THAT(ComputeInvoice({Service("a", 100), AmountOff("d", -10)}, {}),
              IsInvalid("line \"d\": discount amount must be more than zero"));
}

TEST(ComputeInvoiceErrorsTest, PercentageOutOfRange) {
  EXPECT_THAT(ComputeInvoice({Service("a", 100), PercentOff("d", 10'001)}, {}),
              IsInvalid("line \"d\": discount percentage must be 1..10000"));
  EXPECT_THAT(ComputeInvoice({Service("a", 100), PercentOff("d", -1)}, {}),
              IsInvalid("line \"d\": discount percentage must be 1..10000"));
}

TEST(ComputeInvoiceErrorsTest, TargetMustBeAChargeLineOfThisInvoice) {
  EXPECT_THAT(ComputeInvoice({Service("a", 100), AmountOff("d", 10, "zzz")}, {}),
              IsInvalid("line \"d\": discount target \"zzz\" is not a SERVICE, PRODUCT or FEE"));
  EXPECT_THAT(ComputeInvoice({Tip("t", 100), AmountOff("d", 10, "t")}, {}),
              IsInvalid("line \"d\": discount target \"t\""));
  EXPECT_THAT(
      ComputeInvoice({Service("a", 100), PercentOff("d1", 10), AmountOff("d2", 10, "d1")}, {}),
      IsInvalid("line \"d2\": discount target \"d1\""));
  EXPECT_THAT(ComputeInvoice({Service("a", 100), AmountOff("d", 10, "d")}, {}),
              IsInvalid("line \"d\": discount target \"d\""));
}

TEST(ComputeInvoiceErrorsTest, DiscountExceedingItsLines) {
  EXPECT_THAT(ComputeInvoice({Service("l1", 10'000), AmountOff("l2", 10'001)}, {}),
              IsInvalid("line \"l2\": discount exceeds the lines it applies to"));
  EXPECT_THAT(ComputeInvoice({Service("a", 10'000), Service("b", 500), AmountOff("d", 501, "b")},
                             {}),
              IsInvalid("line \"d\": discount exceeds the lines it applies to"));
  // Nothing to discount: tips do not count.
  EXPECT_THAT(ComputeInvoice({Tip("t", 10'000), AmountOff("d", 1)}, {}),
              IsInvalid("line \"d\": discount exceeds the lines it applies to"));
  // Each fits on its own, together they do not.
  EXPECT_THAT(ComputeInvoice({Service("a", 1'000), Service("b", 1'000), PercentOff("all", 10'000),
                              AmountOff("more", 1, "b")},
                             {}),
              IsInvalid("line \"more\": discounts together exceed the amount of line \"b\""));
  // Exactly the amount is fine.
  EXPECT_TRUE(ComputeInvoice({Service("a", 1'000), AmountOff("d", 1'000, "a")}, {}).ok());
}

TEST(ComputeInvoiceErrorsTest, TaxRates) {
  EXPECT_THAT(ComputeInvoice({Service("a", 100)}, {Rate("NYC", 1), Rate("NYC", 2)}),
              IsInvalid("tax \"NYC\": is listed more than once"));
  EXPECT_THAT(ComputeInvoice({Service("a", 100)}, {Rate("NEG", -1)}),
              IsInvalid("tax \"NEG\": rate must be 0..1000000"));
  EXPECT_THAT(ComputeInvoice({Service("a", 100)}, {Rate("BIG", kPpm + 1)}),
              IsInvalid("tax \"BIG\": rate must be 0..1000000"));
  EXPECT_TRUE(ComputeInvoice({Service("a", 100)}, {Rate("ALL", kPpm), Rate("NONE", 0)}).ok());
}

TEST(ComputeInvoiceErrorsTest, AmountsBeyondTheLimit) {
  EXPECT_TRUE(ComputeInvoice({Service("a", kMaxAmountMinor)}, {}).ok());
  EXPECT_THAT(ComputeInvoice({Service("a", kMaxAmountMinor / 2 + 1, 2)}, {}),
              IsInvalid("line \"a\": quantity x unit price exceeds the largest amount"));
  EXPECT_THAT(ComputeInvoice({Service("a", int64_t{1} << 40, int64_t{1} << 40)}, {}),
              IsInvalid("line \"a\": quantity x unit price exceeds"));
  EXPECT_THAT(ComputeInvoice({Service("a", kMaxAmountMinor), Fee("b", 1)}, {}),
              IsInvalid("line \"b\": the invoice subtotal exceeds"));
  EXPECT_THAT(ComputeInvoice({Tip("a", kMaxAmountMinor), Tip("b", 1)}, {}),
              IsInvalid("line \"b\": the invoice's tip total exceeds"));
  EXPECT_THAT(ComputeInvoice({Service("a", 1), AmountOff("d", kMaxAmountMinor + 1)}, {}),
              IsInvalid("line \"d\": discount amount exceeds"));
  EXPECT_THAT(ComputeInvoice({Service("a", kMaxAmountMinor)}, {Rate("A", kPpm), Rate("B", 1)}),
              IsInvalid("tax \"B\": the invoice's tax total exceeds"));
  EXPECT_THAT(ComputeInvoice({Service("a", kMaxAmountMinor)}, {Rate("A", 1)}),
              IsInvalid("the invoice total exceeds"));
  EXPECT_THAT(ComputeInvoice({Service("a", kMaxAmountMinor - 5), Tip("t", 6)}, {}),
              IsInvalid("the invoice total exceeds"));
}

}  // namespace
}  // namespace fascia::billing
