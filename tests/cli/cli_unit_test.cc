// In-process tests of fasciactl's building blocks: local time parsing (the
// server's DST rules, pinned on the same dates as tests/domain), weekly
// hours, money, YAML/JSON output, the argument parser, the config file and
// connection-setting precedence.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "absl/time/civil_time.h"
#include "args.h"
#include "connection.h"
#include "fascia/v1/resources.pb.h"
#include "output.h"
#include "times.h"
#include "values.h"

namespace fasciactl {
namespace {

namespace v1 = fascia::v1;

absl::TimeZone Zone(const std::string& name) {
  absl::StatusOr<absl::TimeZone> tz = LoadZone(name);
  EXPECT_TRUE(tz.ok()) << name;
  return tz.value_or(absl::UTCTimeZone());
}

std::string Utc(const std::string& text, const std::string& zone) {
  absl::StatusOr<absl::Time> t = ParseTimeInZone(text, Zone(zone));
  if (!t.ok()) return "error: " + std::string(t.status().message());
  return FormatUtc(*t);
}

TEST(Times, LocalTimeInTheLocationsZone) {
  EXPECT_EQ(Utc("2026-12-01T10:00", "Europe/London"), "2026-12-01T10:00:00Z");
  EXPECT_EQ(Utc("2026-07-01T10:00", "Europe/London"), "2026-07-01T09:00:00Z");
  EXPECT_EQ(Utc("2026-12-01 10:00", "America/New_York"), "2026-12-01T15:00:00Z");
  EXPECT_EQ(Utc("2026-12-01T10:00:30", "America/New_York"), "2026-12-01T15:00:30Z");
  EXPECT_EQ(Utc("2026-12-01", "America/New_York"), "2026-12-01T05:00:00Z");
}

TEST(Times, SpringForwardGapMovesForward) {
  // 02:30 does not exist; 03:30 EDT is 07:30Z.
  EXPECT_EQ(Utc("2024-03-10T02:30", "America/New_York"), "2024-03-10T07:30:00Z");
  // London jumps 01:00 GMT -> 02:00 BST; 01:30 becomes 02:30 BST.
  EXPECT_EQ(Utc("2024-03-31T01:30", "Europe/London"), "2024-03-31T01:30:00Z");
}

TEST(Times, FallBackOverlapMeansFirstOccurrence) {
  EXPECT_EQ(Utc("2024-11-03T01:30", "America/New_York"), "2024-11-03T05:30:00Z");
  EXPECT_EQ(Utc("2024-10-27T01:30", "Europe/London"), "2024-10-27T00:30:00Z");
}

TEST(Times, ExplicitOffsetIsHonoured) {
  EXPECT_EQ(Utc("2024-03-10T02:30-05:00", "Europe/London"), "2024-03-10T07:30:00Z");
  EXPECT_EQ(Utc("2026-12-01T10:00Z", "America/New_York"), "2026-12-01T10:00:00Z");
  EXPECT_EQ(Utc("2026-12-01T10:00:00+0130", "UTC"), "2026-12-01T08:30:00Z");
  EXPECT_TRUE(HasExplicitOffset("2026-12-01T10:00Z"));
  EXPECT_TRUE(HasExplicitOffset("2026-12-01T10:00-05:00"));
  EXPECT_FALSE(HasExplicitOffset("2026-12-01T10:00"));
  EXPECT_FALSE(HasExplicitOffset("2026-12-01"));
}

TEST(Times, BadTimesAreErrors) {
  for (const char* bad : {"2026-02-30T10:00", "2026-12-01T25:00", "tomorrow", "2026-12-01T10",
                          "2026-12-01T10:00+5"}) {
    EXPECT_EQ(Utc(bad, "Europe/London").rfind("error:", 0), 0u) << bad;
  }
  EXPECT_FALSE(LoadZone("Mars/Olympus_Mons").ok());
}

TEST(Times, FormatsInZoneWithTheZonePrinted) {
  const absl::TimeZone london = Zone("Europe/London");
  const absl::Time winter =
      absl::FromCivil(absl::CivilMinute(2026, 12, 1, 10, 0), absl::UTCTimeZone());
  EXPECT_EQ(FormatInZone(winter, london, "Europe/London"), "2026-12-01 10:00 GMT (Europe/London)");
  const absl::Time summer =
      absl::FromCivil(absl::CivilMinute(2026, 7, 1, 9, 0), absl::UTCTimeZone());
  EXPECT_EQ(FormatInZone(summer, london, "Europe/London"), "2026-07-01 10:00 BST (Europe/London)");
  EXPECT_EQ(FormatEndInZone(winter, winter + absl::Hours(1), london), "11:00 GMT");
  EXPECT_EQ(FormatEndInZone(winter, winter + absl::Hours(15), london), "2026-12-02 01:00 GMT");
}

TEST(Times, Durations) {
  EXPECT_EQ(*ParseDurationFlag("90m"), absl::Minutes(90));
  EXPECT_EQ(*ParseDurationFlag("1h30m"), absl::Minutes(90));
  EXPECT_EQ(*ParseDurationFlag("90d"), absl::Hours(24 * 90));
  EXPECT_FALSE(ParseDurationFlag("-5m").ok());
  EXPECT_FALSE(ParseDurationFlag("soon").ok());
  EXPECT_EQ(FormatDuration(ToDurationProto(absl::Minutes(90))), "1h30m");
  EXPECT_EQ(FormatDuration(ToDurationProto(absl::Hours(24 * 90))), "90d");
  EXPECT_EQ(FormatDuration(ToDurationProto(absl::ZeroDuration())), "0");
}

TEST(WeeklyHours, ParsesDayRangesAndFormatsBack) {
  auto hours = ParseWeeklyHours("mon-fri 09:00-19:00, sat 10:00-16:00");
  ASSERT_TRUE(hours.ok()) << hours.status();
  ASSERT_EQ(hours->size(), 6u);
  EXPECT_EQ((*hours)[0].day(), v1::MONDAY);
  EXPECT_EQ((*hours)[5].day(), v1::SATURDAY);
  EXPECT_EQ((*hours)[5].start().hours(), 10);
  EXPECT_EQ((*hours)[5].end().hours(), 16);
  google::protobuf::RepeatedPtrField<v1::WeeklyInterval> field(hours->begin(), hours->end());
  EXPECT_EQ(FormatWeeklyHours(field), "mon-fri 09:00-19:00, sat 10:00-16:00");
}

TEST(WeeklyHours, WrapsSplitRangesDailyAndClears) {
  auto wrap = ParseWeeklyHours("fri-mon 10:00-12:00 13:00-24:00");
  ASSERT_TRUE(wrap.ok()) << wrap.status();
  EXPECT_EQ(wrap->size(), 8u);  // fri, sat, sun, mon x 2 ranges
  google::protobuf::RepeatedPtrField<v1::WeeklyInterval> field(wrap->begin(), wrap->end());
  EXPECT_EQ(FormatWeeklyHours(field),
            "mon 10:00-12:00 13:00-24:00, fri-sun 10:00-12:00 13:00-24:00");
  auto daily = ParseWeeklyHours("Daily 08:00-20:00");
  ASSERT_TRUE(daily.ok());
  google::protobuf::RepeatedPtrField<v1::WeeklyInterval> all(daily->begin(), daily->end());
  EXPECT_EQ(FormatWeeklyHours(all), "daily 08:00-20:00");
  EXPECT_TRUE(ParseWeeklyHours("")->empty());
}

TEST(WeeklyHours, RejectsNonsense) {
  for (const char* bad : {"mon 10:00-09:00", "funday 09:00-10:00", "mon", "mon 9-10",
                          "mon 24:30-25:00", "mon 09:00"}) {
    EXPECT_FALSE(ParseWeeklyHours(bad).ok()) << bad;
  }
}

TEST(Values, MoneyInMinorUnitsWithoutFloatingPoint) {
  EXPECT_EQ(ParseMoney("GBP:70.00")->amount_minor(), 7000);
  EXPECT_EQ(ParseMoney("gbp:70")->amount_minor(), 7000);
  EXPECT_EQ(ParseMoney("GBP:70")->currency_code(), "GBP");
  EXPECT_EQ(ParseMoney("USD:0.1")->amount_minor(), 10);
  EXPECT_EQ(ParseMoney("JPY:5000")->amount_minor(), 5000);
  EXPECT_EQ(ParseMoney("KWD:1.250")->amount_minor(), 1250);
  EXPECT_EQ(ParseMoney("USD 19.99")->amount_minor(), 1999);
  for (const char* bad :
       {"GBP:70.001", "JPY:1.5", "GBP:-1", "70.00", "GB:1", "GBP:1.", "GBP:abc"}) {
    EXPECT_FALSE(ParseMoney(bad).ok()) << bad;
  }
  v1::Money m;
  m.set_currency_code("GBP");
  m.set_amount_minor(7005);
  EXPECT_EQ(FormatMoney(m), "GBP 70.05");
  m.set_currency_code("JPY");
  EXPECT_EQ(FormatMoney(m), "JPY 7005");
}

TEST(Output, YamlMirrorsTheJsonMapping) {
  v1::Location l;
  l.set_name("organizations/acme/locations/soho");
  l.set_display_name("Soho: 1st floor");
  l.set_time_zone("Europe/London");
  auto hours = ParseWeeklyHours("mon 09:00-17:00");
  *l.add_opening_hours() = (*hours)[0];
  l.mutable_address()->add_address_lines("12 Greek Street");
  l.mutable_address()->set_postal_code("W1D 4DH");
  l.mutable_booking_policy()->mutable_min_lead_time()->set_seconds(3600);
  l.set_etag("3");
  EXPECT_EQ(ToYaml(l),
            "name: organizations/acme/locations/soho\n"
            "displayName: \"Soho: 1st floor\"\n"
            "timeZone: Europe/London\n"
            "address:\n"
            "  addressLines:\n"
            "  - \"12 Greek Street\"\n"
            "  postalCode: W1D 4DH\n"
            "openingHours:\n"
            "- day: MONDAY\n"
            "  start:\n"
            "    hours: 9\n"
            "  end:\n"
            "    hours: 17\n"
            "bookingPolicy:\n"
            "  minLeadTime: \"3600s\"\n"
            "etag: \"3\"\n");
  EXPECT_NE(ToJson(l).find("\"timeZone\": \"Europe/London\""), std::string::npos);
}

TEST(Output, TableAlignsColumns) {
  EXPECT_EQ(RenderTable({"ID", "NAME"}, {{"a", "Zoë"}, {"long-id", "x"}}),
            "ID        NAME\n"
            "a         Zoë\n"
            "long-id   x\n");
  EXPECT_EQ(LastSegment("organizations/acme/locations/soho"), "soho");
}

FlagScope Scope(const std::vector<std::string>&) {
  return FlagScope{{{"org", "ORG", ""},
                    {"all", "", ""},
                    {"price", "P", "", true},
                    {"output", "F", "", false, 'o'}}};
}

TEST(Args, ParsesWordsFlagsAndPositionals) {
  CommandLine line;
  ASSERT_TRUE(ParseCommandLine({"locations", "get", "soho", "--org=acme", "-o", "json", "--all",
                                "--price", "a=GBP:1", "--price", "b=GBP:2"},
                               Scope, &line)
                  .ok());
  EXPECT_EQ(line.words, (std::vector<std::string>{"locations", "get"}));
  EXPECT_EQ(line.args.positionals(), std::vector<std::string>{"soho"});
  EXPECT_EQ(line.args.Get("org"), "acme");
  EXPECT_EQ(line.args.Get("output"), "json");
  EXPECT_TRUE(line.args.GetBool("all"));
  EXPECT_EQ(line.args.GetAll("price").size(), 2u);
  EXPECT_FALSE(line.help);
}

TEST(Args, RejectsUnknownDuplicateAndMissing) {
  CommandLine a, b, c, d, e;
  EXPECT_FALSE(ParseCommandLine({"x", "y", "--bogus"}, Scope, &a).ok());
  EXPECT_FALSE(ParseCommandLine({"x", "y", "--org", "a", "--org", "b"}, Scope, &b).ok());
  EXPECT_FALSE(ParseCommandLine({"x", "y", "--org"}, Scope, &c).ok());
  EXPECT_FALSE(ParseCommandLine({"x", "y", "--all=maybe"}, Scope, &d).ok());
  ASSERT_TRUE(ParseCommandLine({"help", "x", "y"}, Scope, &e).ok());
  EXPECT_TRUE(e.help);
  EXPECT_EQ(e.words.size(), 2u);
}

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fasciactl-unit-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  EnvFn Env() const {
    return [this](const char* name) -> const char* {
      auto it = env_.find(name);
      return it == env_.end() ? nullptr : it->second.c_str();
    };
  }
  std::filesystem::path dir_;
  std::map<std::string, std::string> env_;
};

TEST_F(ConfigTest, RoundTripsAndResolvesRelativePaths) {
  ConfigFile config;
  config.current_context = "prod";
  config.contexts["prod"] =
      Context{"fascia.example.com:443", "/etc/ca.pem", "", "", "/k", "acme", false};
  config.contexts["local"].server = "127.0.0.1:50051";
  config.contexts["local"].insecure = true;
  ASSERT_TRUE(SaveConfig(Path("sub/config.json"), config).ok());
  absl::StatusOr<ConfigFile> loaded = LoadConfig(Path("sub/config.json"));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(ConfigToJson(*loaded), ConfigToJson(config));
  EXPECT_EQ(std::filesystem::status(Path("sub/config.json")).permissions() &
                std::filesystem::perms::others_read,
            std::filesystem::perms::none);

  std::ofstream(Path("rel.json")) << R"({"contexts": {"x": {"ca": "certs/ca.pem"}}})";
  loaded = LoadConfig(Path("rel.json"));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->contexts["x"].ca, Path("certs/ca.pem"));
}

TEST_F(ConfigTest, RejectsTyposAndWrongTypes) {
  std::ofstream(Path("typo.json")) << R"({"contexts": {"x": {"sever": "a:1"}}})";
  absl::StatusOr<ConfigFile> typo = LoadConfig(Path("typo.json"));
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.status().message().find("contexts.x.sever"), absl::string_view::npos);
  std::ofstream(Path("type.json")) << R"({"contexts": {"x": {"insecure": "yes"}}})";
  EXPECT_FALSE(LoadConfig(Path("type.json")).ok());
  std::ofstream(Path("junk.json")) << "not json";
  EXPECT_FALSE(LoadConfig(Path("junk.json")).ok());
  EXPECT_TRUE(LoadConfig(Path("missing.json")).ok());  // no file: no contexts
}

TEST_F(ConfigTest, FlagsBeatEnvironmentBeatContext) {
  ConfigFile config;
  config.current_context = "a";
  config.contexts["a"] = Context{"a.example:1", "", "", "", "", "org-a", false};
  config.contexts["b"] = Context{"b.example:1", "", "", "", "", "org-b", false};
  ASSERT_TRUE(SaveConfig(Path("c.json"), config).ok());
  env_["FASCIA_CONFIG"] = Path("c.json");

  ParsedArgs none;
  auto s = ResolveSettings(none, Env());
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->server, "a.example:1");
  EXPECT_EQ(s->organization, "org-a");
  EXPECT_EQ(s->timeout, absl::Seconds(10));

  env_["FASCIA_CONTEXT"] = "b";
  EXPECT_EQ(ResolveSettings(none, Env())->server, "b.example:1");
  env_["FASCIA_SERVER"] = "env.example:1";
  EXPECT_EQ(ResolveSettings(none, Env())->server, "env.example:1");

  ParsedArgs flags;
  flags.Add("server", "flag.example:1");
  flags.Add("timeout", "2s");
  s = ResolveSettings(flags, Env());
  EXPECT_EQ(s->server, "flag.example:1");
  EXPECT_EQ(s->timeout, absl::Seconds(2));

  ParsedArgs missing;
  missing.Add("context", "nope");
  EXPECT_FALSE(ResolveSettings(missing, Env()).ok());
  ParsedArgs half;
  half.Add("cert", "/c.pem");
  EXPECT_FALSE(ResolveSettings(half, Env()).ok());

  env_.clear();
  env_["HOME"] = dir_.string();
  EXPECT_EQ(ResolveSettings(none, Env())->server, kDefaultServer);
}

TEST(Connection, LoopbackIsPlaintextEverythingElseTls) {
  EXPECT_TRUE(IsLoopback("127.0.0.1:50051"));
  EXPECT_TRUE(IsLoopback("localhost:50051"));
  EXPECT_TRUE(IsLoopback("[::1]:50051"));
  EXPECT_TRUE(IsLoopback("unix:/run/fascia.sock"));
  EXPECT_FALSE(IsLoopback("fascia.example.com:443"));
  EXPECT_FALSE(IsLoopback("10.0.0.5:50051"));
  ConnectionSettings s;
  s.server = "fascia.example.com:443";
  EXPECT_TRUE(Connect(s)->tls);
  s.insecure = true;
  EXPECT_FALSE(Connect(s)->tls);
  s.api_key_file = "/nonexistent/key";
  EXPECT_FALSE(Connect(s).ok());
}

}  // namespace
}  // namespace fasciactl
