// The test chain; see chain_fixture.h.
#include "chain_fixture.h"

#include <google/protobuf/text_format.h>

#include "support/postgres_test_db.h"

namespace fascia::testing {

template <typename T>
T Text(const std::string& text) {
  T message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

template v1::Location Text<v1::Location>(const std::string&);
template v1::Room Text<v1::Room>(const std::string&);
template v1::StaffMember Text<v1::StaffMember>(const std::string&);
template v1::Service Text<v1::Service>(const std::string&);
template v1::Client Text<v1::Client>(const std::string&);

namespace {

std::string EveryDay(const std::string& field, int from, int to, const std::string& extra = "") {
  std::string out;
  for (const char* day : {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}) {
    out += field + " { " + extra + (extra.empty() ? "" : " interval { ") + "day: " + day +
           " start { hours: " + std::to_string(from) + " } end { hours: " + std::to_string(to) +
           " } }" + (extra.empty() ? "" : " }") + "\n";
  }
  return out;
}

void Check(const grpc::Status& s, const std::string& what) {
  ASSERT_TRUE(s.ok()) << what << ": " << s.error_message();
}

}  // namespace

void ChainOnEngineTest::SetUp() {
  std::string url;
  if (GetParam() == storage::Engine::kPostgres) {
    FASCIA_ASSIGN_FRESH_POSTGRES_URL(url);
  }
  server_ = std::make_unique<TestServer>(GetParam(), url);
  BuildChain(*server_);
}

void BuildChain(TestServer& server) {
  // organizations/acme itself exists from the server's start (bootstrap).
  const std::string policy =
      "booking_policy { max_advance { seconds: 34560000 } slot_interval { seconds: 900 } }";
  struct Loc {
    const char* id;
    const char* tz;
    const char* currency;
  };
  for (const Loc& l : {Loc{"ny", "America/New_York", "USD"}, Loc{"london", "Europe/London", "GBP"}}) {
    grpc::ClientContext ctx;
    v1::CreateLocationRequest req;
    req.set_parent(kOrg);
    req.set_location_id(l.id);
    *req.mutable_location() = Text<v1::Location>(
        std::string("display_name: '") + l.id + "' time_zone: '" + l.tz + "' currency_code: '" +
        l.currency + "' " + policy + "\n" + EveryDay("opening_hours", 8, 20));
    v1::Location out;
    Check(server.locations().CreateLocation(&ctx, req, &out), l.id);
  }
  struct RoomSpec {
    const char* parent;
    const char* id;
    const char* text;
  };
  for (const RoomSpec& r : {RoomSpec{kNy, "r1", "display_name: 'Room 1'"},
                            RoomSpec{kNy, "r2", "display_name: 'Room 2' features: 'prenatal-bolsters'"},
                            RoomSpec{kLondon, "l1", "display_name: 'London 1'"}}) {
    grpc::ClientContext ctx;
    v1::CreateRoomRequest req;
    req.set_parent(r.parent);
    req.set_room_id(r.id);
    *req.mutable_room() = Text<v1::Room>(r.text);
    v1::Room out;
    Check(server.locations().CreateRoom(&ctx, req, &out), r.id);
  }
  struct StaffSpec {
    const char* id;
    const char* location;
    int from, to;
    const char* quals;
  };
  for (const StaffSpec& s :
       {StaffSpec{"ann", kNy, 9, 17, "qualifications { code: 'LMT' } qualifications { code: 'prenatal-certified' }"},
        StaffSpec{"ben", kNy, 9, 17, "qualifications { code: 'LMT' }"},
        StaffSpec{"liz", kLondon, 10, 18, "qualifications { code: 'LMT' }"}}) {
    grpc::ClientContext ctx;
    v1::CreateStaffMemberRequest req;
    req.set_parent(kOrg);
    req.set_staff_member_id(s.id);
    *req.mutable_staff_member() = Text<v1::StaffMember>(
        std::string("display_name: '") + s.id + "' " + s.quals + " locations: '" + s.location +
        "'\n" + EveryDay("shifts", s.from, s.to, std::string("location: '") + s.location + "'"));
    v1::StaffMember out;
    Check(server.staff().CreateStaffMember(&ctx, req, &out), s.id);
  }
  struct ServiceSpec {
    const char* id;
    const char* text;
  };
  for (const ServiceSpec& s :
       {ServiceSpec{"swedish",
                    "display_name: 'Swedish' modality_code: 'swedish' duration { seconds: 3600 }"
                    " buffer_before { seconds: 900 } buffer_after { seconds: 900 }"
                    " required_qualifications: 'LMT'"
                    " prices { location: 'organizations/acme/locations/ny' price { currency_code: 'USD' amount_minor: 12000 } }"
                    " prices { location: 'organizations/acme/locations/london' price { currency_code: 'GBP' amount_minor: 7000 } }"},
        ServiceSpec{"prenatal",
                    "display_name: 'Prenatal' modality_code: 'prenatal' duration { seconds: 3600 }"
                    " required_qualifications: 'prenatal-certified' required_room_features: 'prenatal-bolsters'"
                    " prices { location: 'organizations/acme/locations/ny' price { currency_code: 'USD' amount_minor: 13000 } }"}}) {
    grpc::ClientContext ctx;
    v1::CreateServiceRequest req;
    req.set_parent(kOrg);
    req.set_service_id(s.id);
    *req.mutable_service() = Text<v1::Service>(s.text);
    v1::Service out;
    Check(server.catalog().CreateService(&ctx, req, &out), s.id);
  }
  for (const char* id : {"c1", "c2"}) {
    grpc::ClientContext ctx;
    v1::CreateClientRequest req;
    req.set_parent(kOrg);
    req.set_client_id(id);
    *req.mutable_client() = Text<v1::Client>(std::string("given_name: 'Client' family_name: '") + id + "'");
    v1::Client out;
    Check(server.clients().CreateClient(&ctx, req, &out), id);
  }
}

grpc::Status Book(TestServer& server, const std::string& client, const std::string& staff,
                  const std::string& room, absl::Time start, const std::string& service,
                  v1::Appointment* out, const std::string& request_id) {
  grpc::ClientContext ctx;
  v1::BookAppointmentRequest req;
  // The room's name says which location it belongs to.
  req.set_parent(room.substr(0, room.find("/rooms/")));
  req.set_request_id(request_id);
  auto* a = req.mutable_appointment();
  a->set_client(client);
  a->set_staff_member(staff);
  a->set_room(room);
  a->set_service(service);
  *a->mutable_start_time() = Ts(start);
  v1::Appointment local;
  return server.appointments().BookAppointment(&ctx, req, out ? out : &local);
}

v1::SearchAvailabilityResponse SearchSwedish(TestServer& server, const std::string& location,
                                             const std::string& staff, absl::Time from,
                                             absl::Time to, int page_size,
                                             const std::string& page_token) {
  grpc::ClientContext ctx;
  v1::SearchAvailabilityRequest req;
  req.set_location(location);
  req.set_service(kSwedish);
  req.set_staff_member(staff);
  *req.mutable_start_time() = Ts(from);
  *req.mutable_end_time() = Ts(to);
  req.set_page_size(page_size);
  req.set_page_token(page_token);
  v1::SearchAvailabilityResponse out;
  grpc::Status status = server.appointments().SearchAvailability(&ctx, req, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

std::vector<NamedSlot> NamedSlots(const v1::SearchAvailabilityResponse& response) {
  auto at = [](const auto& names, int index) {
    EXPECT_TRUE(index >= 0 && index < names.size()) << "position " << index;
    return index >= 0 && index < names.size() ? names.Get(index) : std::string();
  };
  std::vector<NamedSlot> out;
  for (const v1::AvailableSlot& slot : response.slots()) {
    EXPECT_FALSE(slot.offers().empty()) << "a slot without offers";
    for (const v1::SlotOffer& offer : slot.offers()) {
      out.push_back({FromTs(slot.start_time()), FromTs(slot.end_time()),
                     at(response.staff_members(), offer.staff_member_index()),
                     at(response.rooms(), offer.room_index())});
    }
  }
  return out;
}

}  // namespace fascia::testing
