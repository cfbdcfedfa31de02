// See json_log.h.
#include "json_log.h"

#include <google/protobuf/util/json_util.h>

#include <sstream>

namespace fascia::e2e {

JsonLog ParseJsonLog(const std::string& text) {
  JsonLog log;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    google::protobuf::Struct parsed;
    // protobuf's JSON parser is strict (no trailing garbage, valid escapes),
    // which is what a log shipper will be.
    if (line.front() == '{' && google::protobuf::util::JsonStringToMessage(line, &parsed).ok()) {
      log.lines.push_back(std::move(parsed));
    } else {
      log.bad_lines.push_back(line);
    }
  }
  return log;
}

std::string StringField(const google::protobuf::Struct& line, const std::string& key) {
  auto it = line.fields().find(key);
  if (it == line.fields().end() || !it->second.has_string_value()) return "";
  return it->second.string_value();
}

bool NumberField(const google::protobuf::Struct& line, const std::string& key, double* out) {
  auto it = line.fields().find(key);
  if (it == line.fields().end() || !it->second.has_number_value()) return false;
  *out = it->second.number_value();
  return true;
}

int CountRpcEvents(const JsonLog& log, const std::string& event, const std::string& method) {
  int count = 0;
  for (const auto& line : log.lines) {
    if (StringField(line, "event") == event && StringField(line, "method") == method) ++count;
  }
  return count;
}

}  // namespace fascia::e2e
