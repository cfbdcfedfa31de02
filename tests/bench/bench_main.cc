// fascia_bench: Fascia's load generator. In one run it measures
//   1. the no-op ceiling: grpc.health.v1.Health/Check calls/s, N in flight;
//   2. BookAppointment calls/s, N in flight, every call a distinct,
//      conflict-free slot (so any error is a bug, and is reported);
//   3. SearchAvailability latency p50/p99, one call at a time, for a location
//      with 20 therapists, 10 rooms and 2,000 appointments over 14 days,
//      next to the no-op Check's p50 latency measured the same way (and the
//      same search once more after phase 2 has grown the table);
//   4. the completed-visit checkout (CompleteAppointment, which creates the
//      invoice, then CreatePayment of it) checkouts/s, N in flight, on
//      appointments booked and checked in beforehand (see checkout_phase.h);
//   5. SubmitIntake calls/s, N in flight, each an intake screened by the
//      reference prenatal plugin, with the plugin IN_PROCESS and then
//      ISOLATED: fasciad is restarted on the same database for each mode
//      (see intake_phase.h), so this phase needs a started fasciad;
// and prints each as a ratio to the no-op, which is what is comparable
// between machines. The chain is built through the public API first
// (untimed; see chain_setup.h), in a new organization whose OWNER key comes
// from `fasciad bootstrap`. The started fasciad logs at warning level:
// per-RPC info lines would be part of what is measured.
//
//   fascia_bench                       # spawns the fasciad built beside it on
//                                      # a fresh SQLite file in a temp dir
//   fascia_bench --database=postgres://user@host:5432/db
//   fascia_bench --target=127.0.0.1:50051 --organization=bench1 --api_key_file=bench1.key
//                                      # an already running server; bootstrap a
//                                      # fresh organization for each run
//   fascia_bench --smoke               # tiny and quick, for CTest
//
// Contract: exits 0 iff every RPC succeeded (setup and measured) and the
// spawned fasciad shut down cleanly. It asserts nothing about speed: the
// targets are printed beside the figures, never enforced. The last line of
// output is one JSON object with every figure.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <google/protobuf/arena.h>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "chain_setup.h"
#include "child_process.h"
#include "fascia/v1/appointment_service.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "checkout_phase.h"
#include "intake_phase.h"
#include "load_loop.h"

#ifndef FASCIA_BENCH_FASCIAD
#define FASCIA_BENCH_FASCIAD "fasciad"
#endif
#ifndef FASCIA_BENCH_PRENATAL_PLUGIN
#define FASCIA_BENCH_PRENATAL_PLUGIN ""
#endif

ABSL_FLAG(std::string, fasciad, FASCIA_BENCH_FASCIAD, "The fasciad binary to start");
ABSL_FLAG(std::string, target, "",
          "host:port of an already running server to benchmark instead of starting fasciad");
ABSL_FLAG(std::string, organization, "",
          "With --target: the existing organization to build the chain in (its id)");
ABSL_FLAG(std::string, api_key_file, "",
          "With --target: a file holding an OWNER API key of --organization");
ABSL_FLAG(std::string, database, "",
          "Database URL for the started fasciad (default: a fresh SQLite file in a temp dir)");
ABSL_FLAG(std::string, fasciad_config, "", "Config file passed to the started fasciad (--config)");
ABSL_FLAG(std::string, prenatal_plugin, FASCIA_BENCH_PRENATAL_PLUGIN,
          "The prenatal plugin (.so) for the SubmitIntake phase, appended to the started fasciad's "
          "config; empty skips the phase");
ABSL_FLAG(double, seconds, 5, "Measured seconds per throughput phase");
ABSL_FLAG(double, warmup, 1, "Unmeasured warm-up seconds before each throughput phase");
ABSL_FLAG(int, in_flight, 64, "Calls kept in flight in the throughput phases");
ABSL_FLAG(int, channels, 8, "Client connections, used round robin");
ABSL_FLAG(int, appointments, 2000, "Existing appointments at the search location (at most 2100)");
ABSL_FLAG(int, search_iterations, 500, "Sequential SearchAvailability calls measured");
ABSL_FLAG(int, search_page_size, 5000, "page_size of the measured SearchAvailability (1..5000)");
ABSL_FLAG(bool, request_ids, false, "Give every measured BookAppointment a request_id (idempotency key)");
ABSL_FLAG(int64_t, checkout_pool, 20000,
          "Appointments booked and checked in before the checkout phase (0 skips it)");
ABSL_FLAG(bool, smoke, false, "Tiny run (0.3 s phases, 50 appointments, 20 searches) to prove it works");
ABSL_FLAG(bool, keep_temp, false, "Keep the temp dir (database and fasciad.log) after a successful run");

namespace fascia::bench {
namespace {

namespace v1 = fascia::v1;
using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

struct Options {
  absl::Duration seconds, warmup;
  int in_flight, channels, appointments, search_iterations, search_page_size, noop_iterations;
  int sequential_warmup;
  int64_t checkout_pool;
  bool request_ids;
  bool smoke;
};

Options ReadOptions() {
  Options o;
  o.seconds = absl::Seconds(absl::GetFlag(FLAGS_seconds));
  o.warmup = absl::Seconds(absl::GetFlag(FLAGS_warmup));
  o.in_flight = absl::GetFlag(FLAGS_in_flight);
  o.channels = absl::GetFlag(FLAGS_channels);
  o.appointments = absl::GetFlag(FLAGS_appointments);
  o.search_iterations = absl::GetFlag(FLAGS_search_iterations);
  o.search_page_size = absl::GetFlag(FLAGS_search_page_size);
  o.request_ids = absl::GetFlag(FLAGS_request_ids);
  o.smoke = absl::GetFlag(FLAGS_smoke);
  o.checkout_pool = absl::GetFlag(FLAGS_checkout_pool);
  if (o.smoke) {
    o.checkout_pool = std::min<int64_t>(o.checkout_pool, 1500);
    o.seconds = absl::Milliseconds(300);
    o.warmup = absl::Milliseconds(100);
    o.appointments = 50;
    o.search_iterations = 20;
  }
  // The no-op is cheap; more samples make its p50 (the ratio's denominator) steady.
  o.noop_iterations = o.smoke ? 50 : std::max(1000, o.search_iterations);
  o.sequential_warmup = o.smoke ? 2 : 20;
  return o;
}

std::chrono::system_clock::time_point Deadline(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

// One measured SearchAvailability. The response (thousands of offers) is
// parsed into an arena, as a C++ client reading large responses should: one
// block freed at once instead of an allocation per message.
grpc::Status TimedSearch(v1::AppointmentService::Stub& appointments,
                         const v1::SearchAvailabilityRequest& request,
                         const std::string& authorization) {
  grpc::ClientContext ctx;
  ctx.set_deadline(Deadline(30));
  ctx.AddMetadata("authorization", authorization);
  google::protobuf::Arena arena;
  auto* resp = google::protobuf::Arena::CreateMessage<v1::SearchAvailabilityResponse>(&arena);
  return appointments.SearchAvailability(&ctx, request, resp);
}

std::string Tail(const std::string& path, int lines) {
  std::ifstream in(path);
  std::vector<std::string> all;
  for (std::string line; std::getline(in, line);) all.push_back(line);
  std::string out;
  for (size_t i = all.size() > static_cast<size_t>(lines) ? all.size() - lines : 0; i < all.size(); ++i) {
    out += "  | " + all[i] + "\n";
  }
  return out;
}

// The server behind `channel` answers health SERVING, or the child died, or
// `timeout` passed.
absl::Status WaitServing(const std::shared_ptr<grpc::Channel>& channel, ChildProcess* child,
                         absl::Duration timeout) {
  auto stub = Health::NewStub(channel);
  const absl::Time give_up = absl::Now() + timeout;
  std::string last = "no answer";
  while (absl::Now() < give_up) {
    if (child && !child->Running()) return absl::UnavailableError("fasciad exited during start-up");
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(1));
    HealthCheckRequest req;
    HealthCheckResponse resp;
    grpc::Status status = stub->Check(&ctx, req, &resp);
    if (status.ok() && resp.status() == HealthCheckResponse::SERVING) return absl::OkStatus();
    last = status.ok() ? HealthCheckResponse::ServingStatus_Name(resp.status()) : StatusText(status);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return absl::DeadlineExceededError(absl::StrCat("server not SERVING: ", last));
}

absl::StatusOr<std::string> ReadKey(const std::string& path) {
  std::ifstream in(path);
  std::string key;
  if (!in || !std::getline(in, key) || key.empty()) {
    return absl::NotFoundError(absl::StrCat("cannot read an API key from ", path));
  }
  return key;
}

// The server under test: a started fasciad, or --target.
struct Server {
  std::string target;
  std::string description;
  std::string engine;  // sqlite, postgresql or unknown
  std::string organization_id;
  std::string api_key;
  std::string id_prefix;  // for ids in an organization earlier runs may have used
  std::string temp_dir;
  std::string log_path;
  std::string database;
  std::vector<std::string> common_args;  // every fasciad invocation's, without --config
  std::unique_ptr<ChildProcess> child;
};

// Starts `fasciad` serving on a fresh port with `config` (a file, or "" for
// none) and waits until it answers health SERVING.
absl::Status LaunchServe(Server& server, const std::string& config) {
  std::vector<std::string> common_args = server.common_args;
  if (!config.empty()) common_args.push_back("--config=" + config);
  // A port picked here can be taken before fasciad binds it; retry then.
  absl::Status last;
  for (int attempt = 0; attempt < 3; ++attempt) {
    absl::StatusOr<int> port = PickFreePort();
    if (!port.ok()) return port.status();
    server.target = absl::StrCat("127.0.0.1:", *port);
    std::vector<std::string> args = {"--listen=" + server.target};
    args.insert(args.end(), common_args.begin(), common_args.end());
    auto child = ChildProcess::Start(absl::GetFlag(FLAGS_fasciad), args, server.log_path);
    if (!child.ok()) return child.status();
    server.child = std::move(*child);
    const absl::Time give_up = absl::Now() + absl::Seconds(60);
    while (server.child->Running() && !PortAccepts(*port) && absl::Now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    last = WaitServing(MakeChannels(server.target, 1)[0], server.child.get(), absl::Seconds(60));
    if (last.ok()) {
      server.description = absl::StrCat("fasciad ", absl::GetFlag(FLAGS_fasciad), " (pid ",
                                        server.child->pid(), ") on ", server.target, ", database ",
                                        server.database);
      return absl::OkStatus();
    }
    server.child->Stop(absl::Seconds(5));
    server.child.reset();
  }
  return absl::UnavailableError(absl::StrCat(last.message(), "; fasciad log ", server.log_path,
                                             ":\n", Tail(server.log_path, 20)));
}

// Stops the started fasciad (it must exit 0, as at the end of a run) and
// starts it again on the same database with `config`.
absl::Status RestartServer(Server& server, const std::string& config) {
  if (int code = server.child->Stop(absl::Seconds(30)); code != 0) {
    return absl::InternalError(absl::StrCat("fasciad exited with code ", code,
                                            " after SIGTERM (before a restart)"));
  }
  server.child.reset();
  return LaunchServe(server, config);
}

absl::StatusOr<Server> StartServer() {
  Server server;
  if (!absl::GetFlag(FLAGS_target).empty()) {
    server.target = absl::GetFlag(FLAGS_target);
    server.description = absl::StrCat("already running server at ", server.target);
    server.engine = "unknown";
    server.organization_id = absl::GetFlag(FLAGS_organization);
    if (server.organization_id.empty() || absl::GetFlag(FLAGS_api_key_file).empty()) {
      return absl::InvalidArgumentError("--target needs --organization and --api_key_file");
    }
    absl::StatusOr<std::string> key = ReadKey(absl::GetFlag(FLAGS_api_key_file));
    if (!key.ok()) return key.status();
    server.api_key = *key;
    server.id_prefix = absl::StrFormat("r%x-", absl::ToUnixSeconds(absl::Now()));
    return server;
  }
  char dir_template[] = "/tmp/fascia-bench-XXXXXX";
  if (::mkdtemp(dir_template) == nullptr) return absl::InternalError("mkdtemp failed");
  server.temp_dir = dir_template;
  server.log_path = server.temp_dir + "/fasciad.log";
  std::string database = absl::GetFlag(FLAGS_database);
  if (database.empty()) database = absl::StrCat("sqlite:", server.temp_dir, "/fascia.db");
  server.database = database;
  server.engine = absl::StartsWith(database, "sqlite:") ? "sqlite" : "postgresql";
  server.common_args = {"--database=" + database, "--data_dir=" + server.temp_dir,
                        "--log_level=warning"};
  std::vector<std::string> common_args = server.common_args;
  if (!absl::GetFlag(FLAGS_fasciad_config).empty()) {
    common_args.push_back("--config=" + absl::GetFlag(FLAGS_fasciad_config));
  }

  // Every RPC but health needs an API key, and the first one can only come
  // from `fasciad bootstrap`. A unique organization lets runs share a
  // PostgreSQL database.
  server.organization_id =
      absl::StrFormat("bench-%x-%d", absl::ToUnixSeconds(absl::Now()), ::getpid());
  const std::string key_file = server.temp_dir + "/owner.key";
  std::vector<std::string> bootstrap_args = {"bootstrap", "--organization=" + server.organization_id,
                                             "--key_file=" + key_file};
  bootstrap_args.insert(bootstrap_args.end(), common_args.begin(), common_args.end());
  auto bootstrap = ChildProcess::Start(absl::GetFlag(FLAGS_fasciad), bootstrap_args, server.log_path);
  if (!bootstrap.ok()) return bootstrap.status();
  if (int code = (*bootstrap)->Wait(absl::Seconds(60)); code != 0) {
    return absl::UnavailableError(absl::StrCat("fasciad bootstrap exited with code ", code, "; log ",
                                               server.log_path, ":\n", Tail(server.log_path, 20)));
  }
  absl::StatusOr<std::string> key = ReadKey(key_file);
  if (!key.ok()) return key.status();
  server.api_key = *key;
  if (absl::Status s = LaunchServe(server, absl::GetFlag(FLAGS_fasciad_config)); !s.ok()) return s;
  return server;
}

template <typename Req, typename Resp>
struct Call {
  grpc::ClientContext ctx;
  Req req;
  Resp resp;
};

double Ms(absl::Duration d) { return absl::ToDoubleMilliseconds(d); }

// Median time of appending 16 KiB to a file in `dir` and fdatasync'ing it:
// SQLite with synchronous=FULL pays about this once per commit, and on a
// shared machine it swings by orders of magnitude, so it is printed beside
// the BookAppointment figure.
absl::Duration FdatasyncLatency(const std::string& dir, int iterations) {
  const std::string path = dir + "/fdatasync-probe";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return absl::ZeroDuration();
  const std::string block(16 << 10, 'x');
  std::vector<absl::Duration> times;
  for (int i = 0; i < iterations; ++i) {
    const absl::Time before = absl::Now();
    if (::write(fd, block.data(), block.size()) != static_cast<ssize_t>(block.size()) ||
        ::fdatasync(fd) != 0) {
      break;
    }
    times.push_back(absl::Now() - before);
  }
  ::close(fd);
  ::unlink(path.c_str());
  if (times.empty()) return absl::ZeroDuration();
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// Phase starts go to stderr with a timestamp, so a profiler can be pointed at
// one phase and stdout stays just the results.
void Progress(const std::string& phase) {
  std::cerr << absl::FormatTime("%H:%M:%E3S", absl::Now(), absl::LocalTimeZone()) << " fascia_bench: "
            << phase << "\n";
}

int Run() {
  const Options o = ReadOptions();
  absl::StatusOr<Server> started = StartServer();
  if (!started.ok()) {
    std::cerr << "fascia_bench: cannot start the server: " << started.status() << "\n";
    return 1;
  }
  Server& server = *started;
  std::cout << "server: " << server.description << "\n";
  if (server.child) {
    std::cout << "        started with --log_level=warning: per-RPC info log lines would be part "
                 "of what is measured\n";
  }
  std::cout.flush();
  bool all_ok = true;
  auto fail_with_log = [&](const std::string& what) {
    std::cerr << "fascia_bench: " << what << "\n";
    if (!server.log_path.empty()) std::cerr << "fasciad log " << server.log_path << " (tail):\n" << Tail(server.log_path, 20);
  };

  const auto channels = MakeChannels(server.target, o.channels);
  if (auto s = WaitServing(channels[0], server.child.get(), absl::Seconds(60)); !s.ok()) {
    fail_with_log(std::string(s.message()));
    return 1;
  }

  // --- Setup (untimed) ---
  ChainOptions chain_options;
  chain_options.org_id = server.organization_id;
  chain_options.api_key = server.api_key;
  chain_options.id_prefix = server.id_prefix;
  chain_options.existing_appointments = o.appointments;
  chain_options.now = absl::Now();
  const absl::Time setup_start = absl::Now();
  Progress("setup");
  absl::StatusOr<Chain> built = BuildChain(channels, chain_options);
  if (!built.ok()) {
    fail_with_log(absl::StrCat("setup failed: ", built.status().ToString()));
    return 1;
  }
  const Chain& chain = *built;
  std::cout << absl::StrFormat(
      "setup: %s: %d therapists, %d rooms, %d appointments over 14 days (%d candidates refused); "
      "booking location with 100 staff/rooms/clients; %.1f s\n",
      chain.org, chain.search_staff, chain.search_rooms, chain.existing_appointments,
      chain.existing_skipped, absl::ToDoubleSeconds(absl::Now() - setup_start));
  if (chain.existing_skipped > 0) {
    std::cout << "WARNING: the server refused existing-appointment candidates that the pattern "
                 "makes conflict-free\n";
  }

  // Health needs no key; every fascia call carries the owner key.
  const std::string authorization = absl::StrCat("Bearer ", server.api_key);
  auto health = Health::NewStub(channels[0]);
  auto appointments = v1::AppointmentService::NewStub(channels[0]);
  std::vector<std::unique_ptr<Health::Stub>> health_stubs;
  std::vector<std::unique_ptr<v1::AppointmentService::Stub>> appointment_stubs;
  for (const auto& ch : channels) {
    health_stubs.push_back(Health::NewStub(ch));
    appointment_stubs.push_back(v1::AppointmentService::NewStub(ch));
  }

  // One search outside the measurement, to report what it returns.
  const v1::SearchAvailabilityRequest search_request = chain.SearchRequest(o.search_page_size);
  int offers = 0;  // (start, staff member) pairs, what earlier versions called slots
  int starts = 0;  // AvailableSlot messages: distinct start times
  size_t response_bytes = 0;
  bool more_pages = false;
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(60));
    ctx.AddMetadata("authorization", authorization);
    v1::SearchAvailabilityResponse resp;
    grpc::Status status = appointments->SearchAvailability(&ctx, search_request, &resp);
    if (!status.ok()) {
      fail_with_log(absl::StrCat("SearchAvailability failed: ", StatusText(status)));
      return 1;
    }
    starts = resp.slots_size();
    for (const auto& slot : resp.slots()) offers += slot.offers_size();
    response_bytes = resp.ByteSizeLong();
    more_pages = !resp.next_page_token().empty();
  }

  // --- Latency, one call at a time (3), first: the table holds just the setup's rows ---
  Progress("sequential latency: health Check, then SearchAvailability");
  LatencyResult noop_latency = RunSequential(o.sequential_warmup, o.noop_iterations, [&] {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(30));
    HealthCheckRequest req;
    HealthCheckResponse resp;
    return health->Check(&ctx, req, &resp);
  });
  LatencyResult search_latency = RunSequential(o.sequential_warmup, o.search_iterations, [&] {
    return TimedSearch(*appointments, search_request, authorization);
  });

  // --- The ceiling (1): the no-op at N in flight ---
  Progress("ceiling: health Check");
  LoopResult ceiling = RunClosedLoop(o.in_flight, o.warmup, o.seconds, [&](int64_t k, DoneFn done) {
    auto* call = new Call<HealthCheckRequest, HealthCheckResponse>;
    call->ctx.set_deadline(Deadline(30));
    health_stubs[k % health_stubs.size()]->async()->Check(
        &call->ctx, &call->req, &call->resp, [call, done = std::move(done)](grpc::Status status) {
          if (status.ok() && call->resp.status() != HealthCheckResponse::SERVING) {
            status = grpc::Status(grpc::StatusCode::UNAVAILABLE, "health is not SERVING");
          }
          delete call;
          done(status);
        });
  });

  absl::Duration fdatasync_p50 = absl::ZeroDuration();
  if (server.engine == "sqlite") fdatasync_p50 = FdatasyncLatency(server.temp_dir, o.smoke ? 5 : 100);

  // --- BookAppointment (2) at N in flight, each a distinct slot ---
  Progress("BookAppointment");
  LoopResult book = RunClosedLoop(o.in_flight, o.warmup, o.seconds, [&](int64_t k, DoneFn done) {
    auto* call = new Call<v1::BookAppointmentRequest, v1::Appointment>;
    call->ctx.set_deadline(Deadline(30));
    call->ctx.AddMetadata("authorization", authorization);
    call->req = chain.BookingRequest(k);
    if (o.request_ids) call->req.set_request_id(absl::StrCat("bench-", k));
    appointment_stubs[k % appointment_stubs.size()]->async()->BookAppointment(
        &call->ctx, &call->req, &call->resp, [call, done = std::move(done)](grpc::Status status) {
          delete call;
          done(status);
        });
  });

  // The same search again with the booking phase's rows in the table: the
  // figure above is the one the target is about; this one shows whether
  // search cost grows with other locations' appointments (it should not).
  Progress("SearchAvailability again");
  LatencyResult search_after = RunSequential(o.sequential_warmup, o.search_iterations, [&] {
    return TimedSearch(*appointments, search_request, authorization);
  });

  // --- The completed-visit checkout (4) at N in flight ---
  LoopResult checkout;
  std::string checkout_error;
  if (o.checkout_pool > 0) {
    CheckoutOptions co;
    co.authorization = authorization;
    co.in_flight = o.in_flight;
    co.warmup = o.warmup;
    co.window = o.seconds;
    co.first_k = book.started;
    co.pool = o.checkout_pool;
    co.progress = Progress;
    absl::StatusOr<LoopResult> ran = RunCheckoutPhase(chain, channels, co);
    if (ran.ok()) {
      checkout = *std::move(ran);
    } else {
      checkout_error = std::string(ran.status().message());
      all_ok = false;
      std::cout << "ERROR: checkout phase: " << checkout_error << "\n";
    }
  }

  // --- SubmitIntake (5), the prenatal plugin in-process, then isolated ---
  // Last, because it restarts fasciad: the phases above ran against the
  // server as started, with no plugin loaded.
  IntakeResult intake;
  std::string intake_skipped;  // why the phase did not run, or ""
  const std::string plugin = absl::GetFlag(FLAGS_prenatal_plugin);
  if (!server.child) {
    intake_skipped = "needs a fasciad the bench starts (it restarts it per plugin mode)";
  } else if (plugin.empty()) {
    intake_skipped = "--prenatal_plugin is empty";
  } else {
    IntakeOptions io;
    io.plugin_path = std::filesystem::absolute(plugin).string();
    io.base_config = absl::GetFlag(FLAGS_fasciad_config);
    io.config_dir = server.temp_dir;
    io.authorization = authorization;
    io.in_flight = o.in_flight;
    io.channels = o.channels;
    io.warmup = o.warmup;
    io.window = o.seconds;
    io.progress = Progress;
    absl::StatusOr<IntakeResult> ran =
        RunIntakePhases(chain, io, [&](const std::string& config) -> absl::StatusOr<std::string> {
          if (absl::Status s = RestartServer(server, config); !s.ok()) return s;
          return server.target;
        });
    if (ran.ok()) {
      intake = *std::move(ran);
    } else {
      all_ok = false;
      intake_skipped = "failed (see the error above)";
      fail_with_log(absl::StrCat("SubmitIntake phase: ", ran.status().ToString()));
    }
  }

  // --- Report ---
  const double book_ratio = ceiling.rate() > 0 ? book.rate() / ceiling.rate() : 0;
  const absl::Duration noop_p50 = noop_latency.Percentile(0.50);
  const absl::Duration search_p50 = search_latency.Percentile(0.50);
  const absl::Duration search_p99 = search_latency.Percentile(0.99);
  const double search_ratio =
      noop_p50 > absl::ZeroDuration() ? absl::FDivDuration(search_p50, noop_p50) : 0;
  const double seconds = absl::ToDoubleSeconds(o.seconds);
  std::cout << absl::StrFormat(
      "\nmeasured %.1f s per throughput phase after %.1f s warm-up, %d in flight over %d "
      "connections; %d sequential searches\n",
      seconds, absl::ToDoubleSeconds(o.warmup), o.in_flight, o.channels, o.search_iterations);
  std::cout << absl::StrFormat("ceiling (health Check, %d in flight):              %8.0f calls/s\n",
                               o.in_flight, ceiling.rate());
  std::cout << absl::StrFormat(
      "BookAppointment (%d in flight, distinct slots):    %8.0f calls/s  ratio %.3f (target >= 0.25)  "
      "%s\n",
      o.in_flight, book.rate(), book_ratio, book_ratio >= 0.25 ? "met" : "MISSED");
  if (fdatasync_p50 > absl::ZeroDuration()) {
    std::cout << absl::StrFormat(
        "  fdatasync of 16 KiB on the database's file system just before: p50 %.3f ms (SQLite FULL "
        "pays one per commit)\n",
        Ms(fdatasync_p50));
  }
  std::cout << absl::StrFormat(
      "no-op latency (health Check, 1 in flight):         p50 %.3f ms  p99 %.3f ms\n", Ms(noop_p50),
      Ms(noop_latency.Percentile(0.99)));
  std::cout << absl::StrFormat(
      "SearchAvailability (1 in flight, %d staff, %d rooms, %d appts, 14 days): p50 %.2f ms  "
      "p99 %.2f ms; p50 ratio to no-op latency %.1f (target p99 < 5 ms) %s; %d offers at %d start "
      "times in %d KiB%s\n",
      chain.search_staff, chain.search_rooms, chain.existing_appointments, Ms(search_p50),
      Ms(search_p99), search_ratio, search_p99 < absl::Milliseconds(5) ? "met" : "MISSED", offers,
      starts, response_bytes / 1024, more_pages ? absl::StrCat(" (page_size ", o.search_page_size, "; more pages exist)") : "");

  std::cout << absl::StrFormat(
      "  same search after the booking phase (+%d appointments elsewhere in the table): p50 %.2f ms  "
      "p99 %.2f ms\n",
      book.started - book.errors, Ms(search_after.Percentile(0.50)), Ms(search_after.Percentile(0.99)));
  const double checkout_ratio = ceiling.rate() > 0 ? checkout.rate() / ceiling.rate() : 0;
  if (o.checkout_pool > 0 && checkout_error.empty()) {
    std::cout << absl::StrFormat(
        "%-51s%8.0f checkouts/s  ratio %.3f (each CompleteAppointment + CreatePayment)\n",
        absl::StrFormat("Checkout (%d in flight):", o.in_flight), checkout.rate(), checkout_ratio);
  }
  const double intake_in_process_ratio =
      ceiling.rate() > 0 ? intake.in_process.loop.rate() / ceiling.rate() : 0;
  const double intake_isolated_ratio =
      ceiling.rate() > 0 ? intake.isolated.loop.rate() / ceiling.rate() : 0;
  const double isolated_over_in_process =
      intake.in_process.loop.rate() > 0 ? intake.isolated.loop.rate() / intake.in_process.loop.rate() : 0;
  if (intake_skipped.empty()) {
    std::cout << absl::StrFormat(
        "%-51s%8.0f calls/s  ratio %.3f (target >= 0.3)  %s\n",
        absl::StrFormat("SubmitIntake, prenatal IN_PROCESS (%d in flight):", o.in_flight),
        intake.in_process.loop.rate(), intake_in_process_ratio,
        intake_in_process_ratio >= 0.3 ? "met" : "MISSED");
    std::cout << absl::StrFormat(
        "%-51s%8.0f calls/s  ratio %.3f; %.2f of in-process (target >= 0.5)  %s\n",
        absl::StrFormat("SubmitIntake, prenatal ISOLATED (%d in flight):", o.in_flight),
        intake.isolated.loop.rate(), intake_isolated_ratio, isolated_over_in_process,
        isolated_over_in_process >= 0.5 ? "met" : "MISSED");
    std::cout << absl::StrFormat(
        "  each call screens one of %d clients (outcome %s, %d findings, %d-byte screening) and "
        "stores it; fasciad restarted per mode on the same database\n",
        chain.booking_clients.size(), intake.in_process.outcome, intake.in_process.findings,
        intake.in_process.response_bytes);
  } else {
    std::cout << "SubmitIntake: not measured: " << intake_skipped << "\n";
  }

  struct Phase {
    const char* name;
    int64_t errors;
    const std::string& first;
  };
  for (const Phase& p : {Phase{"health Check (load)", ceiling.errors, ceiling.first_error},
                         Phase{"BookAppointment", book.errors, book.first_error},
                         Phase{"health Check (latency)", noop_latency.errors, noop_latency.first_error},
                         Phase{"SearchAvailability", search_latency.errors, search_latency.first_error},
                         Phase{"SearchAvailability (after booking)", search_after.errors,
                               search_after.first_error},
                         Phase{"Checkout", checkout.errors, checkout.first_error},
                         Phase{"SubmitIntake (IN_PROCESS)", intake.in_process.loop.errors,
                               intake.in_process.loop.first_error},
                         Phase{"SubmitIntake (ISOLATED)", intake.isolated.loop.errors,
                               intake.isolated.loop.first_error}}) {
    if (p.errors == 0) continue;
    all_ok = false;
    std::cout << absl::StrFormat("ERROR: %s: %d failed calls; first: %s\n", p.name, p.errors, p.first);
  }
  if (offers == 0) std::cout << "WARNING: the search found no slots; its latency is not representative\n";

  int fasciad_exit = 0;
  if (server.child) {
    fasciad_exit = server.child->Stop(absl::Seconds(30));
    if (fasciad_exit != 0) {
      all_ok = false;
      fail_with_log(absl::StrCat("fasciad exited with code ", fasciad_exit, " after SIGTERM"));
    }
  }
  if (!all_ok && !server.temp_dir.empty()) {
    fail_with_log(absl::StrCat("errors occurred; temp dir kept: ", server.temp_dir));
  } else if (!server.temp_dir.empty() && !absl::GetFlag(FLAGS_keep_temp)) {
    std::error_code ignored;
    std::filesystem::remove_all(server.temp_dir, ignored);
  }

  std::cout << absl::StrFormat(
      "{\"engine\":\"%s\",\"seconds\":%.2f,\"in_flight\":%d,\"channels\":%d,"
      "\"ceiling_calls_per_s\":%.1f,\"book_calls_per_s\":%.1f,\"book_ratio\":%.4f,"
      "\"book_errors\":%d,\"book_started\":%d,\"noop_p50_ms\":%.4f,\"search_p50_ms\":%.3f,"
      "\"search_p99_ms\":%.3f,\"search_p50_ratio\":%.2f,\"search_offers\":%d,\"search_starts\":%d,\"search_response_bytes\":%d,"
      "\"search_after_booking_p50_ms\":%.3f,\"search_after_booking_p99_ms\":%.3f,"
      "\"fdatasync_p50_ms\":%.3f,\"search_iterations\":%d,\"search_page_size\":%d,\"existing_appointments\":%d,"
      "\"intake_measured\":%s,\"intake_in_process_calls_per_s\":%.1f,\"intake_in_process_ratio\":%.4f,"
      "\"intake_isolated_calls_per_s\":%.1f,\"intake_isolated_ratio\":%.4f,"
      "\"intake_isolated_over_in_process\":%.4f,\"intake_errors\":%d,"
      "\"checkout_per_s\":%.1f,\"checkout_ratio\":%.4f,\"checkout_errors\":%d,\"errors\":%d,\"ok\":%s}\n",
      server.engine, seconds, o.in_flight, o.channels, ceiling.rate(), book.rate(), book_ratio,
      book.errors, book.started, Ms(noop_p50), Ms(search_p50), Ms(search_p99), search_ratio, offers, starts, response_bytes,
      Ms(search_after.Percentile(0.50)), Ms(search_after.Percentile(0.99)), Ms(fdatasync_p50),
      o.search_iterations, o.search_page_size, chain.existing_appointments,
      intake_skipped.empty() ? "true" : "false", intake.in_process.loop.rate(), intake_in_process_ratio,
      intake.isolated.loop.rate(), intake_isolated_ratio, isolated_over_in_process,
      intake.in_process.loop.errors + intake.isolated.loop.errors, checkout.rate(), checkout_ratio,
      checkout.errors,
      ceiling.errors + book.errors + noop_latency.errors + search_latency.errors +
          search_after.errors + checkout.errors + intake.in_process.loop.errors +
          intake.isolated.loop.errors,
      all_ok ? "true" : "false");
  return all_ok ? 0 : 1;
}

}  // namespace
}  // namespace fascia::bench

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "fascia_bench: measures Fascia RPCs as ratios to a no-op RPC in the same run");
  absl::ParseCommandLine(argc, argv);
  return fascia::bench::Run();
}
