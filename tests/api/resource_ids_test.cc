// Generated ids: both kinds are valid ids of 20 characters and unique; the
// time-ordered kind sorts by the millisecond it was made in.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "absl/time/time.h"
#include "api/resource_names.h"

namespace fascia::api {
namespace {

TEST(GenerateIdTest, ValidAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = GenerateId();
    EXPECT_EQ(id.size(), 20u);
    EXPECT_TRUE(IsValidId(id)) << id;
    EXPECT_TRUE(seen.insert(id).second) << id;
  }
}

TEST(GenerateTimeOrderedIdTest, LaterMillisecondsSortLaterWhateverTheRandomPart) {
  const absl::Time t0 = absl::FromUnixMillis(1'732'000'000'000);
  std::string previous;
  for (int ms = 0; ms < 2000; ms += 7) {
    std::string id = GenerateTimeOrderedId(t0 + absl::Milliseconds(ms));
    EXPECT_EQ(id.size(), 20u);
    EXPECT_TRUE(IsValidId(id)) << id;
    EXPECT_LT(previous, id);
    previous = id;
  }
  // Up to the year 3000 as well (45 bits of milliseconds).
  EXPECT_LT(GenerateTimeOrderedId(t0),
            GenerateTimeOrderedId(absl::FromCivil(absl::CivilSecond(3000, 1, 1, 0, 0, 0),
                                                  absl::UTCTimeZone())));
}

TEST(GenerateTimeOrderedIdTest, SameMillisecondStillUnique) {
  const absl::Time t = absl::FromUnixMillis(1'732'000'000'000);
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = GenerateTimeOrderedId(t);
    EXPECT_EQ(id.substr(0, 9), GenerateTimeOrderedId(t).substr(0, 9));
    EXPECT_TRUE(seen.insert(id).second) << id;
  }
}

}  // namespace
}  // namespace fascia::api
