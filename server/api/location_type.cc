// ResourceTypes for Location and Room.
#include <set>

#include "api/billing_settings.h"
#include "api/insurance_settings.h"
#include "api/resource_types.h"

namespace fascia::api {
namespace {

using fascia::v1::Location;
using fascia::v1::Room;

void ValidateLocation(const Location& l, FieldViolations& v) {
  if (CheckRequired(l.display_name(), "location.display_name", v)) {
    CheckText(l.display_name(), kMaxShortText, "location.display_name", v);
  }
  CheckTimeZone(l.time_zone(), "location.time_zone", v);
  CheckCurrency(l.currency_code(), "location.currency_code", v);
  const auto& address = l.address();
  CheckText(address.region_code(), 2, "location.address.region_code", v);
  for (int i = 0; i < address.address_lines_size(); ++i) {
    CheckText(address.address_lines(i), kMaxShortText,
              absl::StrCat("location.address.address_lines[", i, "]"), v);
  }
  if (address.address_lines_size() > 5) v.Add("location.address.address_lines", "has more than 5 lines");
  CheckText(address.locality(), kMaxShortText, "location.address.locality", v);
  CheckText(address.administrative_area(), kMaxShortText, "location.address.administrative_area", v);
  CheckText(address.postal_code(), 20, "location.address.postal_code", v);
  if (l.opening_hours_size() > 100) v.Add("location.opening_hours", "has more than 100 intervals");
  for (int i = 0; i < l.opening_hours_size(); ++i) {
    CheckWeeklyInterval(l.opening_hours(i), absl::StrCat("location.opening_hours[", i, "]"), v);
  }
  if (l.closures_size() > 1000) v.Add("location.closures", "has more than 1000 closures");
  for (int i = 0; i < l.closures_size(); ++i) {
    const auto& c = l.closures(i);
    std::string field = absl::StrCat("location.closures[", i, "]");
    bool dates_ok = CheckDate(c.start_date(), field + ".start_date", v) &
                    CheckDate(c.end_date(), field + ".end_date", v);
    auto key = [](const fascia::v1::Date& d) { return d.year() * 10000 + d.month() * 100 + d.day(); };
    if (dates_ok && key(c.end_date()) < key(c.start_date())) {
      v.Add(field + ".end_date", "must not be before start_date");
    }
    CheckText(c.reason(), kMaxShortText, field + ".reason", v);
  }
  const auto& policy = l.booking_policy();
  bool lead_ok = CheckDuration(policy.min_lead_time(), absl::Hours(24 * 30),
                               "location.booking_policy.min_lead_time", v);
  bool advance_ok = CheckDuration(policy.max_advance(), absl::Hours(24 * 730),
                                  "location.booking_policy.max_advance", v);
  // A window that closes before it opens leaves nothing bookable, and every
  // search there would fail as if the searcher had asked wrongly. Unset
  // max_advance means the 90-day default (ToLocationSchedule), which no
  // allowed lead time exceeds.
  if (lead_ok && advance_ok && policy.has_max_advance() &&
      ToDuration(policy.max_advance()) < ToDuration(policy.min_lead_time())) {
    v.Add("location.booking_policy.max_advance", "must not be shorter than min_lead_time");
  }
  if (CheckDuration(policy.slot_interval(), absl::Hours(4), "location.booking_policy.slot_interval", v) &&
      policy.has_slot_interval()) {
    absl::Duration step = ToDuration(policy.slot_interval());
    if (step < absl::Minutes(5) || step % absl::Minutes(1) != absl::ZeroDuration()) {
      v.Add("location.booking_policy.slot_interval", "must be a whole number of minutes, at least 5");
    }
  }
  ValidateBillingSettings(l, v);
  ValidateLocationInsurance(l, v);
}

bool LocationMatches(const Location& l, const FilterTerm& term) {
  if (term.field == "time_zone") return l.time_zone() == term.value;
  return false;
}

void ValidateRoom(const Room& r, FieldViolations& v) {
  if (CheckRequired(r.display_name(), "room.display_name", v)) {
    CheckText(r.display_name(), kMaxShortText, "room.display_name", v);
  }
  if (r.features_size() > 50) v.Add("room.features", "has more than 50 features");
  std::set<std::string> seen;
  for (int i = 0; i < r.features_size(); ++i) {
    std::string field = absl::StrCat("room.features[", i, "]");
    if (CheckCode(r.features(i), field, v) && !seen.insert(r.features(i)).second) {
      v.Add(field, "is listed twice");
    }
  }
}

bool RoomMatches(const Room& r, const FilterTerm& term) {
  if (term.field != "features") return false;
  for (const auto& f : r.features()) {
    if (f == term.value) return true;
  }
  return false;
}

}  // namespace

ResourceType<Location> LocationType() {
  ResourceType<Location> t;
  t.kind = "location";
  t.pattern = kLocationPattern;
  t.parent_kind = "organization";
  t.parent_pattern = kOrganizationPattern;
  t.collection = "locations";
  t.field = "location";
  t.validate = ValidateLocation;
  t.filter_schema = {{"time_zone", {"="}}};
  t.matches = LocationMatches;
  t.prepare_write = PrepareBillingSettings;
  return t;
}

ResourceType<Room> RoomType() {
  ResourceType<Room> t;
  t.kind = "room";
  t.pattern = kRoomPattern;
  t.parent_kind = "location";
  t.parent_pattern = kLocationPattern;
  t.collection = "rooms";
  t.field = "room";
  t.validate = ValidateRoom;
  t.filter_schema = {{"features", {"="}}};
  t.matches = RoomMatches;
  return t;
}

}  // namespace fascia::api
