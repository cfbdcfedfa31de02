// SQL for appointments: the one table where the database itself refuses
// double bookings (see migrations/*/0001_scheduling.sql).
//
// Every function runs inside the caller's transaction. Times are Unix
// microseconds. `active` rows occupy time: staff and room for
// [block_start, block_end) (buffers included), the client for [start, end).
#ifndef FASCIA_STORAGE_APPOINTMENT_REPOSITORY_H_
#define FASCIA_STORAGE_APPOINTMENT_REPOSITORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/database.h"

namespace fascia::storage {

struct AppointmentRow {
  std::string name;
  std::string organization;
  std::string location;
  std::string client;
  std::string staff;
  std::string room;
  std::string service;
  int64_t start_us = 0;
  int64_t end_us = 0;
  int64_t block_start_us = 0;
  int64_t block_end_us = 0;
  int status = 0;  // fascia.v1.AppointmentStatus number
  bool active = false;
  int64_t revision = 0;
  absl::Time create_time;
  absl::Time update_time;
  std::string data;  // serialized fascia.v1.Appointment
};

// Which party an overlapping active appointment belongs to.
enum class Overlap { kNone, kStaff, kRoom, kClient };

// The constraint names both engines use (trigger messages / exclusion
// constraints), mapped back to the party.
Overlap OverlapFromConstraint(std::string_view constraint);

// Whose busy time BusyTimes reads: a staff member's or a room's blocks
// (buffers included), or a client's appointments (buffers excluded).
enum class Party { kStaff, kRoom, kClient };

// A busy range of names[party_index], one of the names passed to BusyTimes.
struct BusyTime {
  int64_t party_index;
  int64_t start_us, end_us;
};

// Conditions for List; empty strings and nullopt mean "any".
struct AppointmentQuery {
  std::string organization;
  std::string location;  // "" = every location of the organization
  std::string staff, room, client, service;
  std::optional<int> status;
  std::optional<int64_t> start_at_or_after_us, start_before_us;
  // Paging cursor: rows strictly after (start_us, name).
  std::optional<std::pair<int64_t, std::string>> after;
  int limit = 50;
};

class AppointmentRepository {
 public:
  // The longest any appointment (buffers included) may last; bounds the index
  // range scans of the overlap queries. The API refuses longer services.
  static constexpr int64_t kMaxBlockMicros = 24LL * 3600 * 1000 * 1000;

  absl::StatusOr<std::optional<AppointmentRow>> Get(Connection& c, std::string_view name) const;
  absl::StatusOr<std::optional<AppointmentRow>> FindByRequestId(
      Connection& c, std::string_view organization, std::string_view request_id) const;

  // The first party (staff, then room, then client) that an active
  // appointment other than `exclude_name` already occupies in the row's ranges.
  absl::StatusOr<Overlap> FindOverlap(Connection& c, const AppointmentRow& row,
                                      std::string_view exclude_name) const;

  // The ranges of active appointments of `names` (all staff members, all
  // rooms or all clients, as `party` says) that overlap [from_us, to_us), in
  // no particular order. One query whatever the number of names; the rows
  // carry an index into `names` rather than the name, so a search over
  // thousands of appointments copies no strings.
  absl::StatusOr<std::vector<BusyTime>> BusyTimes(Connection& c, Party party,
                                                  const std::vector<std::string>& names,
                                                  int64_t from_us, int64_t to_us) const;

  absl::StatusOr<std::vector<AppointmentRow>> List(Connection& c,
                                                   const AppointmentQuery& query) const;

  // Whether `staff` has (or had) an appointment with `client` that was not
  // entered in error: the treating relationship behind a therapist's access
  // to the client's record.
  absl::StatusOr<bool> Treats(Connection& c, std::string_view staff, std::string_view client,
                              int entered_in_error_status) const;

  // Inserts with revision 1; overlaps and duplicate request ids are
  // ConstraintViolationErrors.
  absl::Status Insert(Connection& c, const AppointmentRow& row, std::string_view request_id) const;

  // Writes status/active/data/update_time if the revision matches; bumps it.
  absl::StatusOr<bool> Update(Connection& c, const AppointmentRow& row,
                              int64_t expected_revision) const;
};

}  // namespace fascia::storage

#endif  // FASCIA_STORAGE_APPOINTMENT_REPOSITORY_H_
