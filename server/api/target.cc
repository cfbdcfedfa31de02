// Resource name -> authorization target; see target.h.
#include "api/target.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "api/resource_names.h"

namespace fascia::api {

domain::Target TargetOf(absl::string_view name) {
  domain::Target target;
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() < 2 || parts[0] != "organizations" || !IsValidId(parts[1])) return target;
  target.organization = absl::StrCat("organizations/", parts[1]);
  if (parts.size() >= 4 && parts[2] == "locations") {
    target.location = parts[3] == "-" ? "-" : absl::StrCat(target.organization, "/locations/", parts[3]);
  }
  return target;
}

}  // namespace fascia::api
