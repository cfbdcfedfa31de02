// The time zone of a location, read from the server, for typing and showing
// local times (see times.h for the rules).
//
//   absl::StatusOr<LocationZone> zone = ZoneOfLocation(inv, "organizations/acme/locations/soho");
//   if (!zone.ok()) return inv.Fail(zone.status());   // an RPC error is already printed
//   absl::StatusOr<absl::Time> start = ParseTimeFlag(inv, "start", *zone);
#ifndef FASCIA_CLIENTS_FASCIACTL_ZONES_H_
#define FASCIA_CLIENTS_FASCIACTL_ZONES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "invocation.h"

namespace fasciactl {

struct LocationZone {
  absl::TimeZone tz;
  std::string name;  // "Europe/London"
};

// GetLocation, then its time_zone. On an RPC failure the error has been
// printed (inv.exit_code() is set) and the status is that error's message.
absl::StatusOr<LocationZone> ZoneOfLocation(Invocation& inv, const std::string& location);

// The zone named by a response (Appointment.time_zone,
// SearchAvailabilityResponse.time_zone); UTC when empty or unknown, so a
// listing never fails for display reasons.
LocationZone ZoneForDisplay(const std::string& name);

// --<flag> as an instant in `zone` (an explicit offset or Z wins).
absl::StatusOr<absl::Time> ParseTimeFlag(const Invocation& inv, const std::string& flag,
                                         const LocationZone& zone);

// The location part of an appointment or room name:
// "organizations/o/locations/l/appointments/x" -> "organizations/o/locations/l".
std::string LocationOf(const std::string& name);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_ZONES_H_
