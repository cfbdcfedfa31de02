// In-process tests of how fasciactl reads availability (slots.h): a slot's
// staff member and room by position, and pages joined with their positions
// translated into one response's lists.
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

// "staff room start" for every slot, to compare joined pages by names.
std::vector<std::string> Named(const v1::SearchAvailabilityResponse& r) {
  std::vector<std::string> out;
  for (const auto& s : r.slots()) {
    out.push_back(SlotStaffMember(r, s) + " " + SlotRoom(r, s) + " " +
                  std::to_string(s.start_time().seconds()));
  }
  return out;
}

TEST(SlotsTest, PositionsOutOfRangeReadAsEmptyNames) {
  v1::SearchAvailabilityResponse r = Page(R"pb(
    slots { staff_member_index: 1 room_index: -1 }
    staff_members: "s/a"
    rooms: "r/1"
  )pb");
  EXPECT_EQ(SlotStaffMember(r, r.slots(0)), "");
  EXPECT_EQ(SlotRoom(r, r.slots(0)), "");
}

TEST(SlotsTest, JoiningPagesTranslatesEachPagesPositions) {
  // Page 1 uses staff a and b; page 2 uses b and c, so b is at position 0
  // there and at 1 in the joined lists.
  const v1::SearchAvailabilityResponse page1 = Page(R"pb(
    slots { start_time { seconds: 1 } staff_member_index: 0 room_index: 0 }
    slots { start_time { seconds: 1 } staff_member_index: 1 room_index: 0 }
    staff_members: [ "s/a", "s/b" ]
    rooms: "r/1"
    next_page_token: "more"
    time_zone: "Europe/London"
  )pb");
  const v1::SearchAvailabilityResponse page2 = Page(R"pb(
    slots { start_time { seconds: 2 } staff_member_index: 0 room_index: 1 }
    slots { start_time { seconds: 2 } staff_member_index: 1 room_index: 0 }
    staff_members: [ "s/b", "s/c" ]
    rooms: [ "r/1", "r/2" ]
    time_zone: "Europe/London"
  )pb");
  v1::SearchAvailabilityResponse joined;
  AppendSlotsPage(page1, joined);
  EXPECT_EQ(joined.next_page_token(), "more");
  AppendSlotsPage(page2, joined);

  EXPECT_EQ(Named(joined), (std::vector<std::string>{"s/a r/1 1", "s/b r/1 1", "s/b r/2 2",
                                                     "s/c r/1 2"}));
  EXPECT_EQ(joined.staff_members_size(), 3);  // each name once
  EXPECT_EQ(joined.rooms_size(), 2);
  EXPECT_EQ(joined.next_page_token(), "");
  EXPECT_EQ(joined.time_zone(), "Europe/London");
}

}  // namespace
}  // namespace fasciactl
