// The form rules of plugin_forms.h: enablement, response validation, Answers,
// outcome aggregation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fascia/plugin_forms.h"
#include "form_builder.h"

namespace fascia::plugin_sdk {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace testing;  // NOLINT: the builders

pb::Form PregnancyForm() {
  pb::Item weeks = Question("pn.weeks", pb::INTEGER, /*required=*/true);
  weeks.set_min_value(0);
  weeks.set_max_value(44);
  When(weeks, "pn.pregnant", pb::EQUALS, Bool(true));
  pb::Item bleeding = Question("pn.bleeding", pb::BOOLEAN);
  When(bleeding, "pn.weeks", pb::GREATER_OR_EQUAL, Int(1));
  pb::Item either = Question("pn.either", pb::BOOLEAN);
  When(either, "pn.pregnant", pb::EQUALS, Bool(true));
  When(either, "pn.site", pb::EXISTS, Bool(true));
  either.set_enable_behavior(pb::ANY);
  return MakeForm({Question("pn.pregnant", pb::BOOLEAN, true), Choice("pn.site", {"leg", "arm"}, true),
                   weeks, bleeding, either});
}

TEST(Enablement, ConditionsChainAndDisabledQuestionsReadAsUnanswered) {
  pb::Form form = PregnancyForm();
  ASSERT_THAT(ValidateForm(form), IsEmpty());
  auto on = EnabledItems(form, Respond({{"pn.pregnant", {Bool(true)}}, {"pn.weeks", {Int(20)}}}));
  EXPECT_TRUE(on.count("pn.weeks") && on.count("pn.bleeding") && on.count("pn.either"));
  // Not pregnant: weeks is disabled, so bleeding (which depends on weeks) is too,
  // even though an answer for weeks is present.
  auto off = EnabledItems(form, Respond({{"pn.pregnant", {Bool(false)}}, {"pn.weeks", {Int(20)}}}));
  EXPECT_FALSE(off.count("pn.weeks"));
  EXPECT_FALSE(off.count("pn.bleeding"));
  EXPECT_FALSE(off.count("pn.either"));
  auto any = EnabledItems(form, Respond({{"pn.pregnant", {Bool(false)}}, {"pn.site", {Code("leg")}}}));
  EXPECT_TRUE(any.count("pn.either"));
}

TEST(Enablement, ItemsInADisabledGroupAreDisabled) {
  pb::Item group = Question("g", pb::GROUP);
  *group.add_items() = Question("g.q", pb::BOOLEAN, true);
  When(group, "flag", pb::EQUALS, Bool(true));
  pb::Form form = MakeForm({Question("flag", pb::BOOLEAN), group});
  ASSERT_THAT(ValidateForm(form), IsEmpty());
  EXPECT_FALSE(EnabledItems(form, Respond({{"flag", {Bool(false)}}})).count("g.q"));
  // Required only while enabled.
  EXPECT_THAT(ValidateResponse(form, Respond({{"flag", {Bool(false)}}})), IsEmpty());
  EXPECT_THAT(Fields(ValidateResponse(form, Respond({{"flag", {Bool(true)}}}))), ElementsAre("g.q"));
}

TEST(ValidateResponse, NamesEachBadAnswer) {
  pb::Form form = PregnancyForm();
  auto errors = ValidateResponse(
      form, Respond({{"pn.pregnant", {Int(1)}},           // wrong type
                     {"pn.site", {Code("leg"), Code("toe")}},  // unknown option
                     {"nope", {Bool(true)}}}));                // unknown item
  EXPECT_THAT(Fields(errors), Contains("pn.pregnant"));
  EXPECT_THAT(Fields(errors), Contains("pn.site"));
  EXPECT_THAT(Fields(errors), Contains("nope"));
}

TEST(ValidateResponse, BoundsRequiredAndIgnoredDisabledAnswers) {
  pb::Form form = PregnancyForm();
  EXPECT_THAT(Fields(ValidateResponse(form, Respond({{"pn.pregnant", {Bool(true)}}, {"pn.weeks", {Int(45)}}}))),
              ElementsAre("pn.weeks"));
  EXPECT_THAT(Fields(ValidateResponse(form, Respond({{"pn.pregnant", {Bool(true)}}}))), ElementsAre("pn.weeks"));
  // A disabled item's (out of range) answer is ignored, not judged.
  EXPECT_THAT(ValidateResponse(form, Respond({{"pn.pregnant", {Bool(false)}}, {"pn.weeks", {Int(99)}}})), IsEmpty());
  EXPECT_THAT(Fields(ValidateResponse(form, Respond({}))), ElementsAre("pn.pregnant"));
}

TEST(ValidateResponse, DatesStringsAndRepeats) {
  pb::Form form = MakeForm({Question("d", pb::DATE), Question("s", pb::STRING), Choice("c", {"a", "b"})});
  EXPECT_THAT(Fields(ValidateResponse(form, Respond({{"d", {Date("2024-02-30")}}}))), ElementsAre("d"));
  EXPECT_THAT(ValidateResponse(form, Respond({{"d", {Date("2024-02-29")}}})), IsEmpty());
  EXPECT_THAT(Fields(ValidateResponse(form, Respond({{"s", {Str("")}}}))), ElementsAre("s"));
  EXPECT_THAT(Fields(ValidateResponse(form, Respond({{"c", {Code("a"), Code("b")}}}))), ElementsAre("c"));
  EXPECT_THAT(Fields(ValidateResponse(form, Respond({{"d", {Date("2024-01-01")}}, {"d", {Date("2024-01-02")}}}))),
              ElementsAre("d"));
}

TEST(ValidateForm, RejectsBrokenDefinitions) {
  pb::Item forward = Question("a", pb::BOOLEAN);
  When(forward, "b", pb::EQUALS, Bool(true));  // names a later question
  pb::Item bad_kind = Question("c", pb::BOOLEAN);
  When(bad_kind, "b", pb::GREATER, Bool(true));  // ordering on a boolean
  pb::Form form = MakeForm({forward, Question("b", pb::BOOLEAN), bad_kind, Question("b", pb::INTEGER),
                            Choice("empty", {}), Question("bad id!", pb::BOOLEAN)});
  auto fields = Fields(ValidateForm(form));
  EXPECT_THAT(fields, Contains("a"));
  EXPECT_THAT(fields, Contains("c"));
  EXPECT_THAT(fields, Contains("b"));  // duplicate
  EXPECT_THAT(fields, Contains("empty"));
  EXPECT_THAT(fields, Contains("bad id!"));
}

TEST(Answers, SeeOnlyEnabledItems) {
  pb::Form form = PregnancyForm();
  Answers off(form, Respond({{"pn.pregnant", {Bool(false)}}, {"pn.weeks", {Int(20)}},
                             {"pn.site", {Code("leg"), Code("arm")}}}));
  EXPECT_FALSE(off.Has("pn.weeks"));
  EXPECT_FALSE(off.Integer("pn.weeks").has_value());
  EXPECT_FALSE(off.IsTrue("pn.pregnant"));
  EXPECT_TRUE(off.HasCode("pn.site", "arm"));
  EXPECT_THAT(off.Codes("pn.site"), ElementsAre("leg", "arm"));
  Answers on(form, Respond({{"pn.pregnant", {Bool(true)}}, {"pn.weeks", {Int(20)}}}));
  EXPECT_EQ(on.Integer("pn.weeks"), 20);
  EXPECT_EQ(on.Decimal("pn.weeks"), 20.0);
  EXPECT_FALSE(on.Code("pn.weeks").has_value());  // wrong kind reads as unanswered
}

TEST(Outcome, MaximumWinsAndLocalCountsAsCaution) {
  google::protobuf::RepeatedPtrField<pb::Finding> findings;
  EXPECT_EQ(OutcomeOf(findings), pb::CLEAR);
  *findings.Add() = MakeFinding("A", pb::CAUTION, "");
  pb::Finding local = MakeFinding("B", pb::CONTRAINDICATED, "");
  local.set_local(true);
  *findings.Add() = local;
  EXPECT_EQ(OutcomeOf(findings), pb::CAUTION);
  *findings.Add() = MakeFinding("C", pb::REQUIRES_CLEARANCE, "");
  EXPECT_EQ(OutcomeOf(findings), pb::REQUIRES_CLEARANCE);
}

TEST(Modifications, TextForm) {
  pb::Finding f = MakeFinding("X", pb::CAUTION, "");
  AddModification(AddModification(f, "MAX_PRESSURE", "medium"), "SIDE_LYING");
  EXPECT_EQ(ModificationText(f.modifications(0)), "MAX_PRESSURE(medium)");
  EXPECT_EQ(ModificationText(f.modifications(1)), "SIDE_LYING");
  EXPECT_TRUE(IsKnownModification("FLUSH_ONLY"));
  EXPECT_FALSE(IsKnownModification("DEEP_TISSUE_OK"));
  EXPECT_TRUE(ModificationTakesArgument("AVOID_POINTS"));
}

}  // namespace
}  // namespace fascia::plugin_sdk
