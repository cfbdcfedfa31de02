// In-process tests of how fasciactl reads availability (slots.h): an offer's
// staff member and room by position, pages joined with their positions
// translated into one response's lists, and a row per offer for tables.
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "slots.h"

namespace fasciactl {
namespace {

namespace v1 = fascia::v1;

v1::SearchAvailabilityResponse Page(const std::string& text) {
  v1::SearchAvailabilityResponse page;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &page));
  return page;
}

// "start staff room" for every offer, to compare responses by names.
std::vector<std::string> Named(const v1::SearchAvailabilityResponse& r) {
  std::vector<std::string> out;
  for (const auto& slot : r.slots()) {
    for (const auto& offer : slot.offers()) {
      out.push_back(std::to_string(slot.start_time().seconds()) + " " + OfferStaffMember(r, offer) +
                    " " + OfferRoom(r, offer));
    }
  }
  return out;
}

TEST(SlotsTest, PositionsOutOfRangeReadAsEmptyNames) {
  v1::SearchAvailabilityResponse r = Page(R"pb(
    slots { offers { staff_member_index: 1 room_index: -1 } }
    staff_members: "s/a"
    rooms: "r/1"
  )pb");
  EXPECT_EQ(OfferStaffMember(r, r.slots(0).offers(0)), "");
  EXPECT_EQ(OfferRoom(r, r.slots(0).offers(0)), "");
}

TEST(SlotsTest, JoiningPagesTranslatesPositionsAndContinuesASplitStart) {
  // Page 1 ends inside start 2 (a there); page 2 carries on with b at
  // start 2, where b is at position 0 of its own list and 1 of the joined.
  const v1::SearchAvailabilityResponse page1 = Page(R"pb(
    slots {
      start_time { seconds: 1 }
      offers { staff_member_index: 0 room_index: 0 }
      offers { staff_member_index: 1 room_index: 0 }
    }
    slots {
      start_time { seconds: 2 }
      offers { staff_member_index: 0 room_index: 0 }
    }
    staff_members: [ "s/a", "s/b" ]
    rooms: "r/1"
    next_page_token: "more"
    time_zone: "Europe/London"
  )pb");
  const v1::SearchAvailabilityResponse page2 = Page(R"pb(
    slots {
      start_time { seconds: 2 }
      offers { staff_member_index: 0 room_index: 1 }
      offers { staff_member_index: 1 room_index: 0 }
    }
    staff_members: [ "s/b", "s/c" ]
    rooms: [ "r/1", "r/2" ]
    time_zone: "Europe/London"
  )pb");
  v1::SearchAvailabilityResponse joined;
  AppendSlotsPage(page1, joined);
  EXPECT_EQ(joined.next_page_token(), "more");
  AppendSlotsPage(page2, joined);

  EXPECT_EQ(joined.slots_size(), 2);  // start 2 is one slot
  EXPECT_EQ(Named(joined), (std::vector<std::string>{"1 s/a r/1", "1 s/b r/1", "2 s/a r/1",
                                                     "2 s/b r/2", "2 s/c r/1"}));
  EXPECT_EQ(joined.staff_members_size(), 3);  // each name once
  EXPECT_EQ(joined.rooms_size(), 2);
  EXPECT_EQ(joined.next_page_token(), "");
  EXPECT_EQ(joined.time_zone(), "Europe/London");
}

TEST(SlotsTest, OnePerOfferRepeatsTheStartForEachOffer) {
  const v1::SearchAvailabilityResponse r = Page(R"pb(
    slots {
      start_time { seconds: 1 }
      end_time { seconds: 61 }
      offers { staff_member_index: 0 room_index: 0 }
      offers { staff_member_index: 1 room_index: 0 }
    }
    staff_members: [ "s/a", "s/b" ]
    rooms: "r/1"
  )pb");
  const v1::SearchAvailabilityResponse rows = OnePerOffer(r);
  ASSERT_EQ(rows.slots_size(), 2);
  for (const auto& row : rows.slots()) {
    EXPECT_EQ(row.offers_size(), 1);
    EXPECT_EQ(row.end_time().seconds(), 61);
  }
  EXPECT_EQ(Named(rows), Named(r));
}

}  // namespace
}  // namespace fasciactl
