// A golden case's per-rule expectations (proto/fascia/plugintest/v1/
// golden.proto: expect_finding_outcomes and expect_findings) checked against
// the findings of one Screen reply. The session-wide expectations (outcome,
// rule set, modification set) are golden.cc's; this is what a case pins
// about one rule's findings: its own outcome, local, region, required
// qualifications and room features, referral.
//
//   for (const std::string& line : FindingExpectationDiffs(c, reply.findings())) ...
//
// Contract: for each rule id listed in either map, at least one finding has
// that rule_id, and EVERY finding with it matches every field the case sets
// (a field the case leaves unset is not compared). Returns one line per
// problem, by rule id and then in the fields' declaration order (outcome
// first); empty when everything matches:
//   finding ML-8: expected to fire, did not
//   finding SP-1 outcome: expected CAUTION, got CONTRAINDICATED
//   finding ML-11 required_qualifications: expected {clt}, got {}
//   finding SP-2 region: expected {site: "ankle", laterality: BODY_SIDE_LEFT}, got {...}
// When a rule's findings disagree with each other, "got" lists each
// distinct value ("got CAUTION and CONTRAINDICATED"). Values are spelt as in
// the golden file (fascia.v1 enum names). Like the rest of the runner's
// diff it prints finding fields only, never a finding's message (which may
// quote health data) nor the answers.
// Pure function; thread-safe.
#ifndef FASCIA_PLUGIN_CHECK_FINDING_EXPECTATIONS_H_
#define FASCIA_PLUGIN_CHECK_FINDING_EXPECTATIONS_H_

#include <string>
#include <vector>

#include "fascia/plugin/v1/plugin.pb.h"
#include "fascia/plugintest/v1/golden.pb.h"
#include "google/protobuf/repeated_ptr_field.h"

namespace fascia::plugin_check {

std::vector<std::string> FindingExpectationDiffs(
    const ::fascia::plugintest::v1::GoldenCase& golden_case,
    const google::protobuf::RepeatedPtrField<::fascia::plugin::v1::Finding>& findings);

}  // namespace fascia::plugin_check

#endif  // FASCIA_PLUGIN_CHECK_FINDING_EXPECTATIONS_H_
