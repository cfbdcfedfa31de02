// Shared helpers for the billing domain tests.
#ifndef FASCIA_TESTS_BILLING_TEST_UTIL_H_
#define FASCIA_TESTS_BILLING_TEST_UTIL_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"

namespace fascia::billing::testing {

// Matches an absl::Status with `code` whose message contains `substring`.
MATCHER_P2(StatusIs, code, substring,
           std::string("status ") + absl::StatusCodeToString(code) + " containing \"" +
               std::string(substring) + "\"") {
  const absl::Status& s = arg;
  *result_listener << "status is " << s;
  return s.code() == code && s.message().find(substring) != absl::string_view::npos;
}

// Matches the status of an absl::StatusOr<T> being INVALID_ARGUMENT with
// `substring` in its message.
MATCHER_P(IsInvalid, substring, std::string("INVALID_ARGUMENT containing \"") +
                                    std::string(substring) + "\"") {
  const absl::Status s = arg.status();
  *result_listener << "status is " << s;
  return s.code() == absl::StatusCode::kInvalidArgument &&
         s.message().find(substring) != absl::string_view::npos;
}

}  // namespace fascia::billing::testing

#endif  // FASCIA_TESTS_BILLING_TEST_UTIL_H_
