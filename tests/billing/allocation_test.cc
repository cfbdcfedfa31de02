// Tests for the rounding and splitting rules; see domain/billing/allocation.h.
#include "domain/billing/allocation.h"

#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace fascia::billing {
namespace {

using V = std::vector<int64_t>;

int64_t Sum(const V& v) { return std::accumulate(v.begin(), v.end(), int64_t{0}); }

TEST(RoundedShareTest, RoundsHalvesAwayFromZero) {
  // 8.875% of $0.40 is 3.55 cents.
  EXPECT_EQ(RoundedShare(40, 88'750, kPpm), 4);
  EXPECT_EQ(RoundedShare(-40, 88'750, kPpm), -4);
  // Exactly half.
  EXPECT_EQ(RoundedShare(5, 1, 2), 3);
  EXPECT_EQ(RoundedShare(-5, 1, 2), -3);
  EXPECT_EQ(RoundedShare(25'000, 1, 10'000), 3);   // 2.5
  EXPECT_EQ(RoundedShare(-25'000, 1, 10'000), -3);
  // Just under and just over half.
  EXPECT_EQ(RoundedShare(24'999, 1, 10'000), 2);  // 2.4999
  EXPECT_EQ(RoundedShare(-24'999, 1, 10'000), -2);
  EXPECT_EQ(RoundedShare(25'001, 1, 10'000), 3);
  EXPECT_EQ(RoundedShare(15'001, 1, 10'000), 2);  // 1.5001
  EXPECT_EQ(RoundedShare(14'999, 1, 10'000), 1);
}

TEST(RoundedShareTest, ExactResultsAndEdges) {
  EXPECT_EQ(RoundedShare(10'000, 40'000, kPpm), 400);   // 4% of $100
  EXPECT_EQ(RoundedShare(10'000, 48'750, kPpm), 488);   // 487.5
  EXPECT_EQ(RoundedShare(12'345, 5'000, kBasisPoints), 6173);  // 6172.5
  EXPECT_EQ(RoundedShare(0, 88'750, kPpm), 0);
  EXPECT_EQ(RoundedShare(12'345, 0, kPpm), 0);
  EXPECT_EQ(RoundedShare(12'345, kPpm, kPpm), 12'345);
  // A negative numerator mirrors a negative amount.
  EXPECT_EQ(RoundedShare(40, -88'750, kPpm), -4);
  EXPECT_EQ(RoundedShare(-40, -88'750, kPpm), 4);
}

TEST(RoundedShareTest, ExactForFullInt64Inputs) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  EXPECT_EQ(RoundedShare(kMax, kMax, kMax), kMax);
  EXPECT_EQ(RoundedShare(kMin, kMax, kMax), kMin);
  EXPECT_EQ(RoundedShare(kMax, 2, 4), kMax / 2 + 1);  // (2^63 - 1) / 2 ends in .5
  EXPECT_EQ(RoundedShare(kMin, 1, 2), kMin / 2);
  // The product (about 2^126) overflows 64 bits; the result does not.
  EXPECT_EQ(RoundedShare(kMax, kMax - 1, kMax), kMax - 1);
}

TEST(AllocateTest, LargestRemainderEarlierFirst) {
  EXPECT_EQ(Allocate(10'000, {1, 1, 1}), (V{3334, 3333, 3333}));
  EXPECT_EQ(Allocate(2, {1, 1, 1}), (V{1, 1, 0}));
  EXPECT_EQ(Allocate(100, {1, 2, 3}), (V{17, 33, 50}));  // 16.67, 33.33, 50
  // Ties go to the earlier part: 2.5, 2.5, 5 and 1.5, 1.5, 2.
  EXPECT_EQ(Allocate(10, {1, 1, 2}), (V{3, 2, 5}));
  EXPECT_EQ(Allocate(5, {3, 3, 4}), (V{2, 1, 2}));
  EXPECT_EQ(Allocate(10, {1, 1, 4}), (V{2, 2, 6}));
  // The largest remainder wins even when it is last: 0.2, 0.2, 0.6.
  EXPECT_EQ(Allocate(1, {1, 1, 3}), (V{0, 0, 1}));
  // Exact shares need no leftover.
  EXPECT_EQ(Allocate(10, {3, 3, 4}), (V{3, 3, 4}));
  EXPECT_EQ(Allocate(7, {2, 2, 3}), (V{2, 2, 3}));
}

TEST(AllocateTest, ProportionalSpreadOfADiscount) {
  // $10 over lines of $60, $30, $10.
  EXPECT_EQ(Allocate(1000, {6000, 3000, 1000}), (V{600, 300, 100}));
  // $1 over $1, $1, $1: 33.33... each, the first gets the spare cent.
  EXPECT_EQ(Allocate(100, {100, 100, 100}), (V{34, 33, 33}));
  // 1 unit over 1:2 gives it to the larger remainder (0.67 vs 0.33).
  EXPECT_EQ(Allocate(1, {1, 2}), (V{0, 1}));
}

TEST(AllocateTest, NegativeTotalsMirrorPositiveOnes) {
  EXPECT_EQ(Allocate(-10'000, {1, 1, 1}), (V{-3334, -3333, -3333}));
  EXPECT_EQ(Allocate(-100, {1, 2, 3}), (V{-17, -33, -50}));
  EXPECT_EQ(Allocate(-1, {1, 2}), (V{0, -1}));
}

TEST(AllocateTest, ZeroWeightsGetZero) {
  EXPECT_EQ(Allocate(100, {0, 1, 0, 1}), (V{0, 50, 0, 50}));
  EXPECT_EQ(Allocate(101, {0, 1, 0, 1}), (V{0, 51, 0, 50}));
  EXPECT_EQ(Allocate(-101, {1, 0, 1}), (V{-51, 0, -50}));
  EXPECT_EQ(Allocate(7, {0, 0, 5}), (V{0, 0, 7}));
}

TEST(AllocateTest, AllZeroWeightsSpreadEvenly) {
  EXPECT_EQ(Allocate(100, {0, 0, 0}), (V{34, 33, 33}));
  EXPECT_EQ(Allocate(-100, {0, 0, 0}), (V{-34, -33, -33}));
  EXPECT_EQ(Allocate(0, {0, 0}), (V{0, 0}));
}

TEST(AllocateTest, ZeroTotalAndSinglePart) {
  EXPECT_EQ(Allocate(0, {1, 2, 3}), (V{0, 0, 0}));
  EXPECT_EQ(Allocate(12'345, {7}), (V{12'345}));
  EXPECT_EQ(Allocate(-12'345, {0}), (V{-12'345}));
}

TEST(AllocateTest, HugeWeightsDoNotOverflow) {
  constexpr int64_t kBig = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(Allocate(3, {kBig, kBig, kBig}), (V{1, 1, 1}));
  EXPECT_EQ(Allocate(kBig, {kBig, kBig}), (V{kBig / 2 + 1, kBig / 2}));
  V parts = Allocate(std::numeric_limits<int64_t>::min(), {kBig, 1, kBig});
  EXPECT_EQ(Sum(parts), std::numeric_limits<int64_t>::min());
}

// Property: for many random totals and weights, the parts sum to the total,
// every part has the total's sign (or is zero), zero weights get zero, each
// part is within one unit of its exact share, and negating the total
// negates every part.
TEST(AllocateTest, PartsAlwaysSumToTheWhole) {
  std::mt19937_64 rng(4217);
  std::uniform_int_distribution<int> sizes(1, 12);
  std::uniform_int_distribution<int> zero_chance(0, 3);
  std::uniform_int_distribution<int64_t> weights_small(0, 1000);
  std::uniform_int_distribution<int64_t> weights_large(0, 1'000'000'000'000'000);
  std::uniform_int_distribution<int64_t> totals(-1'000'000'000'000'000, 1'000'000'000'000'000);
  std::uniform_int_distribution<int64_t> totals_small(-50, 50);
  for (int iter = 0; iter < 20'000; ++iter) {
    const int n = sizes(rng);
    const bool large = iter % 3 == 0;
    V weights(n);
    for (auto& w : weights) {
      w = zero_chance(rng) == 0 ? 0 : (large ? weights_large(rng) : weights_small(rng));
    }
    const int64_t total = iter % 2 ? totals(rng) : totals_small(rng);
    const V parts = Allocate(total, weights);
    ASSERT_EQ(parts.size(), weights.size());
    ASSERT_EQ(Sum(parts), total) << "iteration " << iter;
    __int128 weight_sum = 0;
    for (int64_t w : weights) weight_sum += w;
    for (int i = 0; i < n; ++i) {
      if (total > 0) {
        ASSERT_GE(parts[i], 0);
      }
      if (total < 0) {
        ASSERT_LE(parts[i], 0);
      }
      if (weight_sum > 0 && weights[i] == 0) {
        ASSERT_EQ(parts[i], 0);
      }
      if (weight_sum > 0) {
        // |part - total * w / W| < 1, i.e. |part * W - total * w| < W.
        __int128 diff = static_cast<__int128>(parts[i]) * weight_sum -
                        static_cast<__int128>(total) * weights[i];
        if (diff < 0) diff = -diff;
        ASSERT_LT(diff, weight_sum) << "iteration " << iter << " part " << i;
      }
    }
    V negated = Allocate(-total, weights);
    for (int i = 0; i < n; ++i) ASSERT_EQ(negated[i], -parts[i]);
  }
}

TEST(SplitEvenlyTest, FirstPiecesGetTheExtraUnits) {
  EXPECT_EQ(SplitEvenly(100, 3), (V{34, 33, 33}));
  EXPECT_EQ(SplitEvenly(10'000, 3), (V{3334, 3333, 3333}));
  EXPECT_EQ(SplitEvenly(101, 3), (V{34, 34, 33}));
  EXPECT_EQ(SplitEvenly(99, 3), (V{33, 33, 33}));
  EXPECT_EQ(SplitEvenly(-100, 3), (V{-34, -33, -33}));
  EXPECT_EQ(SplitEvenly(2, 5), (V{1, 1, 0, 0, 0}));
  EXPECT_EQ(SplitEvenly(0, 2), (V{0, 0}));
  EXPECT_EQ(SplitEvenly(7, 1), (V{7}));
}

TEST(SplitEvenlyTest, SumsToTheWhole) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> totals(std::numeric_limits<int64_t>::min(),
                                                std::numeric_limits<int64_t>::max());
  std::uniform_int_distribution<int> parts(1, 50);
  for (int iter = 0; iter < 5000; ++iter) {
    const int64_t total = totals(rng);
    const int n = parts(rng);
    const V pieces = SplitEvenly(total, n);
    ASSERT_EQ(pieces.size(), static_cast<size_t>(n));
    __int128 sum = 0;
    for (int64_t p : pieces) sum += p;
    ASSERT_EQ(sum, static_cast<__int128>(total));
    for (int i = 1; i < n; ++i) {
      // Non-increasing in magnitude, at most one unit apart.
      const int64_t a = pieces[0] < 0 ? -pieces[i - 1] : pieces[i - 1];
      const int64_t b = pieces[0] < 0 ? -pieces[i] : pieces[i];
      ASSERT_GE(a, b);
      ASSERT_LE(a - b, 1);
    }
  }
}

}  // namespace
}  // namespace fascia::billing
