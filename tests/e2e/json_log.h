// Reads fasciad's structured log (one JSON object per line on stderr).
//
//   JsonLog log = ParseJsonLog(server.Stderr());
//   EXPECT_TRUE(log.bad_lines.empty());
//   for (const auto& line : log.lines) if (StringField(line, "event") == "rpc") ...
//
// Thread-safe (pure functions).
#ifndef FASCIA_TESTS_E2E_JSON_LOG_H_
#define FASCIA_TESTS_E2E_JSON_LOG_H_

#include <string>
#include <vector>

#include <google/protobuf/struct.pb.h>

namespace fascia::e2e {

struct JsonLog {
  std::vector<google::protobuf::Struct> lines;  // the lines that are JSON objects
  std::vector<std::string> bad_lines;           // non-empty lines that are not
};

JsonLog ParseJsonLog(const std::string& text);

// A field's string value ("" if absent or not a string).
std::string StringField(const google::protobuf::Struct& line, const std::string& key);
// True and *out set if the field is a number.
bool NumberField(const google::protobuf::Struct& line, const std::string& key, double* out);

// How many lines of `log` have this "event" and this "method" (e.g.
// "rpc.started", "/fascia.v1.AppointmentService/BookAppointment").
int CountRpcEvents(const JsonLog& log, const std::string& event, const std::string& method);

}  // namespace fascia::e2e

#endif  // FASCIA_TESTS_E2E_JSON_LOG_H_
