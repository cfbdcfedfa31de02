// Booking through the public API: conflicts and their reasons, buffers,
// idempotency, the status state machine, reschedule, and listing.
#include <gtest/gtest.h>

#include "chain_fixture.h"

namespace fascia::testing {
namespace {

// Monday 2024-03-04 in New York (EST, UTC-5) at hh:mm local.
absl::Time NyMonday(int hh, int mm = 0) { return Utc(2024, 3, 4, hh + 5, mm); }

class BookingTest : public ::testing::Test {
 protected:
  void SetUp() override { BuildChain(server_); }

  v1::Appointment Get(const std::string& name) {
    grpc::ClientContext ctx;
    v1::GetAppointmentRequest req;
    req.set_name(name);
    v1::Appointment out;
    EXPECT_TRUE(server_.appointments().GetAppointment(&ctx, req, &out).ok());
    return out;
  }

  grpc::Status Transition(const std::string& rpc, const std::string& name, v1::Appointment* out,
                          const std::string& etag = "") {
    grpc::ClientContext ctx;
    v1::AppointmentTransitionRequest req;
    req.set_name(name);
    req.set_etag(etag);
    auto& s = server_.appointments();
    if (rpc == "arrive") return s.MarkAppointmentArrived(&ctx, req, out);
    if (rpc == "checkin") return s.CheckInAppointment(&ctx, req, out);
    if (rpc == "complete") return s.CompleteAppointment(&ctx, req, out);
    return s.MarkEnteredInError(&ctx, req, out);
  }

  grpc::Status Cancel(const std::string& name, const std::string& reason, v1::Appointment* out,
                      const std::string& etag = "") {
    grpc::ClientContext ctx;
    v1::CancelAppointmentRequest req;
    req.set_name(name);
    req.set_reason(reason);
    req.set_etag(etag);
    return server_.appointments().CancelAppointment(&ctx, req, out);
  }

  TestServer server_;
};

TEST_F(BookingTest, BooksAndReadsBack) {
  v1::Appointment booked;
  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, NyMonday(10), kSwedish, &booked).ok());
  EXPECT_EQ(booked.status(), v1::BOOKED);
  EXPECT_EQ(booked.etag(), "1");
  EXPECT_EQ(booked.time_zone(), "America/New_York");
  EXPECT_EQ(FromTs(booked.end_time()) - FromTs(booked.start_time()), absl::Hours(1));
  EXPECT_EQ(booked.buffer_before().seconds(), 900);
  EXPECT_EQ(booked.name().rfind(std::string(kNy) + "/appointments/", 0), 0u);
  v1::Appointment read = Get(booked.name());
  EXPECT_EQ(read.SerializeAsString(), booked.SerializeAsString());
}

TEST_F(BookingTest, ConflictsNameTheBusyParty) {
  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, NyMonday(10)).ok());
  ExpectError(Book(server_, kClient2, kAnn, kRoom2, NyMonday(10)),
              grpc::StatusCode::FAILED_PRECONDITION, "STAFF_BUSY");
  ExpectError(Book(server_, kClient2, kBen, kRoom1, NyMonday(10, 30)),
              grpc::StatusCode::FAILED_PRECONDITION, "ROOM_BUSY");
  ExpectError(Book(server_, kClient1, kBen, kRoom2, NyMonday(10, 30)),
              grpc::StatusCode::FAILED_PRECONDITION, "CLIENT_BUSY");
}

TEST_F(BookingTest, BuffersBlockStaffAndRoomButNotTheClient) {
  // 10:00-11:00 with 15-minute buffers blocks ann and r1 for 09:45-11:15.
  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, NyMonday(10)).ok());
  // 11:15 would need ann from 11:00 (its own buffer before): busy.
  ExpectError(Book(server_, kClient2, kAnn, kRoom2, NyMonday(11, 15)),
              grpc::StatusCode::FAILED_PRECONDITION, "STAFF_BUSY");
  ExpectError(Book(server_, kClient2, kBen, kRoom1, NyMonday(11, 15)),
              grpc::StatusCode::FAILED_PRECONDITION, "ROOM_BUSY");
  // 11:30: blocks touch at 11:15, no overlap.
  EXPECT_TRUE(Book(server_, kClient2, kAnn, kRoom2, NyMonday(11, 30)).ok());
  // Once the buffer is over, the room is free again.
  EXPECT_TRUE(Book(server_, kClient1, kBen, kRoom1, NyMonday(12, 0)).ok());
}

TEST_F(BookingTest, ClientMayBookBackToBackWithDifferentStaffAndRooms) {
  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, NyMonday(10)).ok());
  // 11:00 for the client is adjacent to 10:00-11:00; ben and r2 are free.
  EXPECT_TRUE(Book(server_, kClient1, kBen, kRoom2, NyMonday(11)).ok());
}

TEST_F(BookingTest, WhyNotReasons) {
  auto expect = [&](grpc::Status s, const char* reason) {
    ExpectError(s, grpc::StatusCode::FAILED_PRECONDITION, reason);
  };
  expect(Book(server_, kClient1, kAnn, kRoom1, NyMonday(7)), "OUTSIDE_OPENING_HOURS");
  expect(Book(server_, kClient1, kAnn, kRoom1, NyMonday(18)), "OUTSIDE_SHIFT");
  expect(Book(server_, kClient1, kBen, kRoom2, NyMonday(10), kPrenatal), "NOT_QUALIFIED");
  expect(Book(server_, kClient1, kAnn, kRoom1, NyMonday(10), kPrenatal), "ROOM_LACKS_FEATURE");
  expect(Book(server_, kClient1, kAnn, kRoom1, Utc(2024, 2, 26, 15)), "LEAD_TIME");
  expect(Book(server_, kClient1, kAnn, kRoom1, Utc(2026, 3, 2, 15)), "BOOKING_WINDOW");
  expect(Book(server_, kClient1, kLiz, kRoom1, NyMonday(10)), "STAFF_NOT_AT_LOCATION");
  expect(Book(server_, kClient1, kLiz, kLondonRoom, Utc(2024, 3, 4, 11), kPrenatal),
         "NOT_OFFERED_AT_LOCATION");
  ExpectError(Book(server_, "organizations/acme/clients/nobody", kAnn, kRoom1, NyMonday(10)),
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
}

TEST_F(BookingTest, RequestIdMakesBookingIdempotent) {
  v1::Appointment first, again;
  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, NyMonday(10), kSwedish, &first, "req-1").ok());
  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, NyMonday(10), kSwedish, &again, "req-1").ok());
  EXPECT_EQ(first.name(), again.name());
  ExpectError(Book(server_, kClient2, kBen, kRoom2, NyMonday(14), kSwedish, nullptr, "req-1"),
              grpc::StatusCode::ALREADY_EXISTS, "REQUEST_ID_REUSED");
  grpc::ClientContext ctx;
  v1::ListAppointmentsRequest list;
  list.set_parent(kNy);
  v1::ListAppointmentsResponse out;
  ASSERT_TRUE(server_.appointments().ListAppointments(&ctx, list, &out).ok());
  EXPECT_EQ(out.appointments_size(), 1);
}

TEST_F(BookingTest, StateMachine) {
  v1::Appointment a, out;
  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, NyMonday(10), kSwedish, &a).ok());
  ASSERT_TRUE(Transition("arrive", a.name(), &out).ok());
  EXPECT_EQ(out.status(), v1::ARRIVED);
  ASSERT_TRUE(Transition("checkin", a.name(), &out).ok());
  EXPECT_EQ(out.status(), v1::CHECKED_IN);
  ExpectError(Cancel(a.name(), "changed mind", &out), grpc::StatusCode::FAILED_PRECONDITION,
              "INVALID_STATUS_TRANSITION");
  ASSERT_TRUE(Transition("complete", a.name(), &out).ok());
  EXPECT_EQ(out.status(), v1::FULFILLED);
  ExpectError(Transition("checkin", a.name(), &out), grpc::StatusCode::FAILED_PRECONDITION,
              "INVALID_STATUS_TRANSITION");
  // An admin may still mark a final appointment entered-in-error.
  ASSERT_TRUE(Transition("error", a.name(), &out).ok());
  EXPECT_EQ(out.status(), v1::ENTERED_IN_ERROR);
  ExpectError(Transition("error", a.name(), &out), grpc::StatusCode::FAILED_PRECONDITION,
              "INVALID_STATUS_TRANSITION");
}

TEST_F(BookingTest, CancelNeedsAReasonAndFreesTheSlot) {
  v1::Appointment a, out;
  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, NyMonday(10), kSwedish, &a).ok());
  ExpectBadRequest(Cancel(a.name(), "", &out), {"reason"});
  ExpectError(Cancel(a.name(), "sick", &out, "99"), grpc::StatusCode::ABORTED, "ETAG_MISMATCH");
  ASSERT_TRUE(Cancel(a.name(), "sick", &out, a.etag()).ok());
  EXPECT_EQ(out.status(), v1::CANCELLED);
  EXPECT_EQ(out.cancellation_reason(), "sick");
  EXPECT_TRUE(Book(server_, kClient2, kAnn, kRoom1, NyMonday(10)).ok());
  ExpectError(Transition("checkin", a.name(), &out), grpc::StatusCode::FAILED_PRECONDITION,
              "INVALID_STATUS_TRANSITION");
}

TEST_F(BookingTest, NoShowOnlyAfterTheStart) {
  v1::Appointment a, out;
  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, NyMonday(10), kSwedish, &a).ok());
  grpc::ClientContext early;
  v1::MarkNoShowRequest req;
  req.set_name(a.name());
  ExpectError(server_.appointments().MarkNoShow(&early, req, &out),
              grpc::StatusCode::FAILED_PRECONDITION, "NOT_YET_STARTED");
  server_.SetNow(NyMonday(10, 20));
  grpc::ClientContext late;
  req.set_reason("did not come");
  ASSERT_TRUE(server_.appointments().MarkNoShow(&late, req, &out).ok());
  EXPECT_EQ(out.status(), v1::NOSHOW);
  EXPECT_EQ(out.cancellation_reason(), "did not come");
}

TEST_F(BookingTest, RescheduleReplacesAtomically) {
  v1::Appointment a, b;
  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, NyMonday(10), kSwedish, &a).ok());
  grpc::ClientContext ctx;
  v1::RescheduleAppointmentRequest req;
  req.set_name(a.name());
  // 30 minutes later overlaps the old booking, which is released in the same transaction.
  *req.mutable_start_time() = Ts(NyMonday(10, 30));
  ASSERT_TRUE(server_.appointments().RescheduleAppointment(&ctx, req, &b).ok());
  EXPECT_EQ(b.replaces(), a.name());
  EXPECT_EQ(b.staff_member(), kAnn);
  v1::Appointment old = Get(a.name());
  EXPECT_EQ(old.status(), v1::CANCELLED);
  EXPECT_EQ(old.replaced_by(), b.name());
  // The old one cannot be rescheduled again.
  grpc::ClientContext again;
  v1::Appointment c;
  ExpectError(server_.appointments().RescheduleAppointment(&again, req, &c),
              grpc::StatusCode::FAILED_PRECONDITION, "INVALID_STATUS_TRANSITION");
}

// The front desk's reschedule succeeded but the response was lost: the retry
// (same request, etag included) answers with the replacement it made.
TEST_F(BookingTest, RescheduleRetriedWithItsRequestIdReturnsTheReplacement) {
  v1::Appointment a, first, again;
  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, NyMonday(10), kSwedish, &a).ok());
  v1::RescheduleAppointmentRequest req;
  req.set_name(a.name());
  req.set_etag(a.etag());
  req.set_request_id("move-1");
  *req.mutable_start_time() = Ts(NyMonday(11));
  grpc::ClientContext ctx;
  ASSERT_TRUE(server_.appointments().RescheduleAppointment(&ctx, req, &first).ok());
  grpc::ClientContext retry;
  grpc::Status s = server_.appointments().RescheduleAppointment(&retry, req, &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.name(), first.name());
  EXPECT_EQ(again.replaces(), a.name());
  EXPECT_EQ(again.status(), v1::BOOKED);
  EXPECT_EQ(Get(a.name()).replaced_by(), first.name());

  grpc::ClientContext list_ctx;
  v1::ListAppointmentsRequest list;
  list.set_parent(kNy);
  v1::ListAppointmentsResponse out;
  ASSERT_TRUE(server_.appointments().ListAppointments(&list_ctx, list, &out).ok());
  int replacements = 0;
  for (const auto& x : out.appointments()) replacements += x.replaces() == a.name();
  EXPECT_EQ(replacements, 1);
  EXPECT_EQ(out.appointments_size(), 2);  // the cancelled original and its replacement
}

TEST_F(BookingTest, RescheduleRequestIdReusedForAnotherMoveIsRefused) {
  v1::Appointment a, c, moved, out;
  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, NyMonday(10), kSwedish, &a).ok());
  ASSERT_TRUE(Book(server_, kClient2, kBen, kRoom2, NyMonday(14), kSwedish, &c).ok());
  v1::RescheduleAppointmentRequest req;
  req.set_name(a.name());
  req.set_request_id("move-1");
  *req.mutable_start_time() = Ts(NyMonday(11));
  grpc::ClientContext ctx;
  ASSERT_TRUE(server_.appointments().RescheduleAppointment(&ctx, req, &moved).ok());

  // The same appointment to another time.
  *req.mutable_start_time() = Ts(NyMonday(12));
  grpc::ClientContext other_time;
  ExpectError(server_.appointments().RescheduleAppointment(&other_time, req, &out),
              grpc::StatusCode::ALREADY_EXISTS, "REQUEST_ID_REUSED");
  // Another appointment, which stays as it was.
  req.set_name(c.name());
  grpc::ClientContext other_appointment;
  ExpectError(server_.appointments().RescheduleAppointment(&other_appointment, req, &out),
              grpc::StatusCode::ALREADY_EXISTS, "REQUEST_ID_REUSED");
  EXPECT_EQ(Get(c.name()).status(), v1::BOOKED);
  // A booking that matches the replacement is still not the reschedule.
  ExpectError(Book(server_, kClient1, kAnn, kRoom1, NyMonday(11), kSwedish, nullptr, "move-1"),
              grpc::StatusCode::ALREADY_EXISTS, "REQUEST_ID_REUSED");
  EXPECT_EQ(Get(moved.name()).status(), v1::BOOKED);
}

TEST_F(BookingTest, RescheduleIntoAConflictChangesNothing) {
  v1::Appointment a, b, out;
  ASSERT_TRUE(Book(server_, kClient1, kAnn, kRoom1, NyMonday(10), kSwedish, &a).ok());
  ASSERT_TRUE(Book(server_, kClient2, kBen, kRoom2, NyMonday(14), kSwedish, &b).ok());
  grpc::ClientContext ctx;
  v1::RescheduleAppointmentRequest req;
  req.set_name(a.name());
  req.set_room(kRoom2);
  *req.mutable_start_time() = Ts(NyMonday(14));
  ExpectError(server_.appointments().RescheduleAppointment(&ctx, req, &out),
              grpc::StatusCode::FAILED_PRECONDITION, "ROOM_BUSY");
  EXPECT_EQ(Get(a.name()).status(), v1::BOOKED);
}

TEST_F(BookingTest, ListFiltersAndPages) {
  for (int h : {9, 11, 13, 15}) {
    ASSERT_TRUE(Book(server_, kClient1, kBen, kRoom1, NyMonday(h, 30)).ok());
  }
  ASSERT_TRUE(Book(server_, kClient2, kAnn, kRoom2, NyMonday(10)).ok());
  std::vector<std::string> seen;
  std::string token;
  do {
    grpc::ClientContext ctx;
    v1::ListAppointmentsRequest req;
    req.set_parent("organizations/acme/locations/-");
    req.set_filter("staff_member = \"organizations/acme/staff/ben\" AND status = BOOKED");
    req.set_page_size(3);
    req.set_page_token(token);
    v1::ListAppointmentsResponse out;
    ASSERT_TRUE(server_.appointments().ListAppointments(&ctx, req, &out).ok());
    for (const auto& a : out.appointments()) {
      EXPECT_EQ(a.staff_member(), kBen);
      seen.push_back(a.name());
    }
    token = out.next_page_token();
  } while (!token.empty());
  EXPECT_EQ(seen.size(), 4u);
  grpc::ClientContext ctx;
  v1::ListAppointmentsRequest req;
  req.set_parent(kNy);
  req.set_filter("start_time >= \"2024-03-04T18:00:00Z\" AND start_time < \"2024-03-04T20:00:00Z\"");
  v1::ListAppointmentsResponse out;
  ASSERT_TRUE(server_.appointments().ListAppointments(&ctx, req, &out).ok());
  ASSERT_EQ(out.appointments_size(), 1);  // 13:30 EST = 18:30Z
  EXPECT_EQ(FromTs(out.appointments(0).start_time()), NyMonday(13, 30));
}

}  // namespace
}  // namespace fascia::testing
