// The plugins this test binary knows about: the toy plugin built here, and
// each reference plugin whose target existed at configure time (CMake
// defines FASCIA_<NAME>_SO and FASCIA_<NAME>_GOLDEN for it).
#ifndef FASCIA_TESTS_PLUGIN_CHECK_TEST_PLUGINS_H_
#define FASCIA_TESTS_PLUGIN_CHECK_TEST_PLUGINS_H_

#include <ostream>
#include <string>
#include <vector>

namespace fascia::plugin_check::test_plugins {

struct TestPlugin {
  std::string name;    // e.g. "prenatal"
  std::string so;      // the built .so
  std::string golden;  // its golden.textproto
};

// Short names in test listings instead of gtest's byte dump.
inline void PrintTo(const TestPlugin& plugin, std::ostream* os) { *os << plugin.name; }

// The reference plugins that were built (possibly none yet).
inline std::vector<TestPlugin> ReferencePlugins() {
  std::vector<TestPlugin> plugins;
#ifdef FASCIA_PRENATAL_SO
  plugins.push_back({"prenatal", FASCIA_PRENATAL_SO, FASCIA_PRENATAL_GOLDEN});
#endif
#ifdef FASCIA_SPORTS_SO
  plugins.push_back({"sports", FASCIA_SPORTS_SO, FASCIA_SPORTS_GOLDEN});
#endif
#ifdef FASCIA_LYMPHATIC_SO
  plugins.push_back({"lymphatic", FASCIA_LYMPHATIC_SO, FASCIA_LYMPHATIC_GOLDEN});
#endif
  return plugins;
}

// The toy plugin first, then the reference plugins.
inline std::vector<TestPlugin> AllPlugins() {
  std::vector<TestPlugin> plugins = {{"toy", FASCIA_TOY_SO, FASCIA_TOY_GOLDEN}};
  for (auto& p : ReferencePlugins()) plugins.push_back(std::move(p));
  return plugins;
}

}  // namespace fascia::plugin_check::test_plugins

#endif  // FASCIA_TESTS_PLUGIN_CHECK_TEST_PLUGINS_H_
