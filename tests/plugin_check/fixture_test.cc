// PluginFixture (plugin_fixture.h) used the way a plugin author would, on the
// toy plugin, in both modes: load, screen, read outcome/rules/modifications,
// see invalid answers and bad settings refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin_fixture.h"

namespace fascia::plugin_check {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class ToyPluginTest : public PluginFixture {};

TEST_P(ToyPluginTest, ScreensLikeTheHost) {
  ASSERT_TRUE(Load(FASCIA_TOY_SO));
  EXPECT_EQ(plugin().info().mode, GetParam());
  absl::StatusOr<pb::ScreenResponse> s =
      Screen({Bool("toy.bruise", true), Codes("toy.bruise_site", {"leg"})});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(OutcomeOf(*s), pb::CAUTION);
  EXPECT_THAT(RuleIds(*s), ElementsAre("TOY-1"));
  EXPECT_THAT(Modifications(*s), ElementsAre("AVOID_REGION(leg)"));
}

TEST_P(ToyPluginTest, DisabledAnswersAreStrippedBeforeScreening) {
  ASSERT_TRUE(Load(FASCIA_TOY_SO));
  absl::StatusOr<pb::ScreenResponse> s =
      Screen({Bool("toy.bruise", false), Codes("toy.bruise_site", {"leg"})});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(OutcomeOf(*s), pb::CLEAR);
  EXPECT_THAT(RuleIds(*s), IsEmpty());
}

TEST_P(ToyPluginTest, ClientFieldsClearancesAndModalities) {
  ASSERT_TRUE(Load(FASCIA_TOY_SO));
  absl::StatusOr<pb::ScreenResponse> s = Screen({Bool("toy.bruise", false), Int("toy.pain", 9)},
                                                "toy", {{"age_years", IntValue(80)}}, {"TOY-2"});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(OutcomeOf(*s), pb::REQUIRES_CLEARANCE);
  EXPECT_THAT(RuleIds(*s), ElementsAre("TOY-2", "TOY-3"));

  absl::StatusOr<pb::ScreenResponse> short_form = Screen({Bool("toy.tired", true)}, "toy_short");
  ASSERT_TRUE(short_form.ok()) << short_form.status();
  EXPECT_THAT(Modifications(*short_form), ElementsAre("SHORT_SESSION"));
}

TEST_P(ToyPluginTest, InvalidAnswersAreNotScreened) {
  ASSERT_TRUE(Load(FASCIA_TOY_SO));
  EXPECT_THAT(InvalidLinkIds({Bool("toy.bruise", true)}), ElementsAre("toy.bruise_site"));
  EXPECT_THAT(InvalidLinkIds({Bool("toy.bruise", false), Int("toy.pain", 10)}),
              ElementsAre("toy.pain"));
  absl::StatusOr<pb::ScreenResponse> s = Screen({});
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.status().message(), HasSubstr("toy.bruise"));
}

TEST_P(ToyPluginTest, SettingsChangeRulesAndBadOnesAreRefused) {
  ASSERT_TRUE(Load(FASCIA_TOY_SO, {{"pain_threshold", "3"}}));
  absl::StatusOr<pb::ScreenResponse> s = Screen({Bool("toy.bruise", false), Int("toy.pain", 3)});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(OutcomeOf(*s), pb::CONTRAINDICATED);

  absl::StatusOr<std::unique_ptr<plugins::Plugin>> bad =
      TryLoad(FASCIA_TOY_SO, {{"pain_threshold", "0"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("pain_threshold"));
}

FASCIA_INSTANTIATE_PLUGIN_TEST(ToyPluginTest);

}  // namespace
}  // namespace fascia::plugin_check
