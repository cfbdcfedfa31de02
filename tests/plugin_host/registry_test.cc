// PluginRegistry: loads what it can, logs each rejection (path + reason) as
// one JSON line and carries on; a modality belongs to the first plugin that
// claims it. Also: two SDK plugins share one process without protobuf
// descriptor conflicts (plugin.proto is LITE_RUNTIME; ARCHITECTURE.md 6).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugins/plugin_registry.h"
#include "test_support.h"

namespace fascia::plugins {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace testing;  // NOLINT: test helpers

class RegistryTest : public ::testing::TestWithParam<Mode> {};

TEST_P(RegistryTest, LoadsGoodPluginsAndLogsEachRejection) {
  ::testing::internal::CaptureStderr();
  std::unique_ptr<PluginRegistry> registry = PluginRegistry::Load({
      Spec(FPH_GOOD, GetParam()),
      Spec(FPH_DUP, GetParam()),
      Spec(FPH_ABI_MAJOR, GetParam()),
      Spec(FPH_OTHER, GetParam()),
  });
  const std::string log = ::testing::internal::GetCapturedStderr();
  ASSERT_NE(registry, nullptr);
  EXPECT_EQ(registry->all().size(), 2u);

  Plugin* testmod = registry->ForModality("testmod");
  ASSERT_NE(testmod, nullptr);
  EXPECT_EQ(testmod->info().plugin_id, "testmod");  // the first claim wins
  ASSERT_NE(registry->ForModality("othermod"), nullptr);
  EXPECT_EQ(registry->ForModality("nosuch"), nullptr);
  EXPECT_EQ(registry->ById("othermod"), registry->ForModality("othermod"));
  EXPECT_EQ(registry->ById("testmod_dup"), nullptr);
  ASSERT_NE(PluginRegistry::FindForm(*testmod, "testmod-intake"), nullptr);
  EXPECT_EQ(PluginRegistry::FindForm(*testmod, "othermod-intake"), nullptr);

  EXPECT_THAT(log, HasSubstr("\"plugin_rejected\""));
  EXPECT_THAT(log, HasSubstr(std::string("\"path\":\"") + FPH_DUP + "\""));
  EXPECT_THAT(log, HasSubstr("modality testmod is already provided by plugin testmod"));
  EXPECT_THAT(log, HasSubstr(std::string("\"path\":\"") + FPH_ABI_MAJOR + "\""));
  EXPECT_THAT(log, HasSubstr("ABI major 2, host speaks 1"));

  // Both survivors answer.
  absl::StatusOr<pb::ScreenResponse> a = testmod->Screen(ScreenFor("testmod", true, 1));
  absl::StatusOr<pb::ScreenResponse> b =
      registry->ForModality("othermod")->Screen(ScreenFor("othermod", true, 2));
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(Echo(*a), "1");
  EXPECT_EQ(Echo(*b), "2");
}

// A modality the configuration declares fails closed when its plugin does not
// load: the booking gate asks Unavailable().
TEST_P(RegistryTest, DeclaredModalitiesOfARejectedPluginAreUnavailable) {
  PluginSpec broken = Spec(FPH_ABI_MAJOR, GetParam());
  broken.modalities = {"brokenmod"};
  PluginSpec lacking = Spec(FPH_GOOD, GetParam());
  lacking.modalities = {"testmod", "nosuchmod"};
  PluginSpec other = Spec(FPH_OTHER, GetParam());
  other.modalities = {"othermod"};
  ::testing::internal::CaptureStderr();
  std::unique_ptr<PluginRegistry> registry = PluginRegistry::Load({broken, lacking, other});
  const std::string log = ::testing::internal::GetCapturedStderr();
  ASSERT_NE(registry, nullptr);

  EXPECT_TRUE(registry->Unavailable("brokenmod"));
  // A plugin lacking a declared modality is refused whole.
  EXPECT_EQ(registry->ForModality("testmod"), nullptr);
  EXPECT_TRUE(registry->Unavailable("testmod"));
  EXPECT_TRUE(registry->Unavailable("nosuchmod"));
  EXPECT_THAT(log, HasSubstr("does not provide modality nosuchmod, which its configuration declares"));
  EXPECT_THAT(log, HasSubstr("\"modality_unavailable\""));

  EXPECT_NE(registry->ForModality("othermod"), nullptr);
  EXPECT_FALSE(registry->Unavailable("othermod"));
  EXPECT_FALSE(registry->Unavailable("undeclared"));
}

TEST_P(RegistryTest, ADeclaredModalityServedByAnotherPluginIsAvailable) {
  PluginSpec broken = Spec(FPH_ABI_MAJOR, GetParam());
  broken.modalities = {"testmod"};
  std::unique_ptr<PluginRegistry> registry =
      PluginRegistry::Load({broken, Spec(FPH_GOOD, GetParam())});
  ASSERT_NE(registry, nullptr);
  EXPECT_NE(registry->ForModality("testmod"), nullptr);
  EXPECT_FALSE(registry->Unavailable("testmod"));
}

TEST_P(RegistryTest, AddRefusesATakenModalityAndLeavesTheRegistryUnchanged) {
  PluginRegistry registry;
  absl::StatusOr<std::unique_ptr<Plugin>> good = LoadPlugin(Spec(FPH_GOOD, GetParam()));
  absl::StatusOr<std::unique_ptr<Plugin>> dup = LoadPlugin(Spec(FPH_DUP, GetParam()));
  ASSERT_TRUE(good.ok()) << good.status();
  ASSERT_TRUE(dup.ok()) << dup.status();
  ASSERT_TRUE(registry.Add(std::move(*good)).ok());
  EXPECT_THAT(registry.Add(std::move(*dup)),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       "modality testmod is already provided by plugin testmod"));
  EXPECT_EQ(registry.all().size(), 1u);
  EXPECT_EQ(registry.ForModality("testmod")->info().plugin_id, "testmod");
}

INSTANTIATE_TEST_SUITE_P(Modes, RegistryTest, ::testing::Values(Mode::kInProcess, Mode::kIsolated),
                         ModeName);

TEST(TwoPluginsInOneProcessTest, SdkPluginsCoexistInProcess) {
  ::testing::internal::CaptureStderr();
  absl::StatusOr<std::unique_ptr<Plugin>> a = LoadPlugin(Spec(FPH_GOOD, Mode::kInProcess));
  absl::StatusOr<std::unique_ptr<Plugin>> b = LoadPlugin(Spec(FPH_OTHER, Mode::kInProcess));
  const std::string log = ::testing::internal::GetCapturedStderr();
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_THAT(log, Not(HasSubstr("GeneratedDatabase")));
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<pb::ScreenResponse> ra = (*a)->Screen(ScreenFor("testmod", true, i));
    absl::StatusOr<pb::ScreenResponse> rb = (*b)->Screen(ScreenFor("othermod", false, 10 + i));
    ASSERT_TRUE(ra.ok()) << ra.status();
    ASSERT_TRUE(rb.ok()) << rb.status();
    EXPECT_TRUE(HasRule(*ra, "TM-1"));
    EXPECT_FALSE(HasRule(*rb, "TM-1"));
    EXPECT_EQ(Echo(*rb), std::to_string(10 + i));
  }
  EXPECT_EQ((*a)->descriptor().modalities(0).code(), "testmod");
  EXPECT_EQ((*b)->descriptor().modalities(0).code(), "othermod");
}

}  // namespace
}  // namespace fascia::plugins
