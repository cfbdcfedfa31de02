// Config file parsing and defaults; see settings.h.
#include "app/settings.h"

#include <fstream>
#include <sstream>

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "app/secret_file.h"
#include "storage/postgres/postgres_database.h"

namespace fascia::app {
namespace {

class CollectErrors : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    errors.push_back(absl::StrCat("line ", line + 1, ":", column + 1, ": ", message));
  }
  std::vector<std::string> errors;
};

absl::Duration FromProto(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

}  // namespace

absl::StatusOr<fascia::config::v1::ServerConfig> ReadConfigFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read config file ", path));
  std::stringstream text;
  text << in.rdbuf();
  fascia::config::v1::ServerConfig config;
  google::protobuf::TextFormat::Parser parser;
  CollectErrors errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text.str(), &config)) {
    return absl::InvalidArgumentError(
        absl::StrCat("config file ", path, ": ", absl::StrJoin(errors.errors, "; ")));
  }
  return config;
}

// database.password_file: checked and read here, at start, so that a bad file
// stops fasciad and `--check-config` with the field named. The messages name
// the file, never its content, and never quote the URL.
static void ResolveDatabasePassword(const fascia::config::v1::ServerConfig& c, bool postgres_url,
                                    Settings& s, std::vector<std::string>& problems) {
  const std::string& path = c.database().password_file();
  if (path.empty()) return;
  if (!postgres_url) {
    // Any other scheme is already reported as a bad database_url.
    if (absl::StartsWith(s.database_url, "sqlite:")) {
      problems.push_back("database.password_file is for PostgreSQL; database_url is sqlite:");
    }
    return;
  }
  absl::StatusOr<bool> url_has_password = storage::PostgresUrlHasPassword(s.database_url);
  if (!url_has_password.ok()) {
    problems.push_back(absl::StrCat("database_url: ", url_has_password.status().message()));
  } else if (*url_has_password) {
    problems.push_back(
        "database_url carries a password and database.password_file is set: remove the "
        "password from the URL");
  }
  absl::StatusOr<std::string> password = ReadSecretFile(path);
  if (!password.ok()) {
    problems.push_back(absl::StrCat("database.password_file: ", password.status().message()));
    return;
  }
  s.database_password = *std::move(password);
}

// The screening section and the plugin list.
static void ResolveScreening(const fascia::config::v1::ServerConfig& c, Settings& s,
                      std::vector<std::string>& problems) {
  const auto& sc = c.screening();
  if (sc.has_validity_days()) {
    if (sc.validity_days() < 1 || sc.validity_days() > 366) {
      problems.push_back("screening.validity_days must be between 1 and 366");
    }
    s.screening_validity = absl::Hours(24) * sc.validity_days();
  }
  auto& g = s.general_screening;
  if (sc.has_surgery_weeks()) g.surgery_weeks = sc.surgery_weeks();
  if (sc.has_systolic_limit()) g.systolic_limit = sc.systolic_limit();
  if (sc.has_diastolic_limit()) g.diastolic_limit = sc.diastolic_limit();
  if (g.surgery_weeks < 1 || g.surgery_weeks > 52) problems.push_back("screening.surgery_weeks must be between 1 and 52");
  if (g.systolic_limit < 100 || g.systolic_limit > 250) problems.push_back("screening.systolic_limit must be between 100 and 250");
  if (g.diastolic_limit < 60 || g.diastolic_limit > 150) problems.push_back("screening.diastolic_limit must be between 60 and 150");
  for (int i = 0; i < c.plugins_size(); ++i) {
    const auto& p = c.plugins(i);
    plugins::PluginSpec spec;
    spec.path = p.path();
    if (spec.path.empty()) problems.push_back(absl::StrCat("plugins[", i, "].path is required"));
    spec.mode = p.mode() == fascia::config::v1::Plugin::IN_PROCESS ? plugins::Mode::kInProcess
                                                                   : plugins::Mode::kIsolated;
    spec.settings.insert(p.settings().begin(), p.settings().end());
    if (p.has_call_timeout()) spec.call_timeout = FromProto(p.call_timeout());
    if (spec.call_timeout < absl::Milliseconds(10) || spec.call_timeout > absl::Seconds(60)) {
      problems.push_back(absl::StrCat("plugins[", i, "].call_timeout must be between 10ms and 60s"));
    }
    spec.host_executable = sc.plugin_host();
    spec.modalities.assign(p.modalities().begin(), p.modalities().end());
    for (const std::string& m : spec.modalities) {
      if (m.empty()) problems.push_back(absl::StrCat("plugins[", i, "].modalities has an empty entry"));
    }
    s.plugins.push_back(std::move(spec));
  }
}

absl::StatusOr<Settings> ResolveSettings(const fascia::config::v1::ServerConfig& c) {
  Settings s;
  std::vector<std::string> problems;
  if (c.has_listen_address()) s.listen_address = c.listen_address();
  if (c.has_data_dir()) s.data_dir = c.data_dir();
  // An empty one would put the database at /fascia.db.
  if (s.data_dir.empty()) problems.push_back("data_dir must not be empty");
  s.database_url = c.has_database_url() ? c.database_url()
                                        : absl::StrCat("sqlite:", s.data_dir, "/fascia.db");
  if (c.has_log_level()) {
    auto level = ParseLogLevel(c.log_level());
    if (level.ok()) {
      s.log_level = *level;
    } else {
      problems.push_back(std::string(level.status().message()));
    }
  }
  if (c.has_seed_demo()) s.seed_demo = c.seed_demo();
  const auto& limits = c.limits();
  if (limits.has_max_receive_message_bytes()) s.max_receive_message_bytes = limits.max_receive_message_bytes();
  if (limits.has_max_concurrent_streams()) s.max_concurrent_streams = limits.max_concurrent_streams();
  if (limits.has_max_threads()) s.max_threads = limits.max_threads();
  // Unset: 64, but never more than max_threads, so a config that lowers only
  // max_threads stays valid.
  s.spare_threads = limits.has_spare_threads() ? limits.spare_threads()
                                               : std::min(s.spare_threads, s.max_threads);
  if (limits.has_database_call_timeout()) s.database_call_timeout = FromProto(limits.database_call_timeout());
  if (limits.has_shutdown_grace()) s.shutdown_grace = FromProto(limits.shutdown_grace());
  if (c.database().has_pool_size()) s.database_pool_size = c.database().pool_size();
  if (c.database().has_sqlite_synchronous_full()) {
    s.sqlite_synchronous_full = c.database().sqlite_synchronous_full();
  }

  if (c.privacy().has_clinical_retention()) {
    s.clinical_retention = FromProto(c.privacy().clinical_retention());
    if (s.clinical_retention < absl::ZeroDuration()) {
      problems.push_back("privacy.clinical_retention must not be negative");
    }
  }
  ResolveScreening(c, s, problems);
  if (c.auth().has_api_key_cache_ttl()) s.api_key_cache_ttl = FromProto(c.auth().api_key_cache_ttl());
  if (s.api_key_cache_ttl < absl::ZeroDuration() || s.api_key_cache_ttl > absl::Minutes(5)) {
    problems.push_back("auth.api_key_cache_ttl must be between 0s and 5m");
  }
  s.tls_cert_file = c.tls().cert_file();
  s.tls_key_file = c.tls().key_file();
  s.tls_client_ca_file = c.tls().client_ca_file();
  if (s.tls_cert_file.empty() != s.tls_key_file.empty()) {
    problems.push_back("tls.cert_file and tls.key_file must be set together");
  }
  if (!s.tls_client_ca_file.empty() && s.tls_cert_file.empty()) {
    problems.push_back("tls.client_ca_file needs tls.cert_file and tls.key_file");
  }
  for (const std::string* file : {&s.tls_cert_file, &s.tls_key_file, &s.tls_client_ca_file}) {
    if (!file->empty() && !std::ifstream(*file)) problems.push_back("cannot read " + *file);
  }
  if (s.listen_address.empty()) problems.push_back("listen_address must not be empty");
  const bool postgres_url = absl::StartsWith(s.database_url, "postgres://") ||
                            absl::StartsWith(s.database_url, "postgresql://");
  if (!postgres_url && !absl::StartsWith(s.database_url, "sqlite:")) {
    problems.push_back("database_url must start with sqlite:, postgres:// or postgresql://");
  }
  ResolveDatabasePassword(c, postgres_url, s, problems);
  if (s.max_receive_message_bytes < 1024 || s.max_receive_message_bytes > (64 << 20)) {
    problems.push_back("limits.max_receive_message_bytes must be between 1 KiB and 64 MiB");
  }
  if (s.max_concurrent_streams < 1 || s.max_concurrent_streams > 10000) {
    problems.push_back("limits.max_concurrent_streams must be between 1 and 10000");
  }
  if (s.max_threads < 2 || s.max_threads > 1024) {
    problems.push_back("limits.max_threads must be between 2 and 1024");
  }
  if (s.spare_threads < 1 || s.spare_threads > s.max_threads) {
    problems.push_back("limits.spare_threads must be between 1 and limits.max_threads");
  }
  if (s.database_call_timeout < absl::Milliseconds(10) || s.database_call_timeout > absl::Minutes(10)) {
    problems.push_back("limits.database_call_timeout must be between 10ms and 10m");
  }
  if (s.shutdown_grace < absl::ZeroDuration() || s.shutdown_grace > absl::Minutes(10)) {
    problems.push_back("limits.shutdown_grace must be between 0 and 10m");
  }
  if (s.database_pool_size < 1 || s.database_pool_size > 256) {
    problems.push_back("database.pool_size must be between 1 and 256");
  }
  if (!problems.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("invalid configuration: ",
                                                   absl::StrJoin(problems, "; ")));
  }
  return s;
}

}  // namespace fascia::app
