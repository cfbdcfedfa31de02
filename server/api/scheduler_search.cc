// Scheduler: availability search; see scheduler.h. Loads the location, the
// service, the candidate staff and rooms and everything that keeps them busy
// in one read transaction, then lets domain::FindSlots decide.
#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "api/page_token.h"
#include "api/resource_types.h"
#include "api/schedule_convert.h"
#include "api/scheduler.h"
#include "api/target.h"
#include "domain/availability.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

// Every live resource of `kind` under `parent`, in name order.
template <typename T>
absl::StatusOr<std::vector<T>> ListAll(storage::Connection& c, const std::string& kind,
                                       const std::string& parent) {
  storage::ResourceRepository repo(kind);
  std::vector<T> out;
  std::string after;
  constexpr int kBatch = 500;
  while (true) {
    ASSIGN_OR_RETURN(auto rows, repo.List(c, parent, after, kBatch, false));
    for (const auto& row : rows) {
      T item;
      if (!item.ParseFromString(row.data)) return absl::DataLossError("stored resource cannot be parsed");
      out.push_back(std::move(item));
    }
    if (static_cast<int>(rows.size()) < kBatch) return out;
    after = rows.back().name;
  }
}

bool WorksAt(const v1::StaffMember& s, const std::string& location) {
  return std::find(s.locations().begin(), s.locations().end(), location) != s.locations().end();
}

}  // namespace

absl::StatusOr<v1::SearchAvailabilityResponse> Scheduler::Search(
    Caller& caller, const v1::SearchAvailabilityRequest& request, int page_size) {
  const std::string& location_name = request.location();
  domain::Target target = TargetOf(location_name);
  target.staff_member = request.staff_member();
  RETURN_IF_ERROR(caller.Authorize(target, location_name));
  const std::string organization = NamePrefix(location_name, 2);
  const absl::Time from = ToTime(request.start_time());
  const absl::Time to = ToTime(request.end_time());
  const std::string fingerprint =
      absl::StrCat("search|", location_name, "|", request.service(), "|", request.staff_member(),
                   "|", request.room(), "|", request.client(), "|", absl::ToUnixMicros(from), "|",
                   absl::ToUnixMicros(to));
  std::optional<std::pair<int64_t, std::string>> resume;
  if (!request.page_token().empty()) {
    ASSIGN_OR_RETURN(std::string cursor, DecodePageToken(request.page_token(), fingerprint));
    std::pair<std::string, std::string> parts = absl::StrSplit(cursor, absl::MaxSplits('|', 1));
    int64_t start_us = 0;
    if (!absl::SimpleAtoi(parts.first, &start_us)) return absl::InternalError("bad cursor");
    resume = std::make_pair(start_us, parts.second);
  }

  v1::Location location;
  v1::Service service;
  std::vector<v1::StaffMember> staff;
  std::vector<v1::Room> rooms;
  std::vector<storage::BusyRange> busy;
  RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
    ASSIGN_OR_RETURN(location, LoadReferenced<v1::Location>(c, "location", location_name, "location"));
    ASSIGN_OR_RETURN(service, LoadReferenced<v1::Service>(c, "service", request.service(), "service"));
    if (!request.staff_member().empty()) {
      ASSIGN_OR_RETURN(auto one, LoadReferenced<v1::StaffMember>(c, "staff", request.staff_member(),
                                                                 "staff_member"));
      staff = {std::move(one)};
    } else {
      ASSIGN_OR_RETURN(staff, ListAll<v1::StaffMember>(c, "staff", organization));
    }
    if (!request.room().empty()) {
      ASSIGN_OR_RETURN(auto one, LoadReferenced<v1::Room>(c, "room", request.room(), "room"));
      rooms = {std::move(one)};
    } else {
      ASSIGN_OR_RETURN(rooms, ListAll<v1::Room>(c, "room", location_name));
    }
    if (!request.client().empty()) {
      RETURN_IF_ERROR(CheckReference(c, "client", request.client(), "client"));
    }
    staff.erase(std::remove_if(staff.begin(), staff.end(),
                               [&](const v1::StaffMember& s) { return !WorksAt(s, location_name); }),
                staff.end());
    std::vector<std::string> staff_names, room_names, clients;
    for (const auto& s : staff) staff_names.push_back(s.name());
    for (const auto& r : rooms) room_names.push_back(r.name());
    if (!request.client().empty()) clients.push_back(request.client());
    const absl::Duration reach = ToDuration(service.buffer_before()) + ToDuration(service.duration()) +
                                 ToDuration(service.buffer_after());
    ASSIGN_OR_RETURN(busy, appointments_.ListBusy(c, staff_names, room_names, clients,
                                                  absl::ToUnixMicros(from - reach),
                                                  absl::ToUnixMicros(to + reach)));
    return absl::OkStatus();
  }));

  bool offered = false;
  for (const auto& price : service.prices()) offered |= price.location() == location_name;
  if (!offered) {
    return ReasonError(absl::StatusCode::kFailedPrecondition, "NOT_OFFERED_AT_LOCATION",
                       "the service has no price at this location, so it is not offered there");
  }
  if (!request.staff_member().empty() && staff.empty()) {
    return ReasonError(absl::StatusCode::kFailedPrecondition, "STAFF_NOT_AT_LOCATION",
                       "the staff member does not work at this location");
  }

  std::vector<domain::StaffSchedule> staff_schedules;
  std::vector<domain::RoomSchedule> room_schedules;
  for (const auto& s : staff) staff_schedules.push_back(ToStaffSchedule(s, location_name));
  for (const auto& r : rooms) room_schedules.push_back(ToRoomSchedule(r));
  domain::SlotQuery query;
  // Staff and rooms are in name order, so a binary search maps names to indexes.
  auto index_of = [](const auto& schedules, const std::string& id) -> std::optional<size_t> {
    auto it = std::lower_bound(schedules.begin(), schedules.end(), id,
                               [](const auto& s, const std::string& key) { return s.id < key; });
    if (it == schedules.end() || it->id != id) return std::nullopt;
    return static_cast<size_t>(it - schedules.begin());
  };
  for (const auto& b : busy) {
    domain::Interval block{absl::FromUnixMicros(b.block_start_us), absl::FromUnixMicros(b.block_end_us)};
    if (auto i = index_of(staff_schedules, b.staff)) staff_schedules[*i].busy.push_back(block);
    if (auto i = index_of(room_schedules, b.room)) room_schedules[*i].busy.push_back(block);
    if (!request.client().empty() && b.client == request.client()) {
      query.client_busy.push_back({absl::FromUnixMicros(b.start_us), absl::FromUnixMicros(b.end_us)});
    }
  }

  query.range = {from, to};
  query.now = clock_();
  query.limit = static_cast<size_t>(page_size) + 1;
  if (resume && !staff_schedules.empty()) {
    // Resume after the last slot returned. If that staff member has gone since,
    // resume after the last one before them in name order.
    auto it = std::upper_bound(staff_schedules.begin(), staff_schedules.end(), resume->second,
                               [](const std::string& key, const auto& s) { return key < s.id; });
    absl::Time at = absl::FromUnixMicros(resume->first);
    if (it == staff_schedules.begin()) {
      query.resume_after = domain::SlotQuery::ResumeAfter{at - absl::Nanoseconds(1),
                                                          staff_schedules.size() - 1};
    } else {
      query.resume_after = domain::SlotQuery::ResumeAfter{
          at, static_cast<size_t>(it - staff_schedules.begin()) - 1};
    }
  }
  ASSIGN_OR_RETURN(std::vector<domain::Slot> slots,
                   domain::FindSlots(ToLocationSchedule(location), ToServiceSpec(service),
                                     staff_schedules, room_schedules, query));

  v1::SearchAvailabilityResponse response;
  response.set_time_zone(location.time_zone());
  for (size_t i = 0; i < slots.size() && i < static_cast<size_t>(page_size); ++i) {
    auto* out = response.add_slots();
    *out->mutable_start_time() = ToTimestamp(slots[i].start);
    *out->mutable_end_time() = ToTimestamp(slots[i].end);
    out->set_staff_member(staff_schedules[slots[i].staff_index].id);
    out->set_room(room_schedules[slots[i].room_index].id);
  }
  if (slots.size() > static_cast<size_t>(page_size)) {
    const auto& last = slots[page_size - 1];
    response.set_next_page_token(EncodePageToken(
        fingerprint, absl::StrCat(absl::ToUnixMicros(last.start), "|",
                                  staff_schedules[last.staff_index].id)));
  }
  return response;
}

}  // namespace fascia::api
