// The demo organization; see demo_seed.h.
#include "app/demo_seed.h"

#include <google/protobuf/text_format.h>

#include <fstream>

#include "api/api_keys.h"
#include "api/caller.h"
#include "api/resource_types.h"
#include "app/bootstrap.h"
#include "common/log.h"
#include "common/status_macros.h"

namespace fascia::app {
namespace {

namespace v1 = fascia::v1;

template <typename T>
T Parse(const char* text) {
  T message;
  // The texts below are fixed and tested; a parse failure is a programming error.
  if (!google::protobuf::TextFormat::ParseFromString(text, &message)) std::abort();
  return message;
}

constexpr char kOrg[] = "organizations/demo";
constexpr char kLondon[] = "organizations/demo/locations/london";
constexpr char kNewYork[] = "organizations/demo/locations/new-york";

constexpr char kWeekdayHours[] = R"(
  opening_hours { day: MONDAY start { hours: 9 } end { hours: 19 } }
  opening_hours { day: TUESDAY start { hours: 9 } end { hours: 19 } }
  opening_hours { day: WEDNESDAY start { hours: 9 } end { hours: 19 } }
  opening_hours { day: THURSDAY start { hours: 9 } end { hours: 19 } }
  opening_hours { day: FRIDAY start { hours: 9 } end { hours: 19 } }
  opening_hours { day: SATURDAY start { hours: 10 } end { hours: 16 } }
  booking_policy { min_lead_time { seconds: 3600 } max_advance { seconds: 7776000 } slot_interval { seconds: 900 } }
)";

// Seeding is resumable: each resource has a fixed id, and one that already
// exists (from an earlier, perhaps interrupted, start) is left as it is.
absl::Status Created(const absl::Status& status) {
  return absl::IsAlreadyExists(status) ? absl::OkStatus() : status;
}

// The demo owner key lives in a file in the data directory (mode 0600), never
// in the log. A file whose key no longer authenticates (a wiped database) is
// replaced.
absl::Status EnsureDemoKey(const api::ApiContext& ctx, const std::string& key_file) {
  std::ifstream in(key_file);
  std::string token;
  if (in && std::getline(in, token) &&
      api::Authenticate(*ctx.db, nullptr, "Bearer " + token, ctx.clock()).ok()) {
    return absl::OkStatus();
  }
  ASSIGN_OR_RETURN(std::string fresh, BootstrapOwnerKey(ctx, "demo", "", "demo owner key"));
  return WriteKeyFile(key_file, fresh);
}

}  // namespace

absl::Status SeedDemo(const api::ApiContext& ctx, const std::string& key_file) {
  auto system = api::Caller::ForSystem(kOrg, "fasciad seed-demo", ctx.clock());
  api::Caller& caller = *system;
  api::ResourceCrud<v1::Organization> orgs(*ctx.db, api::OrganizationType(), ctx.clock);
  api::ResourceCrud<v1::Location> locations(*ctx.db, api::LocationType(), ctx.clock);
  api::ResourceCrud<v1::Room> rooms(*ctx.db, api::RoomType(), ctx.clock);
  api::ResourceCrud<v1::StaffMember> staff(*ctx.db, api::StaffMemberType(), ctx.clock);
  api::ResourceCrud<v1::Service> services(*ctx.db, api::ServiceType(), ctx.clock);
  api::ResourceCrud<v1::Client> clients(*ctx.db, api::ClientType(), ctx.clock);

  RETURN_IF_ERROR(Created(orgs.Create(caller, "", Parse<v1::Organization>("display_name: 'Demo Massage Co.'"), "demo", "")
          .status()));
  v1::Location london = Parse<v1::Location>(kWeekdayHours);
  london.set_display_name("London Soho");
  london.set_time_zone("Europe/London");
  london.set_currency_code("GBP");
  london.mutable_address()->set_region_code("GB");
  london.mutable_address()->add_address_lines("12 Greek Street");
  london.mutable_address()->set_locality("London");
  RETURN_IF_ERROR(Created(locations.Create(caller, kOrg, london, "london", "").status()));
  v1::Location new_york = Parse<v1::Location>(kWeekdayHours);
  new_york.set_display_name("New York Chelsea");
  new_york.set_time_zone("America/New_York");
  new_york.set_currency_code("USD");
  new_york.mutable_address()->set_region_code("US");
  new_york.mutable_address()->add_address_lines("200 W 20th St");
  new_york.mutable_address()->set_locality("New York");
  new_york.mutable_address()->set_administrative_area("NY");
  RETURN_IF_ERROR(Created(locations.Create(caller, kOrg, new_york, "new-york", "").status()));

  for (const char* location : {kLondon, kNewYork}) {
    RETURN_IF_ERROR(Created(rooms.Create(caller, location, Parse<v1::Room>("display_name: 'Room 1'"), "room-1", "")
                        .status()));
    RETURN_IF_ERROR(Created(rooms.Create(caller, location,
                     Parse<v1::Room>("display_name: 'Prenatal suite' features: 'prenatal-bolsters'"
                                     " features: 'hot-stone-heater'"),
                     "prenatal-suite", "")
            .status()));
  }

  const char* kShifts = R"(
    shifts { location: '%s' interval { day: MONDAY start { hours: 9 } end { hours: 17 } } }
    shifts { location: '%s' interval { day: TUESDAY start { hours: 9 } end { hours: 17 } } }
    shifts { location: '%s' interval { day: WEDNESDAY start { hours: 9 } end { hours: 17 } } }
    shifts { location: '%s' interval { day: THURSDAY start { hours: 11 } end { hours: 19 } } }
    shifts { location: '%s' interval { day: FRIDAY start { hours: 11 } end { hours: 19 } } }
    breaks { day: MONDAY start { hours: 13 } end { hours: 13 minutes: 30 } }
    breaks { day: TUESDAY start { hours: 13 } end { hours: 13 minutes: 30 } }
    breaks { day: WEDNESDAY start { hours: 13 } end { hours: 13 minutes: 30 } }
  )";
  struct Therapist {
    const char* id;
    const char* name;
    const char* location;
    const char* qualifications;
  };
  const Therapist therapists[] = {
      {"alice", "Alice Moreau", kLondon,
       "qualifications { code: 'LMT' issuer: 'CNHC' } qualifications { code: 'prenatal-certified' issuer: 'CNHC' }"},
      {"bea", "Bea Okafor", kLondon, "qualifications { code: 'LMT' issuer: 'CNHC' }"},
      {"carlos", "Carlos Diaz", kNewYork,
       "qualifications { code: 'LMT' issuer: 'NYSED' } qualifications { code: 'CLT' issuer: 'NLA' }"},
  };
  for (const Therapist& t : therapists) {
    std::string shifts = kShifts;
    for (size_t at; (at = shifts.find("%s")) != std::string::npos;) shifts.replace(at, 2, t.location);
    v1::StaffMember member = Parse<v1::StaffMember>(
        (std::string(t.qualifications) + shifts).c_str());
    member.set_display_name(t.name);
    member.add_locations(t.location);
    RETURN_IF_ERROR(Created(staff.Create(caller, kOrg, member, t.id, "").status()));
  }

  struct Offer {
    const char* id;
    const char* text;
  };
  const Offer offers[] = {
      {"swedish-60",
       "display_name: 'Swedish massage, 60 min' modality_code: 'swedish' duration { seconds: 3600 }"
       " buffer_after { seconds: 900 } required_qualifications: 'LMT'"
       " prices { location: 'organizations/demo/locations/london' price { currency_code: 'GBP' amount_minor: 7000 } }"
       " prices { location: 'organizations/demo/locations/new-york' price { currency_code: 'USD' amount_minor: 12000 } }"},
      {"prenatal-60",
       "display_name: 'Prenatal massage, 60 min' modality_code: 'prenatal' duration { seconds: 3600 }"
       " buffer_before { seconds: 600 } buffer_after { seconds: 900 }"
       " required_qualifications: 'prenatal-certified' required_room_features: 'prenatal-bolsters'"
       " prices { location: 'organizations/demo/locations/london' price { currency_code: 'GBP' amount_minor: 8000 } }"},
      {"hot-stone-90",
       "display_name: 'Hot stone, 90 min' modality_code: 'hot-stone' duration { seconds: 5400 }"
       " buffer_before { seconds: 900 } buffer_after { seconds: 900 }"
       " required_room_features: 'hot-stone-heater'"
       " prices { location: 'organizations/demo/locations/london' price { currency_code: 'GBP' amount_minor: 11000 } }"
       " prices { location: 'organizations/demo/locations/new-york' price { currency_code: 'USD' amount_minor: 17500 } }"},
      {"lymphatic-60",
       "display_name: 'Manual lymphatic drainage, 60 min' modality_code: 'lymphatic'"
       " duration { seconds: 3600 } buffer_after { seconds: 600 } required_qualifications: 'CLT'"
       " prices { location: 'organizations/demo/locations/new-york' price { currency_code: 'USD' amount_minor: 13000 } }"},
  };
  for (const Offer& o : offers) {
    RETURN_IF_ERROR(Created(services.Create(caller, kOrg, Parse<v1::Service>(o.text), o.id, "").status()));
  }

  RETURN_IF_ERROR(Created(clients
                      .Create(caller, kOrg,
                              Parse<v1::Client>("given_name: 'Dana' family_name: 'Whitfield'"
                                                " email: 'dana@example.com' phone: '+447700900123'"
                                                " birth_date { year: 1988 month: 4 day: 12 }"),
                              "dana", "")
                      .status()));
  RETURN_IF_ERROR(Created(clients
                      .Create(caller, kOrg,
                              Parse<v1::Client>("given_name: 'Eli' family_name: 'Park'"
                                                " email: 'eli@example.com' phone: '+12125550123'"),
                              "eli", "")
                      .status()));
  RETURN_IF_ERROR(EnsureDemoKey(ctx, key_file));
  Log(LogLevel::kInfo, "demo_ready", {{"organization", kOrg}, {"owner_key_file", key_file}});
  return absl::OkStatus();
}

}  // namespace fascia::app
