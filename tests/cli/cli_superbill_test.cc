// `fasciactl appointments superbill` against a real fasciad: a visit booked,
// completed and noted (with --diagnosis) through the CLI, its service and
// therapist given CPT codes and an NPI with --from-file, then the superbill
// as JSON (parsed back) and as an HTML file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "cli_harness.h"
#include "fascia/v1/appointment_service.pb.h"
#include "fascia/v1/billing_service.pb.h"
#include "fascia/v1/note_service.pb.h"
#include "output.h"
#include "times.h"

namespace fascia::cli_test {
namespace {

namespace v1 = fascia::v1;
using ::testing::HasSubstr;

class CliSuperbillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start());
    CliResult r = cli_.Run({"config", "set-context", "test", "--server", server_.address(), "--org",
                            "acme", "--api-key-file", server_.acme_key()});
    ASSERT_EQ(r.code, 0) << r;
  }

  CliResult Ok(const std::vector<std::string>& args) {
    CliResult r = cli_.Run(args);
    EXPECT_EQ(r.code, 0) << r;
    return r;
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = server_.dir() + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  CliServer server_;
  Cli cli_{server_.dir()};
};

TEST_F(CliSuperbillTest, JsonAndHtmlOfACompletedSignedVisit) {
  Ok({"locations",
      "create",
      "--id",
      "soho",
      "--display-name",
      "Soho",
      "--time-zone",
      "Europe/London",
      "--currency",
      "GBP",
      "--hours",
      "daily 08:00-20:00",
      "--min-lead-time",
      "0",
      "--max-advance",
      "400d",
      "--address-line",
      "12 Greek Street",
      "--locality",
      "London",
      "--region-code",
      "GB"});
  Ok({"rooms", "create", "room-1", "--location", "soho", "--display-name", "Room 1"});
  Ok({"staff", "create", "--id", "ann", "--display-name", "Ann Lee", "--qualification", "LMT@CNHC",
      "--shift", "soho=daily 09:00-17:00"});
  Ok({"services", "create", "--id", "swedish-60", "--display-name", "Swedish, 60 min", "--modality",
      "swedish", "--duration", "60m", "--price", "soho=GBP:70.00", "--required-qualifications",
      "LMT"});
  Ok({"clients", "create", "--id", "jo", "--given-name", "Jo", "--family-name", "Bloggs"});
  if (HasFailure()) return;
  // Insurance settings go in with --from-file (protobuf JSON).
  Ok({"staff", "update", "ann", "--from-file",
      WriteFile("ann.json", R"({"npi": "1234567893", "credentials": "LMT"})")});
  Ok({"services", "update", "swedish-60", "--from-file",
      WriteFile("cpt.json",
                R"({"cptCodes": [{"code": "97140", "techniques": ["myofascial release"]},)"
                R"( {"code": "97124"}]})")});
  CliResult bad = cli_.Run(
      {"staff", "update", "ann", "--from-file", WriteFile("bad.json", R"({"npi": "1234567890"})")});
  EXPECT_EQ(bad.code, 1) << bad;
  EXPECT_THAT(bad.err, HasSubstr("staff_member.npi"));

  const absl::TimeZone london = *fasciactl::LoadZone("Europe/London");
  const std::string date = absl::FormatCivilTime(absl::ToCivilDay(absl::Now(), london) + 7);
  v1::Appointment appointment;
  ASSERT_TRUE(ParseJson(
      Ok({"appointments", "book", "--location", "soho", "--client", "jo", "--service", "swedish-60",
          "--staff", "ann", "--room", "room-1", "--start", date + "T10:00", "-o", "json"})
          .out,
      &appointment));
  const std::string id = fasciactl::LastSegment(appointment.name());

  // Not yet completed: the server's reason is printed.
  CliResult r = cli_.Run({"appointments", "superbill", id, "--location", "soho"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("APPOINTMENT_NOT_FULFILLED"));
  Ok({"appointments", "check-in", id, "--location", "soho"});
  Ok({"appointments", "complete", id, "--location", "soho"});

  const std::string therapist_key = server_.dir() + "/ann.key";
  Ok({"api-keys", "create", "--display-name", "Ann's tablet", "--role", "therapist", "--staff",
      "ann", "--key-file", therapist_key});
  Ok({"config", "set-context", "ann", "--server", server_.address(), "--org", "acme",
      "--api-key-file", therapist_key});
  v1::Note note;
  ASSERT_TRUE(ParseJson(
      Ok({"notes", "create", "--context", "ann", "--client", "jo", "--appointment", id,
          "--location", "soho", "--technique", "myofascial release:upper trapezius:33",
          "--technique", "effleurage:back:7", "--diagnosis", "M54.2,M62.830", "-o", "json"})
          .out,
      &note));
  ASSERT_EQ(note.diagnosis_codes_size(), 2);
  EXPECT_THAT(Ok({"notes", "get", note.name(), "--context", "ann", "-o", "wide"}).out,
              HasSubstr("M54.2,M62.830"));
  Ok({"notes", "sign", note.name(), "--context", "ann"});

  v1::Superbill bill;
  ASSERT_TRUE(ParseJson(Ok({"appointments", "superbill", id, "--location", "soho"}).out, &bill));
  ASSERT_EQ(bill.lines_size(), 2);
  EXPECT_EQ(bill.lines(0).cpt_code(), "97140");
  EXPECT_EQ(bill.lines(0).units(), 2);
  EXPECT_EQ(bill.lines(1).cpt_code(), "97124");
  EXPECT_EQ(bill.lines(1).units(), 1);
  EXPECT_EQ(bill.total_charge().amount_minor(), 7000);
  EXPECT_EQ(bill.lines(0).charge().amount_minor() + bill.lines(1).charge().amount_minor(), 7000);
  EXPECT_EQ(bill.rendering_provider().npi(), "1234567893");
  ASSERT_EQ(bill.diagnoses_size(), 2);
  EXPECT_EQ(bill.diagnoses(1).letter(), "B");
  EXPECT_TRUE(bill.html().empty());

  const std::string html_file = server_.dir() + "/superbill.html";
  r = Ok({"appointments", "superbill", appointment.name(), "--html", "--output-file", html_file});
  EXPECT_EQ(r.out, "");
  std::ifstream in(html_file);
  std::stringstream html;
  html << in.rdbuf();
  EXPECT_EQ(html.str().rfind("<!DOCTYPE html>", 0), 0u) << html.str().substr(0, 200);
  EXPECT_THAT(html.str(), HasSubstr("97140"));
  EXPECT_THAT(html.str(), HasSubstr("Ann Lee, LMT"));
  EXPECT_THAT(Ok({"appointments", "superbill", id, "--location", "soho", "-o", "yaml"}).out,
              HasSubstr("cptCode: \"97140\""));
}

}  // namespace
}  // namespace fascia::cli_test
