// The duplicate-client rule of domain/client_identity.h.
#include "domain/client_identity.h"

#include <gtest/gtest.h>

namespace fascia::domain {
namespace {

PersonFacts Dana() {
  return PersonFacts{"Dana", "Whitfield", absl::CivilDay(1988, 4, 12), "+14155550100", "Dana@Example.com"};
}

TEST(ClientIdentityTest, NameAndBirthDateMakeTheKeyCaseInsensitively) {
  PersonFacts shouting = Dana();
  shouting.given_name = "DANA";
  shouting.family_name = "WHITFIELD";
  EXPECT_EQ(IdentityKey(Dana()), IdentityKey(shouting));
  PersonFacts other_day = Dana();
  other_day.birth_date = absl::CivilDay(1988, 4, 13);
  EXPECT_NE(IdentityKey(Dana()), IdentityKey(other_day));
}

TEST(ClientIdentityTest, NoBirthDateNoKey) {
  PersonFacts no_birthday = Dana();
  no_birthday.birth_date.reset();
  EXPECT_EQ(IdentityKey(no_birthday), "");
}

TEST(ClientIdentityTest, SamePhoneOrEmailMeansSamePerson) {
  PersonFacts b = Dana();
  b.phone = "+14155550199";
  EXPECT_TRUE(SameContact(Dana(), b));  // email matches, any case
  b.email = "other@example.com";
  EXPECT_FALSE(SameContact(Dana(), b));
  PersonFacts empty = Dana();
  empty.phone.clear();
  empty.email.clear();
  EXPECT_FALSE(SameContact(empty, empty)) << "missing contact details never match";
}

}  // namespace
}  // namespace fascia::domain
