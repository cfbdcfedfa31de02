// Tests for the invoice life cycle and cancellation fees; see
// domain/billing/invoice_status.h.
#include "domain/billing/invoice_status.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace fascia::billing {
namespace {

using testing::StatusIs;
using S = InvoiceStatus;

TEST(InvoiceStatusTest, WhoCanTakeAPayment) {
  // Paying a draft issues it.
  EXPECT_TRUE(CheckCanPay(S::kDraft).ok());
  EXPECT_TRUE(CheckCanPay(S::kIssued).ok());
  EXPECT_TRUE(CheckCanPay(S::kPartiallyPaid).ok());
  EXPECT_THAT(CheckCanPay(S::kPaid),
              StatusIs(absl::StatusCode::kFailedPrecondition, "already paid"));
  EXPECT_THAT(CheckCanPay(S::kVoid), StatusIs(absl::StatusCode::kFailedPrecondition, "void"));
}

TEST(InvoiceStatusTest, VoidOnlyWithNoNetPayment) {
  EXPECT_TRUE(CheckCanVoid(S::kDraft, 0).ok());
  EXPECT_TRUE(CheckCanVoid(S::kIssued, 0).ok());
  // Paid and then refunded in full.
  EXPECT_TRUE(CheckCanVoid(S::kPartiallyPaid, 0).ok());
  EXPECT_TRUE(CheckCanVoid(S::kPaid, 0).ok());
  EXPECT_THAT(CheckCanVoid(S::kPartiallyPaid, 1),
              StatusIs(absl::StatusCode::kFailedPrecondition, "refund"));
  EXPECT_THAT(CheckCanVoid(S::kPaid, 10'000),
              StatusIs(absl::StatusCode::kFailedPrecondition, "refund"));
  EXPECT_THAT(CheckCanVoid(S::kVoid, 0),
              StatusIs(absl::StatusCode::kFailedPrecondition, "already void"));
}

TEST(InvoiceStatusTest, OnlyDraftsCanBeEdited) {
  EXPECT_TRUE(CheckCanEdit(S::kDraft).ok());
  for (S s : {S::kIssued, S::kPartiallyPaid, S::kPaid, S::kVoid}) {
    EXPECT_THAT(CheckCanEdit(s), StatusIs(absl::StatusCode::kFailedPrecondition, "DRAFT"));
  }
}

TEST(StatusForPaidTest, FollowsFromTheAmounts) {
  EXPECT_EQ(StatusForPaid(10'000, 0), S::kIssued);
  EXPECT_EQ(StatusForPaid(10'000, 1), S::kPartiallyPaid);
  EXPECT_EQ(StatusForPaid(10'000, 9'999), S::kPartiallyPaid);
  EXPECT_EQ(StatusForPaid(10'000, 10'000), S::kPaid);
  EXPECT_EQ(StatusForPaid(10'000, 12'000), S::kPaid);  // overpaid
  // A refund of everything brings it back to ISSUED.
  EXPECT_EQ(StatusForPaid(10'000, 0), S::kIssued);
  EXPECT_EQ(StatusForPaid(10'000, -100), S::kIssued);
  // A zero-total invoice (a 100% discount) has nothing left to pay.
  EXPECT_EQ(StatusForPaid(0, 0), S::kPaid);
  EXPECT_EQ(StatusForPaid(0, 1), S::kPaid);
}

TEST(FeeAmountTest, FixedWinsOverPercent) {
  EXPECT_EQ(FeeAmount(FeeRule{2'500, 5'000}, 12'345), 2'500);
  EXPECT_EQ(FeeAmount(FeeRule{0, 5'000}, 12'345), 0);
  EXPECT_EQ(FeeAmount(FeeRule{2'500, 0}, 0), 2'500);
}

TEST(FeeAmountTest, PercentOfThePriceRoundsHalfAway) {
  EXPECT_EQ(FeeAmount(FeeRule{std::nullopt, 5'000}, 12'345), 6'173);  // 6172.5
  EXPECT_EQ(FeeAmount(FeeRule{std::nullopt, 5'000}, 10'000), 5'000);
  EXPECT_EQ(FeeAmount(FeeRule{std::nullopt, 10'000}, 12'345), 12'345);
  EXPECT_EQ(FeeAmount(FeeRule{std::nullopt, 2'500}, 1'001), 250);  // 250.25
  EXPECT_EQ(FeeAmount(FeeRule{std::nullopt, 1}, 5'000), 1);        // 0.5
  EXPECT_EQ(FeeAmount(FeeRule{std::nullopt, 1}, 4'999), 0);        // 0.4999
}

TEST(FeeAmountTest, NothingCharged) {
  EXPECT_EQ(FeeAmount(FeeRule{}, 12'345), 0);
  EXPECT_EQ(FeeAmount(FeeRule{std::nullopt, 0}, 12'345), 0);
  EXPECT_EQ(FeeAmount(FeeRule{std::nullopt, 5'000}, 0), 0);
}

TEST(IsLateCancellationTest, InsideTheWindow) {
  const absl::Time start = absl::FromUnixSeconds(1'710'000'000);
  const absl::Duration day = absl::Hours(24);
  EXPECT_FALSE(IsLateCancellation(start - absl::Hours(25), start, day));
  EXPECT_TRUE(IsLateCancellation(start - absl::Hours(23), start, day));
  EXPECT_TRUE(IsLateCancellation(start + absl::Minutes(5), start, day));  // after start
  EXPECT_TRUE(IsLateCancellation(start, start, day));
  // now > start - window: exactly at the window's edge is still on time.
  EXPECT_FALSE(IsLateCancellation(start - day, start, day));
  EXPECT_TRUE(IsLateCancellation(start - day + absl::Nanoseconds(1), start, day));
}

TEST(IsLateCancellationTest, ZeroWindowMakesNothingLate) {
  const absl::Time start = absl::FromUnixSeconds(1'710'000'000);
  EXPECT_FALSE(IsLateCancellation(start - absl::Hours(1), start, absl::ZeroDuration()));
  EXPECT_FALSE(IsLateCancellation(start, start, absl::ZeroDuration()));
  EXPECT_FALSE(IsLateCancellation(start + absl::Hours(1), start, absl::ZeroDuration()));
}

}  // namespace
}  // namespace fascia::billing
