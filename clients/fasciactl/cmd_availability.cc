// `fasciactl availability search`: bookable slots for a service at a
// location, typed and shown in the location's local time.
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "commands.h"
#include "fascia/v1/appointment_service.pb.h"
#include "resource.h"
#include "slots.h"
#include "times.h"
#include "zones.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

// The staff member and room of a slot's first (in a table, only) offer.
std::string StaffOf(const v1::SearchAvailabilityResponse& r, const v1::AvailableSlot& s) {
  return s.offers().empty() ? std::string() : OfferStaffMember(r, s.offers(0));
}
std::string RoomOf(const v1::SearchAvailabilityResponse& r, const v1::AvailableSlot& s) {
  return s.offers().empty() ? std::string() : OfferRoom(r, s.offers(0));
}

// Columns for the slots of `response` (one offer each, see OnePerOffer),
// which must outlive them.
std::vector<Column> SlotColumns(const LocationZone& zone,
                                const v1::SearchAvailabilityResponse& response) {
  const v1::SearchAvailabilityResponse* r = &response;
  return {
      Col<v1::AvailableSlot>("START",
                             [zone](const v1::AvailableSlot& s) {
                               return FormatInZone(FromTimestamp(s.start_time()), zone.tz,
                                                   zone.name);
                             }),
      Col<v1::AvailableSlot>("END",
                             [zone](const v1::AvailableSlot& s) {
                               return FormatEndInZone(FromTimestamp(s.start_time()),
                                                      FromTimestamp(s.end_time()), zone.tz);
                             }),
      Col<v1::AvailableSlot>(
          "STAFF",
          [r](const v1::AvailableSlot& s) { return LastSegment(StaffOf(*r, s)); }),
      Col<v1::AvailableSlot>(
          "ROOM", [r](const v1::AvailableSlot& s) { return LastSegment(RoomOf(*r, s)); }),
      Col<v1::AvailableSlot>(
          "START (UTC)",
          [](const v1::AvailableSlot& s) { return FormatUtc(FromTimestamp(s.start_time())); },
          kWide),
      Col<v1::AvailableSlot>(
          "STAFF NAME", [r](const v1::AvailableSlot& s) { return StaffOf(*r, s); },
          kWide),
      Col<v1::AvailableSlot>(
          "ROOM NAME", [r](const v1::AvailableSlot& s) { return RoomOf(*r, s); }, kWide),
  };
}

int RunSearch(Invocation& inv) {
  const ParsedArgs& a = inv.args();
  absl::StatusOr<std::string> location = inv.Location();
  if (!location.ok()) return inv.Fail(location.status());
  if (!a.Has("service")) return inv.UsageError("--service is required");
  if (a.Has("date") && (a.Has("from") || a.Has("to"))) {
    return inv.UsageError("--date is a whole local day; use it or --from/--to, not both");
  }
  v1::SearchAvailabilityRequest request;
  request.set_location(*location);
  absl::StatusOr<std::string> service = inv.OrgChild("services", a.Get("service"));
  if (!service.ok()) return inv.Fail(service.status());
  request.set_service(*service);
  if (auto v = a.Find("staff")) {
    absl::StatusOr<std::string> staff = inv.OrgChild("staff", *v);
    if (!staff.ok()) return inv.Fail(staff.status());
    request.set_staff_member(*staff);
  }
  if (auto v = a.Find("room")) request.set_room(inv.LocationChild(*location, "rooms", *v));
  if (auto v = a.Find("client")) {
    absl::StatusOr<std::string> client = inv.OrgChild("clients", *v);
    if (!client.ok()) return inv.Fail(client.status());
    request.set_client(*client);
  }
  if (absl::Status s = ApplyPagingFlags(inv, request); !s.ok()) return inv.Fail(s);

  absl::StatusOr<LocationZone> zone = ZoneOfLocation(inv, *location);
  if (!zone.ok()) return inv.Fail(zone.status());
  absl::Time from, to;
  if (a.Has("date")) {
    absl::StatusOr<v1::Date> date = ParseDate(a.Get("date"));
    if (!date.ok())
      return inv.Fail(
          absl::InvalidArgumentError("--date: " + std::string(date.status().message())));
    const absl::CivilDay day(date->year(), date->month(), date->day());
    from = zone->tz.At(absl::CivilSecond(day)).pre;
    to = zone->tz.At(absl::CivilSecond(day + 1)).pre;
  } else {
    absl::StatusOr<absl::Time> parsed =
        a.Has("from") ? ParseTimeFlag(inv, "from", *zone) : absl::Now();
    if (!parsed.ok()) return inv.Fail(parsed.status());
    from = *parsed;
    if (a.Has("to")) {
      absl::StatusOr<absl::Time> until = ParseTimeFlag(inv, "to", *zone);
      if (!until.ok()) return inv.Fail(until.status());
      to = *until;
    } else {
      to = from + absl::Hours(24);
    }
  }
  *request.mutable_start_time() = ToTimestamp(from);
  *request.mutable_end_time() = ToTimestamp(to);

  v1::SearchAvailabilityResponse response;
  if (!CallPaged(inv, "fascia.v1.AppointmentService.SearchAvailability", request, &response,
                 a.GetBool("all"), AppendSlotsPage)) {
    return inv.exit_code();
  }
  // The response names the zone; it is the location's, read above.
  const LocationZone shown =
      response.time_zone().empty() ? *zone : ZoneForDisplay(response.time_zone());
  // A table (or name) row per offer; -o json and yaml print the response as
  // it came.
  const v1::SearchAvailabilityResponse rows =
      inv.format() == Format::kJson || inv.format() == Format::kYaml ? response
                                                                      : OnePerOffer(response);
  inv.printer().PrintList(rows, "slots", SlotColumns(shown, rows));
  ReportListEnd(inv, response, "slots", "free slots");
  return kExitOk;
}

}  // namespace

void RegisterAvailabilityCommands(Registry& registry) {
  ResourceGroup group;
  group.name = "availability";
  group.aliases = {"avail", "slots"};
  group.summary = "Search bookable slots (therapist + room) for a service";
  Command search;
  search.verb = "search";
  search.summary = "Bookable slots at a location, in its local time";
  search.flags = ScopeFlags(Scope::kLocation);
  search.flags.push_back({"service", "SERVICE", "service id or name (required)"});
  search.flags.push_back({"date", "YYYY-MM-DD", "one whole local day"});
  search.flags.push_back(
      {"from", "TIME", "local start of the search, e.g. 2026-12-01T09:00 (default: now)"});
  search.flags.push_back(
      {"to", "TIME", "local end (exclusive; default: 24 hours after --from; at most 31 days)"});
  search.flags.push_back({"staff", "STAFF", "only this therapist"});
  search.flags.push_back({"room", "ROOM", "only this room"});
  search.flags.push_back({"client", "CLIENT", "skip times this client is already booked"});
  search.flags.push_back({"page-size", "N", "offers (therapist + room) per page (server default 500, at most 5000)"});
  search.flags.push_back({"page-token", "TOKEN", "continue from a previous page"});
  search.flags.push_back({"all", "", "follow every page"});
  search.details =
      "Every slot offered passes the same rules as booking (hours, shifts, breaks, buffers,\n"
      "qualifications, room features, lead time), so it can be booked until someone takes it.\n"
      "-o json prints the SearchAvailabilityResponse: a slot per start time, whose offers name\n"
      "a staff member and room by position in staffMembers and rooms (with --all, the pages\n"
      "joined into one response).";
  search.examples = {
      "fasciactl availability search --org demo --location london --service swedish-60 --date "
      "2026-12-01",
      "fasciactl availability search --org demo --location london --service prenatal-60 "
      "--from 2026-12-01T09:00 --to 2026-12-01T13:00 --staff alice",
      "fasciactl availability search --org demo --location new-york --service lymphatic-60 "
      "--from 2026-12-01 --to 2026-12-08 --all -o json",
  };
  search.run = RunSearch;
  group.commands.push_back(search);
  registry.Add(std::move(group));
}

}  // namespace fasciactl
