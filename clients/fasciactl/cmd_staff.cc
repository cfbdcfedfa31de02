// `fasciactl staff ...`: therapists with their qualifications, the locations
// they work at, weekly shifts per location and weekly breaks. Time off and
// qualification validity dates go through --from-file.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "commands.h"
#include "fascia/v1/staff_service.pb.h"
#include "resource.h"
#include "times.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

// "london: mon-fri 09:00-17:00; new-york: sat 10:00-14:00"
std::string ShiftsText(const v1::StaffMember& s) {
  std::vector<std::string> locations;
  for (const v1::Shift& shift : s.shifts()) {
    if (std::find(locations.begin(), locations.end(), shift.location()) == locations.end()) {
      locations.push_back(shift.location());
    }
  }
  std::vector<std::string> parts;
  for (const std::string& location : locations) {
    google::protobuf::RepeatedPtrField<v1::WeeklyInterval> hours;
    for (const v1::Shift& shift : s.shifts()) {
      if (shift.location() == location) *hours.Add() = shift.interval();
    }
    parts.push_back(absl::StrCat(LastSegment(location), ": ", FormatWeeklyHours(hours)));
  }
  return absl::StrJoin(parts, "; ");
}

absl::Status ApplyStaff(Invocation& inv, v1::StaffMember& s, FieldPaths& paths) {
  const ParsedArgs& a = inv.args();
  if (auto v = a.Find("display-name")) {
    s.set_display_name(*v);
    paths.Add("display_name");
  }
  if (a.Has("qualification")) {
    s.clear_qualifications();
    for (const std::string& text : a.GetList("qualification")) {
      v1::Qualification* q = s.add_qualifications();
      const size_t at = text.find('@');
      q->set_code(text.substr(0, at));
      if (at != std::string::npos) q->set_issuer(text.substr(at + 1));
    }
    paths.Add("qualifications");
  }
  if (a.Has("locations")) {
    s.clear_locations();
    for (const std::string& loc : a.GetList("locations")) {
      absl::StatusOr<std::string> name = inv.OrgChild("locations", loc);
      if (!name.ok()) return name.status();
      s.add_locations(*name);
    }
    paths.Add("locations");
  }
  if (a.Has("shift")) {
    s.clear_shifts();
    for (const std::string& text : a.GetAll("shift")) {
      const size_t eq = text.find('=');
      if (eq == std::string::npos) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--shift \"", text, "\": use LOCATION=HOURS, e.g. london=\"mon-fri 09:00-17:00\""));
      }
      absl::StatusOr<std::string> location = inv.OrgChild("locations", text.substr(0, eq));
      if (!location.ok()) return location.status();
      absl::StatusOr<std::vector<v1::WeeklyInterval>> hours = ParseWeeklyHours(text.substr(eq + 1));
      if (!hours.ok())
        return absl::InvalidArgumentError("--shift: " + std::string(hours.status().message()));
      for (const auto& h : *hours) {
        v1::Shift* shift = s.add_shifts();
        shift->set_location(*location);
        *shift->mutable_interval() = h;
      }
      // On create, working somewhere a shift is follows from the shift (the
      // server requires it); on update, --locations says so explicitly.
      if (inv.command().verb == "create" &&
          std::find(s.locations().begin(), s.locations().end(), *location) == s.locations().end()) {
        s.add_locations(*location);
        paths.Add("locations");
      }
    }
    paths.Add("shifts");
  }
  if (auto v = a.Find("breaks")) {
    absl::StatusOr<std::vector<v1::WeeklyInterval>> hours = ParseWeeklyHours(*v);
    if (!hours.ok())
      return absl::InvalidArgumentError("--breaks: " + std::string(hours.status().message()));
    s.clear_breaks();
    for (const auto& h : *hours) *s.add_breaks() = h;
    paths.Add("breaks");
  }
  return absl::OkStatus();
}

}  // namespace

void RegisterStaffCommands(Registry& registry) {
  ResourceSpec spec;
  spec.group = "staff";
  spec.aliases = {"staff-members", "staff-member", "therapists"};
  spec.kind = "staff member";
  spec.summary = "Therapists: qualifications, locations, shifts and breaks";
  spec.scope = Scope::kOrganization;
  spec.collection = "staff";
  spec.service = "fascia.v1.StaffService";
  spec.type = "StaffMember";
  spec.plural = "StaffMembers";
  spec.field = "staff_member";
  spec.filter_help = "'qualifications = \"CLT\"' or 'locations = \"organizations/o/locations/l\"'";
  spec.columns = {
      Col<v1::StaffMember>("ID", [](const v1::StaffMember& s) { return LastSegment(s.name()); }),
      Col<v1::StaffMember>("DISPLAY NAME",
                           [](const v1::StaffMember& s) { return s.display_name(); }),
      Col<v1::StaffMember>("LOCATIONS",
                           [](const v1::StaffMember& s) {
                             std::vector<std::string> ids;
                             for (const auto& l : s.locations()) ids.push_back(LastSegment(l));
                             return absl::StrJoin(ids, ",");
                           }),
      Col<v1::StaffMember>("QUALIFICATIONS",
                           [](const v1::StaffMember& s) {
                             std::vector<std::string> codes;
                             for (const auto& q : s.qualifications()) codes.push_back(q.code());
                             return absl::StrJoin(codes, ",");
                           }),
      Col<v1::StaffMember>("SHIFTS", ShiftsText, kWide),
      Col<v1::StaffMember>(
          "BREAKS", [](const v1::StaffMember& s) { return FormatWeeklyHours(s.breaks()); }, kWide),
      Col<v1::StaffMember>(
          "DELETED",
          [](const v1::StaffMember& s) {
            return s.has_delete_time() ? FormatUtc(FromTimestamp(s.delete_time())) : "";
          },
          kWide),
      Col<v1::StaffMember>(
          "NAME", [](const v1::StaffMember& s) { return s.name(); }, kWide),
  };
  spec.field_flags = {
      {"display-name", "TEXT", "name shown to people"},
      {"qualification", "CODE[@ISSUER]", "a credential, e.g. LMT@CNHC; replaces all", true},
      {"locations", "LIST", "locations worked at (ids or names); replaces all", true},
      {"shift", "LOC=HOURS",
       "weekly shifts at a location in its local time, e.g. "
       "london=\"mon-fri 09:00-17:00\"; replaces all shifts",
       true},
      {"breaks", "HOURS", "weekly breaks, local time where they work: \"mon-fri 13:00-13:30\""},
  };
  spec.apply = ApplyFlags<v1::StaffMember>(ApplyStaff);
  spec.examples = {
      {"list",
       {"fasciactl staff list --org demo", "fasciactl staff list --org demo -o wide",
        "fasciactl staff list --org demo --filter 'qualifications = \"CLT\"'"}},
      {"get", {"fasciactl staff get alice --org demo -o yaml"}},
      {"create",
       {"fasciactl staff create --org acme --id ann --display-name \"Ann Lee\" --qualification LMT "
        "--shift soho=\"mon-fri 09:00-17:00\" --breaks \"mon-fri 13:00-13:30\"",
        "fasciactl staff create --org acme --id ann --from-file ann.json"}},
      {"update",
       {"fasciactl staff update ann --org acme --qualification LMT,CLT@NLA",
        "fasciactl staff update ann --org acme --locations soho,camden "
        "--shift soho=\"mon-wed 09:00-17:00\" --shift camden=\"thu-fri 10:00-18:00\""}},
      {"delete", {"fasciactl staff delete ann --org acme"}},
  };
  registry.Add(MakeStandardGroup(spec));
}

}  // namespace fasciactl
