// Reading a SearchAvailabilityResponse: a slot is a start time with offers,
// and an offer names its staff member and room by position in the
// response's lists (see appointment_service.proto); positions hold within
// one page only.
//
//   v1::SearchAvailabilityResponse all;
//   CallPaged(inv, method, request, &all, /*all=*/true, AppendSlotsPage);
//   for (const auto& slot : all.slots())
//     for (const auto& offer : slot.offers()) Print(OfferStaffMember(all, offer));
#ifndef FASCIA_CLIENTS_FASCIACTL_SLOTS_H_
#define FASCIA_CLIENTS_FASCIACTL_SLOTS_H_

#include <string>

#include "fascia/v1/appointment_service.pb.h"
#include "google/protobuf/message.h"

namespace fasciactl {

// The resource names of `offer`'s staff member and room in `response`; ""
// if the position is out of range (a malformed response, not a failure to
// print).
std::string OfferStaffMember(const fascia::v1::SearchAvailabilityResponse& response,
                             const fascia::v1::SlotOffer& offer);
std::string OfferRoom(const fascia::v1::SearchAvailabilityResponse& response,
                      const fascia::v1::SlotOffer& offer);

// Appends the slots of `page` to `into`, translating their positions into
// `into`'s lists, which gain the names they lack in the order first used (so
// a joined list is not in name order). A page that begins with the start
// `into` ends with continues that slot's offers. next_page_token and
// time_zone become the page's. A PageMerge for CallPaged.
// REQUIRES: both are fascia::v1::SearchAvailabilityResponse objects (the
// generated class, not a DynamicMessage).
void AppendSlotsPage(const google::protobuf::Message& page, google::protobuf::Message& into);

// `response` with one slot per offer (each start repeated for each of its
// staff members), for a table with a row per offer.
fascia::v1::SearchAvailabilityResponse OnePerOffer(
    const fascia::v1::SearchAvailabilityResponse& response);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_SLOTS_H_
