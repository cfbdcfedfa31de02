// The booking gate's decision (domain/screening/screening_gate.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/screening/screening_gate.h"
#include "fascia/plugin_forms.h"

namespace fascia::screening {
namespace {

using ::testing::ElementsAre;
namespace sdk = plugin_sdk;

const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2024, 6, 1, 12, 0, 0), absl::UTCTimeZone());
const absl::CivilDay kVisit(2024, 6, 3);

ScreeningSummary Screening(std::vector<pb::Finding> findings, absl::Time when = kNow) {
  ScreeningSummary s;
  for (auto& f : findings) *s.findings.Add() = f;
  s.outcome = sdk::OutcomeOf(s.findings);
  s.time = when;
  s.visit_day = kVisit;
  return s;
}

TEST(Gate, NeedsACurrentScreening) {
  EXPECT_EQ(DecideBooking(std::nullopt, {}, {}, kNow, kVisit).reason, "SCREENING_REQUIRED");
  auto old = Screening({}, kNow - absl::Hours(24 * 8));
  EXPECT_EQ(DecideBooking(old, {}, {}, kNow, kVisit).reason, "SCREENING_REQUIRED");
  GatePolicy month;
  month.validity = absl::Hours(24 * 30);
  EXPECT_TRUE(DecideBooking(old, {}, month, kNow, kVisit).allowed);
}

TEST(Gate, ScreeningCountsOnlyForItsVisitDate) {
  ScreeningSummary s = Screening({});
  EXPECT_TRUE(DecideBooking(s, {}, {}, kNow, kVisit).allowed);
  GateDecision d = DecideBooking(s, {}, {}, kNow, kVisit + 1);
  EXPECT_EQ(d.reason, "SCREENING_REQUIRED");
  EXPECT_EQ(d.message,
            "the client's screening for this modality was for a visit on 2024-06-03; its rules "
            "depend on the date, so screen again for the visit on 2024-06-04");
}

TEST(Gate, ContraindicatedBlocksNamingRulesButLocalDoesNot) {
  pb::Finding local = sdk::MakeFinding("SP-1", pb::CONTRAINDICATED, "");
  local.set_local(true);
  local.mutable_region()->set_site("ankle");
  auto d = DecideBooking(Screening({sdk::MakeFinding("PN-4", pb::CONTRAINDICATED, ""), local}), {}, {},
                         kNow, kVisit);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reason, "CONTRAINDICATED");
  EXPECT_THAT(d.rule_ids, ElementsAre("PN-4"));
  auto ok = DecideBooking(Screening({local}), {}, {}, kNow, kVisit);
  EXPECT_TRUE(ok.allowed);
  EXPECT_THAT(ok.modifications, ElementsAre("AVOID_REGION(ankle)"));
}

TEST(Gate, ClearanceMustCoverTheRuleOnTheVisitDate) {
  auto s = Screening({sdk::MakeFinding("PN-7", pb::REQUIRES_CLEARANCE, "")});
  EXPECT_EQ(DecideBooking(s, {}, {}, kNow, kVisit).reason, "CLEARANCE_REQUIRED");
  ClearanceSummary c{{"PN-7"}, absl::CivilDay(2024, 5, 1), absl::CivilDay(2024, 6, 2)};
  EXPECT_EQ(DecideBooking(s, {c}, {}, kNow, kVisit).reason, "CLEARANCE_REQUIRED");  // expired the day before
  c.valid_to = absl::CivilDay(2024, 6, 3);
  EXPECT_TRUE(DecideBooking(s, {c}, {}, kNow, kVisit).allowed);
  ClearanceSummary other{{"PN-5"}, absl::CivilDay(2024, 1, 1), absl::CivilDay(2025, 1, 1)};
  EXPECT_EQ(DecideBooking(s, {other}, {}, kNow, kVisit).reason, "CLEARANCE_REQUIRED");
}

TEST(Gate, UnavailableBlocksUntilOverridden) {
  ScreeningSummary s = Screening({});
  s.outcome = pb::SCREENING_UNAVAILABLE;
  EXPECT_EQ(DecideBooking(s, {}, {}, kNow, kVisit).reason, "SCREENING_UNAVAILABLE");
  s.overridden = true;
  EXPECT_TRUE(DecideBooking(s, {}, {}, kNow, kVisit).allowed);
}

TEST(Gate, CautionCarriesModificationsAndRequirements) {
  pb::Finding f = sdk::MakeFinding("PN-2", pb::CAUTION, "");
  sdk::AddModification(f, "SIDE_LYING");
  f.add_required_room_features("prenatal-bolsters");
  pb::Finding q = sdk::MakeFinding("PN-8", pb::REQUIRES_CLEARANCE, "");
  q.add_required_qualifications("prenatal-certified");
  ClearanceSummary c{{"PN-8"}, absl::CivilDay(2024, 1, 1), absl::CivilDay(2024, 12, 31)};
  auto d = DecideBooking(Screening({f, q}), {c}, {}, kNow, kVisit);
  ASSERT_TRUE(d.allowed);
  EXPECT_THAT(d.modifications, ElementsAre("SIDE_LYING"));
  EXPECT_THAT(d.required_room_features, ElementsAre("prenatal-bolsters"));
  EXPECT_THAT(d.required_qualifications, ElementsAre("prenatal-certified"));
}

}  // namespace
}  // namespace fascia::screening
