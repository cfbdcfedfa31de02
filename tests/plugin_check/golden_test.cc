// Every golden case of every known plugin (the toy plugin and each built
// reference plugin), in both modes, as one GoogleTest each:
//   Golden/GoldenCaseTest.Passes/<plugin>_<Mode>_<NN>_<case name>
// plus one test per golden file that it parses and its case names are
// unique. Cases are read when the tests are registered (ctest discovers them
// at test time), and a golden file that does not parse becomes one failing
// test naming the parse error rather than silently no tests.
#include "golden.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "checker.h"
#include "test_plugins.h"

namespace fascia::plugin_check {
namespace {

using test_plugins::AllPlugins;
using test_plugins::TestPlugin;

struct GoldenParam {
  TestPlugin plugin;
  plugins::Mode mode = plugins::Mode::kInProcess;
  int index = 0;           // 1-based position in the file
  pt::GoldenCase golden;   // when file_error is empty
  std::string file_error;  // the file did not parse
};

// Short names in test listings instead of gtest's byte dump.
void PrintTo(const GoldenParam& p, std::ostream* os) {
  *os << p.plugin.name << " " << ModeName(p.mode) << " #" << p.index;
}

std::string Sanitize(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (keep) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

std::vector<GoldenParam> AllCases() {
  std::vector<GoldenParam> params;
  for (const TestPlugin& plugin : AllPlugins()) {
    absl::StatusOr<pt::GoldenCases> cases = ReadGoldenFile(plugin.golden);
    for (plugins::Mode mode : {plugins::Mode::kInProcess, plugins::Mode::kIsolated}) {
      if (!cases.ok()) {
        params.push_back({plugin, mode, 0, {}, cases.status().ToString()});
        continue;
      }
      for (int i = 0; i < cases->cases_size(); ++i) {
        params.push_back({plugin, mode, i + 1, cases->cases(i), ""});
      }
    }
  }
  return params;
}

std::string ParamName(const ::testing::TestParamInfo<GoldenParam>& info) {
  const GoldenParam& p = info.param;
  const std::string mode = p.mode == plugins::Mode::kInProcess ? "InProcess" : "Isolated";
  if (!p.file_error.empty()) return absl::StrFormat("%s_%s_file", p.plugin.name, mode);
  return absl::StrFormat("%s_%s_%02d_%s", p.plugin.name, mode, p.index, Sanitize(p.golden.name()));
}

// One runner per plugin and mode for the whole binary, so cases sharing
// settings share a loaded plugin (and isolated host process).
GoldenRunner& RunnerFor(const TestPlugin& plugin, plugins::Mode mode) {
  static auto* runners =
      new std::map<std::pair<std::string, plugins::Mode>, std::unique_ptr<GoldenRunner>>();
  auto& runner = (*runners)[{plugin.so, mode}];
  if (runner == nullptr) {
    GoldenOptions options;
    options.mode = mode;
#ifdef FASCIA_PLUGIN_HOST_EXECUTABLE
    options.host_executable = FASCIA_PLUGIN_HOST_EXECUTABLE;
#endif
    runner = std::make_unique<GoldenRunner>(plugin.so, options);
  }
  return *runner;
}

class GoldenCaseTest : public ::testing::TestWithParam<GoldenParam> {};

TEST_P(GoldenCaseTest, Passes) {
  const GoldenParam& p = GetParam();
  ASSERT_TRUE(p.file_error.empty()) << p.file_error;
  const CaseResult result = RunnerFor(p.plugin, p.mode).Run(p.golden);
  EXPECT_TRUE(result.passed) << p.plugin.golden << " case #" << p.index << " '" << p.golden.name()
                             << "' (" << ModeName(p.mode) << "):\n"
                             << result.message;
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenCaseTest, ::testing::ValuesIn(AllCases()), ParamName);

class GoldenFileTest : public ::testing::TestWithParam<TestPlugin> {};

TEST_P(GoldenFileTest, ParsesWithUniqueNamesAndCases) {
  absl::StatusOr<pt::GoldenCases> cases = ReadGoldenFile(GetParam().golden);
  ASSERT_TRUE(cases.ok()) << cases.status();
  EXPECT_GT(cases->cases_size(), 0) << GetParam().golden << " holds no cases";
  EXPECT_TRUE(CaseNameProblems(*cases).empty()) << absl::StrJoin(CaseNameProblems(*cases), "\n");
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenFileTest, ::testing::ValuesIn(AllPlugins()),
                         [](const ::testing::TestParamInfo<TestPlugin>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace fascia::plugin_check
