// Durability across a crash, on the embedded SQLite database: what fasciad
// acknowledged to a client is still there, unchanged, after the process is
// killed with SIGKILL (no shutdown code runs) and a new fasciad opens the same
// database. "Unchanged" means the whole Appointment message, etag included,
// so optimistic-concurrency tokens held by clients stay valid.
#include <csignal>

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "e2e_chain.h"
#include "fasciad_process.h"
#include "rpc_util.h"

namespace fascia::e2e {
namespace {

using google::protobuf::util::MessageDifferencer;

TEST(RestartTest, BookingAndCancellationSurviveSigkill) {
  TempDir dir;
  FasciadOptions options;
  options.work_dir = dir.path();
  options.args = {"--database=sqlite:" + dir.path() + "/fascia.db"};
  Fasciad server(options);
  ASSERT_TRUE(server.Bootstrap("acme"));
  ASSERT_TRUE(server.StartServing());

  const absl::Time slot = NextWeekInNewYork(10);
  v1::Appointment booked, read_back, to_cancel, cancelled;
  {
    ChainApi api(server.NewChannel());
    BuildChain(api);
    if (HasFatalFailure()) return;
    grpc::Status s = Book(api, kClient1, kAnn, kRoom1, slot, &booked);
    ASSERT_TRUE(s.ok()) << Describe(s);
    ASSERT_EQ(booked.status(), v1::BOOKED);
    ASSERT_FALSE(booked.etag().empty());
    s = Book(api, kClient2, kBen, kRoom2, slot, &to_cancel);
    ASSERT_TRUE(s.ok()) << Describe(s);

    s = GetAppointment(api, booked.name(), &read_back);
    ASSERT_TRUE(s.ok()) << Describe(s);
    EXPECT_TRUE(MessageDifferencer::Equals(read_back, booked))
        << "read:\n" << read_back.DebugString() << "booked:\n" << booked.DebugString();

    // The cancellation is the last write before the crash: the one most
    // likely to be lost if a commit were acknowledged before it is durable.
    s = CancelAppointment(api, to_cancel.name(), to_cancel.etag(), "client called in sick",
                          &cancelled);
    ASSERT_TRUE(s.ok()) << Describe(s);
    ASSERT_EQ(cancelled.status(), v1::CANCELLED);
    ASSERT_NE(cancelled.etag(), to_cancel.etag());
  }

  server.process().Kill();
  std::optional<ExitStatus> exit = server.process().WaitFor(absl::Seconds(10));
  ASSERT_TRUE(exit.has_value()) << "fasciad survived SIGKILL?";
  ASSERT_TRUE(exit->signaled && exit->signal == SIGKILL) << exit->ToString();

  ASSERT_TRUE(server.StartServing());
  ChainApi api(server.NewChannel());

  v1::Appointment after;
  grpc::Status s = GetAppointment(api, booked.name(), &after);
  ASSERT_TRUE(s.ok()) << Describe(s);
  EXPECT_EQ(after.status(), v1::BOOKED);
  EXPECT_EQ(after.etag(), booked.etag());
  EXPECT_TRUE(MessageDifferencer::Equals(after, read_back))
      << "after restart:\n" << after.DebugString() << "before:\n" << read_back.DebugString();

  v1::Appointment cancelled_after;
  s = GetAppointment(api, cancelled.name(), &cancelled_after);
  ASSERT_TRUE(s.ok()) << Describe(s);
  EXPECT_EQ(cancelled_after.status(), v1::CANCELLED);
  EXPECT_EQ(cancelled_after.cancellation_reason(), "client called in sick");
  EXPECT_EQ(cancelled_after.etag(), cancelled.etag());
  EXPECT_TRUE(MessageDifferencer::Equals(cancelled_after, cancelled))
      << "after restart:\n" << cancelled_after.DebugString() << "before:\n"
      << cancelled.DebugString();

  // The restarted server still enforces the surviving booking...
  s = Book(api, kClient2, kAnn, kRoom1, slot);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << Describe(s);
  const std::string reason = ReasonOf(s);
  EXPECT_TRUE(reason == "STAFF_BUSY" || reason == "ROOM_BUSY") << Describe(s);

  // ...and the cancelled one no longer blocks its staff member and room.
  v1::Appointment rebooked;
  s = Book(api, kClient2, kBen, kRoom2, slot, &rebooked);
  EXPECT_TRUE(s.ok()) << Describe(s);

  EXPECT_EQ(ListAllAppointments(api).size(), 3u);
}

}  // namespace
}  // namespace fascia::e2e
