// Settings: typed getters with defaults, and errors naming the bad key.
#include <gtest/gtest.h>

#include "fascia/plugin_sdk.h"

namespace fascia::plugin_sdk {
namespace {

Settings Make(std::initializer_list<std::pair<const std::string, std::string>> values) {
  pb::PluginConfig config;
  for (const auto& [k, v] : values) (*config.mutable_settings())[k] = v;
  return Settings(config);
}

TEST(Settings, DefaultsAndValues) {
  Settings s = Make({{"weeks", "8"}, {"strict", "true"}, {"pn1", "REQUIRES_CLEARANCE"}});
  EXPECT_EQ(s.Integer("weeks", 6, 1, 52), 8);
  EXPECT_EQ(s.Integer("absent", 6, 1, 52), 6);
  EXPECT_TRUE(s.Boolean("strict", false));
  EXPECT_EQ(s.Outcome("pn1", pb::CAUTION), pb::REQUIRES_CLEARANCE);
  EXPECT_EQ(s.Outcome("absent", pb::CAUTION), pb::CAUTION);
}

TEST(Settings, BadValuesNameTheKey) {
  Settings s = Make({{"weeks", "eight"}, {"range", "99"}, {"flag", "yes"}, {"o", "SCREENING_UNAVAILABLE"}});
  for (auto call : std::vector<std::function<void()>>{
           [&] { s.Integer("weeks", 6, 1, 52); }, [&] { s.Integer("range", 6, 1, 52); },
           [&] { s.Boolean("flag", false); }, [&] { s.Outcome("o", pb::CAUTION); }}) {
    try {
      call();
      ADD_FAILURE() << "no error";
    } catch (const PluginError& e) {
      pb::Error proto = e.ToProto();
      EXPECT_EQ(proto.code(), pb::Error::INVALID_ARGUMENT);
      ASSERT_EQ(proto.field_errors_size(), 1);
    }
  }
}

TEST(Settings, UnreadKeysAreTheOnesNoGetterAskedFor) {
  Settings s = Make({{"weeks", "8"}, {"flag", "true"}, {"typo_wekks", "9"}, {"note", "x"}});
  s.Integer("weeks", 6, 1, 52);
  s.Has("flag");
  s.String("absent", "");
  EXPECT_EQ(s.Unread(), (std::vector<std::string>{"note", "typo_wekks"}));
  s.all();
  EXPECT_TRUE(s.Unread().empty());
}

}  // namespace
}  // namespace fascia::plugin_sdk
