// Tests for currency digits, decimal parsing and formatting, and checked
// sums; see domain/billing/money.h.
#include "domain/billing/money.h"

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "gtest/gtest.h"
#include "test_util.h"

namespace fascia::billing {
namespace {

using testing::IsInvalid;

TEST(MinorUnitDigitsTest, KnowsZeroTwoAndThreeDigitCurrencies) {
  EXPECT_EQ(MinorUnitDigits("JPY"), 0);
  EXPECT_EQ(MinorUnitDigits("KRW"), 0);
  EXPECT_EQ(MinorUnitDigits("XOF"), 0);
  EXPECT_EQ(MinorUnitDigits("USD"), 2);
  EXPECT_EQ(MinorUnitDigits("EUR"), 2);
  EXPECT_EQ(MinorUnitDigits("GBP"), 2);
  EXPECT_EQ(MinorUnitDigits("HUF"), 2);  // ISO says 2, whatever the shops do
  EXPECT_EQ(MinorUnitDigits("KWD"), 3);
  EXPECT_EQ(MinorUnitDigits("BHD"), 3);
  EXPECT_EQ(MinorUnitDigits("TND"), 3);
}

TEST(MinorUnitDigitsTest, EveryZeroAndThreeDigitCurrency) {
  for (const char* code : {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
                           "UGX", "VND", "VUV", "XAF", "XOF", "XPF"}) {
    EXPECT_EQ(MinorUnitDigits(code), 0) << code;
  }
  for (const char* code : {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"}) {
    EXPECT_EQ(MinorUnitDigits(code), 3) << code;
  }
}

TEST(MinorUnitDigitsTest, RefusesWhatIsNotAnActiveCurrency) {
  EXPECT_EQ(MinorUnitDigits("XXX"), std::nullopt);  // ISO's "no currency"
  EXPECT_EQ(MinorUnitDigits("usd"), std::nullopt);  // codes are upper case
  EXPECT_EQ(MinorUnitDigits(""), std::nullopt);
  EXPECT_EQ(MinorUnitDigits("US"), std::nullopt);
  EXPECT_EQ(MinorUnitDigits("USDX"), std::nullopt);
  EXPECT_EQ(MinorUnitDigits("CLF"), std::nullopt);  // a fund, not a currency
  EXPECT_EQ(MinorUnitDigits("XAU"), std::nullopt);  // gold
}

TEST(ParseDecimalAmountTest, ParsesPlainDecimals) {
  EXPECT_EQ(*ParseDecimalAmount("12", 2), 1200);
  EXPECT_EQ(*ParseDecimalAmount("12.5", 2), 1250);
  EXPECT_EQ(*ParseDecimalAmount("12.50", 2), 1250);
  EXPECT_EQ(*ParseDecimalAmount("0.500", 2), 50);
  EXPECT_EQ(*ParseDecimalAmount("-0.05", 2), -5);
  EXPECT_EQ(*ParseDecimalAmount("0", 2), 0);
  EXPECT_EQ(*ParseDecimalAmount("-0", 2), 0);
  EXPECT_EQ(*ParseDecimalAmount("007.10", 2), 710);
}

TEST(ParseDecimalAmountTest, AcceptsExtraFractionDigitsOnlyWhenZero) {
  EXPECT_EQ(*ParseDecimalAmount("12.500", 2), 1250);
  EXPECT_EQ(*ParseDecimalAmount("12.50000000000000000000", 2), 1250);
  EXPECT_THAT(ParseDecimalAmount("12.505", 2), IsInvalid("more decimal places"));
  EXPECT_THAT(ParseDecimalAmount("12.5001", 2), IsInvalid("more decimal places"));
}

TEST(ParseDecimalAmountTest, ZeroDigitCurrencyTakesWholeAmountsOnly) {
  EXPECT_EQ(*ParseDecimalAmount("1", 0), 1);
  EXPECT_EQ(*ParseDecimalAmount("1500", 0), 1500);
  EXPECT_EQ(*ParseDecimalAmount("1.0", 0), 1);
  EXPECT_THAT(ParseDecimalAmount("1.5", 0), IsInvalid("no minor units"));
}

TEST(ParseDecimalAmountTest, ThreeAndFourDigits) {
  EXPECT_EQ(*ParseDecimalAmount("0.001", 3), 1);
  EXPECT_EQ(*ParseDecimalAmount("1.5", 3), 1500);
  EXPECT_EQ(*ParseDecimalAmount("-2.125", 3), -2125);
  EXPECT_THAT(ParseDecimalAmount("0.0001", 3), IsInvalid("more decimal places"));
  EXPECT_EQ(*ParseDecimalAmount("0.0001", 4), 1);
  EXPECT_EQ(*ParseDecimalAmount("3", 4), 30000);
}

TEST(ParseDecimalAmountTest, RejectsAnythingButThePlainForm) {
  // "1." and ".5" are refused on purpose: a '.' needs digits on both sides.
  for (const char* text : {"", "-", "1e3", "1E3", " 1", "1 ", "1,000", "1_000", "+1", "1.", ".5",
                           "-.5", "--1", "1-", "1.2.3", "abc", "0x10", "1.-5", "\xef\xbc\x91"}) {
    EXPECT_THAT(ParseDecimalAmount(text, 2), IsInvalid("plain decimal")) << '"' << text << '"';
  }
}

TEST(ParseDecimalAmountTest, RejectsMagnitudesAboveTheLimit) {
  // kMaxAmountMinor is 10^15 minor units: 10'000'000'000'000.00 in USD.
  EXPECT_EQ(*ParseDecimalAmount("10000000000000", 2), kMaxAmountMinor);
  EXPECT_EQ(*ParseDecimalAmount("-10000000000000.00", 2), -kMaxAmountMinor);
  EXPECT_EQ(*ParseDecimalAmount("1000000000000000", 0), kMaxAmountMinor);
  EXPECT_THAT(ParseDecimalAmount("10000000000000.01", 2), IsInvalid("larger than"));
  EXPECT_THAT(ParseDecimalAmount("-10000000000000.01", 2), IsInvalid("larger than"));
  EXPECT_THAT(ParseDecimalAmount("1000000000000001", 0), IsInvalid("larger than"));
  EXPECT_THAT(ParseDecimalAmount("999999999999999999999999999999", 2), IsInvalid("larger than"));
  // Under the whole-part limit, but past int64 once scaled by 10^4.
  EXPECT_THAT(ParseDecimalAmount("922337203685478", 4), IsInvalid("larger than"));
  // Leading zeros do not count toward the magnitude.
  EXPECT_EQ(*ParseDecimalAmount("0000000000000000000000001.00", 2), 100);
}

TEST(FormatDecimalAmountTest, FormatsWithExactlyTheCurrencyDigits) {
  EXPECT_EQ(FormatDecimalAmount(1250, 2), "12.50");
  EXPECT_EQ(FormatDecimalAmount(-5, 2), "-0.05");
  EXPECT_EQ(FormatDecimalAmount(0, 2), "0.00");
  EXPECT_EQ(FormatDecimalAmount(100, 0), "100");
  EXPECT_EQ(FormatDecimalAmount(-100, 0), "-100");
  EXPECT_EQ(FormatDecimalAmount(1, 3), "0.001");
  EXPECT_EQ(FormatDecimalAmount(12345, 4), "1.2345");
  EXPECT_EQ(FormatDecimalAmount(kMaxAmountMinor, 2), "10000000000000.00");
  EXPECT_EQ(FormatDecimalAmount(std::numeric_limits<int64_t>::min(), 2),
            "-92233720368547758.08");
}

TEST(FormatDecimalAmountTest, RoundTripsThroughParse) {
  std::mt19937_64 rng(20240310);
  std::uniform_int_distribution<int64_t> amounts(-kMaxAmountMinor, kMaxAmountMinor);
  std::uniform_int_distribution<int64_t> small(-100'000, 100'000);
  for (int digits = 0; digits <= 4; ++digits) {
    for (int64_t v : {int64_t{0}, int64_t{1}, int64_t{-1}, kMaxAmountMinor, -kMaxAmountMinor}) {
      EXPECT_EQ(*ParseDecimalAmount(FormatDecimalAmount(v, digits), digits), v);
    }
    for (int i = 0; i < 2000; ++i) {
      const int64_t v = i % 2 ? amounts(rng) : small(rng);
      const std::string text = FormatDecimalAmount(v, digits);
      absl::StatusOr<int64_t> back = ParseDecimalAmount(text, digits);
      ASSERT_TRUE(back.ok()) << text << ": " << back.status();
      ASSERT_EQ(*back, v) << text;
    }
  }
}

TEST(AddAmountsTest, ChecksTheRange) {
  EXPECT_EQ(AddAmounts(1, 2), 3);
  EXPECT_EQ(AddAmounts(-5, 2), -3);
  EXPECT_EQ(AddAmounts(kMaxAmountMinor, 0), kMaxAmountMinor);
  EXPECT_EQ(AddAmounts(kMaxAmountMinor - 1, 1), kMaxAmountMinor);
  EXPECT_EQ(AddAmounts(kMaxAmountMinor, 1), std::nullopt);
  EXPECT_EQ(AddAmounts(-kMaxAmountMinor, -1), std::nullopt);
  EXPECT_EQ(AddAmounts(std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::max()),
            std::nullopt);
  EXPECT_EQ(AddAmounts(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::min()),
            std::nullopt);
  // An out-of-range operand can still give an in-range sum.
  EXPECT_EQ(AddAmounts(std::numeric_limits<int64_t>::max(), -std::numeric_limits<int64_t>::max()),
            0);
}

TEST(MultiplyAmountTest, ChecksTheRange) {
  EXPECT_EQ(MultiplyAmount(1250, 3), 3750);
  EXPECT_EQ(MultiplyAmount(-1250, 3), -3750);
  EXPECT_EQ(MultiplyAmount(1250, 0), 0);
  EXPECT_EQ(MultiplyAmount(kMaxAmountMinor, 1), kMaxAmountMinor);
  EXPECT_EQ(MultiplyAmount(kMaxAmountMinor / 4, 4), kMaxAmountMinor);
  EXPECT_EQ(MultiplyAmount(kMaxAmountMinor / 4 + 1, 4), std::nullopt);
  EXPECT_EQ(MultiplyAmount(-kMaxAmountMinor, 2), std::nullopt);
  // Would wrap in 64 bits.
  EXPECT_EQ(MultiplyAmount(int64_t{1} << 40, int64_t{1} << 40), std::nullopt);
  EXPECT_EQ(MultiplyAmount(std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::max()),
            std::nullopt);
}

}  // namespace
}  // namespace fascia::billing
