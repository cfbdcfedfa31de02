// Text form of a CheckResult; see check_result.h.
#include "check_result.h"

#include "absl/strings/str_replace.h"

namespace fascia::plugin_check {

std::string Format(const CheckResult& result) {
  std::string line = (result.passed ? "PASS " : "FAIL ") + result.name;
  if (!result.detail.empty()) {
    line += ": " + absl::StrReplaceAll(result.detail, {{"\n", "\n    "}});
  }
  return line;
}

}  // namespace fascia::plugin_check
