// See zones.h.
#include "zones.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "fascia/v1/location_service.pb.h"
#include "times.h"

namespace fasciactl {

absl::StatusOr<LocationZone> ZoneOfLocation(Invocation& inv, const std::string& location) {
  fascia::v1::GetLocationRequest request;
  request.set_name(location);
  fascia::v1::Location reply;
  if (!inv.Call("fascia.v1.LocationService.GetLocation", request, &reply)) {
    return absl::NotFoundError(absl::StrCat("cannot read location ", location));
  }
  absl::StatusOr<absl::TimeZone> tz = LoadZone(reply.time_zone());
  if (!tz.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("location ", location, " has time zone \"",
                                                   reply.time_zone(),
                                                   "\", which this machine does not know"));
  }
  return LocationZone{*tz, reply.time_zone()};
}

LocationZone ZoneForDisplay(const std::string& name) {
  absl::StatusOr<absl::TimeZone> tz = LoadZone(name);
  if (tz.ok()) return LocationZone{*tz, name};
  return LocationZone{absl::UTCTimeZone(), "UTC"};
}

absl::StatusOr<absl::Time> ParseTimeFlag(const Invocation& inv, const std::string& flag,
                                         const LocationZone& zone) {
  absl::StatusOr<absl::Time> t = ParseTimeInZone(inv.args().Get(flag), zone.tz);
  if (!t.ok())
    return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", t.status().message()));
  return t;
}

std::string LocationOf(const std::string& name) {
  std::vector<std::string> parts = absl::StrSplit(name, '/');
  if (parts.size() < 4) return name;
  parts.resize(4);
  return absl::StrJoin(parts, "/");
}

}  // namespace fasciactl
