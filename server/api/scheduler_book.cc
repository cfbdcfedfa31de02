// Scheduler: booking and rescheduling; see scheduler.h.
#include "absl/strings/str_cat.h"
#include "api/resource_types.h"
#include "api/schedule_convert.h"
#include "api/scheduler.h"
#include "api/scheduler_booking.h"
#include "api/target.h"
#include "domain/booking_rules.h"

namespace fascia::api {

namespace v1 = fascia::v1;


namespace {

absl::Status ConflictError(domain::BookingConflict conflict) {
  std::string reason(domain::BookingConflictReason(conflict));
  std::string message(domain::BookingConflictMessage(conflict));
  return ReasonError(absl::StatusCode::kFailedPrecondition, reason, message);
}

absl::Status RequestIdReused() {
  return ReasonError(absl::StatusCode::kAlreadyExists, "REQUEST_ID_REUSED",
                     "request_id was already used for a different booking");
}

bool SameBooking(const v1::Appointment& a, const v1::Appointment& b) {
  return a.client() == b.client() && a.service() == b.service() &&
         a.staff_member() == b.staff_member() && a.room() == b.room() &&
         ToTime(a.start_time()) == ToTime(b.start_time());
}

// The row for a new booking of `a` (whose times and names are filled in).
storage::AppointmentRow NewRow(const v1::Appointment& a, const std::string& organization) {
  storage::AppointmentRow row;
  row.name = a.name();
  row.organization = organization;
  row.location = NamePrefix(a.name(), 4);
  row.client = a.client();
  row.staff = a.staff_member();
  row.room = a.room();
  row.service = a.service();
  row.start_us = absl::ToUnixMicros(ToTime(a.start_time()));
  row.end_us = absl::ToUnixMicros(ToTime(a.end_time()));
  row.block_start_us = row.start_us - absl::ToInt64Microseconds(ToDuration(a.buffer_before()));
  row.block_end_us = row.end_us + absl::ToInt64Microseconds(ToDuration(a.buffer_after()));
  row.status = a.status();
  row.active = domain::OccupiesTime(ToDomainStatus(a.status()));
  row.create_time = ToTime(a.create_time());
  row.update_time = ToTime(a.update_time());
  v1::Appointment stored = a;
  stored.clear_etag();
  row.data = stored.SerializeAsString();
  return row;
}

// A BOOKED appointment of `b` at `start`, named under `location`.
v1::Appointment NewAppointment(const std::string& location, const std::string& client,
                               const Scheduler::Booking& b, absl::Time start, absl::Time now) {
  v1::Appointment a;
  // Time-ordered: a burst of bookings shares index pages (resource_names.h).
  a.set_name(absl::StrCat(location, "/appointments/", GenerateTimeOrderedId(now)));
  a.set_client(client);
  a.set_service(b.service->name());
  a.set_staff_member(b.staff->name());
  a.set_room(b.room->name());
  *a.mutable_start_time() = ToTimestamp(start);
  *a.mutable_end_time() = ToTimestamp(start + b.spec.duration);
  *a.mutable_buffer_before() = b.service->buffer_before();
  *a.mutable_buffer_after() = b.service->buffer_after();
  a.set_status(v1::BOOKED);
  *a.mutable_create_time() = ToTimestamp(now);
  *a.mutable_update_time() = ToTimestamp(now);
  a.set_time_zone(b.location->time_zone());
  for (const auto& m : b.modifications) a.add_modifications(m);
  a.set_screening(b.screening);
  // The policy the client accepts by booking: fees follow this version even
  // if the location changes its policy later.
  if (b.location->has_cancellation_policy()) *a.mutable_accepted_policy() = b.location->cancellation_policy();
  return a;
}

absl::Status ConfigurationChanged() {
  return ReasonError(absl::StatusCode::kAborted, "CONFIGURATION_CHANGED",
                     "the location, service, staff member or room changed while the booking "
                     "was decided: try again");
}

bool IsConfigurationChanged(const absl::Status& status) {
  return status.code() == absl::StatusCode::kAborted &&
         ErrorReason(status) == "CONFIGURATION_CHANGED";
}

// A decision made on cached configuration is tried again once from the
// database if the configuration changed; one made on what was just read, once
// more, in case the configuration changed again in between.
constexpr int kDecisionAttempts = 3;

}  // namespace

absl::Status BusyError(storage::Overlap overlap) {
  switch (overlap) {
    case storage::Overlap::kStaff: return ConflictError(domain::BookingConflict::kStaffBusy);
    case storage::Overlap::kRoom: return ConflictError(domain::BookingConflict::kRoomBusy);
    case storage::Overlap::kClient: return ConflictError(domain::BookingConflict::kClientBusy);
    case storage::Overlap::kNone: break;
  }
  return absl::OkStatus();
}


Scheduler::Scheduler(const ApiContext& ctx)
    : db_(*ctx.db),
      clock_(ctx.clock),
      plugins_(ctx.plugins),
      screening_validity_(ctx.screening_validity) {}

absl::StatusOr<v1::Appointment> Scheduler::Decode(const storage::AppointmentRow& row) const {
  v1::Appointment a;
  if (!a.ParseFromString(row.data)) return absl::DataLossError("stored appointment cannot be parsed");
  a.set_etag(std::to_string(row.revision));
  return a;
}

namespace {

// Leaves `slot` as it is if the cache filled it, else reads it in `c`.
template <typename T>
absl::Status LoadInto(std::shared_ptr<const T>& slot, storage::Connection& c, ConfigCache& cache,
                      absl::string_view kind, const std::string& name, const std::string& field) {
  if (slot) return absl::OkStatus();
  ASSIGN_OR_RETURN(slot, ReadAndCache<T>(c, cache, kind, name, field));
  return absl::OkStatus();
}

int64_t RevisionOf(const std::string& etag) { return std::stoll(etag); }

}  // namespace

absl::StatusOr<Scheduler::Booking> Scheduler::LoadBooking(const std::string& location,
                                                          const std::string& service,
                                                          const std::string& staff,
                                                          const std::string& room,
                                                          const std::string& client,
                                                          bool use_cache) {
  Booking b;
  if (use_cache) {
    b.location = config_.Find<v1::Location>(location);
    b.service = config_.Find<v1::Service>(service);
    b.staff = config_.Find<v1::StaffMember>(staff);
    b.room = config_.Find<v1::Room>(room);
  }
  // With everything cached, the client is checked by the write transaction.
  if (!b.location || !b.service || !b.staff || !b.room) {
    RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
      RETURN_IF_ERROR(LoadInto(b.location, c, config_, "location", location, "parent"));
      RETURN_IF_ERROR(LoadInto(b.service, c, config_, "service", service, "appointment.service"));
      RETURN_IF_ERROR(LoadInto(b.staff, c, config_, "staff", staff, "appointment.staff_member"));
      RETURN_IF_ERROR(LoadInto(b.room, c, config_, "room", room, "appointment.room"));
      return CheckReference(c, "client", client, "appointment.client");
    }));
  }
  bool offered = false;
  for (const auto& price : b.service->prices()) offered |= price.location() == location;
  if (!offered) {
    return ReasonError(absl::StatusCode::kFailedPrecondition, "NOT_OFFERED_AT_LOCATION",
                       "the service has no price at this location, so it is not offered there");
  }
  bool works_here = false;
  for (const auto& l : b.staff->locations()) works_here |= l == location;
  if (!works_here) {
    return ReasonError(absl::StatusCode::kFailedPrecondition, "STAFF_NOT_AT_LOCATION",
                       "the staff member does not work at this location");
  }
  b.location_schedule = ToLocationSchedule(*b.location);
  b.spec = ToServiceSpec(*b.service);
  b.staff_schedule = ToStaffSchedule(*b.staff, location);
  b.room_schedule = ToRoomSchedule(*b.room);
  return b;
}

absl::StatusOr<Scheduler::Proposal> Scheduler::Propose(const std::string& location,
                                                       const std::string& service,
                                                       const std::string& staff,
                                                       const std::string& room,
                                                       const std::string& client, absl::Time start,
                                                       bool use_cache) {
  ASSIGN_OR_RETURN(Booking b, LoadBooking(location, service, staff, room, client, use_cache));
  absl::Time now = clock_();
  RETURN_IF_ERROR(ApplyScreeningGate(b, client, start, now));
  // Busy parties are left to the write transaction, which sees every
  // committed booking; here only the rules that do not depend on them.
  domain::BookingConflict conflict = domain::CheckBooking(
      b.location_schedule, b.spec, b.staff_schedule, b.room_schedule, start, now, {});
  if (conflict != domain::BookingConflict::kNone) return ConflictError(conflict);
  Proposal p;
  p.appointment = NewAppointment(location, client, b, start, now);
  p.decided_on = {location, service, staff, room};
  p.revisions = {RevisionOf(b.location->etag()), RevisionOf(b.service->etag()),
                 RevisionOf(b.staff->etag()), RevisionOf(b.room->etag())};
  return p;
}

absl::Status Scheduler::RefuseCommittedOverlap(storage::Connection& c,
                                               const storage::AppointmentRow& row) {
  // SQLite: the one writer runs write transactions one at a time, so the
  // insert's triggers see every booking and name the busy party; a query
  // before them would only add to the time every booking waits for the writer.
  if (db_.engine() == storage::Engine::kSqlite) return absl::OkStatus();
  ASSIGN_OR_RETURN(storage::Overlap overlap, appointments_.FindOverlap(c, row, ""));
  return BusyError(overlap);
}

absl::Status Scheduler::CheckStillCurrent(storage::Connection& c, const Proposal& p,
                                          const std::string& client) {
  std::vector<std::string> names = p.decided_on;
  names.push_back(client);
  ASSIGN_OR_RETURN(auto current, storage::ResourceRepository::CurrentRevisions(c, names));
  bool changed = false;
  for (size_t i = 0; i < p.decided_on.size(); ++i) {
    auto it = current.find(p.decided_on[i]);
    if (it == current.end() || it->second != p.revisions[i]) {
      config_.Forget(p.decided_on[i]);
      changed = true;
    }
  }
  if (changed) return ConfigurationChanged();
  if (!current.contains(client)) return CheckReference(c, "client", client, "appointment.client");
  return absl::OkStatus();
}

absl::StatusOr<std::optional<v1::Appointment>> Scheduler::Replay(
    const std::string& organization, const std::string& request_id,
    const v1::Appointment& request, const std::string& replaces) {
  std::optional<storage::AppointmentRow> row;
  RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
    ASSIGN_OR_RETURN(row, appointments_.FindByRequestId(c, organization, request_id));
    return absl::OkStatus();
  }));
  if (!row) return std::optional<v1::Appointment>();
  ASSIGN_OR_RETURN(v1::Appointment earlier, Decode(*row));
  if (earlier.replaces() != replaces || !SameBooking(earlier, request)) return RequestIdReused();
  return std::optional<v1::Appointment>(std::move(earlier));
}

absl::StatusOr<v1::Appointment> Scheduler::Book(Caller& caller, const std::string& parent,
                                                const v1::Appointment& request,
                                                const std::string& request_id) {
  domain::Target target = TargetOf(parent);
  target.staff_member = request.staff_member();
  RETURN_IF_ERROR(caller.Authorize(target, parent));
  caller.SetClient(request.client());
  const std::string organization = NamePrefix(parent, 2);
  // A retry of a booking that succeeded returns it, even if the slot has since
  // moved inside the lead time.
  if (!request_id.empty()) {
    ASSIGN_OR_RETURN(auto earlier, Replay(organization, request_id, request, ""));
    if (earlier) return *earlier;
  }

  v1::Appointment appointment;
  absl::Status status;
  for (int attempt = 1; attempt <= kDecisionAttempts; ++attempt) {
    ASSIGN_OR_RETURN(Proposal p,
                     Propose(parent, request.service(), request.staff_member(), request.room(),
                             request.client(), ToTime(request.start_time()), attempt == 1));
    appointment = std::move(p.appointment);
    storage::AppointmentRow row = NewRow(appointment, organization);
    // The database refuses an overlapping insert and names the busy party
    // (SQLite triggers, PostgreSQL exclusion constraints).
    status = db_.Transact(storage::TxMode::kWrite, [&](storage::Connection& c) {
      RETURN_IF_ERROR(CheckStillCurrent(c, p, request.client()));
      RETURN_IF_ERROR(RefuseCommittedOverlap(c, row));
      return appointments_.Insert(c, row, request_id);
    });
    if (!IsConfigurationChanged(status)) break;
  }
  if (!status.ok() && !request_id.empty()) {
    // Concurrent retries of one request race: the loser may trip the overlap
    // check (or constraint) on the winner's row before the request_id index.
    // Either way the winner's booking is this request's answer.
    ASSIGN_OR_RETURN(auto earlier, Replay(organization, request_id, request, ""));
    if (earlier) return *earlier;
  }
  if (auto constraint = storage::ViolatedConstraint(status)) {
    storage::Overlap overlap = storage::OverlapFromConstraint(*constraint);
    if (overlap != storage::Overlap::kNone) return BusyError(overlap);
  }
  RETURN_IF_ERROR(status);
  appointment.set_etag("1");
  return appointment;
}

absl::StatusOr<v1::Appointment> Scheduler::Reschedule(
    Caller& caller, const v1::RescheduleAppointmentRequest& request) {
  ASSIGN_OR_RETURN(v1::Appointment old, Get(caller, request.name()));
  const std::string old_location = NamePrefix(old.name(), 4);
  const std::string location = request.parent().empty() ? old_location : request.parent();
  const std::string staff = request.staff_member().empty() ? old.staff_member() : request.staff_member();
  // A therapist may move their own appointment, but not onto someone else.
  RETURN_IF_ERROR(caller.AuthorizeScheduleOwner(staff));
  if (location != old_location) {
    domain::Target target = TargetOf(location);
    target.staff_member = staff;
    RETURN_IF_ERROR(caller.Authorize(target, request.name()));
  }
  std::string room = request.room();
  if (room.empty()) {
    if (location != old_location) {
      FieldViolations v;
      v.Add("room", "is required when the appointment moves to another location");
      return v.ToStatus();
    }
    room = old.room();
  }
  const std::string organization = NamePrefix(request.name(), 2);
  const std::string& request_id = request.request_id();
  v1::Appointment wanted;  // the replacement asked for, as Replay compares it
  wanted.set_client(old.client());
  wanted.set_service(old.service());
  wanted.set_staff_member(staff);
  wanted.set_room(room);
  *wanted.mutable_start_time() = request.start_time();
  // A retry of a reschedule that succeeded returns its replacement: by then
  // the old appointment is CANCELLED and its etag has moved on, so the checks
  // below would refuse the very move that was made.
  if (!request_id.empty()) {
    ASSIGN_OR_RETURN(auto earlier, Replay(organization, request_id, wanted, request.name()));
    if (earlier) return *earlier;
  }
  if (!request.etag().empty() && request.etag() != old.etag()) {
    return ReasonError(absl::StatusCode::kAborted, "ETAG_MISMATCH",
                       "the appointment has changed since it was read: read it again");
  }
  if (old.status() != v1::BOOKED) {
    return ReasonError(absl::StatusCode::kFailedPrecondition, "INVALID_STATUS_TRANSITION",
                       "only a BOOKED appointment can be rescheduled");
  }
  absl::Status status;
  v1::Appointment replacement;
  for (int attempt = 1; attempt <= kDecisionAttempts; ++attempt) {
    ASSIGN_OR_RETURN(Proposal p, Propose(location, old.service(), staff, room, old.client(),
                                         ToTime(request.start_time()), attempt == 1));
    replacement = std::move(p.appointment);
    status = WriteReplacement(old, p, replacement, request_id);
    if (!IsConfigurationChanged(status)) break;
  }
  if (!status.ok() && !request_id.empty()) {
    // As in Book: of concurrent retries one moves the appointment, the others
    // find it changed (CONCURRENT_MODIFICATION) or trip the request_id index;
    // the winner's replacement is their answer too.
    ASSIGN_OR_RETURN(auto earlier, Replay(organization, request_id, wanted, request.name()));
    if (earlier) return *earlier;
  }
  if (auto constraint = storage::ViolatedConstraint(status)) {
    storage::Overlap overlap = storage::OverlapFromConstraint(*constraint);
    if (overlap != storage::Overlap::kNone) return BusyError(overlap);
    if (*constraint == "appointments_request_id") return RequestIdReused();
  }
  RETURN_IF_ERROR(status);
  replacement.set_etag("1");
  return replacement;
}

absl::Status Scheduler::WriteReplacement(const v1::Appointment& old, const Proposal& p,
                                         v1::Appointment& replacement,
                                         const std::string& request_id) {
  replacement.set_replaces(old.name());
  const absl::Time now = ToTime(replacement.create_time());
  const std::string organization = NamePrefix(p.decided_on[0], 2);
  storage::AppointmentRow row = NewRow(replacement, organization);
  const int64_t old_revision = RevisionOf(old.etag());

  return db_.Transact(storage::TxMode::kWrite, [&](storage::Connection& c) {
    RETURN_IF_ERROR(CheckStillCurrent(c, p, old.client()));
    ASSIGN_OR_RETURN(auto old_row, appointments_.Get(c, old.name()));
    if (!old_row || old_row->revision != old_revision) {
      return ReasonError(absl::StatusCode::kAborted, "CONCURRENT_MODIFICATION",
                         "the appointment changed while it was being rescheduled: try again");
    }
    v1::Appointment cancelled = old;
    cancelled.clear_etag();
    cancelled.set_status(v1::CANCELLED);
    cancelled.set_cancellation_reason("rescheduled");
    cancelled.set_replaced_by(replacement.name());
    *cancelled.mutable_update_time() = ToTimestamp(now);
    old_row->status = v1::CANCELLED;
    old_row->active = false;
    old_row->update_time = now;
    old_row->data = cancelled.SerializeAsString();
    ASSIGN_OR_RETURN(bool written, appointments_.Update(c, *old_row, old_revision));
    if (!written) {
      return ReasonError(absl::StatusCode::kAborted, "CONCURRENT_MODIFICATION",
                         "the appointment changed while it was being rescheduled: try again");
    }
    // The old appointment no longer occupies time, so the new one may overlap
    // it; the insert is refused if it overlaps anything else.
    RETURN_IF_ERROR(RefuseCommittedOverlap(c, row));
    return appointments_.Insert(c, row, request_id);
  });
}

}  // namespace fascia::api
