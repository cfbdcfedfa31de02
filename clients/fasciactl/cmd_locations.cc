// `fasciactl locations ...` and `fasciactl rooms ...`: the LocationService.
// Friendly flags cover the fields an admin sets by hand (zone, currency,
// weekly hours, closures, address, booking policy); anything else goes
// through --from-file.
#include <functional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "commands.h"
#include "fascia/v1/location_service.pb.h"
#include "resource.h"
#include "times.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

std::string ClosureText(const v1::Closure& c) {
  std::string out = FormatDate(c.start_date());
  if (c.has_end_date() && FormatDate(c.end_date()) != out)
    absl::StrAppend(&out, "..", FormatDate(c.end_date()));
  if (!c.reason().empty()) absl::StrAppend(&out, "=", c.reason());
  return out;
}

// "2026-12-25", "2026-12-24..2026-12-26", either with "=reason".
absl::StatusOr<v1::Closure> ParseClosure(const std::string& text) {
  v1::Closure closure;
  std::string dates = text;
  const size_t eq = text.find('=');
  if (eq != std::string::npos) {
    dates = text.substr(0, eq);
    closure.set_reason(text.substr(eq + 1));
  }
  const size_t dots = dates.find("..");
  absl::StatusOr<v1::Date> start = ParseDate(dates.substr(0, dots));
  if (!start.ok()) return start.status();
  absl::StatusOr<v1::Date> end =
      dots == std::string::npos ? start : ParseDate(dates.substr(dots + 2));
  if (!end.ok()) return end.status();
  *closure.mutable_start_date() = *start;
  *closure.mutable_end_date() = *end;
  return closure;
}

// Sets a Duration field through `field` (called only when the flag is
// given, so an absent flag leaves the message field unset, not zero).
absl::Status SetDuration(Invocation& inv, const std::string& flag,
                         const std::function<google::protobuf::Duration*()>& field,
                         FieldPaths& paths, const std::string& path) {
  if (auto v = inv.args().Find(flag)) {
    absl::StatusOr<absl::Duration> d = ParseDurationFlag(*v);
    if (!d.ok())
      return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", d.status().message()));
    *field() = ToDurationProto(*d);
    paths.Add(path);
  }
  return absl::OkStatus();
}

absl::Status ApplyLocation(Invocation& inv, v1::Location& l, FieldPaths& paths) {
  const ParsedArgs& a = inv.args();
  if (auto v = a.Find("display-name")) {
    l.set_display_name(*v);
    paths.Add("display_name");
  }
  if (auto v = a.Find("time-zone")) {
    l.set_time_zone(*v);
    paths.Add("time_zone");
  }
  if (auto v = a.Find("currency")) {
    l.set_currency_code(*v);
    paths.Add("currency_code");
  }
  if (auto v = a.Find("hours")) {
    absl::StatusOr<std::vector<v1::WeeklyInterval>> hours = ParseWeeklyHours(*v);
    if (!hours.ok())
      return absl::InvalidArgumentError("--hours: " + std::string(hours.status().message()));
    l.clear_opening_hours();
    for (auto& h : *hours) *l.add_opening_hours() = std::move(h);
    paths.Add("opening_hours");
  }
  if (a.Has("closure")) {
    l.clear_closures();
    for (const std::string& text : a.GetAll("closure")) {
      if (text.empty()) continue;  // --closure "" clears them on update
      absl::StatusOr<v1::Closure> c = ParseClosure(text);
      if (!c.ok())
        return absl::InvalidArgumentError("--closure: " + std::string(c.status().message()));
      *l.add_closures() = *c;
    }
    paths.Add("closures");
  }
  if (a.Has("address-line")) {
    l.mutable_address()->clear_address_lines();
    for (const std::string& line : a.GetAll("address-line"))
      l.mutable_address()->add_address_lines(line);
    paths.Add("address.address_lines");
  }
  if (auto v = a.Find("locality")) {
    l.mutable_address()->set_locality(*v);
    paths.Add("address.locality");
  }
  if (auto v = a.Find("region-code")) {
    l.mutable_address()->set_region_code(*v);
    paths.Add("address.region_code");
  }
  if (auto v = a.Find("postal-code")) {
    l.mutable_address()->set_postal_code(*v);
    paths.Add("address.postal_code");
  }
  if (auto v = a.Find("administrative-area")) {
    l.mutable_address()->set_administrative_area(*v);
    paths.Add("address.administrative_area");
  }
  struct PolicyFlag {
    const char* flag;
    google::protobuf::Duration* (v1::BookingPolicy::*field)();
    const char* path;
  };
  for (const PolicyFlag& p : {PolicyFlag{"min-lead-time", &v1::BookingPolicy::mutable_min_lead_time,
                                         "booking_policy.min_lead_time"},
                              PolicyFlag{"max-advance", &v1::BookingPolicy::mutable_max_advance,
                                         "booking_policy.max_advance"},
                              PolicyFlag{"slot-interval", &v1::BookingPolicy::mutable_slot_interval,
                                         "booking_policy.slot_interval"}}) {
    auto field = [&] { return (l.mutable_booking_policy()->*p.field)(); };
    if (absl::Status s = SetDuration(inv, p.flag, field, paths, p.path); !s.ok()) return s;
  }
  return absl::OkStatus();
}

void RegisterLocations(Registry& registry) {
  ResourceSpec spec;
  spec.group = "locations";
  spec.aliases = {"location", "loc"};
  spec.kind = "location";
  spec.summary = "Sites of a chain: time zone, currency, opening hours, closures";
  spec.scope = Scope::kOrganization;
  spec.collection = "locations";
  spec.service = "fascia.v1.LocationService";
  spec.type = "Location";
  spec.plural = "Locations";
  spec.field = "location";
  spec.filter_help = "'time_zone = \"Europe/London\"'";
  spec.columns = {
      Col<v1::Location>("ID", [](const v1::Location& l) { return LastSegment(l.name()); }),
      Col<v1::Location>("DISPLAY NAME", [](const v1::Location& l) { return l.display_name(); }),
      Col<v1::Location>("TIME ZONE", [](const v1::Location& l) { return l.time_zone(); }),
      Col<v1::Location>("CURRENCY", [](const v1::Location& l) { return l.currency_code(); }),
      Col<v1::Location>(
          "HOURS", [](const v1::Location& l) { return FormatWeeklyHours(l.opening_hours()); },
          kWide),
      Col<v1::Location>(
          "CLOSURES",
          [](const v1::Location& l) {
            std::vector<std::string> parts;
            for (const auto& c : l.closures()) parts.push_back(ClosureText(c));
            return absl::StrJoin(parts, ", ");
          },
          kWide),
      Col<v1::Location>(
          "DELETED",
          [](const v1::Location& l) {
            return l.has_delete_time() ? FormatUtc(FromTimestamp(l.delete_time())) : "";
          },
          kWide),
      Col<v1::Location>(
          "NAME", [](const v1::Location& l) { return l.name(); }, kWide),
  };
  spec.field_flags = {
      {"display-name", "TEXT", "name shown to people"},
      {"time-zone", "ZONE", "IANA zone, e.g. Europe/London (required on create)"},
      {"currency", "CODE", "ISO 4217 currency, e.g. GBP (required on create)"},
      {"hours", "HOURS",
       "weekly opening hours, local time: \"mon-fri 09:00-19:00, sat 10:00-16:00\""},
      {"closure", "DATES[=REASON]",
       "closed days: 2026-12-25 or 2026-12-24..2026-12-26=Holidays; "
       "replaces all (\"\" clears)",
       true},
      {"address-line", "TEXT", "street address line; replaces all lines", true},
      {"locality", "TEXT", "city"},
      {"administrative-area", "TEXT", "state or region"},
      {"postal-code", "TEXT", "postal code"},
      {"region-code", "CC", "ISO 3166-1 country, e.g. GB"},
      {"min-lead-time", "DURATION", "earliest booking from now, e.g. 1h"},
      {"max-advance", "DURATION", "latest booking from now, e.g. 90d"},
      {"slot-interval", "DURATION", "slot grid from local midnight, e.g. 15m"},
  };
  spec.apply = ApplyFlags<v1::Location>(ApplyLocation);
  spec.examples = {
      {"list",
       {"fasciactl locations list --org acme",
        "fasciactl locations list --org acme --filter 'time_zone = \"Europe/London\"' -o wide"}},
      {"get", {"fasciactl locations get soho --org acme -o yaml"}},
      {"create",
       {"fasciactl locations create --org acme --id soho --display-name \"Soho\" "
        "--time-zone Europe/London --currency GBP --hours \"mon-fri 09:00-19:00,sat 10:00-16:00\"",
        "fasciactl locations create --org acme --id soho --from-file soho.json"}},
      {"update",
       {"fasciactl locations update soho --org acme --hours \"daily 08:00-20:00\"",
        "fasciactl locations update soho --org acme --closure 2026-12-25..2026-12-26=Christmas",
        "fasciactl locations get soho --org acme -o json > soho.json; "
        "fasciactl locations update soho --org acme --from-file soho.json"}},
      {"delete", {"fasciactl locations delete soho --org acme"}},
  };
  registry.Add(MakeStandardGroup(spec));
}

void RegisterRooms(Registry& registry) {
  ResourceSpec spec;
  spec.group = "rooms";
  spec.aliases = {"room"};
  spec.kind = "room";
  spec.summary = "Treatment rooms of a location and their features";
  spec.scope = Scope::kLocation;
  spec.collection = "rooms";
  spec.service = "fascia.v1.LocationService";
  spec.type = "Room";
  spec.plural = "Rooms";
  spec.field = "room";
  spec.filter_help = "'features = \"prenatal-bolsters\"'";
  spec.columns = {
      Col<v1::Room>("ID", [](const v1::Room& r) { return LastSegment(r.name()); }),
      Col<v1::Room>("DISPLAY NAME", [](const v1::Room& r) { return r.display_name(); }),
      Col<v1::Room>("FEATURES", [](const v1::Room& r) { return absl::StrJoin(r.features(), ","); }),
      Col<v1::Room>(
          "DELETED",
          [](const v1::Room& r) {
            return r.has_delete_time() ? FormatUtc(FromTimestamp(r.delete_time())) : "";
          },
          kWide),
      Col<v1::Room>(
          "NAME", [](const v1::Room& r) { return r.name(); }, kWide),
  };
  spec.field_flags = {
      {"display-name", "TEXT", "name shown to people"},
      {"features", "LIST", "comma-separated lower-case feature codes; replaces all (\"\" clears)",
       true},
  };
  spec.apply = ApplyFlags<v1::Room>([](Invocation& inv, v1::Room& r, FieldPaths& paths) {
    if (auto v = inv.args().Find("display-name")) {
      r.set_display_name(*v);
      paths.Add("display_name");
    }
    if (inv.args().Has("features")) {
      r.clear_features();
      for (const std::string& f : inv.args().GetList("features")) r.add_features(f);
      paths.Add("features");
    }
    return absl::OkStatus();
  });
  spec.examples = {
      {"list",
       {"fasciactl rooms list --org acme --location soho",
        "fasciactl rooms list --org acme --location soho --filter 'features = "
        "\"hot-stone-heater\"'"}},
      {"get",
       {"fasciactl rooms get room-1 --org acme --location soho",
        "fasciactl rooms get organizations/acme/locations/soho/rooms/room-1"}},
      {"create",
       {"fasciactl rooms create --org acme --location soho --id room-1 --display-name \"Room 1\" "
        "--features prenatal-bolsters,hot-stone-heater"}},
      {"update",
       {"fasciactl rooms update room-1 --org acme --location soho --features hydrotherapy"}},
      {"delete", {"fasciactl rooms delete room-1 --org acme --location soho"}},
  };
  registry.Add(MakeStandardGroup(spec));
}

}  // namespace

void RegisterLocationCommands(Registry& registry) {
  RegisterLocations(registry);
  RegisterRooms(registry);
}

}  // namespace fasciactl
