// The golden runner (plugins/sdk/check/golden.h) against the toy plugin: it
// passes correct cases, and every kind of wrong expectation or malformed case
// is reported as a failure with a message saying what differs. In-process
// only: the modes are covered by golden_test.cc.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "golden.h"

namespace fascia::plugin_check {
namespace {

using ::testing::HasSubstr;

class RunnerTest : public ::testing::Test {
 protected:
  RunnerTest() : runner_(FASCIA_TOY_SO, GoldenOptions{}) {}

  // Runs the single case in `text` (GoldenCases text format).
  CaseResult RunOne(const std::string& text) {
    absl::StatusOr<pt::GoldenCases> cases = ParseGoldenText(text);
    EXPECT_TRUE(cases.ok()) << cases.status();
    EXPECT_EQ(cases->cases_size(), 1);
    return runner_.Run(cases->cases(0));
  }

  GoldenRunner runner_;
};

constexpr char kBruiseOnArm[] = R"pb(
  answers {
    link_id: "toy.bruise"
    values { boolean: true }
  }
  answers {
    link_id: "toy.bruise_site"
    values { code: "arm" }
  }
)pb";

TEST_F(RunnerTest, ToyGoldenFilePasses) {
  absl::StatusOr<pt::GoldenCases> cases = ReadGoldenFile(FASCIA_TOY_GOLDEN);
  ASSERT_TRUE(cases.ok()) << cases.status();
  for (const CaseResult& r : runner_.RunAll(*cases)) {
    EXPECT_TRUE(r.passed) << r.name << ": " << r.message;
  }
}

TEST_F(RunnerTest, CorrectCasePasses) {
  CaseResult r = RunOne(std::string("cases { name: 'arm' ") + kBruiseOnArm +
                        "expect_outcome: CAUTION expect_rules: 'TOY-1' "
                        "expect_modifications: 'AVOID_REGION(arm)' }");
  EXPECT_TRUE(r.passed) << r.message;
  EXPECT_EQ(r.name, "arm");
}

TEST_F(RunnerTest, WrongOutcomeAndRulesAreADiff) {
  CaseResult r = RunOne(std::string("cases { name: 'arm' ") + kBruiseOnArm +
                        "expect_outcome: CLEAR expect_modifications: 'AVOID_REGION(arm)' }");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("outcome: expected CLEAR, got CAUTION"));
  EXPECT_THAT(r.message, HasSubstr("rules: expected {}, got {TOY-1}; unexpected {TOY-1}"));
  EXPECT_THAT(r.message, ::testing::Not(HasSubstr("modifications")));
}

TEST_F(RunnerTest, WrongModificationIsADiff) {
  CaseResult r = RunOne(std::string("cases { name: 'arm' ") + kBruiseOnArm +
                        "expect_outcome: CAUTION expect_rules: 'TOY-1' "
                        "expect_modifications: 'AVOID_REGION(leg)' }");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("modifications: expected {AVOID_REGION(leg)}, got "
                                   "{AVOID_REGION(arm)}; missing {AVOID_REGION(leg)}; "
                                   "unexpected {AVOID_REGION(arm)}"));
}

TEST_F(RunnerTest, MissingExpectOutcomeFails) {
  CaseResult r = RunOne(std::string("cases { name: 'arm' ") + kBruiseOnArm +
                        "expect_rules: 'TOY-1' expect_modifications: 'AVOID_REGION(arm)' }");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("no expect_outcome"));
}

TEST_F(RunnerTest, ExpectedInvalidButValidFails) {
  CaseResult r =
      RunOne(std::string("cases { name: 'x' ") + kBruiseOnArm + "expect_invalid: 'toy.bruise' }");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("expected errors for {toy.bruise}, got errors for {}"));
}

TEST_F(RunnerTest, ExpectedInvalidNamesTheWrongLinkIdFails) {
  CaseResult r = RunOne(
      "cases { name: 'x' answers { link_id: 'toy.bruise' values { boolean: true } } "
      "expect_invalid: 'toy.pain' }");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("expected errors for {toy.pain}, got errors for "
                                   "{toy.bruise_site}"));
}

TEST_F(RunnerTest, InvalidAnswersWithoutExpectInvalidFail) {
  CaseResult r = RunOne("cases { name: 'x' expect_outcome: CLEAR }");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("the answers are invalid: toy.bruise"));
}

TEST_F(RunnerTest, ExpectInvalidWithScreeningExpectationsIsMalformed) {
  CaseResult r = RunOne("cases { name: 'x' expect_invalid: 'toy.bruise' expect_outcome: CLEAR }");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("cannot be combined"));
}

// A reply fasciad would refuse (and store as SCREENING_UNAVAILABLE) fails the
// case even though its outcome and rules are as expected.
TEST_F(RunnerTest, AReplyFasciadWouldRefuseFails) {
  CaseResult r = RunOne(
      "cases { name: 'x' settings { key: 'malformed_reply' value: 'true' } "
      "answers { link_id: 'toy.bruise' values { boolean: false } } "
      "answers { link_id: 'toy.pain' values { integer: 9 } } "
      "expect_outcome: CONTRAINDICATED expect_rules: 'TOY-2-WITH-A-RULE-ID-LONGER-THAN-32' }");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("fasciad would refuse this Screen reply"));
}

TEST_F(RunnerTest, BadSettingFailsWithThePluginsError) {
  CaseResult r = RunOne(
      "cases { name: 'x' settings { key: 'pain_threshold' value: '99' } "
      "answers { link_id: 'toy.bruise' values { boolean: false } } expect_outcome: CLEAR }");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("the plugin did not load"));
  EXPECT_THAT(r.message, HasSubstr("pain_threshold"));
}

TEST_F(RunnerTest, ExpectedInvalidSettingMustBeNamedByTheLoadError) {
  CaseResult r = RunOne(
      "cases { name: 'x' settings { key: 'pain_threshold' value: '99' } "
      "expect_invalid: 'pain' }");  // a prefix of the key is not the key
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("does not name {pain}"));
}

TEST_F(RunnerTest, UnknownModalityFails) {
  CaseResult r = RunOne("cases { name: 'x' modality: 'reiki' expect_outcome: CLEAR }");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("no modality 'reiki'"));
}

TEST_F(RunnerTest, UndeclaredClientFieldFails) {
  CaseResult r = RunOne(
      "cases { name: 'x' answers { link_id: 'toy.bruise' values { boolean: false } } "
      "client_fields { key: 'birth_date' value { date: '1950-01-01' } } expect_outcome: CLEAR }");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("'birth_date' is not among the Descriptor's client_fields"));
}

TEST_F(RunnerTest, DuplicateAndEmptyNamesFail) {
  absl::StatusOr<pt::GoldenCases> cases = ParseGoldenText(
      "cases { name: 'same' answers { link_id: 'toy.bruise' values { boolean: false } } "
      "        expect_outcome: CLEAR }"
      "cases { name: 'same' answers { link_id: 'toy.bruise' values { boolean: false } } "
      "        expect_outcome: CLEAR }"
      "cases { answers { link_id: 'toy.bruise' values { boolean: false } } "
      "        expect_outcome: CLEAR }");
  ASSERT_TRUE(cases.ok()) << cases.status();
  std::vector<CaseResult> results = runner_.RunAll(*cases);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].passed) << results[0].message;
  EXPECT_FALSE(results[1].passed);
  EXPECT_THAT(results[1].message, HasSubstr("same name"));
  EXPECT_FALSE(results[2].passed);
  EXPECT_THAT(CaseNameProblems(*cases),
              ::testing::ElementsAre(HasSubstr("case #2 repeats the name 'same' of case #1"),
                                     HasSubstr("case #3 has no name")));
}

constexpr char kLeftWristFracture[] = R"pb(
  answers {
    link_id: "toy.bruise"
    values { boolean: false }
  }
  answers {
    link_id: "toy.fracture"
    values { boolean: true }
  }
  answers {
    link_id: "toy.fracture_side"
    values { code: "left" }
  }
  expect_outcome: CAUTION
  expect_rules: "TOY-6"
)pb";

// TOY-6's finding as the toy plugin makes it: local, the left wrist, two
// qualifications, one room feature, an urgent referral.
TEST_F(RunnerTest, MatchingFindingExpectationsPass) {
  CaseResult r = RunOne(std::string("cases { name: 'wrist' ") + kLeftWristFracture +
                        "expect_findings { key: 'TOY-6' value { local: true "
                        "  region { site: 'wrist' laterality: BODY_SIDE_LEFT } "
                        "  required_qualifications { codes: 'toy-splinting' codes: 'toy-licence' } "
                        "  required_room_features { codes: 'toy-table' } "
                        "  referral: REFERRAL_URGENT } } }");
  EXPECT_TRUE(r.passed) << r.message;
}

// Each pinned field on its own: one wrong value fails the case, and the
// message names the rule and the field, with both values.
TEST_F(RunnerTest, EachWrongFindingFieldFailsNamingTheField) {
  struct Wrong {
    const char* pin;       // the ExpectedFinding body
    const char* expected;  // in the message
  };
  const Wrong wrongs[] = {
      {"local: false", "finding TOY-6 local: expected false, got true"},
      {"region { site: 'wrist' laterality: BODY_SIDE_RIGHT }",
       "finding TOY-6 region: expected {site: \"wrist\", laterality: BODY_SIDE_RIGHT}, got "
       "{site: \"wrist\", laterality: BODY_SIDE_LEFT}"},
      {"region { site: 'ankle' laterality: BODY_SIDE_LEFT }",
       "finding TOY-6 region: expected {site: \"ankle\""},
      {"required_qualifications { codes: 'toy-splinting' }",
       "finding TOY-6 required_qualifications: expected {toy-splinting}, got "
       "{toy-licence, toy-splinting}"},
      {"required_room_features {}",
       "finding TOY-6 required_room_features: expected {}, got {toy-table}"},
      {"referral: REFERRAL_SAME_DAY",
       "finding TOY-6 referral: expected REFERRAL_SAME_DAY, got REFERRAL_URGENT"},
      {"referral: REFERRAL_UNSPECIFIED",
       "finding TOY-6 referral: expected REFERRAL_UNSPECIFIED, got REFERRAL_URGENT"},
  };
  for (const Wrong& w : wrongs) {
    SCOPED_TRACE(w.pin);
    CaseResult r = RunOne(std::string("cases { name: 'wrist' ") + kLeftWristFracture +
                          "expect_findings { key: 'TOY-6' value { " + w.pin + " } } }");
    EXPECT_FALSE(r.passed);
    EXPECT_EQ(r.name, "wrist");  // callers print the case's name with the message
    EXPECT_THAT(r.message, HasSubstr(w.expected));
    // Only the differing aspect: the session-wide expectations held.
    EXPECT_THAT(r.message, ::testing::Not(HasSubstr("rules:")));
  }
}

TEST_F(RunnerTest, ListedRuleThatDidNotFireFails) {
  // TOY-1 did not fire; listing it, even with nothing pinned, fails.
  CaseResult r = RunOne(std::string("cases { name: 'wrist' ") + kLeftWristFracture +
                        "expect_findings { key: 'TOY-1' value {} } }");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("finding TOY-1: expected to fire, did not"));
}

TEST_F(RunnerTest, FindingOutcomeUsesTheSameDiff) {
  CaseResult r = RunOne(std::string("cases { name: 'wrist' ") + kLeftWristFracture +
                        "expect_finding_outcomes { key: 'TOY-6' value: CAUTION } }");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("finding TOY-6 outcome: expected CAUTION, got CONTRAINDICATED"));
}

TEST_F(RunnerTest, ExpectInvalidWithFindingExpectationsIsMalformed) {
  CaseResult r = RunOne(
      "cases { name: 'x' expect_invalid: 'toy.bruise' "
      "expect_findings { key: 'TOY-6' value { local: true } } }");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.message, HasSubstr("cannot be combined"));
}

TEST(GoldenParseTest, ErrorsNameLineAndColumn) {
  absl::StatusOr<pt::GoldenCases> cases = ParseGoldenText("cases {\n  nmae: 'x'\n}\n");
  ASSERT_FALSE(cases.ok());
  EXPECT_THAT(cases.status().message(), HasSubstr("2:"));
  EXPECT_THAT(cases.status().message(), HasSubstr("nmae"));
}

TEST(GoldenParseTest, MissingFileIsNotFound) {
  EXPECT_EQ(ReadGoldenFile("/nonexistent/golden.textproto").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(FindGoldenBesideTest, PrefersNamedFileThenPlainThenNone) {
  char dir_template[] = "/tmp/fascia_golden_beside_XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  const std::string so = dir + "/reflexology.so";
  EXPECT_EQ(FindGoldenBeside(so), "");
  std::ofstream(dir + "/golden.textproto") << "";
  EXPECT_EQ(FindGoldenBeside(so), dir + "/golden.textproto");
  std::ofstream(dir + "/reflexology.golden.textproto") << "";
  EXPECT_EQ(FindGoldenBeside(so), dir + "/reflexology.golden.textproto");
  std::remove((dir + "/reflexology.golden.textproto").c_str());
  std::remove((dir + "/golden.textproto").c_str());
  rmdir(dir.c_str());
}

}  // namespace
}  // namespace fascia::plugin_check
