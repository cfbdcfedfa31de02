// fasciad's structured log as a log shipper sees it: every stderr line is a
// JSON object; at info level each RPC gives exactly one line with its method,
// status code and latency; and nothing from a request body (client names
// are health-adjacent personal data) or an API key ever reaches the log,
// whether the call succeeds or fails. At debug level a call's start is
// logged too, as carefully.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "e2e_chain.h"
#include "fasciad_process.h"
#include "health_watch.h"
#include "json_log.h"
#include "rpc_util.h"

namespace fascia::e2e {
namespace {

constexpr char kSecret[] = "Zebulon-Secret";

// fasciad on a fresh SQLite database in `dir`, logging at `level`.
FasciadOptions LoggingAt(const TempDir& dir, const std::string& level) {
  FasciadOptions options;
  options.work_dir = dir.path();
  options.log_level = level;
  options.args = {"--database=sqlite:" + dir.path() + "/fascia.db"};
  return options;
}

// Stops `server`, whose clients have closed their channels (see
// Fasciad::Stop), and returns all it logged: after exit every line is written.
std::string LogAfterCleanExit(Fasciad& server) {
  std::optional<ExitStatus> exit = server.Stop();
  EXPECT_TRUE(exit.has_value() && exit->Success())
      << (exit.has_value() ? exit->ToString() : "still running");
  return server.Stderr();
}

struct Call {
  std::string method;
  grpc::Status status;
};

TEST(LoggingTest, OneJsonLinePerRpcAndNoRequestData) {
  TempDir dir;
  Fasciad server(LoggingAt(dir, "info"));
  ASSERT_TRUE(server.Bootstrap("acme"));
  ASSERT_TRUE(server.StartServing());
  auto api_holder = std::make_unique<ChainApi>(server.NewChannel());
  ChainApi& api = *api_holder;

  // Each call below is recorded with the status the client saw; the log must
  // agree with it line by line.
  std::vector<Call> calls;
  const std::string svc = "/fascia.v1.ClientService/";
  {
    grpc::ClientContext ctx;
    SetDeadline(ctx);
    v1::GetOrganizationRequest req;
    req.set_name(kOrg);
    v1::Organization out;
    calls.push_back({"/fascia.v1.OrganizationService/GetOrganization",
                     api.orgs->GetOrganization(&ctx, req, &out)});
  }
  calls.push_back({svc + "CreateClient", CreateClient(api, "z1", "Zeb", kSecret)});
  calls.push_back({svc + "CreateClient", CreateClient(api, "z1", "Zeb", kSecret)});  // duplicate
  {
    grpc::ClientContext ctx;
    SetDeadline(ctx);
    v1::CreateClientRequest req;
    req.set_parent(kOrg);
    req.set_client_id("z2");
    req.mutable_client()->set_family_name(kSecret);
    req.mutable_client()->set_email(std::string(kSecret) + "@@not-an-email");
    v1::Client out;
    calls.push_back({svc + "CreateClient", api.clients->CreateClient(&ctx, req, &out)});
  }
  for (const std::string& name :
       {std::string("organizations/acme/clients/z1"), std::string("organizations/acme/clients/nobody")}) {
    grpc::ClientContext ctx;
    SetDeadline(ctx);
    v1::GetClientRequest req;
    req.set_name(name);
    v1::Client out;
    calls.push_back({svc + "GetClient", api.clients->GetClient(&ctx, req, &out)});
  }
  for (const std::string& filter : {std::string("family_name = \"") + kSecret + "\"",
                                    std::string("family_name ~ ") + kSecret}) {
    grpc::ClientContext ctx;
    SetDeadline(ctx);
    v1::ListClientsRequest req;
    req.set_parent(kOrg);
    req.set_filter(filter);
    v1::ListClientsResponse out;
    calls.push_back({svc + "ListClients", api.clients->ListClients(&ctx, req, &out)});
  }
  {
    grpc::ClientContext ctx;
    SetDeadline(ctx);
    v1::UpdateClientRequest req;
    req.mutable_client()->set_name("organizations/acme/clients/z1");
    req.mutable_client()->set_given_name(std::string(kSecret) + "-Junior");
    req.mutable_update_mask()->add_paths("given_name");
    v1::Client out;
    calls.push_back({svc + "UpdateClient", api.clients->UpdateClient(&ctx, req, &out)});
  }
  {
    // A wrong key that carries the secret: refused, and not logged either.
    ChainApi intruder(server.NewChannel(std::string("fsk_") + kSecret + "_0000"));
    calls.push_back({svc + "CreateClient", CreateClient(intruder, "z3", "Zeb", kSecret)});
  }
  // The calls cover both outcomes, so the test sees success and error lines.
  ASSERT_TRUE(calls[0].status.ok()) << Describe(calls[0].status);
  ASSERT_TRUE(calls[1].status.ok()) << Describe(calls[1].status);
  ASSERT_EQ(calls[2].status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  ASSERT_EQ(calls[3].status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_EQ(calls[5].status.error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_EQ(calls.back().status.error_code(), grpc::StatusCode::UNAUTHENTICATED);

  api_holder.reset();
  const std::string text = LogAfterCleanExit(server);

  EXPECT_FALSE(absl::StrContains(text, kSecret)) << "request data in the log:\n" << text;
  // Nor the owner key's secret: fsk_<id>_<secret>, where the id has no '_'
  // but the (web-safe base64) secret may.
  const std::string& key = server.owner_key();
  const std::string secret = key.substr(key.find('_', std::string("fsk_").size()) + 1);
  ASSERT_GE(secret.size(), 40u) << key;
  EXPECT_FALSE(absl::StrContains(text, secret)) << "API key in the log";

  JsonLog log = ParseJsonLog(text);
  for (const std::string& bad : log.bad_lines) ADD_FAILURE() << "not a JSON object: " << bad;
  std::vector<Call> logged;
  for (const auto& line : log.lines) {
    if (StringField(line, "event") != "rpc") continue;
    const std::string method = StringField(line, "method");
    double latency_us = -1;
    EXPECT_TRUE(NumberField(line, "latency_us", &latency_us)) << method << " has no latency_us";
    EXPECT_GE(latency_us, 0) << method;
    EXPECT_FALSE(StringField(line, "code").empty()) << method << " has no code";
    EXPECT_FALSE(StringField(line, "time").empty()) << method << " has no time";
    // Health checks made while waiting for the server to start are logged
    // too; the test counts only its own calls.
    if (absl::StartsWith(method, "/fascia.v1.")) {
      logged.push_back({method, grpc::Status(grpc::StatusCode::OK, StringField(line, "code"))});
    }
  }
  ASSERT_EQ(logged.size(), calls.size()) << text;
  for (size_t i = 0; i < calls.size(); ++i) {
    EXPECT_EQ(logged[i].method, calls[i].method) << "call " << i;
    // The status message field carries the logged code name here.
    EXPECT_EQ(logged[i].status.error_message(), CodeName(calls[i].status.error_code()))
        << "call " << i << " " << calls[i].method;
  }
}

// At debug level each call also logs "rpc.started" with its method when
// fasciad accepts it, before its "rpc" line, and still nothing of its body.
TEST(LoggingTest, DebugLevelLogsEachCallsStartWithoutRequestData) {
  TempDir dir;
  Fasciad server(LoggingAt(dir, "debug"));
  ASSERT_TRUE(server.Bootstrap("acme"));
  ASSERT_TRUE(server.StartServing());
  auto api = std::make_unique<ChainApi>(server.NewChannel());
  ASSERT_TRUE(CreateClient(*api, "z1", "Zeb", kSecret).ok());
  EXPECT_EQ(CreateClient(*api, "z1", "Zeb", kSecret).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  api.reset();
  const std::string text = LogAfterCleanExit(server);
  EXPECT_FALSE(absl::StrContains(text, kSecret)) << "request data in the log:\n" << text;
  const std::string method = "/fascia.v1.ClientService/CreateClient";
  std::vector<std::string> events;  // this method's, in log order
  for (const auto& line : ParseJsonLog(text).lines) {
    if (StringField(line, "method") == method) events.push_back(StringField(line, "event"));
  }
  EXPECT_EQ(events, (std::vector<std::string>{"rpc.started", "rpc", "rpc.started", "rpc"}))
      << text;
}

// A client that stops watching health is routine, not a server failure:
// load balancers and gRPC's client-side health checking hold a Watch per
// connection and cancel it whenever they drop the connection. Its log line
// must not be an error (operators alert on those), and its code should say
// what happened: CANCELLED, as the client saw it.
TEST(LoggingTest, ClientCancellingHealthWatchIsNotAnError) {
  TempDir dir;
  Fasciad server(LoggingAt(dir, "info"));
  ASSERT_TRUE(server.StartServing());
  {
    HealthWatch watch(server.NewChannel());
    ASSERT_TRUE(watch.WaitFor(grpc::health::v1::HealthCheckResponse::SERVING, absl::Seconds(10)))
        << watch.Summary();
    watch.Cancel();
    ASSERT_TRUE(watch.WaitDone(absl::Seconds(10))) << watch.Summary();
  }

  const std::string watch_method = "/grpc.health.v1.Health/Watch";
  std::vector<google::protobuf::Struct> watch_lines;
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (watch_lines.empty() && absl::Now() < deadline) {
    for (const auto& line : ParseJsonLog(server.Stderr()).lines) {
      if (StringField(line, "method") == watch_method) watch_lines.push_back(line);
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_EQ(watch_lines.size(), 1u) << "no single log line for the Watch in:\n" << server.Stderr();
  EXPECT_NE(StringField(watch_lines[0], "level"), "error") << server.Stderr();
  EXPECT_EQ(StringField(watch_lines[0], "code"), "CANCELLED") << server.Stderr();

  std::optional<ExitStatus> exit = server.Stop();
  ASSERT_TRUE(exit.has_value());
  EXPECT_TRUE(exit->Success()) << exit->ToString();
}

}  // namespace
}  // namespace fascia::e2e
