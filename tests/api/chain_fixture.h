// Builds a small clinic chain through the public API for tests:
//   organizations/acme
//     locations/ny     America/New_York, USD, open every day 08:00-20:00
//       rooms/r1 (no features), rooms/r2 (prenatal-bolsters)
//     locations/london Europe/London, GBP, open every day 08:00-20:00
//       rooms/l1
//   staff/ann  (LMT, prenatal-certified; NY, every day 09:00-17:00, no breaks)
//   staff/ben  (LMT; NY, every day 09:00-17:00)
//   staff/liz  (LMT; London, every day 10:00-18:00)
//   services/swedish  60 min, buffer 15 before / 15 after, LMT, priced in NY and London
//   services/prenatal 60 min, prenatal-certified + prenatal-bolsters, NY only
//   clients/c1, clients/c2
// Booking policy: no lead time, 400-day window, 15-minute slots.
#ifndef FASCIA_TESTS_API_CHAIN_FIXTURE_H_
#define FASCIA_TESTS_API_CHAIN_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_server.h"

namespace fascia::testing {

inline constexpr char kOrg[] = "organizations/acme";
inline constexpr char kNy[] = "organizations/acme/locations/ny";
inline constexpr char kLondon[] = "organizations/acme/locations/london";
inline constexpr char kRoom1[] = "organizations/acme/locations/ny/rooms/r1";
inline constexpr char kRoom2[] = "organizations/acme/locations/ny/rooms/r2";
inline constexpr char kLondonRoom[] = "organizations/acme/locations/london/rooms/l1";
inline constexpr char kAnn[] = "organizations/acme/staff/ann";
inline constexpr char kBen[] = "organizations/acme/staff/ben";
inline constexpr char kLiz[] = "organizations/acme/staff/liz";
inline constexpr char kSwedish[] = "organizations/acme/services/swedish";
inline constexpr char kPrenatal[] = "organizations/acme/services/prenatal";
inline constexpr char kClient1[] = "organizations/acme/clients/c1";
inline constexpr char kClient2[] = "organizations/acme/clients/c2";

// Parses protobuf text format; fails the test on a typo.
template <typename T>
T Text(const std::string& text);

void BuildChain(TestServer& server);

// Base fixture for tests run on both engines: SetUp() starts a server on a
// fresh database of GetParam() (a test failure if PostgreSQL is missing)
// and builds the chain. A derived SetUp calls it first and returns if
// HasFatalFailure().
class ChainOnEngineTest : public ::testing::TestWithParam<storage::Engine> {
 protected:
  void SetUp() override;
  std::unique_ptr<TestServer> server_;
};

// INSTANTIATE_TEST_SUITE_P(Engines, SomeChainOnEngineTest, kBothEngines, EngineParamName);
inline const auto kBothEngines =
    ::testing::Values(storage::Engine::kSqlite, storage::Engine::kPostgres);
inline std::string EngineParamName(const ::testing::TestParamInfo<storage::Engine>& info) {
  return EngineName(info.param);
}

// Books `service` for `client` with `staff` in `room` at `start` (NY unless
// the room says otherwise) and returns the status; fills *out when given.
grpc::Status Book(TestServer& server, const std::string& client, const std::string& staff,
                  const std::string& room, absl::Time start,
                  const std::string& service = kSwedish, v1::Appointment* out = nullptr,
                  const std::string& request_id = "");

// SearchAvailability of services/swedish at `location` for starts in
// [from, to), optionally for one staff member; a failed expectation unless
// it answers OK.
v1::SearchAvailabilityResponse SearchSwedish(TestServer& server, const std::string& location,
                                             const std::string& staff, absl::Time from,
                                             absl::Time to, int page_size = 0,
                                             const std::string& page_token = "");

// An offer of a SearchAvailabilityResponse with its slot's times and its
// staff member and room looked up in the response's lists (a position out
// of range fails the test and leaves the name empty); in response order.
struct NamedSlot {
  absl::Time start;
  absl::Time end;
  std::string staff_member;
  std::string room;
};
std::vector<NamedSlot> NamedSlots(const v1::SearchAvailabilityResponse& response);

}  // namespace fascia::testing

#endif  // FASCIA_TESTS_API_CHAIN_FIXTURE_H_
