// Golden case parsing and the runner; see golden.h.
#include "golden.h"

#include <sys/stat.h>

#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "finding_expectations.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace fascia::plugin_check {

namespace sdk = ::fascia::plugin_sdk;

namespace {

// Collects text-format errors as "line:column: message" (1-based).
class ErrorList : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    errors_.push_back(absl::StrCat(line + 1, ":", column + 1, ": ", message));
  }
  std::string Joined() const { return absl::StrJoin(errors_, "; "); }

 private:
  std::vector<std::string> errors_;
};

bool FileExists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// `from` re-read as `To`: the fascia.v1 mirrors and fascia.plugin.v1 share
// field numbers, so the bytes of one parse as the other.
template <typename To, typename From>
absl::StatusOr<To> Reparse(const From& from) {
  To to;
  if (!to.ParseFromString(from.SerializeAsString())) {
    return absl::InternalError(
        absl::StrCat(from.GetTypeName(), " does not parse as ", to.GetTypeName()));
  }
  return to;
}

std::string SetText(const std::set<std::string>& s) {
  return absl::StrCat("{", absl::StrJoin(s, ", "), "}");
}

// "" when equal, else "what: expected {..}, got {..}; missing {..}; unexpected {..}".
std::string SetDiff(const std::string& what, const std::set<std::string>& expected,
                    const std::set<std::string>& got) {
  if (expected == got) return "";
  std::set<std::string> missing, unexpected;
  for (const auto& e : expected) {
    if (got.count(e) == 0) missing.insert(e);
  }
  for (const auto& g : got) {
    if (expected.count(g) == 0) unexpected.insert(g);
  }
  std::string line = absl::StrCat(what, ": expected ", SetText(expected), ", got ", SetText(got));
  if (!missing.empty()) absl::StrAppend(&line, "; missing ", SetText(missing));
  if (!unexpected.empty()) absl::StrAppend(&line, "; unexpected ", SetText(unexpected));
  return line;
}

std::string FieldsText(const std::vector<pb::FieldError>& errors) {
  std::vector<std::string> parts;
  for (const auto& e : errors) parts.push_back(absl::StrCat(e.field(), " (", e.description(), ")"));
  return parts.empty() ? "none" : absl::StrJoin(parts, ", ");
}

CaseResult Failed(const pt::GoldenCase& c, std::string message) {
  return {c.name(), false, std::move(message)};
}

// A load error names setting `key` when the key appears in its message as a
// whole word (the loader passes the plugin's Error, field errors included,
// into the status message).
bool NamesKey(const std::string& message, const std::string& key) {
  auto is_word = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
  for (size_t at = message.find(key); at != std::string::npos; at = message.find(key, at + 1)) {
    const size_t end = at + key.size();
    if ((at == 0 || !is_word(message[at - 1])) &&
        (end == message.size() || !is_word(message[end]))) {
      return true;
    }
  }
  return false;
}

}  // namespace

absl::StatusOr<pt::GoldenCases> ParseGoldenText(const std::string& text) {
  pt::GoldenCases cases;
  ErrorList errors;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text, &cases)) return absl::InvalidArgumentError(errors.Joined());
  return cases;
}

absl::StatusOr<pt::GoldenCases> ReadGoldenFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<pt::GoldenCases> cases = ParseGoldenText(text.str());
  if (!cases.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ":", cases.status().message()));
  }
  return cases;
}

std::string FindGoldenBeside(const std::string& plugin_path) {
  const size_t slash = plugin_path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : plugin_path.substr(0, slash);
  std::string name = slash == std::string::npos ? plugin_path : plugin_path.substr(slash + 1);
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".so") == 0) {
    const std::string named =
        absl::StrCat(dir, "/", name.substr(0, name.size() - 3), ".golden.textproto");
    if (FileExists(named)) return named;
  }
  const std::string plain = dir + "/golden.textproto";
  return FileExists(plain) ? plain : "";
}

absl::StatusOr<IntakeInput> ToIntakeInput(const pt::GoldenCase& golden_case) {
  IntakeInput input;
  input.modality = golden_case.modality();
  for (const auto& a : golden_case.answers()) {
    absl::StatusOr<pb::Answer> answer = Reparse<pb::Answer>(a);
    if (!answer.ok()) return answer.status();
    input.answers.push_back(std::move(*answer));
  }
  for (const auto& [name, v] : golden_case.client_fields()) {
    absl::StatusOr<pb::Value> value = Reparse<pb::Value>(v);
    if (!value.ok()) return value.status();
    input.client_fields[name] = std::move(*value);
  }
  input.clearances_on_file.assign(golden_case.clearances_on_file().begin(),
                                  golden_case.clearances_on_file().end());
  // The plugin protocol carries whole seconds; dropping nanos silently would
  // screen a different visit than the case shows.
  if (golden_case.visit_after().nanos() != 0) {
    return absl::InvalidArgumentError("visit_after must be whole seconds (nanos 0)");
  }
  input.visit_after_seconds = golden_case.visit_after().seconds();
  return input;
}

std::vector<std::string> CaseNameProblems(const pt::GoldenCases& cases) {
  std::vector<std::string> problems;
  std::map<std::string, int> first_index;
  for (int i = 0; i < cases.cases_size(); ++i) {
    const std::string& name = cases.cases(i).name();
    if (name.empty()) {
      problems.push_back(absl::StrCat("case #", i + 1, " has no name"));
    } else if (auto [it, inserted] = first_index.emplace(name, i); !inserted) {
      problems.push_back(absl::StrCat("case #", i + 1, " repeats the name '", name, "' of case #",
                                      it->second + 1));
    }
  }
  return problems;
}

GoldenRunner::GoldenRunner(std::string plugin_path, GoldenOptions options)
    : plugin_path_(std::move(plugin_path)), options_(std::move(options)) {}

const absl::StatusOr<std::unique_ptr<plugins::Plugin>>& GoldenRunner::PluginFor(
    const Settings& settings) {
  auto it = plugins_.find(settings);
  if (it == plugins_.end()) {
    plugins::PluginSpec spec;
    spec.path = plugin_path_;
    spec.mode = options_.mode;
    spec.settings = settings;
    spec.call_timeout = options_.call_timeout;
    spec.host_executable = options_.host_executable;
    it = plugins_.emplace(settings, plugins::LoadPlugin(spec)).first;
  }
  return it->second;
}

std::vector<CaseResult> GoldenRunner::RunAll(const pt::GoldenCases& cases) {
  std::vector<CaseResult> results;
  std::set<std::string> seen;
  for (const auto& c : cases.cases()) {
    if (c.name().empty()) {
      results.push_back(Failed(c, "the case has no name"));
    } else if (!seen.insert(c.name()).second) {
      results.push_back(Failed(c, "another case has the same name: names must be unique"));
    } else {
      results.push_back(Run(c));
    }
  }
  return results;
}

CaseResult GoldenRunner::Run(const pt::GoldenCase& c) {
  const bool expects_invalid = !c.expect_invalid().empty();
  if (expects_invalid &&
      (c.expect_outcome() != 0 || !c.expect_rules().empty() || !c.expect_modifications().empty() ||
       !c.expect_finding_outcomes().empty() || !c.expect_findings().empty())) {
    return Failed(c,
                  "expect_invalid cannot be combined with expect_outcome/rules/modifications/"
                  "finding_outcomes/findings (an invalid intake is not screened)");
  }

  const auto& loaded = PluginFor(Settings(c.settings().begin(), c.settings().end()));
  if (!loaded.ok()) {
    const std::string error(loaded.status().message());
    if (!expects_invalid) return Failed(c, absl::StrCat("the plugin did not load: ", error));
    std::vector<std::string> unnamed;
    for (const auto& key : c.expect_invalid()) {
      if (!NamesKey(error, key)) unnamed.push_back(key);
    }
    if (!unnamed.empty()) {
      return Failed(c, absl::StrCat("the plugin did not load, but its error does not name {",
                                    absl::StrJoin(unnamed, ", "), "}: ", error));
    }
    return {c.name(), true, ""};
  }
  plugins::Plugin& plugin = **loaded;

  absl::StatusOr<IntakeInput> input = ToIntakeInput(c);
  if (!input.ok()) return Failed(c, std::string(input.status().message()));
  absl::StatusOr<ModalityForm> target = FindModalityForm(plugin.descriptor(), input->modality);
  if (!target.ok()) return Failed(c, std::string(target.status().message()));

  absl::StatusOr<std::vector<pb::FieldError>> errors =
      ValidateLikeHost(plugin, *target, MakeResponse(*target->form, input->answers));
  if (!errors.ok())
    return Failed(c, absl::StrCat("ValidateIntake failed: ", errors.status().ToString()));

  if (expects_invalid) {
    std::set<std::string> fields;
    for (const auto& e : *errors) fields.insert(e.field());
    std::set<std::string> missing;
    for (const auto& id : c.expect_invalid()) {
      if (fields.count(id) == 0) missing.insert(id);
    }
    if (!missing.empty()) {
      return Failed(c, absl::StrCat("invalid: expected errors for ", SetText(missing),
                                    ", got errors for ", SetText(fields)));
    }
    return {c.name(), true, ""};
  }
  if (!errors->empty()) {
    return Failed(c, absl::StrCat("the answers are invalid: ", FieldsText(*errors)));
  }

  absl::StatusOr<pb::ScreenRequest> request =
      MakeScreenRequest(plugin.descriptor(), *target, *input);
  if (!request.ok()) return Failed(c, std::string(request.status().message()));
  absl::StatusOr<pb::ScreenResponse> response = plugin.Screen(*request);
  if (!response.ok())
    return Failed(c, absl::StrCat("Screen failed: ", response.status().ToString()));
  if (absl::Status accepted = HostAcceptsReply(*response); !accepted.ok()) {
    return Failed(c, std::string(accepted.message()));
  }

  std::vector<std::string> diffs;
  const pb::Outcome got = sdk::OutcomeOf(response->findings());
  const pb::Outcome expected = static_cast<pb::Outcome>(c.expect_outcome());
  if (c.expect_outcome() == 0) {
    diffs.push_back(
        absl::StrCat("outcome: the case sets no expect_outcome, got ", sdk::OutcomeName(got)));
  } else if (got != expected) {
    diffs.push_back(absl::StrCat("outcome: expected ", sdk::OutcomeName(expected), ", got ",
                                 sdk::OutcomeName(got)));
  }
  std::set<std::string> rules, modifications;
  for (const auto& f : response->findings()) {
    rules.insert(f.rule_id());
    for (const auto& m : f.modifications()) modifications.insert(sdk::ModificationText(m));
  }
  const std::string rule_diff = SetDiff(
      "rules", std::set<std::string>(c.expect_rules().begin(), c.expect_rules().end()), rules);
  if (!rule_diff.empty()) diffs.push_back(rule_diff);
  const std::string modification_diff = SetDiff(
      "modifications",
      std::set<std::string>(c.expect_modifications().begin(), c.expect_modifications().end()),
      modifications);
  if (!modification_diff.empty()) diffs.push_back(modification_diff);
  for (std::string& line : FindingExpectationDiffs(c, response->findings())) {
    diffs.push_back(std::move(line));
  }

  if (!diffs.empty()) return Failed(c, absl::StrJoin(diffs, "\n"));
  return {c.name(), true, ""};
}

}  // namespace fascia::plugin_check
