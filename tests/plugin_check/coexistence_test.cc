// All plugins in ONE process, in-process mode: each links its own copy of
// the lite plugin protocol and the SDK, and this test binary links the full
// runtime fascia.v1 protos, so a descriptor-pool clash (ARCHITECTURE.md,
// Plugins: "CHECK failed: GeneratedDatabase()->Add") would abort here. With
// every plugin loaded at once, each must still screen its golden cases.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "golden.h"
#include "test_plugins.h"

namespace fascia::plugin_check {
namespace {

TEST(CoexistenceTest, AllPluginsLoadInProcessAndScreenTogether) {
  const std::vector<test_plugins::TestPlugin> all = test_plugins::AllPlugins();
  if (test_plugins::ReferencePlugins().empty()) {
    GTEST_SKIP() << "no reference plugin is built yet; only the toy plugin would load";
  }
  std::vector<std::unique_ptr<plugins::Plugin>> loaded;
  for (const auto& p : all) {
    plugins::PluginSpec spec;
    spec.path = p.so;
    spec.mode = plugins::Mode::kInProcess;
    absl::StatusOr<std::unique_ptr<plugins::Plugin>> plugin = plugins::LoadPlugin(spec);
    ASSERT_TRUE(plugin.ok()) << p.name << ": " << plugin.status();
    loaded.push_back(std::move(*plugin));
  }
  for (size_t i = 0; i < all.size(); ++i) {
    SCOPED_TRACE(all[i].name);
    absl::StatusOr<pb::HealthResponse> health = loaded[i]->Health();
    ASSERT_TRUE(health.ok()) << health.status();
    EXPECT_TRUE(health->serving());

    absl::StatusOr<pt::GoldenCases> cases = ReadGoldenFile(all[i].golden);
    ASSERT_TRUE(cases.ok()) << cases.status();
    GoldenRunner runner(all[i].so, GoldenOptions{});
    for (const CaseResult& r : runner.RunAll(*cases)) {
      EXPECT_TRUE(r.passed) << r.name << ": " << r.message;
    }
  }
}

}  // namespace
}  // namespace fascia::plugin_check
