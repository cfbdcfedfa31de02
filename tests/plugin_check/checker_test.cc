// The fascia-plugin-check program, run as a plugin author would: it passes
// (exit 0) on the toy plugin and on every built reference plugin with its
// golden file, and it fails (exit 1) with the right FAIL lines on a plugin
// with conformance faults and on a wrong golden file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "test_plugins.h"

namespace fascia::plugin_check {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct RunResult {
  int exit_code = -1;  // -1: did not exit normally
  std::string output;  // stdout and stderr
};

std::string Quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

RunResult RunChecker(const std::vector<std::string>& args) {
  std::string command = Quote(FASCIA_PLUGIN_CHECK);
  for (const auto& a : args) command += " " + Quote(a);
  command += " 2>&1";
  RunResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

TEST(CheckerTest, ToyPluginPassesInBothModes) {
  RunResult r = RunChecker({FASCIA_TOY_SO, "--golden", FASCIA_TOY_GOLDEN, "--calls", "50"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, Not(HasSubstr("FAIL")));
  for (const char* line :
       {"PASS exports: only fascia_plugin_entry", "PASS abi[host]", "PASS abi[next-major]",
        "PASS abi[newer-minor]", "PASS load[in-process]", "PASS load[isolated]",
        "PASS descriptor[isolated]", "PASS golden[isolated] second modality",
        "PASS golden[in-process] invalid: a malformed setting stops the plugin loading",
        "PASS stress[in-process]", "PASS latency[isolated]", "PASS unknown-method[isolated]",
        "PASS garbage-request[in-process]", "PASS descriptor[modes-agree]"}) {
    EXPECT_THAT(r.output, HasSubstr(line));
  }
}

TEST(CheckerTest, SaysWhenThereAreNoGoldenCases) {
  RunResult r = RunChecker({FASCIA_TOY_SO, "--mode", "in-process", "--calls", "20"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("PASS golden: none"));
  EXPECT_THAT(r.output, Not(HasSubstr("isolated")));
}

// The checker run in isolated mode on the toy plugin with a golden file
// holding `golden_text`.
RunResult RunCheckerOnGolden(const std::string& golden_text) {
  char name[] = "/tmp/fascia_wrong_golden_XXXXXX";
  const int fd = mkstemp(name);
  if (fd < 0) return {};
  close(fd);
  std::ofstream(name) << golden_text;
  RunResult r =
      RunChecker({FASCIA_TOY_SO, "--golden", name, "--mode", "isolated", "--calls", "20"});
  unlink(name);
  return r;
}

TEST(CheckerTest, WrongGoldenExpectationFails) {
  RunResult r = RunCheckerOnGolden(
      "cases {\n  name: \"wrong outcome\"\n"
      "  answers { link_id: \"toy.bruise\" values { boolean: false } }\n"
      "  answers { link_id: \"toy.pain\" values { integer: 9 } }\n"
      "  expect_outcome: CAUTION\n}\n");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_THAT(r.output, HasSubstr("FAIL golden[isolated] wrong outcome: outcome: expected "
                                  "CAUTION, got CONTRAINDICATED"));
  EXPECT_THAT(r.output, HasSubstr("some checks FAILED"));
}

// What the plugin author reads: one FAIL line naming the case, the rule and
// the field.
TEST(CheckerTest, WrongFindingExpectationNamesCaseRuleAndField) {
  RunResult r = RunCheckerOnGolden(
      "cases {\n  name: \"wrist needs a clt\"\n"
      "  answers { link_id: \"toy.bruise\" values { boolean: false } }\n"
      "  answers { link_id: \"toy.fracture\" values { boolean: true } }\n"
      "  answers { link_id: \"toy.fracture_side\" values { code: \"right\" } }\n"
      "  expect_outcome: CAUTION\n  expect_rules: \"TOY-6\"\n"
      "  expect_findings { key: \"TOY-6\" value { required_qualifications "
      "{ codes: \"clt\" } } }\n}\n");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_THAT(r.output,
              HasSubstr("FAIL golden[isolated] wrist needs a clt: finding TOY-6 "
                        "required_qualifications: expected {clt}, got {toy-licence, "
                        "toy-splinting}"));
}

TEST(CheckerTest, LeakyPluginFailsExportsAndAbiButLoads) {
  RunResult r = RunChecker({FASCIA_LEAKY_SO, "--calls", "20"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_THAT(r.output, HasSubstr("FAIL exports"));
  EXPECT_THAT(r.output, HasSubstr("leaky_debug_counter"));
  EXPECT_THAT(r.output, HasSubstr("FAIL abi[next-major]: claims to serve ABI major 2"));
  EXPECT_THAT(r.output, HasSubstr("PASS abi[host]"));
  EXPECT_THAT(r.output, HasSubstr("PASS load[in-process]"));
  EXPECT_THAT(r.output, HasSubstr("PASS load[isolated]"));
}

TEST(CheckerTest, NotASharedObjectFails) {
  RunResult r = RunChecker({FASCIA_TOY_GOLDEN, "--mode", "in-process"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_THAT(r.output, HasSubstr("FAIL exports"));
  EXPECT_THAT(r.output, HasSubstr("FAIL load[in-process]"));
}

TEST(CheckerTest, BadUsageExitsTwo) {
  EXPECT_EQ(RunChecker({}).exit_code, 2);
  EXPECT_EQ(RunChecker({FASCIA_TOY_SO, "--mode", "sideways"}).exit_code, 2);
  EXPECT_EQ(RunChecker({FASCIA_TOY_SO, "--threads", "0"}).exit_code, 2);
  EXPECT_EQ(RunChecker({FASCIA_TOY_SO, "--bogus", "1"}).exit_code, 2);
}

class ReferencePluginCheckTest : public ::testing::TestWithParam<test_plugins::TestPlugin> {};

TEST_P(ReferencePluginCheckTest, CheckerPasses) {
  RunResult r = RunChecker({GetParam().so, "--golden", GetParam().golden});
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

INSTANTIATE_TEST_SUITE_P(Reference, ReferencePluginCheckTest,
                         ::testing::ValuesIn(test_plugins::ReferencePlugins()),
                         [](const ::testing::TestParamInfo<test_plugins::TestPlugin>& info) {
                           return info.param.name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ReferencePluginCheckTest);

}  // namespace
}  // namespace fascia::plugin_check
