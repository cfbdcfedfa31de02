// The appointment use cases behind AppointmentService: search availability,
// book, reschedule, change status, read. The gRPC service (appointment_service.cc)
// validates request shape; the Scheduler loads what a decision needs, asks
// domain/ to decide, and writes in one transaction.
//
// No double booking: the read-side checks give a precise "why not"; the write
// transaction checks overlaps again and the database's constraints (SQLite
// triggers under a serialized writer, PostgreSQL exclusion constraints) refuse
// any overlap that a concurrent writer slipped in. Either way the caller gets
// FAILED_PRECONDITION with reason STAFF_BUSY, ROOM_BUSY or CLIENT_BUSY.
//
// Every use case authorizes the caller (caller.h) before it reads anything;
// for appointments named in the request, a THERAPIST key is checked again
// against the appointment's staff member once it has been read.
//
// Screening gate: booking a service whose modality has a plugin needs a
// current, acceptable screening of the client (scheduler_gate.cc).
//
// Implemented in scheduler_*.cc, one file per use case.
#ifndef FASCIA_API_SCHEDULER_H_
#define FASCIA_API_SCHEDULER_H_

#include <string>

#include "absl/status/statusor.h"
#include "api/caller.h"
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
  absl::StatusOr<fascia::v1::SearchAvailabilityResponse> Search(
      Caller& caller, const fascia::v1::SearchAvailabilityRequest& request, int page_size);
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

  struct Booking;  // what one booking decision needs; see scheduler_book.cc

 private:
  // Loads what a booking decision needs, applies the booking rules (all but
  // "busy", which the write transaction decides), and returns the BOOKED
  // appointment to write, or the reason it cannot be booked.
  absl::StatusOr<fascia::v1::Appointment> Propose(const std::string& location,
                                                  const std::string& service,
                                                  const std::string& staff,
                                                  const std::string& room,
                                                  const std::string& client, absl::Time start);
  // The screening booking gate (screening_gate.h) for a service whose
  // modality has a plugin: blocks (FAILED_PRECONDITION naming the rules) or
  // adds the screening's requirements and modifications to `b`.
  absl::Status ApplyScreeningGate(Booking& b, const std::string& client, absl::Time start,
                                  absl::Time now);
  absl::StatusOr<Booking> LoadBooking(const std::string& location, const std::string& service,
                                      const std::string& staff, const std::string& room,
                                      const std::string& client);
  absl::StatusOr<fascia::v1::Appointment> Decode(const storage::AppointmentRow& row) const;
  // The booking an earlier call with this request_id made, if any;
  // REQUEST_ID_REUSED if it booked something else.
  absl::StatusOr<std::optional<fascia::v1::Appointment>> Replay(
      const std::string& organization, const std::string& request_id,
      const fascia::v1::Appointment& request);

  storage::Database& db_;
  Clock clock_;
  storage::AppointmentRepository appointments_;
  const plugins::PluginRegistry* plugins_;
  absl::Duration screening_validity_;
};

// The error for an overlap the write transaction or the database found.
absl::Status BusyError(storage::Overlap overlap);

}  // namespace fascia::api

#endif  // FASCIA_API_SCHEDULER_H_
