// The composition root: opens the database, runs migrations, seeds the demo
// organization when asked, and serves every gRPC service plus health and
// reflection.
//
//   ASSIGN_OR_RETURN(auto app, App::Start(settings));
//   ... app->port() ...
//   app->Shutdown();   // health NOT_SERVING, drain RPCs, close the database
//
// Thread-safety: Start and Shutdown from one thread; the server itself serves
// from its own threads.
#ifndef FASCIA_APP_APP_H_
#define FASCIA_APP_APP_H_

#include <memory>

#include <grpcpp/server.h>

#include "absl/status/statusor.h"
#include "api/api_key_cache.h"
#include "api/auditing_database.h"
#include "plugins/plugin_registry.h"
#include "api/resource_crud.h"
#include "app/settings.h"
#include "storage/database.h"

namespace fascia::app {

// Creates the data directory and the SQLite database's directory if missing.
absl::Status PrepareDataDir(const Settings& settings);

// How every command opens the database the settings name (serving,
// `migrate`, `bootstrap`): one place, so none of them drops a setting.
storage::DatabaseOptions DatabaseOptionsFrom(const Settings& settings);

// Opens the database and applies pending migrations, without serving
// (`fasciad migrate`).
absl::Status MigrateOnly(const Settings& settings);

class App {
 public:
  // `clock` defaults to absl::Now; tests pin it.
  static absl::StatusOr<std::unique_ptr<App>> Start(const Settings& settings,
                                                    api::Clock clock = nullptr);
  ~App();

  // The port actually bound (useful with "127.0.0.1:0").
  int port() const { return port_; }

  // Health goes NOT_SERVING, new RPCs are refused, in-flight RPCs get until
  // the grace period ends, then the database closes. Idempotent.
  void Shutdown();

 private:
  App() = default;

  Settings settings_;
  std::unique_ptr<api::AuditingDatabase> db_;
  // Declared before the services that use it, so it outlives them.
  std::unique_ptr<plugins::PluginRegistry> plugins_;
  std::unique_ptr<api::ApiKeyCache> api_keys_;
  std::vector<std::unique_ptr<grpc::Service>> services_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  bool shut_down_ = false;
};

}  // namespace fascia::app

#endif  // FASCIA_APP_APP_H_
