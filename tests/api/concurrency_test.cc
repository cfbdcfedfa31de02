// No double booking under real concurrency, on both engines: 64 clients on
// their own connections book the same slot at once; exactly one wins, the
// others get a clean FAILED_PRECONDITION naming the busy party, and the
// database holds no overlap afterwards.
#include <algorithm>
#include <functional>
#include <thread>

#include <gtest/gtest.h>

#include "chain_fixture.h"

namespace fascia::testing {
namespace {

constexpr int kBookers = 64;

class ConcurrencyTest : public ChainOnEngineTest {
 protected:
  void SetUp() override {
    ChainOnEngineTest::SetUp();
    if (HasFatalFailure()) return;
    for (int i = 0; i < kBookers; ++i) {
      grpc::ClientContext ctx;
      v1::CreateClientRequest req;
      req.set_parent(kOrg);
      req.set_client_id("racer-" + std::to_string(i));
      req.mutable_client()->set_given_name("Racer");
      req.mutable_client()->set_family_name(std::to_string(i));
      v1::Client out;
      ASSERT_TRUE(server_->clients().CreateClient(&ctx, req, &out).ok());
    }
  }

  std::vector<v1::Appointment> ListAll() {
    std::vector<v1::Appointment> all;
    std::string token;
    do {
      grpc::ClientContext ctx;
      v1::ListAppointmentsRequest req;
      req.set_parent("organizations/acme/locations/-");
      req.set_page_size(1000);
      req.set_page_token(token);
      v1::ListAppointmentsResponse out;
      EXPECT_TRUE(server_->appointments().ListAppointments(&ctx, req, &out).ok());
      all.insert(all.end(), out.appointments().begin(), out.appointments().end());
      token = out.next_page_token();
    } while (!token.empty());
    return all;
  }
};

// Checks that no two active appointments overlap for a staff member or room
// (buffers included) or a client (buffers excluded).
void ExpectNoOverlaps(const std::vector<v1::Appointment>& all) {
  auto active = [](const v1::Appointment& a) {
    return a.status() == v1::BOOKED || a.status() == v1::ARRIVED ||
           a.status() == v1::CHECKED_IN || a.status() == v1::FULFILLED;
  };
  auto block = [](const v1::Appointment& a) {
    return std::make_pair(FromTs(a.start_time()) - absl::Seconds(a.buffer_before().seconds()),
                          FromTs(a.end_time()) + absl::Seconds(a.buffer_after().seconds()));
  };
  for (size_t i = 0; i < all.size(); ++i) {
    for (size_t j = i + 1; j < all.size(); ++j) {
      const auto &a = all[i], &b = all[j];
      if (!active(a) || !active(b)) continue;
      auto ba = block(a), bb = block(b);
      bool blocks_overlap = ba.first < bb.second && bb.first < ba.second;
      EXPECT_FALSE(blocks_overlap && a.staff_member() == b.staff_member()) << a.name() << " " << b.name();
      EXPECT_FALSE(blocks_overlap && a.room() == b.room()) << a.name() << " " << b.name();
      bool overlap = FromTs(a.start_time()) < FromTs(b.end_time()) &&
                     FromTs(b.start_time()) < FromTs(a.end_time());
      EXPECT_FALSE(overlap && a.client() == b.client()) << a.name() << " " << b.name();
    }
  }
}

TEST_P(ConcurrencyTest, SixtyFourBookersOneSlot) {
  std::vector<grpc::Status> results(kBookers);
  std::vector<std::thread> threads;
  const absl::Time start = Utc(2024, 3, 4, 15);  // Monday 10:00 in New York
  for (int i = 0; i < kBookers; ++i) {
    threads.emplace_back([&, i] {
      auto channel = server_->NewChannel();
      auto stub = v1::AppointmentService::NewStub(channel);
      grpc::ClientContext ctx;
      // Many fresh connections at once on a loaded machine: wait for the
      // connection instead of failing fast on a transient connect error.
      ctx.set_wait_for_ready(true);
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
      v1::BookAppointmentRequest req;
      req.set_parent(kNy);
      auto* a = req.mutable_appointment();
      a->set_client("organizations/acme/clients/racer-" + std::to_string(i));
      // Half compete for ann in r1, half for ben in r1: the room is the contested party.
      a->set_staff_member(i % 2 ? kAnn : kBen);
      a->set_room(kRoom1);
      a->set_service(kSwedish);
      *a->mutable_start_time() = Ts(start);
      v1::Appointment out;
      results[i] = stub->BookAppointment(&ctx, req, &out);
    });
  }
  for (auto& t : threads) t.join();
  int ok = 0;
  for (const auto& r : results) {
    if (r.ok()) {
      ++ok;
      continue;
    }
    EXPECT_EQ(r.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << r.error_message();
    std::string reason = ReasonOf(r);
    EXPECT_TRUE(reason == "ROOM_BUSY" || reason == "STAFF_BUSY") << reason;
  }
  EXPECT_EQ(ok, 1);
  std::vector<v1::Appointment> all = ListAll();
  EXPECT_EQ(all.size(), 1u);
  ExpectNoOverlaps(all);
}

TEST_P(ConcurrencyTest, ConcurrentBookersOnDistinctAndOverlappingSlots) {
  // 64 bookers over 16 staggered start times (every 20 minutes) with two
  // staff and two rooms: many pairs overlap through buffers. Whatever wins,
  // the database must hold no overlap.
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < kBookers; ++i) {
    threads.emplace_back([&, i] {
      auto stub = v1::AppointmentService::NewStub(server_->NewChannel());
      grpc::ClientContext ctx;
      // Many fresh connections at once on a loaded machine: wait for the
      // connection instead of failing fast on a transient connect error.
      ctx.set_wait_for_ready(true);
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
      v1::BookAppointmentRequest req;
      req.set_parent(kNy);
      auto* a = req.mutable_appointment();
      a->set_client("organizations/acme/clients/racer-" + std::to_string(i % 8));
      a->set_staff_member(i % 2 ? kAnn : kBen);
      a->set_room(i % 3 ? kRoom1 : kRoom2);
      a->set_service(kSwedish);
      *a->mutable_start_time() = Ts(Utc(2024, 3, 4, 14, 15) + absl::Minutes(20 * (i % 16)));
      v1::Appointment out;
      grpc::Status s = stub->BookAppointment(&ctx, req, &out);
      if (s.ok()) {
        ++ok;
      } else {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
      }
    });
  }
  for (auto& t : threads) t.join();
  std::vector<v1::Appointment> all = ListAll();
  EXPECT_EQ(static_cast<int>(all.size()), ok.load());
  EXPECT_GT(ok.load(), 1);
  ExpectNoOverlaps(all);
}

// Makes `call` from 16 threads at once, each on its own connection; expects
// every call to succeed and all to answer with the same appointment.
void ExpectOneAnswerFromConcurrentRetries(
    TestServer& server,
    const std::function<grpc::Status(v1::AppointmentService::Stub&, grpc::ClientContext&,
                                     v1::Appointment*)>& call) {
  std::vector<std::thread> threads;
  std::vector<std::string> names(16);
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      auto stub = v1::AppointmentService::NewStub(server.NewChannel());
      grpc::ClientContext ctx;
      // Many fresh connections at once on a loaded machine: wait for the
      // connection instead of failing fast on a transient connect error.
      ctx.set_wait_for_ready(true);
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
      v1::Appointment out;
      grpc::Status s = call(*stub, ctx, &out);
      EXPECT_TRUE(s.ok()) << s.error_message();
      names[i] = out.name();
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& n : names) EXPECT_EQ(n, names[0]);
}

TEST_P(ConcurrencyTest, ConcurrentRetriesWithOneRequestIdBookOnce) {
  v1::BookAppointmentRequest req;
  req.set_parent(kNy);
  req.set_request_id("same-retry");
  auto* a = req.mutable_appointment();
  a->set_client(kClient1);
  a->set_staff_member(kAnn);
  a->set_room(kRoom1);
  a->set_service(kSwedish);
  *a->mutable_start_time() = Ts(Utc(2024, 3, 4, 15));
  ExpectOneAnswerFromConcurrentRetries(
      *server_, [&](v1::AppointmentService::Stub& stub, grpc::ClientContext& ctx,
                    v1::Appointment* out) { return stub.BookAppointment(&ctx, req, out); });
  EXPECT_EQ(ListAll().size(), 1u);
}

// Retries of one reschedule race (the first response was lost): one moves the
// appointment, the others find it moved and answer with its replacement.
TEST_P(ConcurrencyTest, ConcurrentRetriesOfOneRescheduleMoveOnce) {
  v1::Appointment booked;
  ASSERT_TRUE(Book(*server_, kClient1, kAnn, kRoom1, Utc(2024, 3, 4, 15), kSwedish, &booked).ok());
  v1::RescheduleAppointmentRequest req;
  req.set_name(booked.name());
  req.set_etag(booked.etag());
  req.set_request_id("same-move");
  *req.mutable_start_time() = Ts(Utc(2024, 3, 4, 17));
  ExpectOneAnswerFromConcurrentRetries(
      *server_, [&](v1::AppointmentService::Stub& stub, grpc::ClientContext& ctx,
                    v1::Appointment* out) { return stub.RescheduleAppointment(&ctx, req, out); });
  int replacements = 0;
  for (const auto& a : ListAll()) replacements += a.replaces() == booked.name();
  EXPECT_EQ(replacements, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, ConcurrencyTest, kBothEngines, EngineParamName);

}  // namespace
}  // namespace fascia::testing
