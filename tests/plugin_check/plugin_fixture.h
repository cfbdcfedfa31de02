// A GoogleTest fixture for screening-plugin tests: loads a plugin through the
// production loader (LoadPlugin) in the test parameter's mode and screens
// answers the way fasciad does (validate, strip disabled answers, Screen at a
// fixed instant; see plugins/sdk/check/host_flow.h).
//
//   class PrenatalTest : public fascia::plugin_check::PluginFixture {};
//   TEST_P(PrenatalTest, SecondTrimester) {
//     ASSERT_TRUE(Load(FASCIA_PRENATAL_SO));
//     auto s = Screen({Bool("pn.pregnant", true), Int("pn.gestation_weeks", 20)});
//     ASSERT_TRUE(s.ok()) << s.status();
//     EXPECT_EQ(OutcomeOf(*s), pb::CAUTION);
//     EXPECT_THAT(RuleIds(*s), testing::Contains("PN-3"));
//   }
//   FASCIA_INSTANTIATE_PLUGIN_TEST(PrenatalTest);  // in-process and isolated
//
// Screen() returns INVALID_ARGUMENT naming every invalid link_id when the
// answers do not validate (fasciad would not screen them); a plugin call
// failure is passed on as its status. Isolated mode needs fascia-plugin-host:
// the build defines FASCIA_PLUGIN_HOST_EXECUTABLE (target
// fascia_plugin_fixture does); without it the loader's default lookup (next
// to the test executable) applies.
//
// Link target: fascia_plugin_fixture (tests/plugin_check/CMakeLists.txt).
#ifndef FASCIA_TESTS_PLUGIN_CHECK_PLUGIN_FIXTURE_H_
#define FASCIA_TESTS_PLUGIN_CHECK_PLUGIN_FIXTURE_H_

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_join.h"
#include "fascia/plugin_forms.h"
#include "host_flow.h"
#include "plugins/plugin.h"

namespace fascia::plugin_check {

class PluginFixture : public ::testing::TestWithParam<plugins::Mode> {
 protected:
  using Settings = std::map<std::string, std::string>;

  // Loads `path` with `settings` in GetParam()'s mode, replacing any plugin
  // loaded before. On failure records a test failure with the loader's
  // message and returns false (use ASSERT_TRUE(Load(...))).
  bool Load(const std::string& path, const Settings& settings = {}) {
    absl::StatusOr<std::unique_ptr<plugins::Plugin>> loaded = TryLoad(path, settings);
    if (!loaded.ok()) {
      ADD_FAILURE() << "LoadPlugin(" << path << ") failed: " << loaded.status();
      return false;
    }
    plugin_ = std::move(*loaded);
    return true;
  }

  // LoadPlugin in this test's mode, without touching plugin(): for tests of
  // load failures (e.g. a bad setting).
  absl::StatusOr<std::unique_ptr<plugins::Plugin>> TryLoad(const std::string& path,
                                                           const Settings& settings = {}) {
    plugins::PluginSpec spec;
    spec.path = path;
    spec.mode = GetParam();
    spec.settings = settings;
    spec.call_timeout = call_timeout_;
#ifdef FASCIA_PLUGIN_HOST_EXECUTABLE
    spec.host_executable = FASCIA_PLUGIN_HOST_EXECUTABLE;
#endif
    return plugins::LoadPlugin(spec);
  }

  // REQUIRES: a successful Load().
  plugins::Plugin& plugin() { return *plugin_; }

  // Screens `answers` to the form of `modality` (empty: the first) as
  // fasciad would; see the file comment.
  absl::StatusOr<pb::ScreenResponse> Screen(const std::vector<pb::Answer>& answers,
                                            const std::string& modality = "",
                                            std::map<std::string, pb::Value> client_fields = {},
                                            std::vector<std::string> clearances_on_file = {}) {
    if (plugin_ == nullptr) return absl::FailedPreconditionError("no plugin loaded");
    IntakeInput input;
    input.modality = modality;
    input.answers = answers;
    input.client_fields = std::move(client_fields);
    input.clearances_on_file = std::move(clearances_on_file);
    absl::StatusOr<HostScreening> screening = ScreenLikeHost(*plugin_, input);
    if (!screening.ok()) return screening.status();
    if (!screening->errors.empty()) {
      return absl::InvalidArgumentError("invalid answers: " +
                                        absl::StrJoin(LinkIds(screening->errors), ", "));
    }
    return std::move(screening->response);
  }

  // The link_ids fasciad would reject `answers` for (empty: valid).
  std::set<std::string> InvalidLinkIds(const std::vector<pb::Answer>& answers,
                                       const std::string& modality = "") {
    absl::StatusOr<ModalityForm> target = FindModalityForm(plugin().descriptor(), modality);
    if (!target.ok()) {
      ADD_FAILURE() << target.status();
      return {};
    }
    absl::StatusOr<std::vector<pb::FieldError>> errors =
        ValidateLikeHost(plugin(), *target, MakeResponse(*target->form, answers));
    if (!errors.ok()) {
      ADD_FAILURE() << "ValidateIntake failed: " << errors.status();
      return {};
    }
    return LinkIds(*errors);
  }

  // Deadline for each call of plugins loaded after it is set.
  void set_call_timeout(absl::Duration timeout) { call_timeout_ = timeout; }

  // ------------------------------------------------------------ builders
  static pb::Answer Bool(const std::string& link_id, bool b) {
    pb::Answer a = Empty(link_id);
    a.add_values()->set_boolean(b);
    return a;
  }
  static pb::Answer Int(const std::string& link_id, int64_t i) {
    pb::Answer a = Empty(link_id);
    a.add_values()->set_integer(i);
    return a;
  }
  static pb::Answer Decimal(const std::string& link_id, double d) {
    pb::Answer a = Empty(link_id);
    a.add_values()->set_decimal(d);
    return a;
  }
  static pb::Answer Text(const std::string& link_id, const std::string& s) {
    pb::Answer a = Empty(link_id);
    a.add_values()->set_string(s);
    return a;
  }
  static pb::Answer Date(const std::string& link_id, const std::string& yyyy_mm_dd) {
    pb::Answer a = Empty(link_id);
    a.add_values()->set_date(yyyy_mm_dd);
    return a;
  }
  static pb::Answer Codes(const std::string& link_id, const std::vector<std::string>& codes) {
    pb::Answer a = Empty(link_id);
    for (const auto& c : codes) a.add_values()->set_code(c);
    return a;
  }
  static pb::Value IntValue(int64_t i) {
    pb::Value v;
    v.set_integer(i);
    return v;
  }

  // ------------------------------------------------------------ readers
  static pb::Outcome OutcomeOf(const pb::ScreenResponse& r) {
    return plugin_sdk::OutcomeOf(r.findings());
  }
  static std::set<std::string> RuleIds(const pb::ScreenResponse& r) {
    std::set<std::string> ids;
    for (const auto& f : r.findings()) ids.insert(f.rule_id());
    return ids;
  }
  static std::set<std::string> Modifications(const pb::ScreenResponse& r) {
    std::set<std::string> texts;
    for (const auto& f : r.findings()) {
      for (const auto& m : f.modifications()) texts.insert(plugin_sdk::ModificationText(m));
    }
    return texts;
  }

 private:
  static pb::Answer Empty(const std::string& link_id) {
    pb::Answer a;
    a.set_link_id(link_id);
    return a;
  }
  static std::set<std::string> LinkIds(const std::vector<pb::FieldError>& errors) {
    std::set<std::string> ids;
    for (const auto& e : errors) ids.insert(e.field());
    return ids;
  }

  std::unique_ptr<plugins::Plugin> plugin_;
  absl::Duration call_timeout_ = absl::Seconds(2);
};

// "InProcess" / "Isolated", for test names.
inline std::string PluginModeName(const ::testing::TestParamInfo<plugins::Mode>& info) {
  return info.param == plugins::Mode::kInProcess ? "InProcess" : "Isolated";
}

}  // namespace fascia::plugin_check

// Runs every TEST_P of `Suite` (a PluginFixture subclass) in both modes.
#define FASCIA_INSTANTIATE_PLUGIN_TEST(Suite)                                                     \
  INSTANTIATE_TEST_SUITE_P(                                                                       \
      BothModes, Suite,                                                                           \
      ::testing::Values(::fascia::plugins::Mode::kInProcess, ::fascia::plugins::Mode::kIsolated), \
      ::fascia::plugin_check::PluginModeName)

#endif  // FASCIA_TESTS_PLUGIN_CHECK_PLUGIN_FIXTURE_H_
