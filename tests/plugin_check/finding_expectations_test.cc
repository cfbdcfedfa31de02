// FindingExpectationDiffs (plugins/sdk/check/finding_expectations.h) on
// hand-made findings: the cases a plugin cannot easily be made to show
// (several findings of one rule that disagree, a rule listed in both maps),
// and that an unset field is never compared. The runner's use of it, with a
// real plugin, is in runner_test.cc.
#include "finding_expectations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "golden.h"

namespace fascia::plugin_check {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using Findings = google::protobuf::RepeatedPtrField<pb::Finding>;

pt::GoldenCase Case(const std::string& text) {
  absl::StatusOr<pt::GoldenCases> cases = ParseGoldenText("cases { " + text + " }");
  EXPECT_TRUE(cases.ok()) << cases.status();
  return cases->cases(0);
}

pb::Finding Neck(pb::Outcome outcome) {
  pb::Finding f;
  f.set_rule_id("ML-8");
  f.set_outcome(outcome);
  f.set_message("never printed");
  f.set_local(true);
  f.mutable_region()->set_site("neck");
  f.mutable_region()->set_laterality(pb::BILATERAL);
  return f;
}

TEST(FindingExpectationsTest, UnsetFieldsAreNotCompared) {
  Findings findings;
  *findings.Add() = Neck(pb::CONTRAINDICATED);
  findings.Mutable(0)->add_required_qualifications("clt");
  findings.Mutable(0)->set_referral(pb::ROUTINE);
  EXPECT_THAT(FindingExpectationDiffs(
                  Case("expect_findings { key: 'ML-8' value { local: true } }"), findings),
              IsEmpty());
}

TEST(FindingExpectationsTest, EveryFindingOfTheRuleMustMatch) {
  Findings findings;
  *findings.Add() = Neck(pb::CONTRAINDICATED);
  *findings.Add() = Neck(pb::CONTRAINDICATED);
  findings.Mutable(1)->set_local(false);
  findings.Mutable(1)->add_required_room_features("bolsters");
  EXPECT_THAT(
      FindingExpectationDiffs(Case("expect_findings { key: 'ML-8' value { local: true "
                                   "required_room_features {} } }"),
                              findings),
      ElementsAre("finding ML-8 local: expected true, got false and true",
                  "finding ML-8 required_room_features: expected {}, got {bolsters} and {}"));
}

TEST(FindingExpectationsTest, RulesInBothMapsAreCheckedOnceInRuleOrder) {
  Findings findings;
  *findings.Add() = Neck(pb::REQUIRES_CLEARANCE);
  EXPECT_THAT(FindingExpectationDiffs(
                  Case("expect_finding_outcomes { key: 'ML-8' value: CONTRAINDICATED } "
                       "expect_finding_outcomes { key: 'ML-11' value: CAUTION } "
                       "expect_findings { key: 'ML-11' value { required_qualifications "
                       "{ codes: 'clt' } } } "
                       "expect_findings { key: 'ML-8' value { region { site: 'neck' } } }"),
                  findings),
              ElementsAre("finding ML-11: expected to fire, did not",
                          "finding ML-8 outcome: expected CONTRAINDICATED, got REQUIRES_CLEARANCE",
                          "finding ML-8 region: expected {site: \"neck\", laterality: "
                          "BODY_SIDE_UNSPECIFIED}, got {site: \"neck\", laterality: "
                          "BODY_SIDE_BILATERAL}"));
}

TEST(FindingExpectationsTest, NoExpectationsNoLines) {
  Findings findings;
  *findings.Add() = Neck(pb::CONTRAINDICATED);
  EXPECT_THAT(FindingExpectationDiffs(Case("name: 'x'"), findings), IsEmpty());
}

}  // namespace
}  // namespace fascia::plugin_check
