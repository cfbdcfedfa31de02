// Tests for domain/interval.h: half-open semantics, Normalize(), and the
// binary-search queries checked against brute force.
#include "domain/interval.h"

#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace fascia {
namespace domain {
namespace {

absl::Time T(int minutes) { return absl::UnixEpoch() + absl::Minutes(minutes); }
Interval I(int a, int b) { return {T(a), T(b)}; }

TEST(IntervalTest, HalfOpen) {
  EXPECT_TRUE(I(0, 10).Contains(T(0)));
  EXPECT_FALSE(I(0, 10).Contains(T(10)));
  EXPECT_FALSE(I(0, 10).Overlaps(I(10, 20)));  // touching is not overlapping
  EXPECT_TRUE(I(0, 10).Overlaps(I(9, 20)));
  EXPECT_TRUE(I(0, 10).Overlaps(I(2, 3)));
  EXPECT_TRUE(I(0, 10).Contains(I(0, 10)));
  EXPECT_FALSE(I(0, 10).Contains(I(0, 11)));
  EXPECT_EQ(I(0, 10).length(), absl::Minutes(10));
}

TEST(IntervalTest, EmptyOverlapsNothing) {
  EXPECT_TRUE(I(5, 5).empty());
  EXPECT_TRUE(I(6, 5).empty());
  EXPECT_FALSE(I(0, 10).Overlaps(I(5, 5)));
  EXPECT_FALSE(I(5, 5).Overlaps(I(0, 10)));
  EXPECT_EQ(I(6, 5).length(), absl::ZeroDuration());
}

TEST(IntervalTest, NormalizeSortsMergesAndDropsEmpty) {
  std::vector<Interval> in = {I(30, 40), I(0, 10), I(10, 15), I(12, 20),
                              I(50, 50), I(35, 38), I(60, 70)};
  EXPECT_EQ(Normalize(in),
            (std::vector<Interval>{I(0, 20), I(30, 40), I(60, 70)}));
  EXPECT_TRUE(Normalize({}).empty());
}

TEST(IntervalTest, QueriesOnEdges) {
  std::vector<Interval> set = Normalize({I(10, 20), I(30, 40)});
  EXPECT_FALSE(OverlapsAny(set, I(0, 10)));
  EXPECT_FALSE(OverlapsAny(set, I(20, 30)));
  EXPECT_TRUE(OverlapsAny(set, I(19, 21)));
  EXPECT_TRUE(OverlapsAny(set, I(0, 100)));
  EXPECT_FALSE(OverlapsAny(set, I(15, 15)));
  EXPECT_TRUE(WithinAny(set, I(10, 20)));
  EXPECT_TRUE(WithinAny(set, I(31, 39)));
  EXPECT_FALSE(WithinAny(set, I(15, 35)));  // spans a gap
  EXPECT_FALSE(WithinAny(set, I(5, 15)));
  EXPECT_FALSE(WithinAny({}, I(5, 15)));
  EXPECT_FALSE(OverlapsAny({}, I(5, 15)));
}

TEST(IntervalTest, QueriesMatchBruteForce) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> pos(0, 200), len(0, 15);
  for (int round = 0; round < 200; ++round) {
    std::vector<Interval> raw;
    for (int k = 0; k < 12; ++k) {
      int a = pos(rng);
      raw.push_back(I(a, a + len(rng)));
    }
    const std::vector<Interval> set = Normalize(raw);
    for (int q = 0; q < 50; ++q) {
      int a = pos(rng);
      const Interval x = I(a, a + 1 + len(rng));
      bool overlaps = false;
      for (const Interval& r : raw) overlaps |= r.Overlaps(x);
      // Covered minute by minute by the raw (unmerged) intervals.
      bool covered = true;
      for (int m = a; m < a + x.length() / absl::Minutes(1); ++m) {
        bool in = false;
        for (const Interval& r : raw) in |= r.Contains(T(m));
        covered &= in;
      }
      EXPECT_EQ(OverlapsAny(set, x), overlaps);
      EXPECT_EQ(WithinAny(set, x), covered);
    }
  }
}

TEST(IntervalTest, SubtractIsHalfOpen) {
  const std::vector<Interval> shift = {I(0, 100), I(200, 300)};
  EXPECT_EQ(Subtract(shift, {I(40, 50)}), (std::vector<Interval>{I(0, 40), I(50, 100), I(200, 300)}));
  EXPECT_EQ(Subtract(shift, {I(0, 100)}), (std::vector<Interval>{I(200, 300)}));
  EXPECT_EQ(Subtract(shift, {I(90, 210)}), (std::vector<Interval>{I(0, 90), I(210, 300)}));
  EXPECT_EQ(Subtract(shift, {I(100, 200)}), shift);  // touching takes nothing
  EXPECT_EQ(Subtract(shift, {}), shift);
  EXPECT_TRUE(Subtract({}, {I(0, 10)}).empty());
  EXPECT_TRUE(Subtract(shift, {I(-5, 400)}).empty());
}

TEST(IntervalTest, SubtractMatchesBruteForce) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> pos(0, 200), len(0, 30);
  auto random_set = [&](int n) {
    std::vector<Interval> raw;
    for (int k = 0; k < n; ++k) {
      int a = pos(rng);
      raw.push_back(I(a, a + len(rng)));
    }
    return Normalize(raw);
  };
  for (int round = 0; round < 300; ++round) {
    const std::vector<Interval> from = random_set(6), minus = random_set(8);
    const std::vector<Interval> diff = Subtract(from, minus);
    EXPECT_EQ(Normalize(diff), diff) << "not normalized";
    for (int m = -1; m < 240; ++m) {
      bool in_from = false, in_minus = false, in_diff = false;
      for (const Interval& r : from) in_from |= r.Contains(T(m));
      for (const Interval& r : minus) in_minus |= r.Contains(T(m));
      for (const Interval& r : diff) in_diff |= r.Contains(T(m));
      EXPECT_EQ(in_diff, in_from && !in_minus) << "minute " << m;
    }
  }
}

}  // namespace
}  // namespace domain
}  // namespace fascia
