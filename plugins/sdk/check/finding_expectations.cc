// Per-rule finding expectations; see finding_expectations.h.
//
// Each expectation becomes a Pin: the expected value rendered as text, and a
// function rendering a finding's value the same way. Comparing texts lets
// one loop check every kind of field, and the texts are what the diff shows.
// The plugin protocol's enums share numbers with their fascia.v1 mirrors
// (the golden file's), so both sides render through the mirrors' names.
#include "finding_expectations.h"

#include <map>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "fascia/v1/intake.pb.h"
#include "google/protobuf/descriptor.h"

namespace fascia::plugin_check {
namespace {

namespace pb = ::fascia::plugin::v1;
namespace pt = ::fascia::plugintest::v1;
namespace v1 = ::fascia::v1;

// The enum value's name, or its number if the mirror has no such value (a
// plugin sent a value the host does not know).
std::string EnumText(const google::protobuf::EnumDescriptor* type, int number) {
  const google::protobuf::EnumValueDescriptor* value = type->FindValueByNumber(number);
  return value != nullptr ? value->name() : absl::StrCat(number);
}

std::string BoolText(bool b) { return b ? "true" : "false"; }

std::string RegionText(const std::string& site, int laterality) {
  return absl::StrCat("{site: \"", absl::CEscape(site),
                      "\", laterality: ", EnumText(v1::BodySide_descriptor(), laterality), "}");
}

// As a set: order and duplicates do not matter to the host.
std::string CodesText(const google::protobuf::RepeatedPtrField<std::string>& codes) {
  const std::set<std::string> set(codes.begin(), codes.end());
  return absl::StrCat("{", absl::StrJoin(set, ", "), "}");
}

// A finding's value of each field a case can pin.
std::string OutcomeOf(const pb::Finding& f) {
  return EnumText(v1::ScreeningOutcome_descriptor(), f.outcome());
}
std::string LocalOf(const pb::Finding& f) { return BoolText(f.local()); }
std::string RegionOf(const pb::Finding& f) {
  return RegionText(f.region().site(), f.region().laterality());
}
std::string QualificationsOf(const pb::Finding& f) {
  return CodesText(f.required_qualifications());
}
std::string RoomFeaturesOf(const pb::Finding& f) { return CodesText(f.required_room_features()); }
std::string ReferralOf(const pb::Finding& f) {
  return EnumText(v1::Referral_descriptor(), f.referral());
}

struct Pin {
  const char* field;  // as named in golden.proto
  std::string want;
  std::string (*got)(const pb::Finding&);
};

// Every pin of `c`, by rule id. A rule may be listed in both maps.
std::map<std::string, std::vector<Pin>> PinsByRule(const pt::GoldenCase& c) {
  std::map<std::string, std::vector<Pin>> pins;
  for (const auto& [rule, outcome] : c.expect_finding_outcomes()) {
    pins[rule].push_back(
        {"outcome", EnumText(v1::ScreeningOutcome_descriptor(), outcome), &OutcomeOf});
  }
  for (const auto& [rule, e] : c.expect_findings()) {
    std::vector<Pin>& rule_pins = pins[rule];  // listed even when e pins no field
    if (e.has_local()) rule_pins.push_back({"local", BoolText(e.local()), &LocalOf});
    if (e.has_region()) {
      rule_pins.push_back(
          {"region", RegionText(e.region().site(), e.region().laterality()), &RegionOf});
    }
    if (e.has_required_qualifications()) {
      rule_pins.push_back({"required_qualifications",
                           CodesText(e.required_qualifications().codes()), &QualificationsOf});
    }
    if (e.has_required_room_features()) {
      rule_pins.push_back({"required_room_features",
                           CodesText(e.required_room_features().codes()), &RoomFeaturesOf});
    }
    if (e.has_referral()) {
      rule_pins.push_back(
          {"referral", EnumText(v1::Referral_descriptor(), e.referral()), &ReferralOf});
    }
  }
  return pins;
}

}  // namespace

std::vector<std::string> FindingExpectationDiffs(
    const pt::GoldenCase& golden_case,
    const google::protobuf::RepeatedPtrField<pb::Finding>& findings) {
  std::vector<std::string> lines;
  for (const auto& [rule, pins] : PinsByRule(golden_case)) {
    std::vector<const pb::Finding*> fired;
    for (const auto& f : findings) {
      if (f.rule_id() == rule) fired.push_back(&f);
    }
    if (fired.empty()) {
      lines.push_back(absl::StrCat("finding ", rule, ": expected to fire, did not"));
      continue;
    }
    for (const Pin& pin : pins) {
      std::set<std::string> got;
      for (const pb::Finding* f : fired) got.insert(pin.got(*f));
      if (got != std::set<std::string>{pin.want}) {
        lines.push_back(absl::StrCat("finding ", rule, " ", pin.field, ": expected ", pin.want,
                                     ", got ", absl::StrJoin(got, " and ")));
      }
    }
  }
  return lines;
}

}  // namespace fascia::plugin_check
