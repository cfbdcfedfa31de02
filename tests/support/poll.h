// Waiting in tests for something another process or thread will make true,
// without guessing a pause: check, sleep a little, check again, give up after
// a limit generous enough for a loaded 2-core CI machine.
//
//   ASSERT_TRUE(fascia::testing::PollFor([&] { return Restarted(); }))
//       << "the plugin host was not restarted within 30s";
//
// Header-only, so any test binary that has tests/ on its include path can use
// it without linking more.
#ifndef FASCIA_TESTS_SUPPORT_POLL_H_
#define FASCIA_TESTS_SUPPORT_POLL_H_

#include <functional>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace fascia::testing {

// True as soon as `done()` is (checked every `interval`), false if it is
// still false after `limit`.
inline bool PollFor(const std::function<bool()>& done, absl::Duration limit = absl::Seconds(30),
                    absl::Duration interval = absl::Milliseconds(20)) {
  const absl::Time give_up = absl::Now() + limit;
  while (!done()) {
    if (absl::Now() >= give_up) return false;
    absl::SleepFor(interval);
  }
  return true;
}

}  // namespace fascia::testing

#endif  // FASCIA_TESTS_SUPPORT_POLL_H_
