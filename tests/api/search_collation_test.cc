// SearchAvailability pages through staff members in the same order whatever
// the PostgreSQL database's collation. Resuming from a page token compares
// names as C++ does (bytewise), while a collation that ignores punctuation
// (ICU's "shifted" here, like glibc's en_US.UTF-8) sorts ".../ab" before
// ".../a-c"; the search must not take its order from the database's ORDER BY.
#include <gtest/gtest.h>

#include "chain_fixture.h"
#include "support/postgres_test_db.h"

namespace fascia::testing {
namespace {

constexpr char kPunctuationIgnoringCollation[] =
    "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US-u-ka-shifted'";

void AddNyStaff(TestServer& server, const std::string& id) {
  grpc::ClientContext ctx;
  v1::CreateStaffMemberRequest req;
  req.set_parent(kOrg);
  req.set_staff_member_id(id);
  *req.mutable_staff_member() = Text<v1::StaffMember>(
      "display_name: '" + id + "' qualifications { code: 'LMT' } locations: '" + kNy +
      "' shifts { location: '" + kNy +
      "' interval { day: MONDAY start { hours: 9 } end { hours: 17 } } }");
  v1::StaffMember out;
  grpc::Status status = server.staff().CreateStaffMember(&ctx, req, &out);
  ASSERT_TRUE(status.ok()) << id << ": " << status.error_message();
}

// Every offer of a search of Monday 2024-03-04 in New York, `page_size` at a
// time, following the page tokens.
std::vector<std::pair<absl::Time, std::string>> Offers(TestServer& server, int page_size) {
  std::vector<std::pair<absl::Time, std::string>> out;
  std::string token;
  for (int page = 0; page < 1000; ++page) {
    const v1::SearchAvailabilityResponse resp =
        SearchSwedish(server, kNy, "", Utc(2024, 3, 4, 5), Utc(2024, 3, 5, 5), page_size, token);
    for (const NamedSlot& s : NamedSlots(resp)) out.emplace_back(s.start, s.staff_member);
    token = resp.next_page_token();
    if (token.empty()) break;
  }
  return out;
}

TEST(SearchCollationTest, PagesResumeUnderAPunctuationIgnoringCollation) {
  std::string url;
  FASCIA_ASSIGN_FRESH_POSTGRES_URL_WITH(url, kPunctuationIgnoringCollation);
  TestServer server(storage::Engine::kPostgres, url);
  BuildChain(server);
  ASSERT_NO_FATAL_FAILURE(AddNyStaff(server, "ab"));
  ASSERT_NO_FATAL_FAILURE(AddNyStaff(server, "a-c"));

  const auto whole = Offers(server, 5000);
  ASSERT_FALSE(whole.empty());
  // At the first start every New York therapist is free, in C++ name order.
  const std::string org = std::string(kOrg) + "/staff/";
  ASSERT_GE(whole.size(), 4u);
  EXPECT_EQ(whole[0].second, org + "a-c");
  EXPECT_EQ(whole[1].second, org + "ab");
  EXPECT_EQ(whole[2].second, kAnn);
  EXPECT_EQ(whole[3].second, kBen);
  // One offer per page: no offer lost or repeated at any resume.
  EXPECT_EQ(Offers(server, 1), whole);
}

}  // namespace
}  // namespace fascia::testing
