// A real fasciad (App) on 127.0.0.1:0 for API tests, with stubs for every
// service, a database of the chosen engine, and a clock the test controls.
// organizations/acme exists from the start with an OWNER key, which the
// stubs send on every call.
//
//   TestServer server(Engine::kSqlite);
//   server.SetNow(Utc(2024, 3, 1, 12, 0));
//   auto org = server.CreateOrg("acme");
#ifndef FASCIA_TESTS_API_TEST_SERVER_H_
#define FASCIA_TESTS_API_TEST_SERVER_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/time/time.h"
#include "app/app.h"
#include "fascia/v1/access_service.grpc.pb.h"
#include "fascia/v1/appointment_service.grpc.pb.h"
#include "fascia/v1/audit_service.grpc.pb.h"
#include "fascia/v1/catalog_service.grpc.pb.h"
#include "fascia/v1/client_service.grpc.pb.h"
#include "fascia/v1/location_service.grpc.pb.h"
#include "fascia/v1/organization_service.grpc.pb.h"
#include "fascia/v1/staff_service.grpc.pb.h"
#include "storage/database.h"

namespace fascia::testing {

namespace v1 = fascia::v1;

absl::Time Utc(int y, int m, int d, int hh = 0, int mm = 0);
google::protobuf::Timestamp Ts(absl::Time t);
absl::Time FromTs(const google::protobuf::Timestamp& t);

// A database URL for a fresh, empty database of `engine` (SQLite: a file in a
// new temp dir; PostgreSQL: a new database in the suite's throwaway server).
std::string FreshDatabaseUrl(storage::Engine engine);
std::string EngineName(storage::Engine engine);

class TestServer {
 public:
  // `plugins`: screening plugins to load (none by default).
  explicit TestServer(storage::Engine engine = storage::Engine::kSqlite,
                      std::string database_url = "",
                      std::vector<plugins::PluginSpec> plugins = {});
  ~TestServer();

  void SetNow(absl::Time now) { now_us_.store(absl::ToUnixMicros(now)); }
  absl::Time Now() const { return absl::FromUnixMicros(now_us_.load()); }
  const std::string& database_url() const { return database_url_; }
  int port() const { return app_->port(); }
  // The OWNER key of organizations/acme, created at start (fasciad bootstrap).
  const std::string& owner_key() const { return owner_key_; }
  // A new connection whose calls carry `key` (default: the owner key; "" for none).
  std::shared_ptr<grpc::Channel> NewChannel() const { return NewChannel(owner_key_); }
  std::shared_ptr<grpc::Channel> NewChannel(const std::string& key) const;
  // Creates organizations/{id} with an OWNER key, as `fasciad bootstrap` does.
  std::string BootstrapOrganization(const std::string& id);

  v1::OrganizationService::Stub& orgs() { return *orgs_; }
  v1::LocationService::Stub& locations() { return *locations_; }
  v1::StaffService::Stub& staff() { return *staff_; }
  v1::CatalogService::Stub& catalog() { return *catalog_; }
  v1::ClientService::Stub& clients() { return *clients_; }
  v1::AppointmentService::Stub& appointments() { return *appointments_; }
  v1::AccessService::Stub& access() { return *access_; }
  v1::AuditService::Stub& audit() { return *audit_; }

 private:
  std::string database_url_;
  std::string owner_key_;
  std::atomic<int64_t> now_us_;
  std::unique_ptr<app::App> app_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::OrganizationService::Stub> orgs_;
  std::unique_ptr<v1::LocationService::Stub> locations_;
  std::unique_ptr<v1::StaffService::Stub> staff_;
  std::unique_ptr<v1::CatalogService::Stub> catalog_;
  std::unique_ptr<v1::ClientService::Stub> clients_;
  std::unique_ptr<v1::AppointmentService::Stub> appointments_;
  std::unique_ptr<v1::AccessService::Stub> access_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
};

// The google.rpc details of an error.
std::string ReasonOf(const grpc::Status& status);
std::vector<std::string> ViolatedFields(const grpc::Status& status);

// Expects INVALID_ARGUMENT with exactly these field violations (any order).
void ExpectBadRequest(const grpc::Status& status, std::vector<std::string> fields);
// Expects `code` with ErrorInfo reason `reason` in domain fascia.dev.
void ExpectError(const grpc::Status& status, grpc::StatusCode code, const std::string& reason);

}  // namespace fascia::testing

#endif  // FASCIA_TESTS_API_TEST_SERVER_H_
