// Tests for timed CPT billing units; see domain/billing/cpt_units.h.
#include "domain/billing/cpt_units.h"

#include <vector>

#include "gtest/gtest.h"

namespace fascia::billing {

// In fascia::billing, not the anonymous namespace, so that lookup from
// std::vector's operator== and from gtest finds them.
bool operator==(const CodeUnits& a, const CodeUnits& b) {
  return a.code == b.code && a.minutes == b.minutes && a.units == b.units;
}

void PrintTo(const CodeUnits& c, std::ostream* os) {
  *os << "{" << c.code << ", " << c.minutes << " min, " << c.units << " units}";
}

namespace {

using Result = std::vector<CodeUnits>;

TEST(UnitsForMinutesTest, EightMinuteRuleBoundaries) {
  EXPECT_EQ(UnitsForMinutes(0), 0);
  EXPECT_EQ(UnitsForMinutes(7), 0);
  EXPECT_EQ(UnitsForMinutes(8), 1);
  EXPECT_EQ(UnitsForMinutes(15), 1);
  EXPECT_EQ(UnitsForMinutes(22), 1);
  EXPECT_EQ(UnitsForMinutes(23), 2);
  EXPECT_EQ(UnitsForMinutes(37), 2);
  EXPECT_EQ(UnitsForMinutes(38), 3);
  EXPECT_EQ(UnitsForMinutes(52), 3);
  EXPECT_EQ(UnitsForMinutes(53), 4);
  EXPECT_EQ(UnitsForMinutes(67), 4);
  EXPECT_EQ(UnitsForMinutes(68), 5);
  EXPECT_EQ(UnitsForMinutes(-5), 0);
}

TEST(ComputeUnitsTest, TotalTimeGivesTheLeftoverUnitToTheLargerRemainder) {
  // 40 minutes in all -> 3 units: 97140 has 2 full units and 3 minutes
  // left, 97124 has 7 minutes, which wins the third unit.
  EXPECT_EQ(ComputeUnits({{"97140", 33}, {"97124", 7}}, UnitMethod::kTotalTime),
            (Result{{"97140", 33, 2}, {"97124", 7, 1}}));
}

TEST(ComputeUnitsTest, PerCodeRoundsEachCodeAlone) {
  EXPECT_EQ(ComputeUnits({{"97140", 33}, {"97124", 7}}, UnitMethod::kPerCode),
            (Result{{"97140", 33, 2}, {"97124", 7, 0}}));
  EXPECT_EQ(ComputeUnits({{"97140", 8}, {"97124", 8}}, UnitMethod::kPerCode),
            (Result{{"97140", 8, 1}, {"97124", 8, 1}}));
}

TEST(ComputeUnitsTest, TotalTimeWithThreeCodes) {
  // 10 + 10 + 10 = 30 minutes -> 2 units, to the first two on the tie.
  EXPECT_EQ(ComputeUnits({{"97112", 10}, {"97140", 10}, {"97124", 10}}, UnitMethod::kTotalTime),
            (Result{{"97112", 10, 1}, {"97140", 10, 1}, {"97124", 10, 0}}));
  // Per code, each reaches 8 minutes and earns a unit.
  EXPECT_EQ(ComputeUnits({{"97112", 10}, {"97140", 10}, {"97124", 10}}, UnitMethod::kPerCode),
            (Result{{"97112", 10, 1}, {"97140", 10, 1}, {"97124", 10, 1}}));
  // 7 + 7 = 14 minutes: one unit in total, though per code neither earns one.
  EXPECT_EQ(ComputeUnits({{"97140", 7}, {"97124", 7}}, UnitMethod::kTotalTime),
            (Result{{"97140", 7, 1}, {"97124", 7, 0}}));
  EXPECT_EQ(ComputeUnits({{"97140", 7}, {"97124", 7}}, UnitMethod::kPerCode),
            (Result{{"97140", 7, 0}, {"97124", 7, 0}}));
  // 3 + 4 = 7 minutes: under 8, no unit at all.
  EXPECT_EQ(ComputeUnits({{"97140", 3}, {"97124", 4}}, UnitMethod::kTotalTime),
            (Result{{"97140", 3, 0}, {"97124", 4, 0}}));
  // 5 + 5 = 10 -> 1 unit.
  EXPECT_EQ(ComputeUnits({{"97140", 5}, {"97124", 5}}, UnitMethod::kTotalTime),
            (Result{{"97140", 5, 1}, {"97124", 5, 0}}));
}

TEST(ComputeUnitsTest, FullUnitsFirstThenLargestRemainder) {
  // 24 + 21 + 8 = 53 -> 4 units: full 1 + 1 + 0, then remainders 9, 6, 8
  // -> 97112 and 97124 get the last two.
  EXPECT_EQ(ComputeUnits({{"97112", 24}, {"97140", 21}, {"97124", 8}}, UnitMethod::kTotalTime),
            (Result{{"97112", 24, 2}, {"97140", 21, 1}, {"97124", 8, 1}}));
  // 45 + 1 = 46 -> 3 units: all full units of 97140; the minute earns nothing.
  EXPECT_EQ(ComputeUnits({{"97140", 45}, {"97124", 1}}, UnitMethod::kTotalTime),
            (Result{{"97140", 45, 3}, {"97124", 1, 0}}));
}

TEST(ComputeUnitsTest, TieOnRemaindersGoesToTheEarlierCode) {
  // 4 + 4 = 8 -> 1 unit, to the code listed first.
  EXPECT_EQ(ComputeUnits({{"97124", 4}, {"97140", 4}}, UnitMethod::kTotalTime),
            (Result{{"97124", 4, 1}, {"97140", 4, 0}}));
  EXPECT_EQ(ComputeUnits({{"97140", 4}, {"97124", 4}}, UnitMethod::kTotalTime),
            (Result{{"97140", 4, 1}, {"97124", 4, 0}}));
  // Same remainders after full units: 19 and 34 both leave 4.
  EXPECT_EQ(ComputeUnits({{"97140", 19}, {"97124", 34}}, UnitMethod::kTotalTime),
            (Result{{"97140", 19, 2}, {"97124", 34, 2}}));
}

TEST(ComputeUnitsTest, RepeatedCodesAddUp) {
  // 97140 appears twice (5 + 5 = 10 minutes); order of first appearance.
  EXPECT_EQ(ComputeUnits({{"97140", 5}, {"97124", 20}, {"97140", 5}}, UnitMethod::kPerCode),
            (Result{{"97140", 10, 1}, {"97124", 20, 1}}));
  EXPECT_EQ(ComputeUnits({{"97140", 5}, {"97124", 20}, {"97140", 5}}, UnitMethod::kTotalTime),
            (Result{{"97140", 10, 1}, {"97124", 20, 1}}));
  EXPECT_EQ(ComputeUnits({{"97140", 15}, {"97140", 15}, {"97140", 8}}, UnitMethod::kTotalTime),
            (Result{{"97140", 38, 3}}));
}

TEST(ComputeUnitsTest, CodesWithoutUnitsAreStillListed) {
  EXPECT_EQ(ComputeUnits({{"97140", 0}, {"97124", 3}}, UnitMethod::kTotalTime),
            (Result{{"97140", 0, 0}, {"97124", 3, 0}}));
  EXPECT_EQ(ComputeUnits({}, UnitMethod::kTotalTime), Result{});
  EXPECT_EQ(ComputeUnits({}, UnitMethod::kPerCode), Result{});
}

TEST(ComputeUnitsTest, TotalTimeUnitsMatchTheRuleOnTheTotal) {
  // For every split of up to 80 minutes over two or three codes, the units
  // given out equal the 8-minute rule applied to the total.
  for (int a = 0; a <= 80; ++a) {
    for (int b = 0; a + b <= 80; ++b) {
      for (int c = 0; a + b + c <= 80; c += 3) {
        Result r = ComputeUnits({{"A", a}, {"B", b}, {"C", c}}, UnitMethod::kTotalTime);
        ASSERT_EQ(r.size(), 3u);
        ASSERT_EQ(r[0].units + r[1].units + r[2].units, UnitsForMinutes(a + b + c))
            << a << " " << b << " " << c;
        for (const CodeUnits& u : r) {
          // At least its own full units, at most one more.
          ASSERT_GE(u.units, u.minutes / 15);
          ASSERT_LE(u.units, u.minutes / 15 + 1);
        }
      }
    }
  }
}

}  // namespace
}  // namespace fascia::billing
