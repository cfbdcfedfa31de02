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

bool SameStart(const v1::AvailableSlot& a, const v1::AvailableSlot& b) {
  return a.start_time().seconds() == b.start_time().seconds() &&
         a.start_time().nanos() == b.start_time().nanos();
}

}  // namespace

std::string OfferStaffMember(const v1::SearchAvailabilityResponse& response,
                             const v1::SlotOffer& offer) {
  return At(response.staff_members(), offer.staff_member_index());
}

std::string OfferRoom(const v1::SearchAvailabilityResponse& response, const v1::SlotOffer& offer) {
  return At(response.rooms(), offer.room_index());
}

void AppendSlotsPage(const google::protobuf::Message& page_message,
                     google::protobuf::Message& into_message) {
  const auto& page = static_cast<const v1::SearchAvailabilityResponse&>(page_message);
  auto& into = static_cast<v1::SearchAvailabilityResponse&>(into_message);
  std::map<std::string, int> staff = Positions(into.staff_members());
  std::map<std::string, int> rooms = Positions(into.rooms());
  for (const v1::AvailableSlot& slot : page.slots()) {
    v1::AvailableSlot* out = nullptr;
    if (!into.slots().empty() && SameStart(into.slots(into.slots_size() - 1), slot)) {
      out = into.mutable_slots(into.slots_size() - 1);  // the start continues
    } else {
      out = into.add_slots();
      *out->mutable_start_time() = slot.start_time();
      *out->mutable_end_time() = slot.end_time();
    }
    for (const v1::SlotOffer& offer : slot.offers()) {
      v1::SlotOffer* joined = out->add_offers();
      joined->set_staff_member_index(
          PositionOf(OfferStaffMember(page, offer), *into.mutable_staff_members(), staff));
      joined->set_room_index(PositionOf(OfferRoom(page, offer), *into.mutable_rooms(), rooms));
    }
  }
  into.set_next_page_token(page.next_page_token());
  into.set_time_zone(page.time_zone());
}

v1::SearchAvailabilityResponse OnePerOffer(const v1::SearchAvailabilityResponse& response) {
  v1::SearchAvailabilityResponse out = response;
  out.clear_slots();
  for (const v1::AvailableSlot& slot : response.slots()) {
    for (const v1::SlotOffer& offer : slot.offers()) {
      v1::AvailableSlot* one = out.add_slots();
      *one->mutable_start_time() = slot.start_time();
      *one->mutable_end_time() = slot.end_time();
      *one->add_offers() = offer;
    }
  }
  return out;
}

}  // namespace fasciactl
