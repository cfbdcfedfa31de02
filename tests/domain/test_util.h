// Shared helpers for the domain tests: loading IANA zones and writing
// instants and local wall times compactly.
//
// Zones come from /usr/share/zoneinfo; a missing zone aborts the test binary
// rather than silently falling back to UTC (which LoadTimeZone does).
#ifndef FASCIA_TESTS_DOMAIN_TEST_UTIL_H_
#define FASCIA_TESTS_DOMAIN_TEST_UTIL_H_

#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/local_time.h"

namespace fascia {
namespace domain {
namespace testing {

inline absl::TimeZone Zone(const std::string& name) {
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(name, &tz)) {
    std::fprintf(stderr, "cannot load time zone %s\n", name.c_str());
    std::abort();
  }
  return tz;
}

// An instant given in UTC.
inline absl::Time Utc(int y, int mo, int d, int h = 0, int mi = 0) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi),
                         absl::UTCTimeZone());
}

// An instant given as an (existing, unambiguous) local wall time.
inline absl::Time Local(const absl::TimeZone& tz, int y, int mo, int d,
                        int h = 0, int mi = 0) {
  return ResolveWallTime(absl::CivilMinute(y, mo, d, h, mi), tz);
}

inline int Hm(int h, int m = 0) { return h * 60 + m; }

}  // namespace testing
}  // namespace domain
}  // namespace fascia

#endif  // FASCIA_TESTS_DOMAIN_TEST_UTIL_H_
