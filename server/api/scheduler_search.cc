// Scheduler: availability search; see scheduler.h. Loads the location, the
// service, the candidate staff and rooms, everything that keeps them busy and,
// for a named client, what their screenings require (search_screening.h) in
// one read transaction, then lets domain::FindSlots decide.
#include <algorithm>
#include <memory>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/types/span.h"
#include "api/page_token.h"
#include "api/resource_types.h"
#include "api/schedule_convert.h"
#include "api/scheduler.h"
#include "api/scheduler_booking.h"
#include "api/search_screening.h"
#include "api/target.h"
#include "domain/availability.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

// `name` as of `revision` (nullopt: unknown, or gone), from `cache` if it
// holds that revision, else read in `c` (which names a missing or deleted
// resource in the error, as field `field`) and cached.
template <typename T>
absl::StatusOr<std::shared_ptr<const T>> CurrentVersion(storage::Connection& c, ConfigCache& cache,
                                                        absl::string_view kind,
                                                        const std::string& name,
                                                        std::optional<int64_t> revision,
                                                        const std::string& field) {
  if (revision) {
    std::shared_ptr<const T> hit = cache.Find<T>(name);
    if (hit && hit->etag() == std::to_string(*revision)) return hit;
  }
  return ReadAndCache<T>(c, cache, kind, name, field);
}

// Every live resource of `kind` under `parent`, in name order; see
// CurrentVersion.
template <typename T>
absl::StatusOr<std::vector<std::shared_ptr<const T>>> CurrentChildren(storage::Connection& c,
                                                                      ConfigCache& cache,
                                                                      const std::string& kind,
                                                                      const std::string& parent) {
  ASSIGN_OR_RETURN(auto revisions, storage::ResourceRepository(kind).ListRevisions(c, parent));
  std::vector<std::shared_ptr<const T>> out;
  out.reserve(revisions.size());
  for (const auto& [name, revision] : revisions) {
    ASSIGN_OR_RETURN(auto item, CurrentVersion<T>(c, cache, kind, name, revision, kind));
    out.push_back(std::move(item));
  }
  return out;
}

// The revision of `name` in `revisions` (CurrentRevisions), nullopt if it
// is missing or deleted.
std::optional<int64_t> RevisionIn(const absl::flat_hash_map<std::string, int64_t>& revisions,
                                  const std::string& name) {
  auto it = revisions.find(name);
  if (it == revisions.end()) return std::nullopt;
  return it->second;
}

bool WorksAt(const v1::StaffMember& s, const std::string& location) {
  return std::find(s.locations().begin(), s.locations().end(), location) != s.locations().end();
}

// For each party, its position among those `used` marks (counted in party
// order), or -1 if it is not marked.
std::vector<int> PagePositions(const std::vector<bool>& used) {
  std::vector<int> position(used.size(), -1);
  int next = 0;
  for (size_t i = 0; i < used.size(); ++i) {
    if (used[i]) position[i] = next++;
  }
  return position;
}

// Appends `slots` (in start order) to `response`, one AvailableSlot per
// start with an offer per staff member, and the staff members and rooms they
// use listed once each, in name order (the order of the schedules), each
// offer naming them by position in those lists.
void WriteSlots(absl::Span<const domain::Slot> slots,
                const std::vector<domain::StaffSchedule>& staff,
                const std::vector<domain::RoomSchedule>& rooms,
                v1::SearchAvailabilityResponse& response) {
  std::vector<bool> staff_used(staff.size()), room_used(rooms.size());
  for (const domain::Slot& slot : slots) {
    staff_used[slot.staff_index] = true;
    room_used[slot.room_index] = true;
  }
  const std::vector<int> staff_position = PagePositions(staff_used);
  const std::vector<int> room_position = PagePositions(room_used);
  for (size_t i = 0; i < staff.size(); ++i) {
    if (staff_used[i]) response.add_staff_members(staff[i].id);
  }
  for (size_t i = 0; i < rooms.size(); ++i) {
    if (room_used[i]) response.add_rooms(rooms[i].id);
  }
  v1::AvailableSlot* out = nullptr;
  absl::Time out_start;
  for (const domain::Slot& slot : slots) {
    if (out == nullptr || slot.start != out_start) {
      out = response.add_slots();
      out_start = slot.start;
      SetTimestamp(slot.start, *out->mutable_start_time());
      SetTimestamp(slot.end, *out->mutable_end_time());
    }
    v1::SlotOffer* offer = out->add_offers();
    offer->set_staff_member_index(staff_position[slot.staff_index]);
    offer->set_room_index(room_position[slot.room_index]);
  }
}

}  // namespace

absl::Status Scheduler::Search(Caller& caller, const v1::SearchAvailabilityRequest& request,
                               int page_size, v1::SearchAvailabilityResponse& response) {
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
    if (!absl::SimpleAtoi(parts.first, &start_us)) return MalformedPageToken();
    resume = std::make_pair(start_us, parts.second);
  }

  // Configuration comes from the cache where its revision is still the one
  // in the database: the same snapshot as the busy times, without reading
  // and parsing every staff member on every search.
  std::shared_ptr<const v1::Location> location;
  std::shared_ptr<const v1::Service> service;
  std::vector<std::shared_ptr<const v1::StaffMember>> staff;
  std::vector<std::shared_ptr<const v1::Room>> rooms;
  std::vector<storage::BusyTime> staff_busy, room_busy, client_busy;
  std::vector<domain::DayRequirements> screened_days;
  const absl::Time now = clock_();
  RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
    // One query for the revisions of everything the request names.
    std::vector<std::string> named = {location_name, request.service()};
    if (!request.staff_member().empty()) named.push_back(request.staff_member());
    if (!request.room().empty()) named.push_back(request.room());
    ASSIGN_OR_RETURN(auto revisions, storage::ResourceRepository::CurrentRevisions(c, named));
    ASSIGN_OR_RETURN(location, CurrentVersion<v1::Location>(c, config_, "location", location_name,
                                                            RevisionIn(revisions, location_name),
                                                            "location"));
    ASSIGN_OR_RETURN(service, CurrentVersion<v1::Service>(c, config_, "service", request.service(),
                                                          RevisionIn(revisions, request.service()),
                                                          "service"));
    if (!request.staff_member().empty()) {
      ASSIGN_OR_RETURN(auto one, CurrentVersion<v1::StaffMember>(
                                     c, config_, "staff", request.staff_member(),
                                     RevisionIn(revisions, request.staff_member()), "staff_member"));
      staff = {std::move(one)};
    } else {
      ASSIGN_OR_RETURN(staff, CurrentChildren<v1::StaffMember>(c, config_, "staff", organization));
    }
    if (!request.room().empty()) {
      ASSIGN_OR_RETURN(auto one, CurrentVersion<v1::Room>(c, config_, "room", request.room(),
                                                          RevisionIn(revisions, request.room()),
                                                          "room"));
      rooms = {std::move(one)};
    } else {
      ASSIGN_OR_RETURN(rooms, CurrentChildren<v1::Room>(c, config_, "room", location_name));
    }
    if (!request.client().empty()) {
      RETURN_IF_ERROR(CheckReference(c, "client", request.client(), "client"));
      const std::string& modality = service->modality_code();
      if (plugins_ != nullptr && !modality.empty() && plugins_->ForModality(modality) != nullptr) {
        absl::TimeZone zone;
        if (!absl::LoadTimeZone(location->time_zone(), &zone)) {
          return absl::InternalError("stored location has an unknown time zone");
        }
        screening::GatePolicy policy;
        policy.validity = screening_validity_;
        ASSIGN_OR_RETURN(screened_days, ScreeningRequirementsByDay(c, request.client(), modality,
                                                                   zone, from, to, policy, now));
        // The client's screenings were read, and the offers may show what
        // they require: health data, so the search is audited.
        caller.AuditHealthDataRead(request.client());
      }
    }
    staff.erase(std::remove_if(staff.begin(), staff.end(),
                               [&](const auto& s) { return !WorksAt(*s, location_name); }),
                staff.end());
    // Name order as C++ compares names (bytewise), which resuming from a page
    // token relies on: a PostgreSQL database's collation may sort otherwise.
    auto by_name = [](const auto& a, const auto& b) { return a->name() < b->name(); };
    std::sort(staff.begin(), staff.end(), by_name);
    std::sort(rooms.begin(), rooms.end(), by_name);
    std::vector<std::string> staff_names, room_names;
    for (const auto& s : staff) staff_names.push_back(s->name());
    for (const auto& r : rooms) room_names.push_back(r->name());
    const absl::Duration reach = ToDuration(service->buffer_before()) +
                                 ToDuration(service->duration()) + ToDuration(service->buffer_after());
    const int64_t from_us = absl::ToUnixMicros(from - reach);
    const int64_t to_us = absl::ToUnixMicros(to + reach);
    ASSIGN_OR_RETURN(staff_busy, appointments_.BusyTimes(c, storage::Party::kStaff, staff_names,
                                                         from_us, to_us));
    ASSIGN_OR_RETURN(room_busy, appointments_.BusyTimes(c, storage::Party::kRoom, room_names,
                                                        from_us, to_us));
    if (!request.client().empty()) {
      ASSIGN_OR_RETURN(client_busy, appointments_.BusyTimes(c, storage::Party::kClient,
                                                            {request.client()}, from_us, to_us));
    }
    return absl::OkStatus();
  }));

  bool offered = false;
  for (const auto& price : service->prices()) offered |= price.location() == location_name;
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
  for (const auto& s : staff) staff_schedules.push_back(ToStaffSchedule(*s, location_name));
  for (const auto& r : rooms) room_schedules.push_back(ToRoomSchedule(*r));
  // BusyTimes indexes the names it was given, which are staff and rooms in
  // the order of the schedules.
  auto block = [](const storage::BusyTime& b) {
    return domain::Interval{absl::FromUnixMicros(b.start_us), absl::FromUnixMicros(b.end_us)};
  };
  for (const auto& b : staff_busy) staff_schedules[b.party_index].busy.push_back(block(b));
  for (const auto& b : room_busy) room_schedules[b.party_index].busy.push_back(block(b));
  domain::SlotQuery query;
  for (const auto& b : client_busy) query.client_busy.push_back(block(b));

  query.range = {from, to};
  query.now = now;
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
                   domain::FindSlotsByDay(ToLocationSchedule(*location), ToServiceSpec(*service),
                                          staff_schedules, room_schedules, query, screened_days));

  response.set_time_zone(location->time_zone());
  const size_t returned = std::min(slots.size(), static_cast<size_t>(page_size));
  WriteSlots(absl::MakeConstSpan(slots.data(), returned), staff_schedules, room_schedules,
             response);
  if (slots.size() > static_cast<size_t>(page_size)) {
    const auto& last = slots[page_size - 1];
    response.set_next_page_token(EncodePageToken(
        fingerprint, absl::StrCat(absl::ToUnixMicros(last.start), "|",
                                  staff_schedules[last.staff_index].id)));
  }
  return absl::OkStatus();
}

}  // namespace fascia::api
