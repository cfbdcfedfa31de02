// Reading a SearchAvailabilityResponse: a slot names its staff member and
// room by position in the response's lists (see appointment_service.proto),
// and those positions hold within one page only.
//
//   v1::SearchAvailabilityResponse all;
//   CallPaged(inv, method, request, &all, /*all=*/true, AppendSlotsPage);
//   for (const auto& slot : all.slots()) Print(SlotStaffMember(all, slot));
#ifndef FASCIA_CLIENTS_FASCIACTL_SLOTS_H_
#define FASCIA_CLIENTS_FASCIACTL_SLOTS_H_

#include <string>

#include "fascia/v1/appointment_service.pb.h"
#include "google/protobuf/message.h"

namespace fasciactl {

// The resource names of `slot`'s staff member and room in `response`; ""
// if the position is out of range (a malformed response, not a failure to
// print).
std::string SlotStaffMember(const fascia::v1::SearchAvailabilityResponse& response,
                            const fascia::v1::AvailableSlot& slot);
std::string SlotRoom(const fascia::v1::SearchAvailabilityResponse& response,
                     const fascia::v1::AvailableSlot& slot);

// Appends the slots of `page` to `into` (both SearchAvailabilityResponse),
// translating their positions into `into`'s lists, which gain the names
// they lack. next_page_token and time_zone become the page's. A PageMerge
// for CallPaged.
void AppendSlotsPage(const google::protobuf::Message& page, google::protobuf::Message& into);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_SLOTS_H_
