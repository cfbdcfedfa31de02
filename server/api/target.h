// The authorization target (domain::Target) of a resource name: its
// organization, and its location when the name lies under one.
//
//   TargetOf("organizations/a/locations/b/rooms/c") -> {a, b}
//   TargetOf("organizations/a/staff/s")             -> {a, ""}
//   TargetOf("organizations/a/locations/-")         -> {a, "-"}
// A name whose first segments are not organizations/{id} yields an empty
// organization, which no caller is authorized for.
#ifndef FASCIA_API_TARGET_H_
#define FASCIA_API_TARGET_H_

#include "absl/strings/string_view.h"
#include "domain/access_policy.h"

namespace fascia::api {

domain::Target TargetOf(absl::string_view name);

}  // namespace fascia::api

#endif  // FASCIA_API_TARGET_H_
