// Two fasciad replicas sharing one PostgreSQL database, as a chain that has
// outgrown one machine runs them: both start at once (concurrent migrations),
// no double booking when clients on both replicas race for one slot (the
// database, not either process, must refuse), and each replica reads what
// the other wrote (no state kept in a process).
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <thread>

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "e2e_chain.h"
#include "fasciad_process.h"
#include "rpc_util.h"
#include "support/postgres_test_db.h"

namespace fascia::e2e {
namespace {

using google::protobuf::util::MessageDifferencer;

constexpr int kBookers = 64;

// Releases every waiting thread at once when the last one arrives, so the
// bookings hit the two servers together rather than staggered by setup.
class StartLine {
 public:
  explicit StartLine(int count) : waiting_(count) {}
  void ArriveAndWait() {
    std::unique_lock<std::mutex> lock(mu_);
    if (--waiting_ == 0) cv_.notify_all();
    cv_.wait(lock, [this] { return waiting_ == 0; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int waiting_;
};

TEST(ReplicasTest, TwoReplicasOnePostgresNoDoubleBooking) {
  std::string url;
  FASCIA_ASSIGN_FRESH_POSTGRES_URL(url);
  TempDir dir;
  FasciadOptions a_options, b_options;
  a_options.name = "replica-a";
  b_options.name = "replica-b";
  a_options.work_dir = b_options.work_dir = dir.path();
  // This test is about correctness, not latency: on a loaded 2-core machine
  // 64 racing bookings can take longer than the default 5s database timeout
  // (seen once in 8 runs with two busy loops beside the test).
  const std::string config = dir.path() + "/fasciad.textproto";
  std::ofstream(config) << "limits { database_call_timeout { seconds: 25 } }\n";
  a_options.args = b_options.args = {"--database=" + url, "--config=" + config};
  Fasciad a(a_options), b(b_options);

  // Both start before either is waited for: their migrations race on the
  // empty database.
  ASSERT_TRUE(a.Start());
  ASSERT_TRUE(b.Start());
  ASSERT_TRUE(a.WaitServing());
  ASSERT_TRUE(b.WaitServing());
  // The owner key, made by a third process on the shared database, works on both.
  ASSERT_TRUE(a.Bootstrap("acme"));
  b.set_owner_key(a.owner_key());

  // Closed before the replicas stop; see Fasciad::Stop.
  auto api_a_holder = std::make_unique<ChainApi>(a.NewChannel());
  auto api_b_holder = std::make_unique<ChainApi>(b.NewChannel());
  ChainApi& api_a = *api_a_holder;
  ChainApi& api_b = *api_b_holder;
  BuildChain(api_a);
  if (HasFatalFailure()) return;
  for (int i = 0; i < kBookers; ++i) {
    // Distinct clients, so the only contested parties are room and staff.
    grpc::Status s = CreateClient(api_a, "racer-" + std::to_string(i), "Racer", std::to_string(i));
    ASSERT_TRUE(s.ok()) << Describe(s);
  }

  const absl::Time slot = NextWeekInNewYork(10);
  std::vector<grpc::Status> results(kBookers);
  std::vector<v1::Appointment> booked(kBookers);
  StartLine start_line(kBookers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kBookers; ++i) {
    threads.emplace_back([&, i] {
      Fasciad& replica = i % 2 ? a : b;
      ChainApi api(replica.NewChannel());
      api.channel->WaitForConnected(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
      // Half want Ann and half Ben, all in room 1.
      v1::BookAppointmentRequest req =
          BookRequest("organizations/acme/clients/racer-" + std::to_string(i),
                      i % 4 < 2 ? kAnn : kBen, kRoom1, slot);
      start_line.ArriveAndWait();
      grpc::ClientContext ctx;
      SetDeadline(ctx, absl::Seconds(30));  // beyond the database timeout
      results[i] = api.appointments->BookAppointment(&ctx, req, &booked[i]);
    });
  }
  for (auto& t : threads) t.join();

  int wins = 0, winner = -1;
  for (int i = 0; i < kBookers; ++i) {
    const grpc::Status& r = results[i];
    if (r.ok()) {
      ++wins;
      winner = i;
      continue;
    }
    EXPECT_EQ(r.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
        << "booker " << i << " on replica " << (i % 2 ? "A" : "B") << ": " << Describe(r);
    const std::string reason = ReasonOf(r);
    EXPECT_TRUE(reason == "ROOM_BUSY" || reason == "STAFF_BUSY")
        << "booker " << i << ": " << Describe(r);
  }
  ASSERT_EQ(wins, 1);

  std::vector<v1::Appointment> listed = ListAllAppointments(api_b);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(MessageDifferencer::Equals(listed[0], booked[winner]))
      << listed[0].DebugString() << " vs " << booked[winner].DebugString();
  for (ChainApi* api : {&api_a, &api_b}) {
    v1::Appointment got;
    grpc::Status s = GetAppointment(*api, booked[winner].name(), &got);
    ASSERT_TRUE(s.ok()) << Describe(s);
    EXPECT_EQ(got.etag(), booked[winner].etag());
  }

  // A write through A is immediately visible through B.
  v1::Appointment london;
  grpc::Status s = Book(api_a, kClient1, kLiz, kLondonRoom, slot, &london);
  ASSERT_TRUE(s.ok()) << Describe(s);
  v1::Appointment seen_by_b;
  s = GetAppointment(api_b, london.name(), &seen_by_b);
  ASSERT_TRUE(s.ok()) << Describe(s);
  EXPECT_TRUE(MessageDifferencer::Equals(seen_by_b, london))
      << seen_by_b.DebugString() << " vs " << london.DebugString();

  // And a cancellation through B is enforced by A: the slot it frees is bookable there.
  v1::Appointment cancelled;
  s = CancelAppointment(api_b, booked[winner].name(), booked[winner].etag(), "moved away",
                        &cancelled);
  ASSERT_TRUE(s.ok()) << Describe(s);
  s = Book(api_a, kClient2, kAnn, kRoom1, slot);
  EXPECT_TRUE(s.ok()) << Describe(s);

  api_a_holder.reset();
  api_b_holder.reset();
  for (Fasciad* replica : {&a, &b}) {
    std::optional<ExitStatus> exit = replica->Stop();
    ASSERT_TRUE(exit.has_value());
    EXPECT_TRUE(exit->Success()) << exit->ToString() << "\n" << replica->Stderr();
  }
}

}  // namespace
}  // namespace fascia::e2e
