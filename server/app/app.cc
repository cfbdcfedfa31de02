// Wiring of fasciad; see app.h.
#include "app/app.h"

#include <algorithm>
#include <filesystem>
#include <thread>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "api/services.h"
#include "api/auditing_database.h"
#include "app/demo_seed.h"
#include "app/server_credentials.h"
#include "app/rpc_log_interceptor.h"
#include "app/stream_limit_interceptor.h"
#include "common/log.h"
#include "common/status_macros.h"

namespace fascia::app {
namespace {

// Server reflection stays on for anyone (grpcurl needs no key), but each of
// its streams holds a server thread while open: a few at once are plenty for
// people browsing the API, and the rest of max_threads stays for real work.
// The prefix covers every reflection version gRPC may serve, with one count.
constexpr char kReflectionPrefix[] = "/grpc.reflection.";
constexpr int kMaxReflectionStreams = 4;

// At most kMaxReflectionStreams, and at most a quarter of the threads.
int ReflectionStreamLimit(int max_threads) {
  return std::clamp(max_threads / 4, 1, kMaxReflectionStreams);
}

// A directory fasciad creates holds health data: it is the owner's alone
// (one that already exists keeps the mode its admin gave it).
absl::Status CreateDirectory(const std::filesystem::path& dir) {
  std::error_code error;
  const bool created = std::filesystem::create_directories(dir, error);
  if (!error && created) {
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, error);
  }
  if (error) {
    return absl::FailedPreconditionError(absl::StrCat("cannot create ", dir.string(), ": ", error.message()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status PrepareDataDir(const Settings& s) {
  if (s.seed_demo) RETURN_IF_ERROR(CreateDirectory(s.data_dir));
  if (!absl::StartsWith(s.database_url, "sqlite:")) return absl::OkStatus();
  std::filesystem::path db_path(s.database_url.substr(7));
  if (!db_path.has_parent_path()) return absl::OkStatus();
  return CreateDirectory(db_path.parent_path());
}

storage::DatabaseOptions DatabaseOptionsFrom(const Settings& s) {
  storage::DatabaseOptions options;
  options.call_timeout = s.database_call_timeout;
  options.pool_size = s.database_pool_size;
  options.sqlite_synchronous_full = s.sqlite_synchronous_full;
  options.postgres_password = s.database_password;
  return options;
}

absl::Status MigrateOnly(const Settings& settings) {
  SetMinLogLevel(settings.log_level);
  RETURN_IF_ERROR(PrepareDataDir(settings));
  ASSIGN_OR_RETURN(auto db, storage::OpenDatabase(settings.database_url, DatabaseOptionsFrom(settings)));
  absl::Status status = db->Migrate();
  db->Close();
  if (status.ok()) Log(LogLevel::kInfo, "migrations_done");
  return status;
}

absl::StatusOr<std::unique_ptr<App>> App::Start(const Settings& settings, api::Clock clock) {
  if (!clock) clock = [] { return absl::Now(); };
  std::unique_ptr<App> app(new App());
  app->settings_ = settings;
  SetMinLogLevel(settings.log_level);

  RETURN_IF_ERROR(PrepareDataDir(settings));
  ASSIGN_OR_RETURN(auto inner, storage::OpenDatabase(settings.database_url, DatabaseOptionsFrom(settings)));
  app->db_ = std::make_unique<api::AuditingDatabase>(std::move(inner));
  RETURN_IF_ERROR(app->db_->Migrate());

  // Plugins load before serving; a rejected one is logged and skipped.
  app->plugins_ = plugins::PluginRegistry::Load(settings.plugins);

  app->api_keys_ = std::make_unique<api::ApiKeyCache>(settings.api_key_cache_ttl);
  api::ApiContext ctx;
  ctx.db = ctx.audit = app->db_.get();
  ctx.clock = clock;
  ctx.clinical_retention = settings.clinical_retention;
  ctx.api_keys = app->api_keys_.get();
  ctx.plugins = app->plugins_.get();
  ctx.general_screening = settings.general_screening;
  ctx.screening_validity = settings.screening_validity;
  if (settings.seed_demo) RETURN_IF_ERROR(SeedDemo(ctx, settings.data_dir + "/demo-owner.key"));

  app->services_.push_back(api::NewOrganizationService(ctx));
  app->services_.push_back(api::NewLocationService(ctx));
  app->services_.push_back(api::NewStaffService(ctx));
  app->services_.push_back(api::NewCatalogService(ctx));
  app->services_.push_back(api::NewClientService(ctx));
  app->services_.push_back(api::NewAppointmentService(ctx));
  app->services_.push_back(api::NewAccessService(ctx));
  app->services_.push_back(api::NewAuditService(ctx));
  app->services_.push_back(api::NewConsentService(ctx));
  app->services_.push_back(api::NewNoteService(ctx));
  app->services_.push_back(api::NewIntakeService(ctx));
  app->services_.push_back(api::NewPluginService(ctx));
  app->services_.push_back(api::NewBillingService(ctx));

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  ASSIGN_OR_RETURN(auto credentials, MakeServerCredentials(settings));
  builder.AddListeningPort(settings.listen_address, credentials, &app->port_);
  builder.SetMaxReceiveMessageSize(settings.max_receive_message_bytes);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, settings.max_concurrent_streams);
  grpc::ResourceQuota quota("fasciad");
  quota.SetMaxThreads(settings.max_threads);
  builder.SetResourceQuota(quota);
  // gRPC's default keeps two idle threads: under load each call then starts a
  // thread and each finished call ends one, which cost about a tenth of
  // fasciad's CPU in the booking benchmark (clone, exit, stack munmap).
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              settings.spare_threads);
  for (auto& service : app->services_) builder.RegisterService(service.get());
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  // The stream limit first: a status it sets is the one the log line shows.
  interceptors.push_back(std::make_unique<StreamLimitInterceptorFactory>(
      kReflectionPrefix, ReflectionStreamLimit(settings.max_threads)));
  interceptors.push_back(std::make_unique<RpcLogInterceptorFactory>());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  app->server_ = builder.BuildAndStart();
  if (!app->server_ || app->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", settings.listen_address));
  }
  Log(LogLevel::kInfo, "serving",
      {{"listen_address", settings.listen_address},
       {"database", absl::StartsWith(settings.database_url, "sqlite:") ? "sqlite" : "postgres"},
       {"transport", settings.tls_cert_file.empty() ? "plaintext"
                     : settings.tls_client_ca_file.empty() ? "tls" : "mtls"}},
      {{"port", app->port_}});
  return app;
}

void App::Shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  if (!server_) {  // Start failed before serving.
    if (db_) db_->Close();
    return;
  }
  Log(LogLevel::kInfo, "shutting_down", {},
      {{"grace_ms", absl::ToInt64Milliseconds(settings_.shutdown_grace)}});
  if (auto* health = server_->GetHealthCheckService()) health->Shutdown();
  const absl::Time grace_ends = absl::Now() + settings_.shutdown_grace;
  // gRPC cancels the calls still running when the grace period ends, but a
  // handler blocked on the database would keep the process alive until its
  // own timeout: closing the database then makes those waits end at once
  // (their transactions roll back; the clients were already told).
  absl::Notification drained;
  std::thread closer([&] {
    if (!drained.WaitForNotificationWithDeadline(grace_ends)) db_->Close();
  });
  server_->Shutdown(absl::ToChronoTime(grace_ends));
  server_->Wait();
  drained.Notify();
  closer.join();
  db_->Close();
  Log(LogLevel::kInfo, "stopped");
}

App::~App() { Shutdown(); }

}  // namespace fascia::app
