// Graceful shutdown of the real fasciad on SIGTERM (SQLite): health turns
// NOT_SERVING, RPCs the server had already accepted run to completion and are
// durable, new RPCs fail cleanly only after shutdown began, the process exits
// 0 within the grace period, and the database is intact.
//
// How "in flight" is made deterministic: the test itself holds SQLite's write
// lock (BEGIN IMMEDIATE on the same file), so bookings sent before SIGTERM are
// parked inside fasciad, waiting for the lock, for as long as the test wants.
// SIGTERM is sent only once fasciad has logged each of them as started (its
// debug-level "rpc.started" line), not after a guessed pause: a booking still
// on its way when shutdown begins is refused, rightly, and on a loaded
// machine the way can be long.
// While they are parked the server cannot finish shutting down, which also
// keeps the NOT_SERVING window open long enough to observe it on a health
// Watch stream opened beforehand. (A Check racing the shutdown is not used:
// new calls are refused once the gRPC server shuts down, so whether a Check
// sees NOT_SERVING or an error depends on timing.)
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <fstream>
#include <mutex>
#include <thread>

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "e2e_chain.h"
#include "fasciad_process.h"
#include "health_watch.h"
#include "json_log.h"
#include "rpc_util.h"
#include "support/poll.h"

namespace fascia::e2e {
namespace {

using grpc::health::v1::HealthCheckResponse;
using google::protobuf::util::MessageDifferencer;
using fascia::testing::PollFor;

// A second SQLite connection to fasciad's database, from the test process.
class SqliteSideConnection {
 public:
  explicit SqliteSideConnection(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errmsg(db_);
    }
    sqlite3_busy_timeout(db_, 10000);
  }
  ~SqliteSideConnection() { sqlite3_close(db_); }

  // Runs `sql`; returns the first column of every row, or "ERROR: ...".
  std::vector<std::string> Run(const std::string& sql) {
    std::vector<std::string> rows;
    char* error = nullptr;
    auto collect = [](void* out, int columns, char** values, char**) {
      if (columns > 0) {
        static_cast<std::vector<std::string>*>(out)->push_back(values[0] ? values[0] : "NULL");
      }
      return 0;
    };
    if (sqlite3_exec(db_, sql.c_str(), collect, &rows, &error) != SQLITE_OK) {
      rows = {std::string("ERROR: ") + (error ? error : "?")};
      sqlite3_free(error);
    }
    return rows;
  }

 private:
  sqlite3* db_ = nullptr;
};

// Runs `stop` and joins every thread when it goes out of scope, so a failed
// ASSERT can neither destroy a joinable std::thread (std::terminate) nor
// leave a reader looping. Declare it before the objects whose destruction
// unblocks its threads (e.g. the SQLite lock), so those go first.
class ThreadGroup {
 public:
  explicit ThreadGroup(std::function<void()> stop = nullptr) : stop_(std::move(stop)) {}
  ~ThreadGroup() { JoinAll(); }
  template <typename F>
  void Spawn(F f) {
    threads_.emplace_back(std::move(f));
  }
  void JoinAll() {
    if (stop_) stop_();
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

 private:
  std::function<void()> stop_;
  std::vector<std::thread> threads_;
};

struct CallRecord {
  absl::Time start, end;
  grpc::Status status;
};

std::string WriteConfig(const std::string& dir, const std::string& text) {
  const std::string path = dir + "/fasciad.textproto";
  std::ofstream(path) << text;
  return path;
}

constexpr char kBookMethod[] = "/fascia.v1.AppointmentService/BookAppointment";

// The BookAppointment calls `server` (at log level debug) has accepted.
int StartedBookings(const Fasciad& server) {
  return CountRpcEvents(ParseJsonLog(server.Stderr()), "rpc.started", kBookMethod);
}

// Waits until `server` has accepted `count` BookAppointment calls in all:
// they are then in flight, and a shutdown must let them finish.
::testing::AssertionResult WaitForStartedBookings(const Fasciad& server, int count) {
  if (PollFor([&] { return StartedBookings(server) >= count; })) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "fasciad accepted " << StartedBookings(server) << " of "
                                       << count << " bookings within 30s; stderr:\n"
                                       << server.Stderr();
}

TEST(ShutdownTest, SigtermDrainsInFlightCallsAndExitsCleanly) {
  constexpr int kParked = 8;
  constexpr int kReaders = 4;
  const absl::Duration grace = absl::Seconds(8);

  TempDir dir;
  const std::string db_path = dir.path() + "/fascia.db";
  FasciadOptions options;
  options.work_dir = dir.path();
  options.log_level = "debug";  // for the "rpc.started" lines
  // The database timeout outlasts the time the test holds the lock, so parked
  // calls wait instead of failing with DEADLINE_EXCEEDED.
  options.args = {"--config=" + WriteConfig(dir.path(),
                                            "limits { shutdown_grace { seconds: 8 } "
                                            "database_call_timeout { seconds: 20 } }"),
                  "--database=sqlite:" + db_path};
  Fasciad server(options);
  ASSERT_TRUE(server.Bootstrap("acme"));
  ASSERT_TRUE(server.StartServing());

  HealthCheckResponse::ServingStatus health{};
  grpc::Status s = CheckHealth(*server.NewChannel(), absl::Seconds(5), &health);
  ASSERT_TRUE(s.ok()) << Describe(s);
  ASSERT_EQ(health, HealthCheckResponse::SERVING);

  ChainApi api(server.NewChannel());
  BuildChain(api);
  if (HasFatalFailure()) return;
  v1::Appointment existing;
  s = Book(api, kClient2, kBen, kRoom2, NextWeekInNewYork(14), &existing);
  ASSERT_TRUE(s.ok()) << Describe(s);

  HealthWatch watch(server.NewChannel());
  ASSERT_TRUE(watch.WaitFor(HealthCheckResponse::SERVING, absl::Seconds(10))) << watch.Summary();

  // Parked bookings: Ann, room 1, client 1, on eight different days, so each
  // would succeed on its own.
  ChainApi parked_api(server.NewChannel());
  std::vector<grpc::Status> parked_status(kParked);
  std::vector<v1::Appointment> parked(kParked);
  std::atomic<int> parked_done{0};
  ThreadGroup parked_threads;

  // A steady stream of reads on their own connections, through SIGTERM and
  // until the process is gone. They read a location: appointment and client
  // reads append an audit event (a write), which the lock below would park.
  std::atomic<bool> stop_readers{false};
  std::mutex records_mu;
  std::vector<CallRecord> records;
  ThreadGroup readers([&] { stop_readers = true; });

  SqliteSideConnection side(db_path);
  ASSERT_EQ(side.Run("BEGIN IMMEDIATE"), std::vector<std::string>{});

  const int booked_before = StartedBookings(server);
  for (int i = 0; i < kParked; ++i) {
    parked_threads.Spawn([&, i] {
      parked_status[i] =
          Book(parked_api, kClient1, kAnn, kRoom1, NextWeekInNewYork(10, 8 + i), &parked[i]);
      ++parked_done;
    });
  }
  for (int r = 0; r < kReaders; ++r) {
    readers.Spawn([&] {
      ChainApi reader_api(server.NewChannel());
      while (!stop_readers.load()) {
        CallRecord rec;
        rec.start = absl::Now();
        rec.status = GetLocation(reader_api, kNy);
        rec.end = absl::Now();
        {
          std::lock_guard<std::mutex> lock(records_mu);
          records.push_back(rec);
        }
        absl::SleepFor(absl::Milliseconds(10));
      }
    });
  }

  // Wait for fasciad to accept every parked call, then prove the connection
  // they share is live: a read on it completes while they wait.
  ASSERT_TRUE(WaitForStartedBookings(server, booked_before + kParked));
  // And for a successful read from each reader, so that reads before SIGTERM
  // are there to check.
  auto reads_done = [&] {
    std::lock_guard<std::mutex> lock(records_mu);
    return std::count_if(records.begin(), records.end(),
                         [](const CallRecord& r) { return r.status.ok(); });
  };
  ASSERT_TRUE(PollFor([&] { return reads_done() >= kReaders; }))
      << "reads fail while the write lock is held";
  s = GetLocation(parked_api, kNy);
  ASSERT_TRUE(s.ok()) << Describe(s);
  ASSERT_EQ(parked_done.load(), 0)
      << "bookings finished while the test held the SQLite write lock; the test's premise "
         "(writes wait for the lock) does not hold";

  const absl::Time sigterm_at = absl::Now();
  server.process().Terminate();

  EXPECT_TRUE(watch.WaitFor(HealthCheckResponse::NOT_SERVING, absl::Seconds(5)))
      << "health did not go NOT_SERVING after SIGTERM; " << watch.Summary();
  // An open Watch is itself an in-flight call; end it so it cannot hold the
  // shutdown up.
  watch.Cancel();
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_TRUE(server.process().Running())
      << "fasciad exited while accepted calls were still waiting; "
      << server.process().exit_status()->ToString() << "\n" << server.Stderr();
  EXPECT_EQ(parked_done.load(), 0);

  side.Run("ROLLBACK");
  parked_threads.JoinAll();
  for (int i = 0; i < kParked; ++i) {
    EXPECT_TRUE(parked_status[i].ok())
        << "booking " << i << " accepted before SIGTERM: " << Describe(parked_status[i]);
  }

  std::optional<ExitStatus> exit = server.process().WaitFor(grace + absl::Seconds(5));
  const absl::Duration exited_after = absl::Now() - sigterm_at;
  readers.JoinAll();
  ASSERT_TRUE(exit.has_value()) << "fasciad still running " << exited_after << " after SIGTERM";
  EXPECT_TRUE(exit->Success()) << exit->ToString() << "\n" << server.Stderr();
  // Everything in flight finished soon after the lock was released, so the
  // server has no reason to use up the whole grace period.
  EXPECT_LT(exited_after, grace) << "exit took the whole grace period";

  // Reads that ended before SIGTERM all succeeded; failures came only after
  // it. Besides UNAVAILABLE, a read that reaches the server just after
  // shutdown began may get CANCELLED: gRPC 1.51's core drops streams that
  // arrive once Server::Shutdown has been called (Server::CallData::
  // KillZombie, src/core/lib/surface/server.cc), which the client sees as
  // RST_STREAM(CANCEL). fasciad cannot answer those calls itself; see the
  // e2e report. Here about one run in five shows one such read, always one
  // that started after SIGTERM.
  int ok_before = 0, refused = 0;
  for (const CallRecord& rec : records) {
    if (rec.status.ok()) {
      if (rec.end < sigterm_at) ++ok_before;
      continue;
    }
    ++refused;
    const std::string timing = absl::StrCat("; read started ", absl::FormatDuration(rec.start - sigterm_at),
                                            " and ended ", absl::FormatDuration(rec.end - sigterm_at),
                                            " after SIGTERM");
    EXPECT_TRUE(rec.status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                rec.status.error_code() == grpc::StatusCode::CANCELLED)
        << Describe(rec.status) << timing;
    EXPECT_GE(rec.end, sigterm_at) << "a read failed before shutdown began: "
                                   << Describe(rec.status) << timing;
  }
  EXPECT_GT(ok_before, 0);
  EXPECT_GT(refused, 0) << "readers never saw the server go away";

  // The database is intact and holds exactly what was acknowledged.
  EXPECT_EQ(side.Run("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  ASSERT_TRUE(server.StartServing());
  ChainApi after(server.NewChannel());
  for (int i = 0; i < kParked; ++i) {
    if (!parked_status[i].ok()) continue;
    v1::Appointment got;
    s = GetAppointment(after, parked[i].name(), &got);
    ASSERT_TRUE(s.ok()) << Describe(s);
    EXPECT_TRUE(MessageDifferencer::Equals(got, parked[i]))
        << got.DebugString() << " vs " << parked[i].DebugString();
  }
  EXPECT_EQ(ListAllAppointments(after).size(), static_cast<size_t>(kParked + 1));
}

TEST(ShutdownTest, IdleServerExitsPromptlyOnSigterm) {
  TempDir dir;
  FasciadOptions options;
  options.work_dir = dir.path();
  options.args = {"--database=sqlite:" + dir.path() + "/fascia.db"};
  Fasciad server(options);
  ASSERT_TRUE(server.StartServing());
  const absl::Time sigterm_at = absl::Now();
  // The default grace period is 10s; nothing is in flight, so none of it is needed.
  std::optional<ExitStatus> exit = server.Stop(absl::Seconds(15));
  ASSERT_TRUE(exit.has_value()) << "still running 15s after SIGTERM";
  EXPECT_TRUE(exit->Success()) << exit->ToString() << "\n" << server.Stderr();
  EXPECT_LT(absl::Now() - sigterm_at, absl::Seconds(3));
}

// The grace period bounds the whole shutdown, even when an accepted call
// cannot finish in time (here: its booking waits for a lock that the test
// holds past the grace period). Orchestrators (systemd TimeoutStopSec,
// Kubernetes terminationGracePeriodSeconds) are configured from the grace
// period and SIGKILL a server that overstays it.
TEST(ShutdownTest, GracePeriodBoundsShutdown) {
  const absl::Duration grace = absl::Seconds(1);
  TempDir dir;
  const std::string db_path = dir.path() + "/fascia.db";
  FasciadOptions options;
  options.work_dir = dir.path();
  options.log_level = "debug";  // for the "rpc.started" lines
  options.args = {"--config=" + WriteConfig(dir.path(),
                                            "limits { shutdown_grace { seconds: 1 } "
                                            "database_call_timeout { seconds: 20 } }"),
                  "--database=sqlite:" + db_path};
  Fasciad server(options);
  ASSERT_TRUE(server.Bootstrap("acme"));
  ASSERT_TRUE(server.StartServing());
  ChainApi api(server.NewChannel());
  BuildChain(api);
  if (HasFatalFailure()) return;

  SqliteSideConnection side(db_path);
  ASSERT_EQ(side.Run("BEGIN IMMEDIATE"), std::vector<std::string>{});
  grpc::Status parked_status;
  absl::Time parked_end;
  const int booked_before = StartedBookings(server);
  std::thread parked([&] {
    parked_status = Book(api, kClient1, kAnn, kRoom1, NextWeekInNewYork(10));
    parked_end = absl::Now();
  });
  ::testing::AssertionResult started = WaitForStartedBookings(server, booked_before + 1);
  if (!started) {
    side.Run("ROLLBACK");  // so that the thread can be joined
    parked.join();
    FAIL() << started.message();
  }

  const absl::Time sigterm_at = absl::Now();
  server.process().Terminate();
  // 3s of slack for process teardown on a loaded machine; the lock is held
  // until then.
  std::optional<ExitStatus> exit = server.process().WaitFor(grace + absl::Seconds(3));
  const absl::Duration exited_after = absl::Now() - sigterm_at;
  side.Run("ROLLBACK");
  parked.join();
  if (!exit) exit = server.process().WaitFor(absl::Seconds(30));
  ASSERT_TRUE(exit.has_value());
  EXPECT_TRUE(exit->Success()) << exit->ToString() << "\n" << server.Stderr();
  EXPECT_LT(exited_after, grace + absl::Seconds(3))
      << "fasciad outlived its 1s grace period; the parked booking ended with "
      << Describe(parked_status) << " " << (parked_end - sigterm_at) << " after SIGTERM";
  // The client was told the booking failed once the grace period ended.
  EXPECT_FALSE(parked_status.ok());
}

}  // namespace
}  // namespace fascia::e2e
