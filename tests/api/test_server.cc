// TestServer and error-detail helpers; see test_server.h.
#include "test_server.h"

#include <algorithm>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>

#include "api/auditing_database.h"
#include "app/bootstrap.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "support/postgres_test_db.h"

namespace fascia::testing {

absl::Time Utc(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), absl::UTCTimeZone());
}

google::protobuf::Timestamp Ts(absl::Time t) {
  google::protobuf::Timestamp out;
  out.set_seconds(absl::ToUnixSeconds(t));
  return out;
}

absl::Time FromTs(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

std::string EngineName(storage::Engine engine) {
  return engine == storage::Engine::kSqlite ? "Sqlite" : "Postgres";
}

std::string FreshDatabaseUrl(storage::Engine engine) {
  if (engine == storage::Engine::kPostgres) {
    std::optional<std::string> url = FreshPostgresDatabaseUrl();
    if (!url) ADD_FAILURE() << "PostgreSQL test server unavailable";
    return url.value_or("postgresql://unavailable");
  }
  // mkdtemp: unique even when a later test process reuses an earlier one's pid.
  std::string pattern = (std::filesystem::temp_directory_path() / "fascia-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp failed";
    std::abort();
  }
  return "sqlite:" + pattern + "/fascia.db";
}

TestServer::TestServer(storage::Engine engine, std::string database_url,
                       std::vector<plugins::PluginSpec> plugins)
    : database_url_(database_url.empty() ? FreshDatabaseUrl(engine) : std::move(database_url)),
      now_us_(absl::ToUnixMicros(Utc(2024, 3, 1, 12, 0))) {
  app::Settings settings;
  settings.listen_address = "127.0.0.1:0";
  settings.database_url = database_url_;
  settings.log_level = LogLevel::kWarning;
  settings.shutdown_grace = absl::Seconds(2);
  settings.sqlite_synchronous_full = false;  // tests need speed, not power-loss safety
  settings.plugins = std::move(plugins);
  owner_key_ = BootstrapOrganization("acme");
  auto app = app::App::Start(settings, [this] { return Now(); });
  if (!app.ok()) {
    ADD_FAILURE() << "server did not start: " << app.status();
    std::abort();
  }
  app_ = std::move(*app);
  channel_ = NewChannel();
  orgs_ = v1::OrganizationService::NewStub(channel_);
  locations_ = v1::LocationService::NewStub(channel_);
  staff_ = v1::StaffService::NewStub(channel_);
  catalog_ = v1::CatalogService::NewStub(channel_);
  clients_ = v1::ClientService::NewStub(channel_);
  appointments_ = v1::AppointmentService::NewStub(channel_);
  access_ = v1::AccessService::NewStub(channel_);
  audit_ = v1::AuditService::NewStub(channel_);
}

TestServer::~TestServer() {
  app_->Shutdown();
  // The SQLite database of this test goes with it (PostgreSQL test databases
  // vanish with the throwaway cluster).
  if (database_url_.rfind("sqlite:", 0) == 0) {
    std::error_code ignored;
    std::filesystem::remove_all(std::filesystem::path(database_url_.substr(7)).parent_path(), ignored);
  }
}

namespace {

// Adds `authorization: Bearer <key>` to every call on a channel.
class BearerInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit BearerInterceptor(std::string header) : header_(std::move(header)) {}
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->insert({"authorization", header_});
    }
    methods->Proceed();
  }

 private:
  std::string header_;
};

class BearerInterceptorFactory : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit BearerInterceptorFactory(std::string key) : header_("Bearer " + std::move(key)) {}
  grpc::experimental::Interceptor* CreateClientInterceptor(grpc::experimental::ClientRpcInfo*) override {
    return new BearerInterceptor(header_);
  }

 private:
  std::string header_;
};

}  // namespace

std::shared_ptr<grpc::Channel> TestServer::NewChannel(const std::string& key) const {
  grpc::ChannelArguments args;
  // A distinct channel per caller so concurrent tests really use many connections.
  args.SetInt("fascia.test.unique", std::rand());
  // Wait for the connection rather than fail fast on a transient connect
  // error when a loaded test machine opens many connections at once.
  args.SetServiceConfigJSON(R"({"methodConfig": [{"name": [{}], "waitForReady": true}]})");
  std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> interceptors;
  if (!key.empty()) interceptors.push_back(std::make_unique<BearerInterceptorFactory>(key));
  return grpc::experimental::CreateCustomChannelWithInterceptors(
      "127.0.0.1:" + std::to_string(app_->port()), grpc::InsecureChannelCredentials(), args,
      std::move(interceptors));
}

std::string TestServer::BootstrapOrganization(const std::string& id) {
  storage::DatabaseOptions options;
  auto inner = storage::OpenDatabase(database_url_, options);
  EXPECT_TRUE(inner.ok()) << inner.status();
  api::AuditingDatabase db(std::move(*inner));
  EXPECT_TRUE(db.Migrate().ok());
  api::ApiContext ctx;
  ctx.db = ctx.audit = &db;
  ctx.clock = [this] { return Now(); };
  auto token = app::BootstrapOwnerKey(ctx, id, "", "test owner key");
  EXPECT_TRUE(token.ok()) << token.status();
  db.Close();
  return token.value_or("");
}

namespace {

google::rpc::Status Details(const grpc::Status& status) {
  google::rpc::Status details;
  details.ParseFromString(status.error_details());
  return details;
}

}  // namespace

std::string ReasonOf(const grpc::Status& status) {
  const google::rpc::Status details = Details(status);
  for (const auto& any : details.details()) {
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&info)) {
      EXPECT_EQ(info.domain(), "fascia.dev");
      return info.reason();
    }
  }
  return "";
}

std::vector<std::string> ViolatedFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  const google::rpc::Status details = Details(status);
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) fields.push_back(v.field());
    }
  }
  return fields;
}

void ExpectBadRequest(const grpc::Status& status, std::vector<std::string> fields) {
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(ReasonOf(status), "INVALID_ARGUMENT");
  std::vector<std::string> got = ViolatedFields(status);
  std::sort(got.begin(), got.end());
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(got, fields) << status.error_message();
}

void ExpectError(const grpc::Status& status, grpc::StatusCode code, const std::string& reason) {
  EXPECT_EQ(status.error_code(), code) << status.error_message();
  EXPECT_EQ(ReasonOf(status), reason) << status.error_message();
}

}  // namespace fascia::testing
