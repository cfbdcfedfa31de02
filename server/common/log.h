// Structured logging: one JSON object per line on stderr.
//
//   Log(LogLevel::kInfo, "rpc", {{"method", m}, {"code", "OK"}}, {{"latency_us", 120}});
//
// Thread-safe. Never pass request bodies, health data or secrets as fields:
// the logger writes what it is given.
#ifndef FASCIA_COMMON_LOG_H_
#define FASCIA_COMMON_LOG_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace fascia {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view text);
void SetMinLogLevel(LogLevel level);
bool LogEnabled(LogLevel level);

// Text for a log field from any string type. Debian's Abseil is built with
// its own absl::string_view (not std::string_view), so both are accepted.
class LogText {
 public:
  LogText(const char* s) : view_(s) {}
  LogText(const std::string& s) : view_(s) {}
  LogText(std::string_view s) : view_(s) {}
  LogText(absl::string_view s) : view_(s.data(), s.size()) {}
  std::string_view view() const { return view_; }

 private:
  std::string_view view_;
};

struct LogStringField {
  LogText key;
  LogText value;
};
struct LogIntField {
  LogText key;
  int64_t value;
};

void Log(LogLevel level, LogText event,
         std::initializer_list<LogStringField> strings = {},
         std::initializer_list<LogIntField> ints = {});

// Appends `text` to `out` as a JSON string literal (quotes included).
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace fascia

#endif  // FASCIA_COMMON_LOG_H_
