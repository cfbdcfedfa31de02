// fasciad's resolved settings: defaults, then the config file
// (fascia.config.v1.ServerConfig in protobuf text format), then flags.
//
//   ASSIGN_OR_RETURN(ServerConfig file, ReadConfigFile("/etc/fascia/fasciad.textproto"));
//   file.MergeFrom(flag_overrides);
//   ASSIGN_OR_RETURN(Settings s, ResolveSettings(file));
#ifndef FASCIA_APP_SETTINGS_H_
#define FASCIA_APP_SETTINGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/log.h"
#include "domain/screening/general_rules.h"
#include "plugins/plugin.h"
#include "fascia/config/v1/server_config.pb.h"

namespace fascia::app {

struct Settings {
  std::string listen_address = "127.0.0.1:50051";
  std::string data_dir = "./data";
  std::string database_url;  // resolved: never empty
  // PostgreSQL: the password read from database.password_file at start
  // (empty: none). A secret: never log or print it.
  std::string database_password;
  LogLevel log_level = LogLevel::kInfo;
  bool seed_demo = false;
  int max_receive_message_bytes = 4 << 20;
  int max_concurrent_streams = 256;
  int max_threads = 256;
  // gRPC's sync-server MAX_POLLERS: see limits.spare_threads in
  // server_config.proto. Unset: 64, or max_threads if that is lower.
  int spare_threads = 64;
  absl::Duration database_call_timeout = absl::Seconds(5);
  absl::Duration shutdown_grace = absl::Seconds(10);
  int database_pool_size = 8;
  bool sqlite_synchronous_full = true;
  // TLS: all empty means plaintext.
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string tls_client_ca_file;  // set: mutual TLS required
  absl::Duration clinical_retention = absl::Hours(24 * 3650);
  absl::Duration api_key_cache_ttl = absl::Seconds(5);
  // Screening: the plugins to load and the core rules' thresholds.
  std::vector<plugins::PluginSpec> plugins;
  screening::GeneralSettings general_screening;
  absl::Duration screening_validity = absl::Hours(24 * 7);
};

// Parses a text-format config file; errors name the file, line and column.
absl::StatusOr<fascia::config::v1::ServerConfig> ReadConfigFile(const std::string& path);

// Applies defaults and checks ranges; every problem is reported at once.
// Reads database.password_file (see secret_file.h), so a bad one is reported
// here too; no message carries the password or the database URL.
absl::StatusOr<Settings> ResolveSettings(const fascia::config::v1::ServerConfig& config);

}  // namespace fascia::app

#endif  // FASCIA_APP_SETTINGS_H_
