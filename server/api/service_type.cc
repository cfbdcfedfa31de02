// ResourceType for Service (a bookable treatment).
#include <set>

#include "api/insurance_settings.h"
#include "api/resource_types.h"

namespace fascia::api {
namespace {

using fascia::v1::Service;

void ValidateService(const Service& s, FieldViolations& v) {
  if (CheckRequired(s.display_name(), "service.display_name", v)) {
    CheckText(s.display_name(), kMaxShortText, "service.display_name", v);
  }
  CheckCode(s.modality_code(), "service.modality_code", v);
  if (CheckDuration(s.duration(), kMaxServiceDuration, "service.duration", v) &&
      ToDuration(s.duration()) < absl::Minutes(5)) {
    v.Add("service.duration", "must be at least 5 minutes");
  }
  CheckDuration(s.buffer_before(), kMaxBuffer, "service.buffer_before", v);
  CheckDuration(s.buffer_after(), kMaxBuffer, "service.buffer_after", v);
  std::set<std::string> priced;
  for (int i = 0; i < s.prices_size(); ++i) {
    const auto& p = s.prices(i);
    std::string field = absl::StrCat("service.prices[", i, "]");
    if (CheckName(p.location(), kLocationPattern, field + ".location", v) &&
        !priced.insert(p.location()).second) {
      v.Add(field + ".location", "has more than one price");
    }
    CheckCurrency(p.price().currency_code(), field + ".price.currency_code", v);
    if (p.price().amount_minor() < 0) v.Add(field + ".price.amount_minor", "must not be negative");
  }
  for (int i = 0; i < s.required_qualifications_size(); ++i) {
    std::string field = absl::StrCat("service.required_qualifications[", i, "]");
    if (CheckRequired(s.required_qualifications(i), field, v)) {
      CheckText(s.required_qualifications(i), 64, field, v);
    }
  }
  for (int i = 0; i < s.required_room_features_size(); ++i) {
    CheckCode(s.required_room_features(i), absl::StrCat("service.required_room_features[", i, "]"), v);
  }
  ValidateServiceCptCodes(s, v);
}

absl::Status CheckServiceReferences(storage::Connection& c, const Service& s) {
  std::string org = NamePrefix(s.name(), 2);
  storage::ResourceRepository locations("location");
  for (int i = 0; i < s.prices_size(); ++i) {
    const auto& p = s.prices(i);
    std::string field = absl::StrCat("service.prices[", i, "].location");
    FieldViolations v;
    if (NamePrefix(p.location(), 2) != org) {
      v.Add(field, "must be a location of the service's organization");
      return v.ToStatus();
    }
    RETURN_IF_ERROR(CheckReference(c, "location", p.location(), field));
    ASSIGN_OR_RETURN(auto row, locations.Get(c, p.location()));
    fascia::v1::Location location;
    if (row && location.ParseFromString(row->data) &&
        location.currency_code() != p.price().currency_code()) {
      v.Add(absl::StrCat("service.prices[", i, "].price.currency_code"),
            absl::StrCat("must be the location's currency, ", location.currency_code()));
      return v.ToStatus();
    }
  }
  return absl::OkStatus();
}

bool ServiceMatches(const Service& s, const FilterTerm& term) {
  if (term.field == "modality_code") return s.modality_code() == term.value;
  if (term.field == "prices.location") {
    for (const auto& p : s.prices()) {
      if (p.location() == term.value) return true;
    }
  }
  return false;
}

}  // namespace

ResourceType<Service> ServiceType() {
  ResourceType<Service> t;
  t.kind = "service";
  t.pattern = kServicePattern;
  t.parent_kind = "organization";
  t.parent_pattern = kOrganizationPattern;
  t.collection = "services";
  t.field = "service";
  t.validate = ValidateService;
  t.check_references = CheckServiceReferences;
  t.filter_schema = {{"modality_code", {"="}}, {"prices.location", {"="}}};
  t.matches = ServiceMatches;
  return t;
}

}  // namespace fascia::api
