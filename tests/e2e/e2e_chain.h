// The test clinic chain of tests/api/chain_fixture.h, built through any
// channel (a fasciad child process) instead of an in-process TestServer, and
// small appointment helpers. Every RPC carries a deadline (rpc_util.h).
//
//   organizations/acme
//     locations/ny     America/New_York, USD, open every day 08:00-20:00
//       rooms/r1, rooms/r2 (prenatal-bolsters)
//     locations/london Europe/London, GBP, open every day 08:00-20:00
//       rooms/l1
//   staff/ann, staff/ben  (LMT; NY, every day 09:00-17:00)
//   staff/liz             (LMT; London, every day 10:00-18:00)
//   services/swedish  60 min, 15 min buffers before and after, NY and London
//   services/prenatal 60 min, NY only
//   clients/c1, clients/c2
// Booking policy: no lead time, 400-day window, 15-minute slots. fasciad runs
// on the real clock, so tests book about a week ahead (NextWeekInNewYork).
// The organization itself must exist already (`fasciad bootstrap`), and the
// channel must carry its OWNER key.
//
//   ASSERT_TRUE(server.Bootstrap("acme"));
//   ChainApi api(server.NewChannel());
//   BuildChain(api);
//   if (::testing::Test::HasFatalFailure()) return;
//   v1::Appointment a;
//   ASSERT_TRUE(Book(api, kClient1, kAnn, kRoom1, NextWeekInNewYork(10), &a).ok());
//
// Thread-safe: a ChainApi may be shared by threads (gRPC stubs are).
#ifndef FASCIA_TESTS_E2E_E2E_CHAIN_H_
#define FASCIA_TESTS_E2E_E2E_CHAIN_H_

#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"
#include "fascia/v1/appointment_service.grpc.pb.h"
#include "fascia/v1/catalog_service.grpc.pb.h"
#include "fascia/v1/client_service.grpc.pb.h"
#include "fascia/v1/location_service.grpc.pb.h"
#include "fascia/v1/organization_service.grpc.pb.h"
#include "fascia/v1/staff_service.grpc.pb.h"

namespace fascia::e2e {

namespace v1 = fascia::v1;

inline constexpr char kOrg[] = "organizations/acme";
inline constexpr char kNy[] = "organizations/acme/locations/ny";
inline constexpr char kLondon[] = "organizations/acme/locations/london";
inline constexpr char kAllLocations[] = "organizations/acme/locations/-";
inline constexpr char kRoom1[] = "organizations/acme/locations/ny/rooms/r1";
inline constexpr char kRoom2[] = "organizations/acme/locations/ny/rooms/r2";
inline constexpr char kLondonRoom[] = "organizations/acme/locations/london/rooms/l1";
inline constexpr char kAnn[] = "organizations/acme/staff/ann";
inline constexpr char kBen[] = "organizations/acme/staff/ben";
inline constexpr char kLiz[] = "organizations/acme/staff/liz";
inline constexpr char kSwedish[] = "organizations/acme/services/swedish";
inline constexpr char kClient1[] = "organizations/acme/clients/c1";
inline constexpr char kClient2[] = "organizations/acme/clients/c2";

// Stubs for every service over one channel.
struct ChainApi {
  explicit ChainApi(std::shared_ptr<grpc::Channel> channel);

  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::OrganizationService::Stub> orgs;
  std::unique_ptr<v1::LocationService::Stub> locations;
  std::unique_ptr<v1::StaffService::Stub> staff;
  std::unique_ptr<v1::CatalogService::Stub> catalog;
  std::unique_ptr<v1::ClientService::Stub> clients;
  std::unique_ptr<v1::AppointmentService::Stub> appointments;
};

// Creates the chain under organizations/acme; a failed call is a fatal test
// failure.
void BuildChain(ChainApi& api);

// `days_ahead` days from today (New York date), at `hour`:00 New York time.
absl::Time NextWeekInNewYork(int hour, int days_ahead = 7);
google::protobuf::Timestamp Ts(absl::Time t);

// Books Swedish for `client` with `staff` in `room` at `start`; the location
// is the room's.
grpc::Status Book(ChainApi& api, const std::string& client, const std::string& staff,
                  const std::string& room, absl::Time start, v1::Appointment* out = nullptr);
v1::BookAppointmentRequest BookRequest(const std::string& client, const std::string& staff,
                                       const std::string& room, absl::Time start);

grpc::Status GetAppointment(ChainApi& api, const std::string& name, v1::Appointment* out);
// A configuration read: unlike appointment and client reads it writes no
// audit event, so it never waits for the database's write lock.
grpc::Status GetLocation(ChainApi& api, const std::string& name, v1::Location* out = nullptr);
grpc::Status CancelAppointment(ChainApi& api, const std::string& name, const std::string& etag,
                               const std::string& reason, v1::Appointment* out);
grpc::Status CreateClient(ChainApi& api, const std::string& id, const std::string& given_name,
                          const std::string& family_name, v1::Client* out = nullptr);

// Every appointment under `parent`, all pages; a failed call is a test failure.
std::vector<v1::Appointment> ListAllAppointments(ChainApi& api,
                                                 const std::string& parent = kAllLocations);

}  // namespace fascia::e2e

#endif  // FASCIA_TESTS_E2E_E2E_CHAIN_H_
