// fasciactl's intake commands against a real fasciad with the reference
// prenatal plugin loaded in-process (from a config file, as an operator
// does): plugins, intake forms, screenings submitted with typed --answer
// flags and from a file, answer errors (the CLI's own, exit 2; the server's
// field violations, exit 1), override, and clearances.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "cli_harness.h"
#include "fascia/v1/intake.pb.h"
#include "fascia/v1/plugin_service.pb.h"
#include "output.h"
#include "times.h"

namespace fascia::cli_test {
namespace {

namespace v1 = fascia::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;

// Every required general question answered "no" (as tests/intake's GeneralNo).
const std::vector<std::string> kGeneralNo = {
    "general.dvt=none",
    "general.hypertension=none",
    "general.diabetes=none",
    "general.bleeding_disorder=false",
    "general.anticoagulant=false",
    "general.recent_surgery=false",
    "general.cancer_active_treatment=false",
    "general.analgesic_or_relaxant_today=false",
    "general.injury_under_72h=false",
};

class CliIntakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start());
    Ok({"config", "set-context", "test", "--server", server_.address(), "--org", "acme",
        "--api-key-file", server_.acme_key()});
    Ok({"locations", "create", "--id", "soho", "--display-name", "Soho", "--time-zone",
        "Europe/London", "--currency", "GBP"});
    Ok({"clients", "create", "--id", "jo", "--given-name", "Jo", "--family-name", "Bloggs"});
  }

  // fasciad's config file: the prenatal plugin, in-process.
  static std::vector<std::string> PluginConfig(const e2e::TempDir& dir) {
    const std::string path = dir.path() + "/fasciad.textproto";
    std::ofstream(path) << "plugins {\n  path: \"" << FASCIA_PRENATAL_PLUGIN
                        << "\"\n  mode: IN_PROCESS\n}\n";
    return {"--config=" + path};
  }

  CliResult Ok(const std::vector<std::string>& args) {
    CliResult r = cli_.Run(args);
    EXPECT_EQ(r.code, 0) << r;
    return r;
  }

  // `screenings submit` for jo at soho: the general answers, then `more`.
  CliResult Submit(const std::vector<std::string>& more, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"screenings", "submit",   "--client",   "jo",
                                     "--modality", "prenatal", "--location", "soho"};
    for (const std::string& a : kGeneralNo) args.insert(args.end(), {"--answer", a});
    for (const std::string& a : more) args.insert(args.end(), {"--answer", a});
    args.insert(args.end(), extra.begin(), extra.end());
    return cli_.Run(args);
  }

  e2e::TempDir config_dir_;  // before server_, which reads the file it holds
  CliServer server_{PluginConfig(config_dir_)};
  Cli cli_{server_.dir()};
};

const std::vector<std::string> kPregnant24 = {"pn.pregnant=true", "pn.gestation_weeks=24",
                                              "pn.warning_signs=none", "pn.conditions=none",
                                              "pn.high_risk_flags=none"};

TEST_F(CliIntakeTest, PluginsAndIntakeForms) {
  CliResult r = Ok({"plugins", "list"});
  EXPECT_THAT(r.out, HasSubstr("ID         VERSION   ABI   MODE         MODALITIES   HEALTH    "
                               "RESTARTS"));
  EXPECT_THAT(r.out, HasSubstr("IN_PROCESS   prenatal     SERVING   0"));
  EXPECT_THAT(Ok({"plugins", "list", "-o", "wide"}).out, HasSubstr("prenatal-intake@"));
  v1::Plugin plugin;
  ASSERT_TRUE(ParseJson(Ok({"plugins", "get", "prenatal", "-o", "json"}).out, &plugin));
  EXPECT_EQ(plugin.name(), "plugins/prenatal");
  EXPECT_THAT(plugin.rule_ids(), IsSupersetOf({"PN-2", "PN-5"}));
  EXPECT_EQ(cli_.Run({"plugins", "get", "reiki"}).code, 1);

  r = Ok({"intake-forms", "list"});
  EXPECT_THAT(r.out, HasSubstr("prenatal   "));
  EXPECT_THAT(r.out, HasSubstr("prenatal-intake@1"));
  v1::ListIntakeFormsResponse forms;
  ASSERT_TRUE(ParseJson(Ok({"intake-forms", "list", "-o", "json"}).out, &forms));
  ASSERT_EQ(forms.forms_size(), 1);
  EXPECT_EQ(forms.forms(0).name(), "organizations/acme/intakeForms/prenatal");

  // get lists the questions an admin answers with --answer.
  r = Ok({"intake-forms", "get", "prenatal"});
  EXPECT_THAT(r.out, HasSubstr("Questions"));
  EXPECT_THAT(r.out, HasSubstr("pn.gestation_weeks"));
  EXPECT_THAT(r.out, HasSubstr("0..44"));
  EXPECT_THAT(r.out, HasSubstr("choice, repeats"));
  EXPECT_THAT(r.out, HasSubstr("pn.pregnant = true"));
}

TEST_F(CliIntakeTest, SubmitWithAnswerFlagsPrintsOutcomeAndModifications) {
  CliResult r = Submit(kPregnant24, {"--appointment-time", "2026-07-01T10:00"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_THAT(r.out, HasSubstr("OUTCOME"));
  EXPECT_THAT(r.out, HasSubstr("   CAUTION   "));
  EXPECT_THAT(r.out, HasSubstr("SIDE_LYING"));
  EXPECT_THAT(r.out, HasSubstr("NO_FLAT_SUPINE"));
  EXPECT_THAT(r.out, HasSubstr("Findings:"));
  EXPECT_THAT(r.out, HasSubstr("PN-2"));

  // Stored typed, for the visit at soho's local time (BST in July).
  v1::ListScreeningsResponse list;
  ASSERT_TRUE(ParseJson(Ok({"screenings", "list", "--client", "jo", "-o", "json"}).out, &list));
  ASSERT_EQ(list.screenings_size(), 1);
  const v1::Screening& s = list.screenings(0);
  EXPECT_EQ(s.outcome(), v1::CAUTION);
  EXPECT_THAT(s.modifications(), IsSupersetOf({"SIDE_LYING", "NO_PRONE", "NO_FLAT_SUPINE"}));
  EXPECT_EQ(fasciactl::FormatUtc(fasciactl::FromTimestamp(s.appointment_time())),
            "2026-07-01T09:00:00Z");
  bool weeks_seen = false;
  for (const v1::Answer& a : s.answers()) {
    if (a.link_id() == "pn.gestation_weeks") {
      weeks_seen = true;
      ASSERT_EQ(a.values_size(), 1);
      EXPECT_EQ(a.values(0).integer(), 24);
    }
    if (a.link_id() == "pn.pregnant") {
      EXPECT_TRUE(a.values(0).boolean());
    }
  }
  EXPECT_TRUE(weeks_seen);

  // list filters by modality; get and -o wide show findings and answers.
  const std::string id = fasciactl::LastSegment(s.name());
  EXPECT_THAT(Ok({"screenings", "list", "--client", "jo", "--modality", "prenatal"}).out,
              HasSubstr(id));
  r = Ok({"screenings", "list", "--client", "jo", "--modality", "sports"});
  EXPECT_THAT(r.err, HasSubstr("No screenings found."));
  r = Ok({"screenings", "get", id, "--client", "jo", "-o", "wide"});
  EXPECT_THAT(r.out, HasSubstr("PN-3"));
  EXPECT_THAT(r.out, HasSubstr("pn.gestation_weeks=24"));

  // Only a screening that could not run can be overridden.
  r = cli_.Run({"screenings", "override", s.name(), "--reason", "reviewed"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("SCREENING_NOT_UNAVAILABLE"));

  // A screening's JSON is an answers file; --answer replaces one of its items.
  const std::string file = cli_.dir() + "/intake.json";
  std::ofstream(file) << Ok({"screenings", "get", s.name(), "-o", "json"}).out;
  r = cli_.Run({"screenings", "submit", "--client", "jo", "--modality", "prenatal", "--location",
                "soho", "--answers-file", file, "--answer", "pn.gestation_weeks=10", "-o", "json"});
  ASSERT_EQ(r.code, 0) << r;
  v1::Screening second;
  ASSERT_TRUE(ParseJson(r.out, &second));
  EXPECT_EQ(second.answers_size(), s.answers_size());
  for (const v1::Answer& a : second.answers()) {
    if (a.link_id() == "pn.gestation_weeks") {
      EXPECT_EQ(a.values(0).integer(), 10);
    }
  }
}

TEST_F(CliIntakeTest, BadAnswersAreReportedBeforeOrByTheServer) {
  // Not of the item's type, or not one of its codes: the CLI refuses (exit 2).
  CliResult r = Submit({"pn.pregnant=maybe"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_THAT(r.err, HasSubstr("--answer pn.pregnant: \"maybe\" is not true or false"));
  r = Submit({"pn.warning_signs=none,headache"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_THAT(r.err, HasSubstr("\"headache\" is not one of: none, bleeding"));
  r = Submit({"pn.no_such_item=1"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_THAT(r.err, HasSubstr("has no such item"));

  // Typed but out of bounds: the server's field violation (exit 1).
  std::vector<std::string> answers = kPregnant24;
  answers[1] = "pn.gestation_weeks=60";
  r = Submit(answers);
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("Error: INVALID_ARGUMENT"));
  EXPECT_THAT(r.err, HasSubstr("answers[pn.gestation_weeks]: "));
  EXPECT_EQ(r.out, "");

  // A modality without a form.
  r = cli_.Run({"screenings", "submit", "--client", "jo", "--modality", "reiki", "--location",
                "soho", "--answer", "x=1"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("NOT_FOUND"));
}

TEST_F(CliIntakeTest, ClearancesCreateListGet) {
  CliResult r = Ok({"clearances",
                    "create",
                    "--client",
                    "jo",
                    "--rule",
                    "PN-5",
                    "--rule",
                    "GN-SURG",
                    "--provider",
                    "Dr. Obi",
                    "--provider-id",
                    "1234567890",
                    "--document",
                    "scan-2026-0042",
                    "--valid-from",
                    "2026-01-01",
                    "--valid-to",
                    "2026-12-31",
                    "-o",
                    "json"});
  v1::Clearance created;
  ASSERT_TRUE(ParseJson(r.out, &created));
  EXPECT_THAT(created.rule_ids(), ElementsAre("PN-5", "GN-SURG"));
  EXPECT_EQ(created.valid_to().month(), 12);
  EXPECT_FALSE(created.recorded_by().empty());

  r = Ok({"clearances", "list", "--client", "jo"});
  EXPECT_THAT(r.out, HasSubstr("RULES          PROVIDER   VALID FROM   VALID TO     DOCUMENT"));
  EXPECT_THAT(r.out,
              HasSubstr("PN-5,GN-SURG   Dr. Obi    2026-01-01   2026-12-31   scan-2026-0042"));
  const std::string id = fasciactl::LastSegment(created.name());
  EXPECT_THAT(Ok({"clearances", "get", id, "--client", "jo", "-o", "wide"}).out,
              HasSubstr("1234567890"));

  // Missing fields are the server's field violations; a bad date is the CLI's.
  r = cli_.Run({"clearances", "create", "--client", "jo", "--rule", "PN-5"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("clearance.provider_name: "));
  r = cli_.Run({"clearances", "create", "--client", "jo", "--valid-from", "2026-13-01"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_THAT(r.err, HasSubstr("--valid-from"));
}

}  // namespace
}  // namespace fascia::cli_test
