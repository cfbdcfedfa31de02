// fasciad: the Fascia server. Reads a config file and flags, serves gRPC until
// SIGTERM or SIGINT, then shuts down gracefully (see App::Shutdown).
//
//   fasciad --config=/etc/fascia/fasciad.textproto
//   fasciad --listen=127.0.0.1:50051 --database=sqlite:./data/fascia.db --seed_demo
//   fasciad --check-config /etc/fascia/fasciad.textproto   # validate, exit 0/1
//   fasciad migrate --config=...                           # migrations only
//   fasciad healthcheck [--listen=host:port] [--ca=F [--cert=F --key=F]]  # exit 0 if SERVING
//   fasciad bootstrap --organization=acme [--key-file=F]   # org + first OWNER key
//   fasciad --version
//
// Flag names may be written with '-' or '_' (--check-config, --check_config).
#include <malloc.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/synchronization/mutex.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "app/app.h"
#include "app/bootstrap.h"
#include "app/health_probe.h"
#include "app/settings.h"
#include "common/log.h"
#include "plugins/open_with_deadline.h"

ABSL_FLAG(std::string, config, "", "Path to a config file (fascia.config.v1.ServerConfig text format)");
ABSL_FLAG(std::string, listen, "", "host:port to serve on (default 127.0.0.1:50051)");
ABSL_FLAG(std::string, database, "", "sqlite:PATH or postgres://... (default sqlite:<data_dir>/fascia.db)");
ABSL_FLAG(std::string, database_password_file, "", "File holding the PostgreSQL password (database.password_file)");
ABSL_FLAG(std::string, data_dir, "", "Directory for the embedded database (default ./data)");
ABSL_FLAG(std::string, log_level, "", "debug, info, warning or error (default info)");
ABSL_FLAG(bool, seed_demo, false, "Create the demo organization if it is missing");
ABSL_FLAG(bool, version, false, "Print the version and exit");
ABSL_FLAG(std::string, organization, "", "bootstrap: the organization id to create (if missing) and key");
ABSL_FLAG(std::string, display_name, "", "bootstrap: the organization's display name");
ABSL_FLAG(std::string, key_file, "", "bootstrap: write the owner key here (mode 0600) instead of stdout");
ABSL_FLAG(std::string, ca, "", "healthcheck: CA file to trust when the server serves TLS");
ABSL_FLAG(std::string, cert, "", "healthcheck: client certificate, for a server that requires one");
ABSL_FLAG(std::string, key, "", "healthcheck: the client certificate's key");
ABSL_FLAG(std::string, check_config, "",
          "Validate this config file (with any flags given), print the resolved settings, and exit");

namespace {

// A bool flag has no "not given" value, so whether --seed_demo (or
// --noseed_demo) was on the command line is looked up there: then
// --seed_demo=false turns off a file's `seed_demo: true`. (This Abseil keeps
// CommandLineFlag::IsSpecifiedOnCommandLine private.)
bool seed_demo_given = false;

// Whether `args` (names already normalized to '_') give the bool flag `name`,
// before any "--" that ends the flags.
bool BoolFlagGiven(const std::vector<std::string>& args, const std::string& name) {
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--") break;
    if (args[i].empty() || args[i][0] != '-') continue;
    std::string given = args[i].substr(0, args[i].find('='));
    given.erase(0, given.find_first_not_of('-'));
    if (given == name || given == "no" + name) return true;
  }
  return false;
}

// Flags that were given override the config file.
fascia::config::v1::ServerConfig FlagOverrides() {
  fascia::config::v1::ServerConfig c;
  if (!absl::GetFlag(FLAGS_listen).empty()) c.set_listen_address(absl::GetFlag(FLAGS_listen));
  if (!absl::GetFlag(FLAGS_database).empty()) c.set_database_url(absl::GetFlag(FLAGS_database));
  if (!absl::GetFlag(FLAGS_database_password_file).empty()) {
    c.mutable_database()->set_password_file(absl::GetFlag(FLAGS_database_password_file));
  }
  if (!absl::GetFlag(FLAGS_data_dir).empty()) c.set_data_dir(absl::GetFlag(FLAGS_data_dir));
  if (!absl::GetFlag(FLAGS_log_level).empty()) c.set_log_level(absl::GetFlag(FLAGS_log_level));
  if (seed_demo_given) c.set_seed_demo(absl::GetFlag(FLAGS_seed_demo));
  return c;
}

int Fail(const absl::Status& status) {
  fascia::Log(fascia::LogLevel::kError, "startup_failed", {{"error", status.ToString()}});
  return 1;
}

// absl flags use '_'; operators type '-'. Rewrite "--check-config" to
// "--check_config" (flag names only, never values).
std::vector<char*> NormalizeFlagNames(int argc, char** argv, std::vector<std::string>& storage) {
  storage.assign(argv, argv + argc);
  for (std::string& arg : storage) {
    if (arg.rfind("--", 0) != 0) continue;
    size_t end = arg.find('=');
    for (size_t i = 2; i < std::min(end, arg.size()); ++i) {
      if (arg[i] == '-') arg[i] = '_';
    }
  }
  std::vector<char*> out;
  for (std::string& arg : storage) out.push_back(arg.data());
  return out;
}

// `with_database_password`: false for commands that never open the
// database (healthcheck), so they run where the password file is not
// readable (outside a systemd unit's credentials, say).
absl::StatusOr<fascia::app::Settings> LoadSettings(const std::string& config_path,
                                                   bool with_database_password = true) {
  fascia::config::v1::ServerConfig config;
  if (!config_path.empty()) {
    auto file = fascia::app::ReadConfigFile(config_path);
    if (!file.ok()) return file.status();
    config = *file;
  }
  config.MergeFrom(FlagOverrides());
  if (!with_database_password) config.mutable_database()->clear_password_file();
  return fascia::app::ResolveSettings(config);
}

void PrintSettings(const fascia::app::Settings& s) {
  // The database URL may embed a password; print only its scheme.
  std::string database = s.database_url.substr(0, s.database_url.find(':'));
  std::cout << "configuration OK\n"
            << "  listen_address: " << s.listen_address << "\n"
            << "  database: " << database << (database == "sqlite" ? " " + s.database_url.substr(7) : "") << "\n"
            << "  data_dir: " << s.data_dir << "\n"
            << "  seed_demo: " << (s.seed_demo ? "true" : "false") << "\n"
            << "  max_receive_message_bytes: " << s.max_receive_message_bytes << "\n"
            << "  max_concurrent_streams: " << s.max_concurrent_streams << "\n"
            << "  max_threads: " << s.max_threads << "\n"
            << "  spare_threads: " << s.spare_threads << "\n"
            << "  database_call_timeout: " << absl::FormatDuration(s.database_call_timeout) << "\n"
            << "  shutdown_grace: " << absl::FormatDuration(s.shutdown_grace) << "\n"
            << "  database_pool_size: " << s.database_pool_size << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  // Debian's Abseil keeps mutex deadlock detection on, which records every
  // lock acquisition in a global graph: a measurable cost on every RPC.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  // glibc's defaults suit short programs: blocks over a dynamic threshold
  // come from mmap (page faults on every use), and the heap is handed back
  // to the kernel whenever its top is free. A server that builds and drops
  // half-megabyte responses (a 14-day availability search) pays for both on
  // every call; keeping up to 128 MiB of freed heap for reuse measurably
  // shortened the search's latency (tests/bench/README.md).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
  absl::SetProgramUsageMessage(
      "fasciad: practice-management server for massage clinic chains\n"
      "  fasciad [flags]            serve\n"
      "  fasciad migrate [flags]    apply database migrations and exit\n"
      "  fasciad healthcheck [--listen=HOST:PORT] [--ca=F [--cert=F --key=F]]\n"
      "                             exit 0 if that server is SERVING (TLS with --ca)\n"
      "  fasciad bootstrap --organization=ID [--display-name=N] [--key-file=F]\n"
      "                             create the organization if missing and an OWNER key\n"
      "  fasciad --check-config FILE\n"
      "  fasciad --version");
  std::vector<std::string> arg_storage;
  std::vector<char*> args = NormalizeFlagNames(argc, argv, arg_storage);
  seed_demo_given = BoolFlagGiven(arg_storage, "seed_demo");
  std::vector<char*> positional = absl::ParseCommandLine(static_cast<int>(args.size()), args.data());
  if (absl::GetFlag(FLAGS_version)) {
    std::cout << "fasciad " << FASCIA_VERSION << "\n";
    return 0;
  }
  const std::string command = positional.size() > 1 ? positional[1] : "";
  const bool migrate_only = command == "migrate";
  if (command == "bootstrap") {
    auto settings = LoadSettings(absl::GetFlag(FLAGS_config));
    if (!settings.ok()) return Fail(settings.status());
    return fascia::app::RunBootstrap(*settings, absl::GetFlag(FLAGS_organization),
                                     absl::GetFlag(FLAGS_display_name), absl::GetFlag(FLAGS_key_file));
  }
  if (command == "healthcheck") {
    auto settings = LoadSettings(absl::GetFlag(FLAGS_config), /*with_database_password=*/false);
    if (!settings.ok()) return Fail(settings.status());
    fascia::app::ProbeTls tls{absl::GetFlag(FLAGS_ca), absl::GetFlag(FLAGS_cert), absl::GetFlag(FLAGS_key)};
    return fascia::app::ProbeHealth(settings->listen_address, tls, absl::Seconds(3));
  }
  if (positional.size() > 2 || (!command.empty() && !migrate_only)) {
    std::cerr << "fasciad: unknown command \"" << positional[1] << "\" (try --help)\n";
    return 2;
  }

  if (!absl::GetFlag(FLAGS_check_config).empty()) {
    auto settings = LoadSettings(absl::GetFlag(FLAGS_check_config));
    if (!settings.ok()) {
      std::cerr << "fasciad: " << settings.status().message() << "\n";
      return 1;
    }
    PrintSettings(*settings);
    return 0;
  }

  // Block the stop signals before any thread starts so that only sigwait
  // below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto settings = LoadSettings(absl::GetFlag(FLAGS_config));
  if (!settings.ok()) return Fail(settings.status());

  if (migrate_only) {
    absl::Status migrated = fascia::app::MigrateOnly(*settings);
    if (!migrated.ok()) return Fail(migrated);
    return 0;
  }

  auto app = fascia::app::App::Start(*settings);
  if (!app.ok()) return Fail(app.status());

  int signal = 0;
  sigwait(&stop_signals, &signal);
  fascia::Log(fascia::LogLevel::kInfo, "signal", {{"name", signal == SIGTERM ? "SIGTERM" : "SIGINT"}});
  (*app)->Shutdown();
  if (fascia::plugins::AnyLoadAbandoned()) {
    // A plugin load given up at start is still running plugin code (or holds
    // the dynamic loader's lock, which exit() takes): leave without exit
    // handlers and static destructors. Shutdown has closed the database.
    fascia::Log(fascia::LogLevel::kWarning, "exit_without_destructors",
                {{"reason", "a plugin load abandoned at start is still running"}});
    std::cout.flush();
    std::cerr.flush();
    _exit(0);
  }
  return 0;
}
