// fasciad: the Fascia server. Reads a config file and flags, serves gRPC until
// SIGTERM or SIGINT, then shuts down gracefully (see App::Shutdown).
//
//   fasciad --config=/etc/fascia/fasciad.textproto
//   fasciad --listen=127.0.0.1:50051 --database=sqlite:./data/fascia.db --seed_demo
#include <csignal>
#include <cstdio>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "app/app.h"
#include "app/settings.h"
#include "common/log.h"

ABSL_FLAG(std::string, config, "", "Path to a config file (fascia.config.v1.ServerConfig text format)");
ABSL_FLAG(std::string, listen, "", "host:port to serve on (default 127.0.0.1:50051)");
ABSL_FLAG(std::string, database, "", "sqlite:PATH or postgres://... (default sqlite:<data_dir>/fascia.db)");
ABSL_FLAG(std::string, data_dir, "", "Directory for the embedded database (default ./data)");
ABSL_FLAG(std::string, log_level, "", "debug, info, warning or error (default info)");
ABSL_FLAG(bool, seed_demo, false, "Create the demo organization if it is missing");
ABSL_FLAG(bool, version, false, "Print the version and exit");

namespace {

// Flags that were given override the config file.
fascia::config::v1::ServerConfig FlagOverrides() {
  fascia::config::v1::ServerConfig c;
  if (!absl::GetFlag(FLAGS_listen).empty()) c.set_listen_address(absl::GetFlag(FLAGS_listen));
  if (!absl::GetFlag(FLAGS_database).empty()) c.set_database_url(absl::GetFlag(FLAGS_database));
  if (!absl::GetFlag(FLAGS_data_dir).empty()) c.set_data_dir(absl::GetFlag(FLAGS_data_dir));
  if (!absl::GetFlag(FLAGS_log_level).empty()) c.set_log_level(absl::GetFlag(FLAGS_log_level));
  if (absl::GetFlag(FLAGS_seed_demo)) c.set_seed_demo(true);
  return c;
}

int Fail(const absl::Status& status) {
  fascia::Log(fascia::LogLevel::kError, "startup_failed", {{"error", status.ToString()}});
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("fasciad: practice-management server for massage clinic chains");
  absl::ParseCommandLine(argc, argv);
  if (absl::GetFlag(FLAGS_version)) {
    std::cout << "fasciad " << FASCIA_VERSION << "\n";
    return 0;
  }

  // Block the stop signals before any thread starts so that only sigwait
  // below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  fascia::config::v1::ServerConfig config;
  if (!absl::GetFlag(FLAGS_config).empty()) {
    auto file = fascia::app::ReadConfigFile(absl::GetFlag(FLAGS_config));
    if (!file.ok()) return Fail(file.status());
    config = *file;
  }
  config.MergeFrom(FlagOverrides());
  auto settings = fascia::app::ResolveSettings(config);
  if (!settings.ok()) return Fail(settings.status());

  auto app = fascia::app::App::Start(*settings);
  if (!app.ok()) return Fail(app.status());

  int signal = 0;
  sigwait(&stop_signals, &signal);
  fascia::Log(fascia::LogLevel::kInfo, "signal", {{"name", signal == SIGTERM ? "SIGTERM" : "SIGINT"}});
  (*app)->Shutdown();
  return 0;
}
