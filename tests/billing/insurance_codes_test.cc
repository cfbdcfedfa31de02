// Unit tests of the insurance identifiers (NPI Luhn check, EIN, CPT,
// ICD-10-CM formats) and of coding a visit into CPT lines.
#include "domain/billing/insurance_codes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fascia::billing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(Npi, CheckDigitIsLuhnOverThePrefix80840) {
  // CMS's worked example: 123456789 -> check digit 3.
  EXPECT_EQ(NpiCheckDigit("123456789"), '3');
  EXPECT_TRUE(IsValidNpi("1234567893"));
  // Other published valid NPIs.
  EXPECT_TRUE(IsValidNpi("1245319599"));
  EXPECT_TRUE(IsValidNpi("1003000126"));
  // Every other last digit fails the check.
  for (char c = '0'; c <= '9'; ++c) {
    if (c == '3') continue;
    EXPECT_FALSE(IsValidNpi(std::string("123456789") + c)) << c;
  }
}

TEST(Npi, CheckDigitsAgreeWithAPlainLuhnCheckOfThe15Digits) {
  // A 15-digit "80840" + NPI number passes the ordinary Luhn check.
  auto luhn_ok = [](const std::string& digits) {
    int sum = 0;
    bool twice = false;
    for (size_t i = digits.size(); i-- > 0; twice = !twice) {
      int d = digits[i] - '0';
      if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return sum % 10 == 0;
  };
  for (const char* first9 : {"000000000", "999999999", "100000000", "298765432", "161616161"}) {
    const std::string npi = std::string(first9) + NpiCheckDigit(first9);
    EXPECT_TRUE(IsValidNpi(npi)) << npi;
    EXPECT_TRUE(luhn_ok("80840" + npi)) << npi;
  }
}

TEST(Npi, ShapeIsTenDigits) {
  EXPECT_FALSE(IsValidNpi(""));
  EXPECT_FALSE(IsValidNpi("123456789"));    // 9 digits
  EXPECT_FALSE(IsValidNpi("12345678930"));  // 11 digits
  EXPECT_FALSE(IsValidNpi("123456789A"));
  EXPECT_FALSE(IsValidNpi("12345-7893"));
  EXPECT_FALSE(IsValidNpi(" 1234567893"));
}

TEST(Ein, IsTwoDigitsDashSevenDigits) {
  EXPECT_TRUE(IsValidEin("12-3456789"));
  EXPECT_FALSE(IsValidEin("123456789"));
  EXPECT_FALSE(IsValidEin("123-456789"));
  EXPECT_FALSE(IsValidEin("12-345678"));
  EXPECT_FALSE(IsValidEin("1A-3456789"));
  EXPECT_FALSE(IsValidEin("12-34567890"));
}

TEST(Cpt, IsFiveDigits) {
  EXPECT_TRUE(IsValidCptCode("97124"));
  EXPECT_TRUE(IsValidCptCode("97140"));
  EXPECT_FALSE(IsValidCptCode("9712"));
  EXPECT_FALSE(IsValidCptCode("971240"));
  EXPECT_FALSE(IsValidCptCode("9712A"));
  EXPECT_FALSE(IsValidCptCode(""));
}

TEST(Icd10Cm, AcceptsCategoriesAndSubcodes) {
  for (const char* ok :
       {"M54.5", "M54.50", "M62.830", "S16.1XXA", "M79.1", "C7A.01", "G44", "Z00.00"}) {
    EXPECT_TRUE(IsValidIcd10Cm(ok)) << ok;
  }
}

TEST(Icd10Cm, RefusesOtherShapes) {
  for (const char* bad : {"", "M5", "5M4.5", "MM4.5", "M54.", "M54.12345", "m54.5", "M54,5", "M545",
                          "M54.5 ", "M54.x", "M54..5", "M-54.5"}) {
    EXPECT_FALSE(IsValidIcd10Cm(bad)) << bad;
  }
}

TEST(Diagnoses, LettersRunAThroughL) {
  EXPECT_EQ(DiagnosisLetter(0), "A");
  EXPECT_EQ(DiagnosisLetter(3), "D");
  EXPECT_EQ(DiagnosisLetter(kMaxDiagnoses - 1), "L");
}

TEST(Techniques, CompareCaseAndSpaceInsensitively) {
  EXPECT_EQ(TechniqueKey("  Myofascial   Release "), "myofascial release");
  EXPECT_EQ(TechniqueKey("MLD"), "mld");
  EXPECT_EQ(TechniqueKey(""), "");
}

TEST(Techniques, ListedCodeWinsThenTheDefault) {
  const std::vector<CptRule> rules = {
      {"97124", {}}, {"97140", {"Myofascial release", "MLD"}}, {"97112", {"PNF"}}};
  EXPECT_EQ(CodeForTechnique(rules, "myofascial RELEASE"), "97140");
  EXPECT_EQ(CodeForTechnique(rules, "mld"), "97140");
  EXPECT_EQ(CodeForTechnique(rules, "pnf"), "97112");
  EXPECT_EQ(CodeForTechnique(rules, "effleurage"), "97124") << "the default code";
  EXPECT_EQ(CodeForTechnique({{"97140", {"MLD"}}}, "effleurage"), "") << "no default";
}

TEST(CodeVisit, ThirtyThreeAndSevenMinutesUnderTotalTimeAreTwoPlusOne) {
  const std::vector<CptRule> rules = {{"97140", {"myofascial release", "trigger point"}},
                                      {"97124", {"effleurage"}}};
  CodedVisit visit = CodeVisit(rules,
                               {{"Myofascial release", 20},
                                {"effleurage", 7},
                                {"trigger point", 13},
                                {"myofascial release", 0}},
                               UnitMethod::kTotalTime);
  ASSERT_EQ(visit.lines.size(), 2u);
  EXPECT_EQ(visit.lines[0].code, "97140");
  EXPECT_EQ(visit.lines[0].minutes, 33);
  EXPECT_EQ(visit.lines[0].units, 2);
  EXPECT_THAT(visit.lines[0].techniques, ElementsAre("Myofascial release", "trigger point"));
  EXPECT_EQ(visit.lines[1].code, "97124");
  EXPECT_EQ(visit.lines[1].minutes, 7);
  EXPECT_EQ(visit.lines[1].units, 1);
  EXPECT_EQ(visit.total_units, 3);
  EXPECT_THAT(visit.unbilled_techniques, IsEmpty());
}

TEST(CodeVisit, PerCodeRoundsEachCodeAlone) {
  const std::vector<CptRule> rules = {{"97140", {"myofascial release"}}, {"97124", {}}};
  CodedVisit visit =
      CodeVisit(rules, {{"myofascial release", 33}, {"effleurage", 7}}, UnitMethod::kPerCode);
  ASSERT_EQ(visit.lines.size(), 2u);
  EXPECT_EQ(visit.lines[0].units, 2);
  EXPECT_EQ(visit.lines[1].units, 0) << "7 minutes of one code earn nothing per code";
  EXPECT_EQ(visit.total_units, 2);
}

TEST(CodeVisit, TechniquesWithoutACodeAreListedUnbilledOnce) {
  const std::vector<CptRule> rules = {{"97140", {"myofascial release"}}};
  CodedVisit visit = CodeVisit(
      rules, {{"myofascial release", 25}, {"Cupping", 10}, {"cupping", 5}, {"stretching", 0}},
      UnitMethod::kTotalTime);
  ASSERT_EQ(visit.lines.size(), 1u);
  EXPECT_EQ(visit.lines[0].minutes, 25);
  EXPECT_EQ(visit.lines[0].units, 2);
  EXPECT_THAT(visit.unbilled_techniques, ElementsAre("Cupping"))
      << "unbilled minutes never count toward the units; 0-minute entries are ignored";
}

TEST(CodeVisit, UnderEightMinutesEarnsNoUnit) {
  CodedVisit visit = CodeVisit({{"97124", {}}}, {{"effleurage", 7}}, UnitMethod::kTotalTime);
  ASSERT_EQ(visit.lines.size(), 1u);
  EXPECT_EQ(visit.lines[0].units, 0);
  EXPECT_EQ(visit.total_units, 0);
}

}  // namespace
}  // namespace fascia::billing
