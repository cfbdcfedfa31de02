// `fasciactl appointments ...`: list/get through the generic resource verbs,
// plus booking, rescheduling and the status changes of docs/api.md
// ("Appointment status"). Times are typed in the location's zone and shown
// in it, with the zone printed.
#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "commands.h"
#include "fascia/v1/appointment_service.pb.h"
#include "resource.h"
#include "slots.h"
#include "times.h"
#include "values.h"
#include "zones.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

constexpr char kService[] = "fascia.v1.AppointmentService";

std::string StartText(const v1::Appointment& a) {
  const LocationZone zone = ZoneForDisplay(a.time_zone());
  return FormatInZone(FromTimestamp(a.start_time()), zone.tz, zone.name);
}

std::string EndText(const v1::Appointment& a) {
  const LocationZone zone = ZoneForDisplay(a.time_zone());
  return FormatEndInZone(FromTimestamp(a.start_time()), FromTimestamp(a.end_time()), zone.tz);
}

std::vector<Column> AppointmentColumns() {
  return {
      Col<v1::Appointment>("ID", [](const v1::Appointment& a) { return LastSegment(a.name()); }),
      Col<v1::Appointment>("START", StartText),
      Col<v1::Appointment>("END", EndText),
      Col<v1::Appointment>(
          "STATUS",
          [](const v1::Appointment& a) { return v1::AppointmentStatus_Name(a.status()); }),
      Col<v1::Appointment>("CLIENT",
                           [](const v1::Appointment& a) { return LastSegment(a.client()); }),
      Col<v1::Appointment>("SERVICE",
                           [](const v1::Appointment& a) { return LastSegment(a.service()); }),
      Col<v1::Appointment>("STAFF",
                           [](const v1::Appointment& a) { return LastSegment(a.staff_member()); }),
      Col<v1::Appointment>("ROOM", [](const v1::Appointment& a) { return LastSegment(a.room()); }),
      Col<v1::Appointment>(
          "LOCATION", [](const v1::Appointment& a) { return LastSegment(LocationOf(a.name())); },
          kWide),
      Col<v1::Appointment>(
          "REASON", [](const v1::Appointment& a) { return a.cancellation_reason(); }, kWide),
      Col<v1::Appointment>(
          "REPLACES", [](const v1::Appointment& a) { return LastSegment(a.replaces()); }, kWide),
      Col<v1::Appointment>(
          "REPLACED BY", [](const v1::Appointment& a) { return LastSegment(a.replaced_by()); },
          kWide),
      Col<v1::Appointment>(
          "MODIFICATIONS",
          [](const v1::Appointment& a) { return absl::StrJoin(a.modifications(), "; "); }, kWide),
      Col<v1::Appointment>(
          "NAME", [](const v1::Appointment& a) { return a.name(); }, kWide),
  };
}

ResourceSpec AppointmentSpec() {
  ResourceSpec spec;
  spec.group = "appointments";
  spec.aliases = {"appointment", "appt", "appts", "bookings"};
  spec.kind = "appointment";
  spec.summary = "Bookings and their status changes";
  spec.details =
      "Times are typed as local wall time in the location's zone (2026-12-01T10:00) and shown\n"
      "in it with the zone printed; an explicit offset or Z is taken as given. A wall time that\n"
      "does not exist (spring forward) moves forward by the gap; a repeated one (fall back)\n"
      "means the first occurrence, as on the server.\n"
      "Status: BOOKED -> ARRIVED | CHECKED_IN | CANCELLED | NOSHOW; ARRIVED -> CHECKED_IN |\n"
      "FULFILLED | CANCELLED; CHECKED_IN -> FULFILLED; any -> ENTERED_IN_ERROR.";
  spec.scope = Scope::kLocation;
  spec.collection = "appointments";
  spec.service = kService;
  spec.type = "Appointment";
  spec.plural = "Appointments";
  spec.field = "appointment";
  spec.list_any_location = true;
  spec.filter_help = "'status = BOOKED AND start_time >= \"2026-12-01T00:00:00Z\"'";
  spec.columns = AppointmentColumns();
  spec.list_flags = {
      {"staff", "STAFF", "only this therapist's (id or name)"},
      {"client", "CLIENT", "only this client's"},
      {"service", "SERVICE", "only this service"},
      {"room", "ROOM", "only this room (an id needs --location)"},
      {"status", "STATUS",
       "only this status: booked, arrived, checked-in, fulfilled, cancelled, "
       "noshow, entered-in-error"},
      {"from", "TIME",
       "starting at or after, local time of --location (2026-12-01 or "
       "2026-12-01T09:00; with every location, give an offset or Z)"},
      {"to", "TIME", "starting before (exclusive)"},
  };
  spec.list_filter = [](Invocation& inv) -> absl::StatusOr<std::vector<std::string>> {
    std::vector<std::string> clauses;
    const ParsedArgs& a = inv.args();
    for (auto [flag, field, collection] : {std::make_tuple("staff", "staff_member", "staff"),
                                           std::make_tuple("client", "client", "clients"),
                                           std::make_tuple("service", "service", "services")}) {
      if (auto v = a.Find(flag)) {
        absl::StatusOr<std::string> name = inv.OrgChild(collection, *v);
        if (!name.ok()) return name.status();
        absl::StatusOr<std::string> clause = FilterClause(field, "=", *name);
        if (!clause.ok()) return clause.status();
        clauses.push_back(*clause);
      }
    }
    if (auto v = a.Find("room")) {
      std::string room = *v;
      if (!IsFullName(room)) {
        if (!a.Has("location"))
          return absl::InvalidArgumentError("--room ID needs --location (or give the room's name)");
        absl::StatusOr<std::string> location = inv.Location();
        if (!location.ok()) return location.status();
        room = *location + "/rooms/" + room;
      }
      absl::StatusOr<std::string> clause = FilterClause("room", "=", room);
      if (!clause.ok()) return clause.status();
      clauses.push_back(*clause);
    }
    if (auto v = a.Find("status")) {
      std::string status = absl::AsciiStrToUpper(*v);
      std::replace(status.begin(), status.end(), '-', '_');
      v1::AppointmentStatus parsed;
      if (!v1::AppointmentStatus_Parse(status, &parsed) ||
          parsed == v1::APPOINTMENT_STATUS_UNSPECIFIED) {
        return absl::InvalidArgumentError(
            absl::StrCat("--status \"", *v, "\" is not an appointment status"));
      }
      clauses.push_back("status = " + status);
    }
    if (a.Has("from") || a.Has("to")) {
      LocationZone zone{absl::UTCTimeZone(), "UTC"};
      if (a.Has("location") && a.Get("location") != "-") {
        absl::StatusOr<std::string> location = inv.Location();
        if (!location.ok()) return location.status();
        absl::StatusOr<LocationZone> z = ZoneOfLocation(inv, *location);
        if (!z.ok()) return z.status();
        zone = *z;
      } else {
        for (const char* flag : {"from", "to"}) {
          if (a.Has(flag) && !HasExplicitOffset(a.Get(flag)) && a.Get(flag) != "now") {
            return absl::InvalidArgumentError(absl::StrCat(
                "--", flag,
                " without --location needs an offset or Z (every location has its own zone)"));
          }
        }
      }
      for (auto [flag, op] : {std::make_pair("from", ">="), std::make_pair("to", "<")}) {
        if (!a.Has(flag)) continue;
        absl::StatusOr<absl::Time> t = ParseTimeFlag(inv, flag, zone);
        if (!t.ok()) return t.status();
        clauses.push_back(absl::StrCat("start_time ", op, " \"", FormatUtc(*t), "\""));
      }
    }
    return clauses;
  };
  spec.examples = {
      {"list",
       {"fasciactl appointments list --org demo",
        "fasciactl appointments list --org demo --location london --from 2026-12-01 --to "
        "2026-12-02",
        "fasciactl appointments list --org demo --staff alice --status booked -o wide",
        "fasciactl appointments list --org demo --all -o json"}},
      {"get",
       {"fasciactl appointments get ID --org demo --location london",
        "fasciactl appointments get organizations/demo/locations/london/appointments/ID -o yaml"}},
  };
  return spec;
}

// The appointment named by the positional argument (an id needs --location).
absl::StatusOr<std::string> AppointmentName(const Invocation& inv) {
  return ResolveName(inv, AppointmentSpec(), inv.Arg(0));
}

int PrintAppointment(Invocation& inv, const v1::Appointment& a) {
  inv.printer().PrintOne(a, AppointmentColumns());
  return kExitOk;
}

int RunBook(Invocation& inv) {
  absl::StatusOr<std::string> location = inv.Location();
  if (!location.ok()) return inv.Fail(location.status());
  v1::BookAppointmentRequest request;
  request.set_parent(*location);
  request.set_request_id(inv.args().Get("request-id"));
  v1::Appointment& a = *request.mutable_appointment();
  if (inv.args().Has("from-file")) {
    if (absl::Status s = ReadJsonFile(inv.args().Get("from-file"), &a); !s.ok()) return inv.Fail(s);
  }
  for (auto [flag, collection, field] :
       {std::make_tuple("client", "clients", a.mutable_client()),
        std::make_tuple("service", "services", a.mutable_service()),
        std::make_tuple("staff", "staff", a.mutable_staff_member())}) {
    if (auto v = inv.args().Find(flag)) {
      absl::StatusOr<std::string> name = inv.OrgChild(collection, *v);
      if (!name.ok()) return inv.Fail(name.status());
      *field = *name;
    }
  }
  if (auto v = inv.args().Find("room")) a.set_room(inv.LocationChild(*location, "rooms", *v));
  if (a.client().empty() || a.service().empty())
    return inv.UsageError("--client and --service are required");
  if (inv.args().Has("start")) {
    absl::StatusOr<LocationZone> zone = ZoneOfLocation(inv, *location);
    if (!zone.ok()) return inv.Fail(zone.status());
    absl::StatusOr<absl::Time> start = ParseTimeFlag(inv, "start", *zone);
    if (!start.ok()) return inv.Fail(start.status());
    *a.mutable_start_time() = ToTimestamp(*start);
  }
  if (!a.has_start_time()) return inv.UsageError("--start is required");

  if (a.staff_member().empty() || a.room().empty()) {
    // Let the server's availability search pick whoever and wherever is free
    // at exactly that start, the same way it offers slots.
    v1::SearchAvailabilityRequest search;
    search.set_location(*location);
    search.set_service(a.service());
    *search.mutable_start_time() = a.start_time();
    *search.mutable_end_time() = ToTimestamp(FromTimestamp(a.start_time()) + absl::Seconds(1));
    search.set_staff_member(a.staff_member());
    search.set_room(a.room());
    search.set_client(a.client());
    search.set_page_size(1);
    v1::SearchAvailabilityResponse slots;
    if (!inv.Call(absl::StrCat(kService, ".SearchAvailability"), search, &slots))
      return inv.exit_code();
    if (slots.slots().empty() || slots.slots(0).offers().empty()) {
      inv.err() << "Error: no therapist and room are free for this service at that time.\n"
                << "  Try 'fasciactl availability search', or give --staff and --room to hear the "
                   "server's reason.\n";
      return kExitServerError;
    }
    a.set_staff_member(OfferStaffMember(slots, slots.slots(0).offers(0)));
    a.set_room(OfferRoom(slots, slots.slots(0).offers(0)));
  }
  v1::Appointment booked;
  if (!inv.Call(absl::StrCat(kService, ".BookAppointment"), request, &booked))
    return inv.exit_code();
  return PrintAppointment(inv, booked);
}

int RunReschedule(Invocation& inv) {
  absl::StatusOr<std::string> name = AppointmentName(inv);
  if (!name.ok()) return inv.Fail(name.status());
  if (!inv.args().Has("start")) return inv.UsageError("--start is required");
  v1::RescheduleAppointmentRequest request;
  request.set_name(*name);
  std::string target = LocationOf(*name);
  if (auto v = inv.args().Find("new-location")) {
    absl::StatusOr<std::string> location = inv.OrgChild("locations", *v);
    if (!location.ok()) return inv.Fail(location.status());
    target = *location;
    request.set_parent(target);
  }
  absl::StatusOr<LocationZone> zone = ZoneOfLocation(inv, target);
  if (!zone.ok()) return inv.Fail(zone.status());
  absl::StatusOr<absl::Time> start = ParseTimeFlag(inv, "start", *zone);
  if (!start.ok()) return inv.Fail(start.status());
  *request.mutable_start_time() = ToTimestamp(*start);
  if (auto v = inv.args().Find("staff")) {
    absl::StatusOr<std::string> staff = inv.OrgChild("staff", *v);
    if (!staff.ok()) return inv.Fail(staff.status());
    request.set_staff_member(*staff);
  }
  if (auto v = inv.args().Find("room")) request.set_room(inv.LocationChild(target, "rooms", *v));
  request.set_etag(inv.args().Get("etag"));
  request.set_request_id(inv.args().Get("request-id"));
  v1::Appointment booked;
  if (!inv.Call(absl::StrCat(kService, ".RescheduleAppointment"), request, &booked))
    return inv.exit_code();
  return PrintAppointment(inv, booked);
}

// cancel, arrive, check-in, complete, no-show, entered-in-error: one request
// shape (name, etag, maybe reason), built by reflection from the method.
// Whether a status change takes --reason (stored as cancellation_reason).
enum class Reason { kNone, kOptional, kRequired };

int RunStatusChange(Invocation& inv, const std::string& method, Reason reason) {
  absl::StatusOr<std::string> name = AppointmentName(inv);
  if (!name.ok()) return inv.Fail(name.status());
  if (reason == Reason::kRequired && inv.args().Get("reason").empty()) {
    return inv.UsageError("--reason is required (it is kept on the appointment)");
  }
  const std::string full = absl::StrCat(kService, ".", method);
  auto request = NewMessage(FindMethod(full)->input_type());
  SetStringField(*request, "name", *name);
  SetStringField(*request, "etag", inv.args().Get("etag"));
  SetStringField(*request, "reason", inv.args().Get("reason"));
  v1::Appointment changed;
  if (!inv.Call(full, *request, &changed)) return inv.exit_code();
  return PrintAppointment(inv, changed);
}

Command StatusCommand(const std::string& verb, const std::string& method,
                      const std::string& summary, Reason reason) {
  Command c;
  c.verb = verb;
  c.summary = summary;
  c.arguments = "ID|NAME";
  c.min_args = c.max_args = 1;
  c.flags = ScopeFlags(Scope::kLocation);
  if (reason != Reason::kNone) {
    c.flags.push_back(
        {"reason", "TEXT", reason == Reason::kRequired ? "why (required)" : "why (optional)"});
  }
  c.flags.push_back(
      {"etag", "ETAG", "refuse (ABORTED) if the appointment changed since this etag"});
  c.details = "An illegal change is FAILED_PRECONDITION with reason INVALID_STATUS_TRANSITION.";
  c.examples = {
      absl::StrCat("fasciactl appointments ", verb, " ID --org demo --location london",
                   reason == Reason::kRequired ? " --reason \"client called in sick\"" : ""),
      absl::StrCat("fasciactl appointments ", verb,
                   " organizations/demo/locations/london/appointments/ID")};
  c.run = [method, reason](Invocation& inv) { return RunStatusChange(inv, method, reason); };
  return c;
}

}  // namespace

void RegisterAppointmentCommands(Registry& registry) {
  ResourceGroup group = MakeStandardGroup(AppointmentSpec());

  Command book;
  book.verb = "book";
  book.summary = "Book an appointment at a local start time";
  book.flags = ScopeFlags(Scope::kLocation);
  book.flags.push_back({"client", "CLIENT", "client id or name (required)"});
  book.flags.push_back({"service", "SERVICE", "service id or name (required)"});
  book.flags.push_back(
      {"start", "TIME", "local start in the location's zone, e.g. 2026-12-01T10:00 (required)"});
  book.flags.push_back(
      {"staff", "STAFF", "therapist id or name (default: the first one free then)"});
  book.flags.push_back(
      {"room", "ROOM", "room id or name (default: the first suitable room free then)"});
  book.flags.push_back(
      {"request-id", "KEY", "idempotency key: a retry with it returns the same booking"});
  book.flags.push_back(
      {"from-file", "FILE", "the Appointment as protobuf JSON; flags override it"});
  book.details =
      "Without --staff or --room, the server's availability search picks the first therapist\n"
      "(by name) and room free at exactly --start. A refusal prints the server's reason\n"
      "(STAFF_BUSY, OUTSIDE_OPENING_HOURS, LEAD_TIME, ...).";
  book.examples = {
      "fasciactl appointments book --org demo --location london --client dana --service swedish-60 "
      "--start 2026-12-01T10:00",
      "fasciactl appointments book --org demo --location london --client dana --service swedish-60 "
      "--staff alice --room room-1 --start 2026-12-01T10:00 --request-id 7d0c2f1e",
      "fasciactl appointments book --org demo --location new-york --client eli --service "
      "lymphatic-60 "
      "--start 2026-12-01T15:00Z -o json",
  };
  book.run = RunBook;
  group.commands.push_back(book);

  Command reschedule;
  reschedule.verb = "reschedule";
  reschedule.summary = "Move a BOOKED appointment (a new one replaces it; the old is cancelled)";
  reschedule.arguments = "ID|NAME";
  reschedule.min_args = reschedule.max_args = 1;
  reschedule.flags = ScopeFlags(Scope::kLocation);
  reschedule.flags.push_back(
      {"start", "TIME", "new local start, e.g. 2026-12-02T11:00 (required)"});
  reschedule.flags.push_back(
      {"new-location", "LOC", "move to another location (then --room is required)"});
  reschedule.flags.push_back({"staff", "STAFF", "new therapist (default: the same)"});
  reschedule.flags.push_back({"room", "ROOM", "new room (default: the same)"});
  reschedule.flags.push_back(
      {"etag", "ETAG", "refuse (ABORTED) if the appointment changed since this etag"});
  reschedule.flags.push_back({"request-id", "KEY", "idempotency key"});
  reschedule.examples = {
      "fasciactl appointments reschedule ID --org demo --location london --start 2026-12-02T11:00",
      "fasciactl appointments reschedule ID --org demo --location london --start 2026-12-02T11:00 "
      "--staff bea",
  };
  reschedule.run = RunReschedule;
  group.commands.push_back(reschedule);

  group.commands.push_back(
      StatusCommand("cancel", "CancelAppointment", "Cancel (needs --reason)", Reason::kRequired));
  group.commands.push_back(
      StatusCommand("arrive", "MarkAppointmentArrived", "Mark the client arrived", Reason::kNone));
  group.commands.push_back(
      StatusCommand("check-in", "CheckInAppointment", "Check the client in", Reason::kNone));
  group.commands.push_back(StatusCommand("complete", "CompleteAppointment",
                                         "Mark the treatment fulfilled", Reason::kNone));
  group.commands.push_back(StatusCommand(
      "no-show", "MarkNoShow", "Mark a no-show (not before the start time)", Reason::kOptional));
  group.commands.push_back(StatusCommand("entered-in-error", "MarkEnteredInError",
                                         "Void an appointment entered by mistake (admin)",
                                         Reason::kNone));
  AddSuperbillCommand(group);
  registry.Add(std::move(group));
}

}  // namespace fasciactl
