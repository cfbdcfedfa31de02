// See slots.h.
#include "slots.h"

#include <map>

#include "google/protobuf/repeated_ptr_field.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

std::string At(const google::protobuf::RepeatedPtrField<std::string>& names, int index) {
  return index >= 0 && index < names.size() ? names.Get(index) : std::string();
}

// The position of `name` in `names`, appending it if absent; `known` maps
// the names already in `names` to their positions.
int PositionOf(const std::string& name, google::protobuf::RepeatedPtrField<std::string>& names,
               std::map<std::string, int>& known) {
  auto [it, added] = known.emplace(name, names.size());
  if (added) *names.Add() = name;
  return it->second;
}

std::map<std::string, int> Positions(const google::protobuf::RepeatedPtrField<std::string>& names) {
  std::map<std::string, int> out;
  for (int i = 0; i < names.size(); ++i) out.emplace(names.Get(i), i);
  return out;
}

}  // namespace

std::string SlotStaffMember(const v1::SearchAvailabilityResponse& response,
                            const v1::AvailableSlot& slot) {
  return At(response.staff_members(), slot.staff_member_index());
}

std::string SlotRoom(const v1::SearchAvailabilityResponse& response,
                     const v1::AvailableSlot& slot) {
  return At(response.rooms(), slot.room_index());
}

void AppendSlotsPage(const google::protobuf::Message& page_message,
                     google::protobuf::Message& into_message) {
  const auto& page = static_cast<const v1::SearchAvailabilityResponse&>(page_message);
  auto& into = static_cast<v1::SearchAvailabilityResponse&>(into_message);
  std::map<std::string, int> staff = Positions(into.staff_members());
  std::map<std::string, int> rooms = Positions(into.rooms());
  for (const v1::AvailableSlot& slot : page.slots()) {
    v1::AvailableSlot* out = into.add_slots();
    *out->mutable_start_time() = slot.start_time();
    *out->mutable_end_time() = slot.end_time();
    out->set_staff_member_index(
        PositionOf(SlotStaffMember(page, slot), *into.mutable_staff_members(), staff));
    out->set_room_index(PositionOf(SlotRoom(page, slot), *into.mutable_rooms(), rooms));
  }
  into.set_next_page_token(page.next_page_token());
  into.set_time_zone(page.time_zone());
}

}  // namespace fasciactl
