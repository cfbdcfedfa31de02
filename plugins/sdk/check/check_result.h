// One line of fascia-plugin-check's report: a named check that passed or
// failed, with a reason (FAIL) or a measurement (PASS, optional).
//
//   Format({"golden[isolated] pn2_second_trimester", false, "rules: ..."})
//     -> "FAIL golden[isolated] pn2_second_trimester: rules: ..."
//
// Multi-line details (golden diffs) are indented so each report stays one
// visually distinct block and every new check starts with PASS or FAIL.
// Details never carry answers or finding messages: only rule ids, outcome
// names, modification codes, link_ids and measurements.
#ifndef FASCIA_PLUGIN_CHECK_CHECK_RESULT_H_
#define FASCIA_PLUGIN_CHECK_CHECK_RESULT_H_

#include <functional>
#include <string>

namespace fascia::plugin_check {

struct CheckResult {
  std::string name;
  bool passed = false;
  std::string detail;  // why it failed, or what was measured
};

// Receives each result as soon as its check finishes (long checks stream).
using Reporter = std::function<void(const CheckResult&)>;

std::string Format(const CheckResult& result);

inline CheckResult Pass(std::string name, std::string detail = "") {
  return {std::move(name), true, std::move(detail)};
}
inline CheckResult Fail(std::string name, std::string why) {
  return {std::move(name), false, std::move(why)};
}

}  // namespace fascia::plugin_check

#endif  // FASCIA_PLUGIN_CHECK_CHECK_RESULT_H_
