// Bad input through the public API: every RPC family answers INVALID_ARGUMENT
// with one BadRequest field violation per bad field; unknown resources are
// NOT_FOUND; stale etags ABORTED.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "api/page_token.h"
#include "chain_fixture.h"

namespace fascia::testing {
namespace {

class ValidationTest : public ::testing::Test {
 protected:
  void SetUp() override { BuildChain(server_); }
  TestServer server_;
};

TEST_F(ValidationTest, CreateLocationNamesEveryBadField) {
  grpc::ClientContext ctx;
  v1::CreateLocationRequest req;
  req.set_parent("organisations/acme");  // misspelt collection
  req.set_location_id("Bad_Id");
  req.set_request_id("has space");
  auto* l = req.mutable_location();
  l->set_display_name(std::string(500, 'x'));
  l->set_time_zone("Mars/Olympus_Mons");
  l->set_currency_code("XYZ");
  auto* hours = l->add_opening_hours();
  hours->set_day(static_cast<v1::DayOfWeek>(42));  // unknown enum value
  hours->mutable_start()->set_hours(18);
  hours->mutable_end()->set_hours(9);
  auto* closure = l->add_closures();
  closure->mutable_start_date()->set_year(2024);
  closure->mutable_start_date()->set_month(2);
  closure->mutable_start_date()->set_day(30);  // no such date
  *closure->mutable_end_date() = closure->start_date();
  closure->mutable_end_date()->set_day(1);
  v1::Location out;
  ExpectBadRequest(server_.locations().CreateLocation(&ctx, req, &out),
                   {"parent", "location_id", "request_id", "location.display_name",
                    "location.time_zone", "location.currency_code",
                    "location.opening_hours[0].day", "location.opening_hours[0].end",
                    "location.closures[0].start_date"});
}

TEST_F(ValidationTest, MissingRequiredFields) {
  grpc::ClientContext ctx;
  v1::CreateLocationRequest req;
  req.set_parent(kOrg);
  v1::Location out;
  ExpectBadRequest(server_.locations().CreateLocation(&ctx, req, &out),
                   {"location.display_name", "location.time_zone", "location.currency_code"});
  grpc::ClientContext book_ctx;
  v1::BookAppointmentRequest book;
  v1::Appointment appointment;
  ExpectBadRequest(server_.appointments().BookAppointment(&book_ctx, book, &appointment),
                   {"parent", "appointment.client", "appointment.service",
                    "appointment.staff_member", "appointment.room", "appointment.start_time"});
}

TEST_F(ValidationTest, PageSizesTokensAndFilters) {
  for (int size : {-1, 100000}) {
    grpc::ClientContext ctx;
    v1::ListStaffMembersRequest req;
    req.set_parent(kOrg);
    req.set_page_size(size);
    v1::ListStaffMembersResponse out;
    ExpectBadRequest(server_.staff().ListStaffMembers(&ctx, req, &out), {"page_size"});
  }
  {
    grpc::ClientContext ctx;
    v1::ListStaffMembersRequest req;
    req.set_parent(kOrg);
    req.set_page_token("Zm9yZ2VkCnRva2Vu");  // base64 of a made-up token
    v1::ListStaffMembersResponse out;
    ExpectBadRequest(server_.staff().ListStaffMembers(&ctx, req, &out), {"page_token"});
  }
  {
    // A real token replayed with another filter is refused too.
    grpc::ClientContext first;
    v1::ListStaffMembersRequest req;
    req.set_parent(kOrg);
    req.set_page_size(1);
    v1::ListStaffMembersResponse out;
    ASSERT_TRUE(server_.staff().ListStaffMembers(&first, req, &out).ok());
    ASSERT_FALSE(out.next_page_token().empty());
    grpc::ClientContext second;
    req.set_page_token(out.next_page_token());
    req.set_filter("qualifications = \"LMT\"");
    ExpectBadRequest(server_.staff().ListStaffMembers(&second, req, &out), {"page_token"});
  }
  for (const char* filter : {"salary > 3", "locations ~ \"x\"", "locations = \"unterminated",
                             "locations = \"a\" OR locations = \"b\""}) {
    grpc::ClientContext ctx;
    v1::ListStaffMembersRequest req;
    req.set_parent(kOrg);
    req.set_filter(filter);
    v1::ListStaffMembersResponse out;
    ExpectBadRequest(server_.staff().ListStaffMembers(&ctx, req, &out), {"filter"});
  }
  {
    grpc::ClientContext ctx;
    v1::ListAppointmentsRequest req;
    req.set_parent(kNy);
    req.set_filter("status = SLEEPING AND start_time >= \"yesterday\"");
    v1::ListAppointmentsResponse out;
    ExpectBadRequest(server_.appointments().ListAppointments(&ctx, req, &out), {"filter", "filter"});
  }
}

TEST_F(ValidationTest, SearchRangeMustBeOrderedAndBounded) {
  grpc::ClientContext ctx;
  v1::SearchAvailabilityRequest req;
  req.set_location(kNy);
  req.set_service(kSwedish);
  *req.mutable_start_time() = Ts(Utc(2024, 3, 5));
  *req.mutable_end_time() = Ts(Utc(2024, 3, 4));
  req.set_room("organizations/acme/locations/london/rooms/l1");  // not a room of ny
  req.set_staff_member("organizations/other/staff/ann");        // another organization
  v1::SearchAvailabilityResponse out;
  ExpectBadRequest(server_.appointments().SearchAvailability(&ctx, req, &out),
                   {"end_time", "room", "staff_member"});
  grpc::ClientContext ctx2;
  *req.mutable_end_time() = Ts(Utc(2024, 5, 5));
  req.clear_room();
  req.clear_staff_member();
  ExpectBadRequest(server_.appointments().SearchAvailability(&ctx2, req, &out), {"end_time"});
}

TEST_F(ValidationTest, UnknownResourcesAreNotFound) {
  grpc::ClientContext ctx;
  v1::GetRoomRequest req;
  req.set_name("organizations/acme/locations/ny/rooms/nope");
  v1::Room out;
  ExpectError(server_.locations().GetRoom(&ctx, req, &out), grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  grpc::ClientContext ctx2;
  v1::GetAppointmentRequest get;
  get.set_name("organizations/acme/locations/ny/appointments/nope");
  v1::Appointment appointment;
  ExpectError(server_.appointments().GetAppointment(&ctx2, get, &appointment),
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  grpc::ClientContext ctx3;
  get.set_name("appointments/nope");
  ExpectBadRequest(server_.appointments().GetAppointment(&ctx3, get, &appointment), {"name"});
  grpc::ClientContext ctx4;
  v1::CreateRoomRequest create;
  create.set_parent("organizations/acme/locations/paris");
  create.mutable_room()->set_display_name("x");
  ExpectError(server_.locations().CreateRoom(&ctx4, create, &out), grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");
}

TEST_F(ValidationTest, UpdateNeedsAValidMaskAndACurrentEtag) {
  grpc::ClientContext get_ctx;
  v1::GetLocationRequest get;
  get.set_name(kNy);
  v1::Location location;
  ASSERT_TRUE(server_.locations().GetLocation(&get_ctx, get, &location).ok());

  grpc::ClientContext no_mask;
  v1::UpdateLocationRequest update;
  *update.mutable_location() = location;
  v1::Location out;
  ExpectBadRequest(server_.locations().UpdateLocation(&no_mask, update, &out), {"update_mask"});

  grpc::ClientContext bad_mask;
  update.mutable_update_mask()->add_paths("create_time");
  update.mutable_update_mask()->add_paths("no_such_field");
  ExpectBadRequest(server_.locations().UpdateLocation(&bad_mask, update, &out),
                   {"update_mask", "update_mask"});

  grpc::ClientContext ok_ctx;
  update.clear_update_mask();
  update.mutable_update_mask()->add_paths("display_name");
  update.mutable_location()->set_display_name("New York Chelsea");
  ASSERT_TRUE(server_.locations().UpdateLocation(&ok_ctx, update, &out).ok());
  EXPECT_EQ(out.display_name(), "New York Chelsea");
  EXPECT_EQ(out.time_zone(), "America/New_York");
  EXPECT_NE(out.etag(), location.etag());

  grpc::ClientContext stale;  // still carries the first etag
  ExpectError(server_.locations().UpdateLocation(&stale, update, &out), grpc::StatusCode::ABORTED,
              "ETAG_MISMATCH");

  grpc::ClientContext invalid_after_merge;
  update.mutable_location()->set_etag("");
  update.mutable_location()->set_time_zone("Not/AZone");
  update.mutable_update_mask()->add_paths("time_zone");
  ExpectBadRequest(server_.locations().UpdateLocation(&invalid_after_merge, update, &out),
                   {"location.time_zone"});
}

TEST_F(ValidationTest, SoftDeleteKeepsHistoryAndBlocksBooking) {
  v1::Appointment booked;
  ASSERT_TRUE(Book(server_, kClient1, kBen, kRoom1, Utc(2024, 3, 4, 15), kSwedish, &booked).ok());
  grpc::ClientContext del_ctx;
  v1::DeleteStaffMemberRequest del;
  del.set_name(kBen);
  v1::StaffMember deleted;
  ASSERT_TRUE(server_.staff().DeleteStaffMember(&del_ctx, del, &deleted).ok());
  EXPECT_TRUE(deleted.has_delete_time());
  // Still readable, hidden from List, not bookable.
  grpc::ClientContext get_ctx;
  v1::GetStaffMemberRequest get;
  get.set_name(kBen);
  v1::StaffMember read;
  EXPECT_TRUE(server_.staff().GetStaffMember(&get_ctx, get, &read).ok());
  grpc::ClientContext list_ctx;
  v1::ListStaffMembersRequest list;
  list.set_parent(kOrg);
  v1::ListStaffMembersResponse listed;
  ASSERT_TRUE(server_.staff().ListStaffMembers(&list_ctx, list, &listed).ok());
  for (const auto& s : listed.staff_members()) EXPECT_NE(s.name(), kBen);
  ExpectError(Book(server_, kClient2, kBen, kRoom2, Utc(2024, 3, 5, 15)),
              grpc::StatusCode::FAILED_PRECONDITION, "RESOURCE_DELETED");
  grpc::ClientContext appt_ctx;
  v1::GetAppointmentRequest get_appt;
  get_appt.set_name(booked.name());
  v1::Appointment still;
  EXPECT_TRUE(server_.appointments().GetAppointment(&appt_ctx, get_appt, &still).ok());
}

TEST_F(ValidationTest, CreateIsIdempotentByRequestId) {
  v1::CreateClientRequest req;
  req.set_parent(kOrg);
  req.set_request_id("8b1c6c1e-0f0e-4a53-9a51-1c5d0c7a2f10");
  req.mutable_client()->set_given_name("Rae");
  req.mutable_client()->set_family_name("Lin");
  v1::Client first, second;
  grpc::ClientContext a, b;
  ASSERT_TRUE(server_.clients().CreateClient(&a, req, &first).ok());
  ASSERT_TRUE(server_.clients().CreateClient(&b, req, &second).ok());
  EXPECT_EQ(first.name(), second.name());
}

TEST_F(ValidationTest, ListFilterTimesOutsideTheApiRangeAreRefused) {
  ASSERT_TRUE(Book(server_, kClient1, kBen, kRoom1, Utc(2024, 3, 4, 15)).ok());
  // ParseTime accepts these; the list used to come back silently empty
  // (a saturated microsecond count plus one overflowed).
  for (const char* filter : {"start_time <= \"999999999-01-01T00:00:00Z\"",
                             "start_time > \"10000-01-01T00:00:00Z\"",
                             "start_time >= \"1969-12-31T23:59:59Z\"",
                             "start_time < \"infinite-future\""}) {
    SCOPED_TRACE(filter);
    grpc::ClientContext ctx;
    v1::ListAppointmentsRequest req;
    req.set_parent(kNy);
    req.set_filter(filter);
    v1::ListAppointmentsResponse out;
    ExpectBadRequest(server_.appointments().ListAppointments(&ctx, req, &out), {"filter"});
  }
  grpc::ClientContext ctx;
  v1::ListAppointmentsRequest req;
  req.set_parent(kNy);
  req.set_filter("start_time <= \"9999-12-31T23:59:59.999999999Z\"");
  v1::ListAppointmentsResponse out;
  grpc::Status status = server_.appointments().ListAppointments(&ctx, req, &out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(out.appointments_size(), 1);
}

TEST_F(ValidationTest, BookingPolicyLeadTimeMustNotExceedAdvanceWindow) {
  grpc::ClientContext create_ctx;
  v1::CreateLocationRequest create;
  create.set_parent(kOrg);
  create.set_location_id("short-window");
  *create.mutable_location() = Text<v1::Location>(
      "display_name: 'Boston' time_zone: 'America/New_York' currency_code: 'USD' "
      "booking_policy { min_lead_time { seconds: 172800 } max_advance { seconds: 86400 } }");
  v1::Location out;
  ExpectBadRequest(server_.locations().CreateLocation(&create_ctx, create, &out),
                   {"location.booking_policy.max_advance"});
  // An explicit zero window is a window too (unset means the 90-day default).
  grpc::ClientContext zero_ctx;
  create.set_location_id("zero-window");
  create.mutable_location()->mutable_booking_policy()->mutable_max_advance()->set_seconds(0);
  ExpectBadRequest(server_.locations().CreateLocation(&zero_ctx, create, &out),
                   {"location.booking_policy.max_advance"});
  grpc::ClientContext default_ctx;
  create.set_location_id("default-window");
  create.mutable_location()->mutable_booking_policy()->clear_max_advance();
  ASSERT_TRUE(server_.locations().CreateLocation(&default_ctx, create, &out).ok());

  // Updates are checked on the merged location, whichever half the mask names.
  grpc::ClientContext shrink_ctx;
  v1::UpdateLocationRequest update;
  update.mutable_location()->set_name(kNy);
  update.mutable_location()->mutable_booking_policy()->mutable_max_advance()->set_seconds(86400);
  update.mutable_update_mask()->add_paths("booking_policy.max_advance");
  ASSERT_TRUE(server_.locations().UpdateLocation(&shrink_ctx, update, &out).ok());
  grpc::ClientContext lead_ctx;
  update.mutable_location()->clear_booking_policy();
  update.mutable_location()->mutable_booking_policy()->mutable_min_lead_time()->set_seconds(172800);
  update.mutable_update_mask()->set_paths(0, "booking_policy.min_lead_time");
  ExpectBadRequest(server_.locations().UpdateLocation(&lead_ctx, update, &out),
                   {"location.booking_policy.max_advance"});
  // The location stays searchable.
  SearchSwedish(server_, kNy, "", Utc(2024, 3, 4), Utc(2024, 3, 5));
}

TEST_F(ValidationTest, PageTokenWithAMalformedCursorIsRefused) {
  // The checksum holds (it detects edits, it is not a secret), so only the
  // cursor's content is wrong: still the caller's bad page_token.
  {
    const std::string filter = "staff_member = \"" + std::string(kBen) + "\"";
    grpc::ClientContext ctx;
    v1::ListAppointmentsRequest req;
    req.set_parent(kNy);
    req.set_filter(filter);
    req.set_page_token(fascia::api::EncodePageToken(
        absl::StrCat("appointments|", kNy, "|", filter), "not-a-time|x"));
    v1::ListAppointmentsResponse out;
    ExpectBadRequest(server_.appointments().ListAppointments(&ctx, req, &out), {"page_token"});
  }
  {
    const absl::Time from = Utc(2024, 3, 4), to = Utc(2024, 3, 5);
    grpc::ClientContext ctx;
    v1::SearchAvailabilityRequest req;
    req.set_location(kNy);
    req.set_service(kSwedish);
    *req.mutable_start_time() = Ts(from);
    *req.mutable_end_time() = Ts(to);
    req.set_page_token(fascia::api::EncodePageToken(
        absl::StrCat("search|", kNy, "|", kSwedish, "||||", absl::ToUnixMicros(from), "|",
                     absl::ToUnixMicros(to)),
        "not-a-time|x"));
    v1::SearchAvailabilityResponse out;
    ExpectBadRequest(server_.appointments().SearchAvailability(&ctx, req, &out), {"page_token"});
  }
  {
    grpc::ClientContext ctx;
    v1::ListAuditEventsRequest req;
    req.set_parent(kOrg);
    req.set_page_token(fascia::api::EncodePageToken(absl::StrCat("audit|", kOrg, "|"), "x"));
    v1::ListAuditEventsResponse out;
    ExpectBadRequest(server_.audit().ListAuditEvents(&ctx, req, &out), {"page_token"});
  }
}

}  // namespace
}  // namespace fascia::testing
