// Screening and Clearance resource types and loaders; see screening_types.h.
#include "api/screening_types.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "api/field_checks.h"
#include "api/plugin_convert.h"
#include "api/resource_names.h"
#include "api/stored_document.h"
#include "storage/resource_repository.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

constexpr int kMaxRuleIds = 50;

bool IsRuleId(const std::string& id) {
  if (id.empty() || id.size() > 32) return false;
  for (char c : id) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return true;
}

absl::CivilDay ToCivilDay(const v1::Date& d) { return absl::CivilDay(d.year(), d.month(), d.day()); }

void ValidateClearance(const v1::Clearance& c, FieldViolations& v) {
  if (c.rule_ids().empty()) v.Add("clearance.rule_ids", "name at least one rule the clearance covers");
  if (c.rule_ids_size() > kMaxRuleIds) v.Add("clearance.rule_ids", "too many rule ids");
  for (int i = 0; i < c.rule_ids_size() && i < kMaxRuleIds; ++i) {
    if (!IsRuleId(c.rule_ids(i))) {
      v.Add(absl::StrCat("clearance.rule_ids[", i, "]"), "must be a rule id such as PN-5 or GN-SURG");
    }
  }
  if (CheckRequired(c.provider_name(), "clearance.provider_name", v)) {
    CheckText(c.provider_name(), kMaxShortText, "clearance.provider_name", v);
  }
  CheckText(c.provider_identifier(), 64, "clearance.provider_identifier", v);
  if (CheckRequired(c.document_reference(), "clearance.document_reference", v)) {
    CheckText(c.document_reference(), kMaxShortText, "clearance.document_reference", v);
  }
  CheckText(c.note(), 2000, "clearance.note", v);
  bool from_ok = false, to_ok = false;
  if (!c.has_valid_from()) v.Add("clearance.valid_from", "is required");
  else from_ok = CheckDate(c.valid_from(), "clearance.valid_from", v);
  if (!c.has_valid_to()) v.Add("clearance.valid_to", "is required");
  else to_ok = CheckDate(c.valid_to(), "clearance.valid_to", v);
  if (from_ok && to_ok && ToCivilDay(c.valid_to()) < ToCivilDay(c.valid_from())) {
    v.Add("clearance.valid_to", "must not be before valid_from");
  }
}

}  // namespace

ResourceType<v1::Screening> ScreeningType() {
  ResourceType<v1::Screening> t;
  t.kind = "screening";
  t.pattern = kScreeningPattern;
  t.parent_kind = "client";
  t.parent_pattern = kClientPattern;
  t.collection = "screenings";
  t.field = "screening";
  t.validate = [](const v1::Screening&, FieldViolations&) {};  // built by the server
  t.filter_schema = {{"modality", {"="}}};
  t.matches = [](const v1::Screening& s, const FilterTerm& term) {
    return term.field == "modality" && s.modality() == term.value;
  };
  return t;
}

void CheckScreeningFilterValue(const FilterTerm& term, FieldViolations& v) {
  if (term.value.empty() || term.value.size() > 64) v.Add("filter", "modality must be a modality code");
}

ResourceType<v1::Clearance> ClearanceType() {
  ResourceType<v1::Clearance> t;
  t.kind = "clearance";
  t.pattern = kClearancePattern;
  t.parent_kind = "client";
  t.parent_pattern = kClientPattern;
  t.collection = "clearances";
  t.field = "clearance";
  t.validate = ValidateClearance;
  t.output_only = {"recorded_by"};
  return t;
}

absl::StatusOr<std::map<absl::CivilDay, v1::Screening>> LatestScreeningsByVisitDay(
    storage::Connection& c, const std::string& client, const std::string& modality,
    absl::TimeZone zone) {
  storage::ResourceRepository repo("screening");
  std::map<absl::CivilDay, v1::Screening> by_day;
  RETURN_IF_ERROR(ForEachStored<v1::Screening>(
      c, repo, client, /*include_deleted=*/false, "screening", [&](v1::Screening s) {
        if (s.modality() != modality) return;
        v1::Screening& kept = by_day[absl::ToCivilDay(ToTime(s.appointment_time()), zone)];
        if (!kept.has_create_time() || ToTime(s.create_time()) > ToTime(kept.create_time())) {
          kept = std::move(s);
        }
      }));
  return by_day;
}

absl::StatusOr<std::optional<v1::Screening>> LatestScreening(storage::Connection& c,
                                                             const std::string& client,
                                                             const std::string& modality,
                                                             absl::TimeZone zone,
                                                             absl::CivilDay visit_day) {
  ASSIGN_OR_RETURN(auto by_day, LatestScreeningsByVisitDay(c, client, modality, zone));
  auto for_day = by_day.find(visit_day);
  if (for_day != by_day.end()) return std::move(for_day->second);
  // The newest of each day's newest is the newest of all.
  std::optional<v1::Screening> newest;
  for (auto& [day, s] : by_day) {
    if (!newest || ToTime(s.create_time()) > ToTime(newest->create_time())) newest = std::move(s);
  }
  return newest;
}

absl::StatusOr<std::vector<screening::ClearanceSummary>> LoadClearances(storage::Connection& c,
                                                                        const std::string& client) {
  storage::ResourceRepository repo("clearance");
  std::vector<screening::ClearanceSummary> out;
  RETURN_IF_ERROR(ForEachStored<v1::Clearance>(
      c, repo, client, /*include_deleted=*/false, "clearance", [&](v1::Clearance cl) {
        screening::ClearanceSummary s;
        s.rule_ids.insert(cl.rule_ids().begin(), cl.rule_ids().end());
        s.valid_from = ToCivilDay(cl.valid_from());
        s.valid_to = ToCivilDay(cl.valid_to());
        out.push_back(std::move(s));
      }));
  return out;
}

screening::ScreeningSummary Summarize(const v1::Screening& s, absl::TimeZone zone) {
  screening::ScreeningSummary out;
  out.visit_day = absl::ToCivilDay(ToTime(s.appointment_time()), zone);
  out.outcome = static_cast<fascia::plugin::v1::Outcome>(s.outcome());
  for (const auto& f : s.findings()) *out.findings.Add() = ConvertMirror<fascia::plugin::v1::Finding>(f);
  out.time = ToTime(s.create_time());
  out.overridden = s.has_manual_override();
  return out;
}

}  // namespace fascia::api
