// What goes to and comes back from a plugin (domain/screening/screening_inputs.h).
#include <gtest/gtest.h>

#include "domain/screening/screening_inputs.h"
#include "fascia/plugin_forms.h"

namespace fascia::screening {
namespace {

TEST(ScreeningInputs, AgeCountsCompletedYears) {
  EXPECT_EQ(AgeInYears(absl::CivilDay(1964, 6, 2), absl::CivilDay(2024, 6, 1)), 59);
  EXPECT_EQ(AgeInYears(absl::CivilDay(1964, 6, 1), absl::CivilDay(2024, 6, 1)), 60);
}

TEST(ScreeningInputs, OnlyDeclaredClientFieldsAreSent) {
  google::protobuf::RepeatedPtrField<std::string> declared;
  *declared.Add() = "age_years";
  auto fields = ClientFieldsFor(declared, absl::CivilDay(1964, 6, 1), absl::CivilDay(2024, 6, 1));
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(fields["age_years"].integer(), 60);
  *declared.Add() = "birth_date";
  EXPECT_EQ(ClientFieldsFor(declared, absl::CivilDay(1964, 6, 1), absl::CivilDay(2024, 6, 1))["birth_date"].date(),
            "1964-06-01");
  EXPECT_TRUE(ClientFieldsFor(declared, std::nullopt, absl::CivilDay(2024, 6, 1)).empty());
}

TEST(ScreeningInputs, MalformedRepliesAreNotUsable) {
  pb::ScreenResponse ok;
  plugin_sdk::AddModification(*ok.add_findings() = plugin_sdk::MakeFinding("X-1", pb::CAUTION, ""),
                              "MAX_PRESSURE", "light");
  EXPECT_TRUE(UsableScreenResponse(ok));
  pb::ScreenResponse unknown = ok;
  unknown.mutable_findings(0)->mutable_modifications(0)->set_code("DEEP_TISSUE_OK");
  EXPECT_FALSE(UsableScreenResponse(unknown));
  pb::ScreenResponse missing_argument = ok;
  missing_argument.mutable_findings(0)->mutable_modifications(0)->clear_argument();
  EXPECT_FALSE(UsableScreenResponse(missing_argument));
  pb::ScreenResponse unavailable = ok;
  unavailable.mutable_findings(0)->set_outcome(pb::SCREENING_UNAVAILABLE);
  EXPECT_FALSE(UsableScreenResponse(unavailable));
  pb::ScreenResponse no_rule = ok;
  no_rule.mutable_findings(0)->clear_rule_id();
  EXPECT_FALSE(UsableScreenResponse(no_rule));
}

}  // namespace
}  // namespace fascia::screening
