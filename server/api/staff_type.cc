// ResourceType for StaffMember: qualifications, locations, weekly shifts,
// breaks and time off.
#include <set>

#include "api/insurance_settings.h"
#include "api/resource_types.h"

namespace fascia::api {
namespace {

using fascia::v1::StaffMember;

int DateKey(const fascia::v1::Date& d) { return d.year() * 10000 + d.month() * 100 + d.day(); }
int Minutes(const fascia::v1::TimeOfDay& t) { return t.hours() * 60 + t.minutes(); }

// A qualification code as issued ("LMT", "CLT", "prenatal-certified").
bool CheckQualificationCode(const std::string& code, const std::string& field, FieldViolations& v) {
  if (!CheckRequired(code, field, v) || !CheckText(code, 64, field, v)) return false;
  for (char c : code) {
    if (c <= ' ' || c == 0x7f) {
      v.Add(field, "must not contain spaces or control characters");
      return false;
    }
  }
  return true;
}

void ValidateStaff(const StaffMember& s, FieldViolations& v) {
  if (CheckRequired(s.display_name(), "staff_member.display_name", v)) {
    CheckText(s.display_name(), kMaxShortText, "staff_member.display_name", v);
  }
  if (s.qualifications_size() > 100) v.Add("staff_member.qualifications", "has more than 100 entries");
  for (int i = 0; i < s.qualifications_size(); ++i) {
    const auto& q = s.qualifications(i);
    std::string field = absl::StrCat("staff_member.qualifications[", i, "]");
    CheckQualificationCode(q.code(), field + ".code", v);
    CheckText(q.issuer(), kMaxShortText, field + ".issuer", v);
    bool from_ok = !q.has_valid_from() || CheckDate(q.valid_from(), field + ".valid_from", v);
    bool to_ok = !q.has_valid_to() || CheckDate(q.valid_to(), field + ".valid_to", v);
    if (from_ok && to_ok && q.has_valid_from() && q.has_valid_to() &&
        DateKey(q.valid_to()) < DateKey(q.valid_from())) {
      v.Add(field + ".valid_to", "must not be before valid_from");
    }
  }
  std::set<std::string> locations;
  if (s.locations_size() > 100) v.Add("staff_member.locations", "has more than 100 entries");
  for (int i = 0; i < s.locations_size(); ++i) {
    std::string field = absl::StrCat("staff_member.locations[", i, "]");
    if (CheckName(s.locations(i), kLocationPattern, field, v) &&
        !locations.insert(s.locations(i)).second) {
      v.Add(field, "is listed twice");
    }
  }
  if (s.shifts_size() > 500) v.Add("staff_member.shifts", "has more than 500 entries");
  for (int i = 0; i < s.shifts_size(); ++i) {
    const auto& shift = s.shifts(i);
    std::string field = absl::StrCat("staff_member.shifts[", i, "]");
    if (CheckName(shift.location(), kLocationPattern, field + ".location", v) &&
        locations.count(shift.location()) == 0) {
      v.Add(field + ".location", "must be one of staff_member.locations");
    }
    if (!CheckWeeklyInterval(shift.interval(), field + ".interval", v)) continue;
    // One person cannot work two shifts at once (even at two locations).
    for (int j = 0; j < i; ++j) {
      const auto& other = s.shifts(j).interval();
      const auto& mine = shift.interval();
      if (other.day() == mine.day() && Minutes(other.start()) < Minutes(mine.end()) &&
          Minutes(mine.start()) < Minutes(other.end())) {
        v.Add(field + ".interval", absl::StrCat("overlaps staff_member.shifts[", j, "]"));
        break;
      }
    }
  }
  if (s.breaks_size() > 100) v.Add("staff_member.breaks", "has more than 100 entries");
  for (int i = 0; i < s.breaks_size(); ++i) {
    CheckWeeklyInterval(s.breaks(i), absl::StrCat("staff_member.breaks[", i, "]"), v);
  }
  if (s.time_off_size() > 1000) v.Add("staff_member.time_off", "has more than 1000 entries");
  for (int i = 0; i < s.time_off_size(); ++i) {
    const auto& off = s.time_off(i);
    std::string field = absl::StrCat("staff_member.time_off[", i, "]");
    bool ok = CheckTimestamp(off.range().start_time(), field + ".range.start_time", v) &
              CheckTimestamp(off.range().end_time(), field + ".range.end_time", v);
    if (ok && ToTime(off.range().end_time()) <= ToTime(off.range().start_time())) {
      v.Add(field + ".range.end_time", "must be after start_time");
    }
    CheckText(off.reason(), kMaxShortText, field + ".reason", v);
  }
  ValidateStaffInsurance(s, v);
}

absl::Status CheckStaffReferences(storage::Connection& c, const StaffMember& s) {
  std::string org = NamePrefix(s.name(), 2);
  for (int i = 0; i < s.locations_size(); ++i) {
    std::string field = absl::StrCat("staff_member.locations[", i, "]");
    if (NamePrefix(s.locations(i), 2) != org) {
      FieldViolations v;
      v.Add(field, "must be a location of the staff member's organization");
      return v.ToStatus();
    }
    RETURN_IF_ERROR(CheckReference(c, "location", s.locations(i), field));
  }
  return absl::OkStatus();
}

bool StaffMatches(const StaffMember& s, const FilterTerm& term) {
  if (term.field == "locations") {
    for (const auto& l : s.locations()) {
      if (l == term.value) return true;
    }
  } else if (term.field == "qualifications") {
    for (const auto& q : s.qualifications()) {
      if (q.code() == term.value) return true;
    }
  }
  return false;
}

}  // namespace

ResourceType<StaffMember> StaffMemberType() {
  ResourceType<StaffMember> t;
  t.kind = "staff";
  t.pattern = kStaffPattern;
  t.parent_kind = "organization";
  t.parent_pattern = kOrganizationPattern;
  t.collection = "staff";
  t.field = "staff_member";
  t.validate = ValidateStaff;
  t.check_references = CheckStaffReferences;
  t.filter_schema = {{"locations", {"="}}, {"qualifications", {"="}}};
  t.matches = StaffMatches;
  return t;
}

}  // namespace fascia::api
