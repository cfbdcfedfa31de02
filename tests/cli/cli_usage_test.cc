// fasciactl as a program, without a server: help at every level, usage
// errors (exit 2), an unreachable server (exit 3) and the config commands.
#include <gmock/gmock.h>
#include <google/protobuf/struct.pb.h>
#include <gtest/gtest.h>

#include "absl/strings/str_split.h"
#include "cli_harness.h"
#include "commands.h"
#include "free_port.h"

namespace fascia::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CliUsageTest : public ::testing::Test {
 protected:
  e2e::TempDir dir_;
  Cli cli_{dir_.path()};
};

TEST_F(CliUsageTest, HelpAtTopLevelListsResourcesAndExitsZero) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--help"}, {"-h"}, {"help"}}) {
    CliResult r = cli_.Run(args);
    EXPECT_EQ(r.code, 0) << r;
    for (const char* word :
         {"Usage:", "organizations", "locations", "rooms", "staff", "services", "clients",
          "appointments", "availability", "config", "--server", "Exit codes"}) {
      EXPECT_THAT(r.out, HasSubstr(word)) << r;
    }
  }
}

TEST_F(CliUsageTest, TwoWordVerbsAndConfirmations) {
  CliResult r = cli_.Run({"clients", "health", "--help"});
  EXPECT_EQ(r.code, 0) << r;
  EXPECT_THAT(r.out, HasSubstr("health update"));
  r = cli_.Run({"clients", "health"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_THAT(r.err, HasSubstr("clients health needs a verb"));
  r = cli_.Run({"clients", "health", "delete", "jo"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_THAT(r.err, HasSubstr("unknown verb \"health delete\""));
  // Refused before any connection is attempted: nothing is sent.
  r = cli_.Run(
      {"clients", "erase", "jo", "--org", "acme", "--reason", "asked", "--server", "127.0.0.1:1"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_THAT(r.err, HasSubstr("Add --yes to confirm"));
  r = cli_.Run({"notes", "create", "--org", "acme", "--client", "jo", "--mark", "sideways:neck",
                "--server", "127.0.0.1:1"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_THAT(r.err, HasSubstr("view \"sideways\" is not one of: anterior, posterior"));
}

TEST_F(CliUsageTest, HelpForEveryResourceAndVerbExitsZero) {
  fasciactl::Registry registry;
  fasciactl::RegisterAllCommands(registry);
  for (const fasciactl::ResourceGroup& group : registry.groups()) {
    CliResult r = cli_.Run({group.name, "--help"});
    EXPECT_EQ(r.code, 0) << r;
    for (const fasciactl::Command& command : group.commands) {
      EXPECT_THAT(r.out, HasSubstr(command.verb)) << r;
      // Two-word verbs ("health get") are typed as two words.
      std::vector<std::string> args = {group.name};
      for (absl::string_view word : absl::StrSplit(command.verb, ' ')) args.emplace_back(word);
      args.push_back("--help");
      CliResult verb = cli_.Run(args);
      EXPECT_EQ(verb.code, 0) << verb;
      EXPECT_THAT(verb.out, HasSubstr("Usage:\n  fasciactl " + group.name + " " + command.verb))
          << verb;
      for (const fasciactl::FlagSpec& flag : command.flags)
        EXPECT_THAT(verb.out, HasSubstr("--" + flag.name));
      if (command.uses_server) {
        EXPECT_THAT(verb.out, HasSubstr("Examples:")) << verb;
      }
      EXPECT_EQ(verb.err, "");
    }
  }
  CliResult create = cli_.Run({"locations", "create", "--help"});
  EXPECT_THAT(create.out, HasSubstr("--time-zone ZONE"));
  EXPECT_THAT(create.out, HasSubstr("--hours HOURS"));
  EXPECT_THAT(create.out, HasSubstr("--from-file FILE"));
  CliResult book = cli_.Run({"appointments", "book", "-h"});
  EXPECT_THAT(book.out, HasSubstr("--start TIME"));
}

TEST_F(CliUsageTest, BadFlagIsExitTwoWithUsage) {
  CliResult r = cli_.Run({"locations", "list", "--bogus"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_THAT(r.err, HasSubstr("unknown flag --bogus"));
  EXPECT_THAT(r.err, HasSubstr("Usage: fasciactl locations list"));
  EXPECT_EQ(r.out, "");
}

TEST_F(CliUsageTest, OtherUsageErrorsAreExitTwo) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const Case cases[] = {
      {{}, "Usage:"},
      {{"frobnicate", "list"}, "unknown resource \"frobnicate\""},
      {{"locations"}, "needs a verb"},
      {{"locations", "explode"}, "unknown verb \"explode\""},
      {{"locations", "get"}, "missing argument ID|NAME"},
      {{"locations", "get", "a", "b", "--org", "x"}, "unexpected argument \"b\""},
      {{"locations", "list", "--org"}, "--org needs a value"},
      {{"locations", "list", "--org", "a", "--org", "b"}, "given twice"},
      {{"locations", "list", "-o", "xml", "--org", "a"}, "unknown output format \"xml\""},
      {{"locations", "list"}, "no organization"},
      {{"locations", "list", "--org", "a", "--page-size", "lots"}, "--page-size"},
      {{"locations", "list", "--org", "a", "--timeout", "soon"}, "--timeout"},
      {{"locations", "create", "--org", "a", "--hours", "someday 9-5"}, "--hours"},
      {{"rooms", "list", "--org", "a"}, "--location is required"},
      {{"appointments", "cancel", "x", "--org", "a", "--location", "l"}, "--reason is required"},
      {{"screenings", "submit", "--org", "a", "--client", "jo", "--location", "l"},
       "--modality is required"},
      {{"screenings", "submit", "--org", "a", "--client", "jo", "--modality", "prenatal"},
       "give the answers"},
      {{"clearances", "create", "--org", "a", "--client", "jo", "--valid-to", "soon"},
       "--valid-to: \"soon\" is not a date"},
      {{"appointments", "list", "--org", "a", "--from", "2026-12-01"}, "needs an offset"},
      {{"services", "create", "--org", "a", "--price", "soho=GBP:1.999"}, "decimal places"},
      {{"locations", "list", "--org", "a", "--context", "missing"}, "no context \"missing\""},
      {{"locations", "list", "--org", "a", "--cert", "c.pem"}, "--cert and --key go together"},
      {{"locations", "list", "--org", "a", "--api-key-file", "/nonexistent"}, "API key file"},
      {{"locations", "update", "soho", "--org", "a"}, "nothing to update"},
      {{"locations", "create", "--org", "a", "--from-file", "/nonexistent.json"},
       "cannot read --from-file"},
  };
  for (const Case& c : cases) {
    CliResult r = cli_.Run(c.args);
    EXPECT_EQ(r.code, 2) << r;
    EXPECT_THAT(r.err, HasSubstr(c.message)) << r;
  }
}

TEST_F(CliUsageTest, UnreachableServerIsExitThree) {
  // Reserved but not listening: connections are refused.
  e2e::PortReservation port;
  ASSERT_TRUE(port.ok()) << port.error();
  CliResult r = cli_.Run({"organizations", "list", "--server", port.address(), "--timeout", "5s"});
  EXPECT_EQ(r.code, 3) << r;
  EXPECT_THAT(r.err, HasSubstr("UNAVAILABLE"));
  EXPECT_EQ(r.out, "");

  // The same through the environment.
  r = cli_.Run({"organizations", "list", "--timeout", "5s"}, {"FASCIA_SERVER=" + port.address()});
  EXPECT_EQ(r.code, 3) << r;
}

TEST_F(CliUsageTest, ConfigContextsLikeKubeconfig) {
  CliResult r =
      cli_.Run({"config", "set-context", "local", "--server", "127.0.0.1:1", "--org", "demo"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_THAT(r.err, HasSubstr("(current)"));  // the first context becomes current
  r = cli_.Run({"config", "set-context", "prod", "--server", "fascia.example.com:443", "--ca",
                "ca.pem", "--api-key-file", "prod.key", "--org", "acme"});
  ASSERT_EQ(r.code, 0) << r;

  r = cli_.Run({"config", "current-context"});
  EXPECT_EQ(r.out, "local\n") << r;
  r = cli_.Run({"config", "get-contexts"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_THAT(r.out, HasSubstr("CURRENT   NAME"));
  EXPECT_THAT(r.out, HasSubstr("*         local   127.0.0.1:1"));
  EXPECT_THAT(r.out, HasSubstr("tls + api key"));

  r = cli_.Run({"config", "use-context", "prod"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_EQ(cli_.Run({"config", "current-context"}).out, "prod\n");
  EXPECT_EQ(cli_.Run({"config", "use-context", "nope"}).code, 2);

  // view prints the file, which is JSON with absolute paths.
  r = cli_.Run({"config", "view"});
  ASSERT_EQ(r.code, 0) << r;
  google::protobuf::Struct file;
  ASSERT_TRUE(ParseJson(r.out, &file));
  EXPECT_EQ(file.fields().at("current_context").string_value(), "prod");
  const auto& prod =
      file.fields().at("contexts").struct_value().fields().at("prod").struct_value().fields();
  EXPECT_EQ(prod.at("ca").string_value(), cli_.dir() + "/ca.pem");
  EXPECT_EQ(prod.at("organization").string_value(), "acme");

  // The current context's server is used: unreachable here, so exit 3 ...
  r = cli_.Run({"organizations", "list", "--context", "local", "--timeout", "3s"});
  EXPECT_EQ(r.code, 3) << r;
  // ... and a context that needs a missing file is a usage error.
  r = cli_.Run({"organizations", "list"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_THAT(r.err, HasSubstr("ca.pem"));

  r = cli_.Run({"config", "delete-context", "prod"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_EQ(cli_.Run({"config", "get-contexts", "-o", "name"}).out, "local\n");
}

TEST_F(CliUsageTest, MalformedConfigFileIsExitTwo) {
  FILE* f = std::fopen(cli_.config_path().c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("{\"contexts\": {\"x\": {\"sever\": \"typo:1\"}}}", f);
  std::fclose(f);
  CliResult r = cli_.Run({"organizations", "list"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_THAT(r.err, HasSubstr("contexts.x.sever"));
}

}  // namespace
}  // namespace fascia::cli_test
