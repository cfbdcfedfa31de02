// Builds the benchmark's clinic chain through the public API (untimed), so
// the measured server holds exactly what a real chain would have written.
// The organization must already exist (`fasciad bootstrap` makes it and the
// OWNER key the calls carry); every id below is prefixed with `id_prefix`
// so a rerun against the same organization does not collide.
//
//   organizations/{org_id}
//     locations/search   America/New_York, open 00:00-24:00 every day,
//                        no lead time, 400-day window, 15-minute slots
//       rooms/a-room-00..09, staff/a-staff-00..19 (shifts 08:00-20:00 daily),
//       clients/a-client-00..09, and `existing_appointments` (default 2,000)
//       BOOKED appointments in the 14 local days from tomorrow
//     locations/booking  America/New_York, open and staffed 24/7
//       rooms/b-room-000..099, staff/b-staff-000..099, clients/b-client-000..099
//     services/massage   60 min + 15 min buffers each side, offered at search
//     services/express   30 min, no buffers, offered at search (the existing
//                        appointments: 10 rooms x 12 staffed hours x 14 days
//                        hold only 1,120 ninety-minute massage blocks, so
//                        2,000 appointments must be shorter ones)
//     services/quick     15 min, no buffers, offered at booking
//
// The existing appointments follow a fixed pattern per room and day: runs of
// five 30-minute appointments separated by 90-minute gaps, the gaps shifted
// per room and day, so a massage search finds some but not all starts free.
// Room r's appointments go to client r and to staff r or r + 10 alternately,
// which is why none of them conflict. Up to 2,100 fit the pattern.
//
// BookingRequest(k) gives distinct, conflict-free bookings at the booking
// location for k = 0, 1, 2, ...: staff, room and client k % 100, start
// booking_base + (k / 100) * 15 min.
//
// Thread-safety: BuildChain is called once; a built Chain is immutable and
// BookingRequest may be called concurrently.
#ifndef FASCIA_TESTS_BENCH_CHAIN_SETUP_H_
#define FASCIA_TESTS_BENCH_CHAIN_SETUP_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "fascia/v1/appointment_service.pb.h"

namespace fascia::bench {

struct ChainOptions {
  std::string org_id;             // an existing organization
  std::string api_key;            // sent as `authorization: Bearer <key>`; OWNER of org_id
  std::string id_prefix;          // prepended to every id created, e.g. "r5f3a-"
  int existing_appointments = 2000;
  int setup_threads = 16;         // concurrent setup calls
  absl::Time now;                 // "tomorrow" is the day after this, in New York
};

struct Chain {
  std::string org;
  std::string search_location;
  std::string search_service;        // massage: 60 min + 15/15 buffers
  absl::Time window_start;           // tomorrow 00:00 local
  absl::Time window_end;             // 14 local days later
  int search_staff = 0;
  int search_rooms = 0;
  int existing_appointments = 0;
  int existing_skipped = 0;          // candidates the server refused (should be 0)

  std::string booking_location;
  std::string booking_service;       // quick: 15 min
  // Every service's price (USD, no taxes anywhere): a visit's invoice total.
  int64_t booking_price_minor = 9000;
  std::vector<std::string> booking_staff, booking_rooms, booking_clients;
  absl::Time booking_base;

  fascia::v1::BookAppointmentRequest BookingRequest(int64_t k) const;
  // The whole window, every therapist, the first `page_size` slots.
  fascia::v1::SearchAvailabilityRequest SearchRequest(int page_size) const;
};

// Creates the chain over `channels` (spread round robin). Fails with the
// first RPC error other than a refused existing-appointment candidate.
absl::StatusOr<Chain> BuildChain(const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                                 const ChainOptions& options);

}  // namespace fascia::bench

#endif  // FASCIA_TESTS_BENCH_CHAIN_SETUP_H_
