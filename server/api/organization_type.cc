// ResourceType for Organization and the shared reference check.
#include "api/resource_types.h"

namespace fascia::api {

absl::Status CheckReference(storage::Connection& c, absl::string_view kind,
                            const std::string& name, const std::string& field) {
  storage::ResourceRepository repo{std::string(kind)};
  ASSIGN_OR_RETURN(auto row, repo.Get(c, name));
  return ReferenceStatus(row ? &*row : nullptr, kind, name, field);
}

absl::Status ReferenceStatus(const storage::StoredResource* row, absl::string_view kind,
                             const std::string& name, const std::string& field) {
  if (row && !row->deleted) return absl::OkStatus();
  std::string message =
      absl::StrCat(field, " refers to ", row ? "a deleted " : "no existing ", kind, " \"", name, "\"");
  if (row) return ReasonError(absl::StatusCode::kFailedPrecondition, "RESOURCE_DELETED", message);
  return ReasonError(absl::StatusCode::kNotFound, "NOT_FOUND", message);
}

ResourceType<fascia::v1::Organization> OrganizationType() {
  ResourceType<fascia::v1::Organization> t;
  t.kind = "organization";
  t.pattern = kOrganizationPattern;
  t.collection = "organizations";
  t.field = "organization";
  t.validate = [](const fascia::v1::Organization& o, FieldViolations& v) {
    if (CheckRequired(o.display_name(), "organization.display_name", v)) {
      CheckText(o.display_name(), kMaxShortText, "organization.display_name", v);
    }
  };
  t.matches = [](const fascia::v1::Organization&, const FilterTerm&) { return true; };
  return t;
}

}  // namespace fascia::api
