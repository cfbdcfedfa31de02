// See e2e_chain.h. The chain mirrors tests/api/chain_fixture.cc; keep the two
// in step so API and end-to-end tests speak about the same clinic.
#include "e2e_chain.h"

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "rpc_util.h"

namespace fascia::e2e {
namespace {

template <typename T>
T Text(const std::string& text) {
  T message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

std::string EveryDay(const std::string& field, int from, int to, const std::string& extra = "") {
  std::string out;
  for (const char* day :
       {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}) {
    out += field + " { " + extra + (extra.empty() ? "" : " interval { ") + "day: " + day +
           " start { hours: " + std::to_string(from) + " } end { hours: " + std::to_string(to) +
           " } }" + (extra.empty() ? "" : " }") + "\n";
  }
  return out;
}

// Runs `call`, which may use `ctx` (a ClientContext with a deadline); a
// failure is fatal because every later step depends on the earlier ones.
#define E2E_CHECK_OK(call, what)                                                \
  do {                                                                          \
    grpc::ClientContext ctx;                                                    \
    SetDeadline(ctx);                                                           \
    grpc::Status status_ = (call);                                              \
    ASSERT_TRUE(status_.ok()) << "building the chain, " << (what) << ": "       \
                              << Describe(status_);                             \
  } while (false)

}  // namespace

ChainApi::ChainApi(std::shared_ptr<grpc::Channel> c)
    : channel(std::move(c)),
      orgs(v1::OrganizationService::NewStub(channel)),
      locations(v1::LocationService::NewStub(channel)),
      staff(v1::StaffService::NewStub(channel)),
      catalog(v1::CatalogService::NewStub(channel)),
      clients(v1::ClientService::NewStub(channel)),
      appointments(v1::AppointmentService::NewStub(channel)) {}

void BuildChain(ChainApi& api) {
  // organizations/acme itself comes from `fasciad bootstrap` (Fasciad::Bootstrap).
  const std::string policy =
      "booking_policy { max_advance { seconds: 34560000 } slot_interval { seconds: 900 } }";
  struct Loc {
    const char* id;
    const char* tz;
    const char* currency;
  };
  for (const Loc& l : {Loc{"ny", "America/New_York", "USD"}, Loc{"london", "Europe/London", "GBP"}}) {
    v1::CreateLocationRequest req;
    req.set_parent(kOrg);
    req.set_location_id(l.id);
    *req.mutable_location() = Text<v1::Location>(
        std::string("display_name: '") + l.id + "' time_zone: '" + l.tz + "' currency_code: '" +
        l.currency + "' " + policy + "\n" + EveryDay("opening_hours", 8, 20));
    v1::Location out;
    E2E_CHECK_OK(api.locations->CreateLocation(&ctx, req, &out), l.id);
  }
  struct RoomSpec {
    const char* parent;
    const char* id;
    const char* text;
  };
  for (const RoomSpec& r :
       {RoomSpec{kNy, "r1", "display_name: 'Room 1'"},
        RoomSpec{kNy, "r2", "display_name: 'Room 2' features: 'prenatal-bolsters'"},
        RoomSpec{kLondon, "l1", "display_name: 'London 1'"}}) {
    v1::CreateRoomRequest req;
    req.set_parent(r.parent);
    req.set_room_id(r.id);
    *req.mutable_room() = Text<v1::Room>(r.text);
    v1::Room out;
    E2E_CHECK_OK(api.locations->CreateRoom(&ctx, req, &out), r.id);
  }
  struct StaffSpec {
    const char* id;
    const char* location;
    int from, to;
    const char* quals;
  };
  for (const StaffSpec& s :
       {StaffSpec{"ann", kNy, 9, 17,
                  "qualifications { code: 'LMT' } qualifications { code: 'prenatal-certified' }"},
        StaffSpec{"ben", kNy, 9, 17, "qualifications { code: 'LMT' }"},
        StaffSpec{"liz", kLondon, 10, 18, "qualifications { code: 'LMT' }"}}) {
    v1::CreateStaffMemberRequest req;
    req.set_parent(kOrg);
    req.set_staff_member_id(s.id);
    *req.mutable_staff_member() = Text<v1::StaffMember>(
        std::string("display_name: '") + s.id + "' " + s.quals + " locations: '" + s.location +
        "'\n" + EveryDay("shifts", s.from, s.to, std::string("location: '") + s.location + "'"));
    v1::StaffMember out;
    E2E_CHECK_OK(api.staff->CreateStaffMember(&ctx, req, &out), s.id);
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
    v1::CreateServiceRequest req;
    req.set_parent(kOrg);
    req.set_service_id(s.id);
    *req.mutable_service() = Text<v1::Service>(s.text);
    v1::Service out;
    E2E_CHECK_OK(api.catalog->CreateService(&ctx, req, &out), s.id);
  }
  for (const char* id : {"c1", "c2"}) {
    grpc::Status status = CreateClient(api, id, "Client", id);
    ASSERT_TRUE(status.ok()) << "building the chain, client " << id << ": " << Describe(status);
  }
}

absl::Time NextWeekInNewYork(int hour, int days_ahead) {
  absl::TimeZone ny;
  if (!absl::LoadTimeZone("America/New_York", &ny)) ADD_FAILURE() << "no tzdata for New York";
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), ny);
  return absl::FromCivil(absl::CivilHour(today + days_ahead) + hour, ny);
}

google::protobuf::Timestamp Ts(absl::Time t) {
  google::protobuf::Timestamp out;
  out.set_seconds(absl::ToUnixSeconds(t));
  return out;
}

v1::BookAppointmentRequest BookRequest(const std::string& client, const std::string& staff,
                                       const std::string& room, absl::Time start) {
  v1::BookAppointmentRequest req;
  req.set_parent(room.substr(0, room.find("/rooms/")));
  auto* a = req.mutable_appointment();
  a->set_client(client);
  a->set_staff_member(staff);
  a->set_room(room);
  a->set_service(kSwedish);
  *a->mutable_start_time() = Ts(start);
  return req;
}

grpc::Status Book(ChainApi& api, const std::string& client, const std::string& staff,
                  const std::string& room, absl::Time start, v1::Appointment* out) {
  grpc::ClientContext ctx;
  SetDeadline(ctx);
  v1::Appointment local;
  return api.appointments->BookAppointment(&ctx, BookRequest(client, staff, room, start),
                                           out != nullptr ? out : &local);
}

grpc::Status GetAppointment(ChainApi& api, const std::string& name, v1::Appointment* out) {
  grpc::ClientContext ctx;
  SetDeadline(ctx);
  v1::GetAppointmentRequest req;
  req.set_name(name);
  return api.appointments->GetAppointment(&ctx, req, out);
}

grpc::Status GetLocation(ChainApi& api, const std::string& name, v1::Location* out) {
  grpc::ClientContext ctx;
  SetDeadline(ctx);
  v1::GetLocationRequest req;
  req.set_name(name);
  v1::Location local;
  return api.locations->GetLocation(&ctx, req, out != nullptr ? out : &local);
}

grpc::Status CancelAppointment(ChainApi& api, const std::string& name, const std::string& etag,
                               const std::string& reason, v1::Appointment* out) {
  grpc::ClientContext ctx;
  SetDeadline(ctx);
  v1::CancelAppointmentRequest req;
  req.set_name(name);
  req.set_etag(etag);
  req.set_reason(reason);
  return api.appointments->CancelAppointment(&ctx, req, out);
}

grpc::Status CreateClient(ChainApi& api, const std::string& id, const std::string& given_name,
                          const std::string& family_name, v1::Client* out) {
  grpc::ClientContext ctx;
  SetDeadline(ctx);
  v1::CreateClientRequest req;
  req.set_parent(kOrg);
  req.set_client_id(id);
  req.mutable_client()->set_given_name(given_name);
  req.mutable_client()->set_family_name(family_name);
  v1::Client local;
  return api.clients->CreateClient(&ctx, req, out != nullptr ? out : &local);
}

std::vector<v1::Appointment> ListAllAppointments(ChainApi& api, const std::string& parent) {
  std::vector<v1::Appointment> all;
  std::string token;
  do {
    grpc::ClientContext ctx;
    SetDeadline(ctx);
    v1::ListAppointmentsRequest req;
    req.set_parent(parent);
    req.set_page_size(1000);
    req.set_page_token(token);
    v1::ListAppointmentsResponse out;
    grpc::Status status = api.appointments->ListAppointments(&ctx, req, &out);
    EXPECT_TRUE(status.ok()) << "ListAppointments " << parent << ": " << Describe(status);
    if (!status.ok()) break;
    all.insert(all.end(), out.appointments().begin(), out.appointments().end());
    token = out.next_page_token();
  } while (!token.empty());
  return all;
}

}  // namespace fascia::e2e
