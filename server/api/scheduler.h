// The appointment use cases behind AppointmentService: search availability,
// book, reschedule, change status, read. The gRPC service (appointment_service.cc)
// validates request shape; the Scheduler loads what a decision needs, asks
// domain/ to decide, and writes in one transaction.
//
// No double booking: the database refuses the insert of an overlapping
// appointment (SQLite triggers under a serialized writer, PostgreSQL exclusion
// constraints, there after a query that refuses committed overlaps early) and
// names the party, so the caller gets FAILED_PRECONDITION with reason
// STAFF_BUSY, ROOM_BUSY or CLIENT_BUSY (in that order if several are busy).
// The other booking rules (hours, shifts, qualifications, ...) are decided
// before the write, on configuration that may come from a cache
// (config_cache.h); the write transaction first checks that this
// configuration is still current. Availability search takes the same cached
// configuration after checking its revisions in its own read transaction.
//
// Every use case authorizes the caller (caller.h) before it reads anything;
// for appointments named in the request, a THERAPIST key is checked again
// against the appointment's staff member once it has been read.
//
// Screening gate: booking a service whose modality has a plugin needs a
// current, acceptable screening of the client (scheduler_gate.cc); a search
// for a client applies what such a screening requires (search_screening.h).
//
// Implemented in scheduler_*.cc, one file per use case.
#ifndef FASCIA_API_SCHEDULER_H_
#define FASCIA_API_SCHEDULER_H_

#include <string>

#include "absl/status/statusor.h"
#include "api/caller.h"
#include "api/config_cache.h"
#include "api/resource_crud.h"
#include "api/services.h"
#include "fascia/v1/appointment_service.pb.h"
#include "plugins/plugin_registry.h"
#include "storage/appointment_repository.h"

namespace fascia::api {

class Scheduler {
 public:
  explicit Scheduler(const ApiContext& ctx);

  // REQUIRES for all: the request passed the shape checks in
  // appointment_service.cc (names well formed and within one organization).
  // Fills `response` in place (it can hold thousands of slots), and only if
  // the search succeeds.
  absl::Status Search(Caller& caller, const fascia::v1::SearchAvailabilityRequest& request,
                      int page_size, fascia::v1::SearchAvailabilityResponse& response);
  absl::StatusOr<fascia::v1::Appointment> Book(Caller& caller, const std::string& parent,
                                               const fascia::v1::Appointment& request,
                                               const std::string& request_id);
  absl::StatusOr<fascia::v1::Appointment> Reschedule(
      Caller& caller, const fascia::v1::RescheduleAppointmentRequest& request);
  // Moves an appointment to `to`; `reason` only for CANCELLED / NOSHOW.
  absl::StatusOr<fascia::v1::Appointment> Transition(Caller& caller, const std::string& name,
                                                     fascia::v1::AppointmentStatus to,
                                                     const std::string& reason,
                                                     const std::string& etag);
  absl::StatusOr<fascia::v1::Appointment> Get(Caller& caller, const std::string& name);
  absl::StatusOr<fascia::v1::ListAppointmentsResponse> List(
      Caller& caller, const std::string& parent, const storage::AppointmentQuery& query,
      const std::string& fingerprint, const std::string& page_token);

  struct Booking;   // what one booking decision needs; see scheduler_booking.h
  struct Proposal;  // a decided booking, to be written

 private:
  // Loads what a booking decision needs (from the ConfigCache when
  // `use_cache` and it has it), applies the booking rules (all but "busy",
  // which the database decides on insert), and returns the BOOKED appointment
  // to write, or the reason it cannot be booked.
  absl::StatusOr<Proposal> Propose(const std::string& location, const std::string& service,
                                   const std::string& staff, const std::string& room,
                                   const std::string& client, absl::Time start, bool use_cache);
  // Inside the write transaction: OK if the configuration `p` was decided on
  // is unchanged and its client still exists; ABORTED (reason
  // CONFIGURATION_CHANGED) after forgetting the stale entries, so the caller
  // decides again from the database; or the client's NOT_FOUND /
  // RESOURCE_DELETED.
  absl::Status CheckStillCurrent(storage::Connection& c, const Proposal& p,
                                 const std::string& client);
  // The screening booking gate (screening_gate.h) for a service whose
  // modality has a plugin: blocks (FAILED_PRECONDITION naming the rules) or
  // adds the screening's requirements and modifications to `b`.
  absl::Status ApplyScreeningGate(Booking& b, const std::string& client, absl::Time start,
                                  absl::Time now);
  // PostgreSQL: BusyError for an overlap with a committed appointment, before
  // the insert. Concurrent inserts of overlapping rows wait for each other's
  // uncommitted rows there (and may deadlock, resolved only after
  // deadlock_timeout), so 64 bookers of one slot would queue on locks instead
  // of being refused at once. No-op on SQLite (see the definition).
  absl::Status RefuseCommittedOverlap(storage::Connection& c, const storage::AppointmentRow& row);
  // Reschedule's write: `old` CANCELLED and replaced by `replacement` (whose
  // `replaces` it sets) in one transaction, if `p` is still current.
  absl::Status WriteReplacement(const fascia::v1::Appointment& old, const Proposal& p,
                                fascia::v1::Appointment& replacement,
                                const std::string& request_id);
  absl::StatusOr<Booking> LoadBooking(const std::string& location, const std::string& service,
                                      const std::string& staff, const std::string& room,
                                      const std::string& client, bool use_cache);
  absl::StatusOr<fascia::v1::Appointment> Decode(const storage::AppointmentRow& row) const;
  // The appointment an earlier call with this request_id made, if any;
  // REQUEST_ID_REUSED if it made something else: a booking other than
  // `request` (client, service, staff member, room, start time), or one that
  // does not replace `replaces` (the rescheduled appointment; "" for Book).
  absl::StatusOr<std::optional<fascia::v1::Appointment>> Replay(
      const std::string& organization, const std::string& request_id,
      const fascia::v1::Appointment& request, const std::string& replaces);

  storage::Database& db_;
  Clock clock_;
  storage::AppointmentRepository appointments_;
  ConfigCache config_;
  const plugins::PluginRegistry* plugins_;
  absl::Duration screening_validity_;
};

// The error for an overlap the write transaction or the database found.
absl::Status BusyError(storage::Overlap overlap);

}  // namespace fascia::api

#endif  // FASCIA_API_SCHEDULER_H_
