// fasciactl against a real fasciad (fresh SQLite, demo data): create, list,
// get, update and delete every resource; JSON output parsed back into the
// API messages; availability, booking at a local time, cancel; server errors
// with their reasons and field violations; paging; the clinical record
// (health history, consents, notes by a therapist key), export and erasure.
#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "cli_harness.h"
#include "fascia/v1/access_service.pb.h"
#include "fascia/v1/appointment_service.pb.h"
#include "fascia/v1/audit_service.pb.h"
#include "fascia/v1/catalog_service.pb.h"
#include "fascia/v1/client_service.pb.h"
#include "fascia/v1/consent_service.pb.h"
#include "fascia/v1/location_service.pb.h"
#include "fascia/v1/note_service.pb.h"
#include "fascia/v1/organization_service.pb.h"
#include "fascia/v1/staff_service.pb.h"
#include "output.h"
#include "slots.h"
#include "times.h"

namespace fascia::cli_test {
namespace {

namespace v1 = fascia::v1;
using ::testing::HasSubstr;
using ::testing::Not;

class CliServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start());
    // Connection, organization and key come from contexts, as an admin sets
    // up; "test" (acme's OWNER key) is current, "demo" is the seeded demo.
    CliResult r = cli_.Run({"config", "set-context", "test", "--server", server_.address(), "--org",
                            "acme", "--api-key-file", server_.acme_key()});
    ASSERT_EQ(r.code, 0) << r;
    r = cli_.Run({"config", "set-context", "demo", "--server", server_.address(), "--org", "demo",
                  "--api-key-file", server_.demo_key()});
    ASSERT_EQ(r.code, 0) << r;
  }

  // Runs and expects exit 0.
  CliResult Ok(const std::vector<std::string>& args) {
    CliResult r = cli_.Run(args);
    EXPECT_EQ(r.code, 0) << r;
    return r;
  }

  // The chain used by the booking tests: organizations/acme (made by
  // `fasciad bootstrap`), a London location
  // open every day, one room, one therapist on shift every day, a service
  // with a price there, one client. No lead time, a long window.
  void CreateChain() {
    Ok({"locations",
        "create",
        "--id",
        "soho",
        "--display-name",
        "Soho",
        "--time-zone",
        "Europe/London",
        "--currency",
        "GBP",
        "--hours",
        "daily 08:00-20:00",
        "--min-lead-time",
        "0",
        "--max-advance",
        "400d",
        "--address-line",
        "12 Greek Street",
        "--locality",
        "London",
        "--region-code",
        "GB"});
    Ok({"rooms", "create", "room-1", "--location", "soho", "--display-name", "Room 1", "--features",
        "prenatal-bolsters,hot-stone-heater"});
    Ok({"staff", "create", "--id", "ann", "--display-name", "Ann Lee", "--qualification",
        "LMT@CNHC", "--shift", "soho=daily 09:00-17:00", "--breaks", "mon-fri 13:00-13:30"});
    Ok({"services", "create", "--id", "swedish-60", "--display-name", "Swedish, 60 min",
        "--modality", "swedish", "--duration", "60m", "--buffer-after", "15m", "--price",
        "soho=GBP:70.00", "--required-qualifications", "LMT"});
    Ok({"clients", "create", "--id", "jo", "--given-name", "Jo", "--family-name", "Bloggs",
        "--email", "jo@example.com", "--phone", "+447700900456", "--birth-date", "1990-05-17"});
    Ok({"clients", "create", "--id", "max", "--given-name", "Max", "--family-name", "Power"});
  }

  // A London local day about a week ahead (inside the booking window).
  static absl::CivilDay NextWeekInLondon() {
    absl::TimeZone london = *fasciactl::LoadZone("Europe/London");
    return absl::ToCivilDay(absl::Now(), london) + 7;
  }

  CliServer server_;
  Cli cli_{server_.dir()};
};

TEST_F(CliServerTest, CreateListGetUpdateDeleteEveryResource) {
  CreateChain();
  if (HasFailure()) return;

  // Tables show short ids.
  CliResult r = Ok({"locations", "list"});
  EXPECT_THAT(r.out, HasSubstr("ID     DISPLAY NAME   TIME ZONE       CURRENCY"));
  EXPECT_THAT(r.out, HasSubstr("soho   Soho           Europe/London   GBP"));
  EXPECT_THAT(Ok({"rooms", "list", "--location", "soho"}).out, HasSubstr("room-1   Room 1"));
  EXPECT_THAT(Ok({"staff", "list"}).out, HasSubstr("ann   Ann Lee        soho        LMT"));
  EXPECT_THAT(Ok({"services", "list"}).out, HasSubstr("soho GBP 70.00"));
  EXPECT_THAT(Ok({"clients", "list"}).out, HasSubstr("jo    Jo           Bloggs"));
  EXPECT_THAT(Ok({"organizations", "list"}).out, HasSubstr("acme   Acme Massage"));

  // -o wide adds columns, including the full name.
  r = Ok({"locations", "list", "-o", "wide"});
  EXPECT_THAT(r.out, HasSubstr("daily 08:00-20:00"));
  EXPECT_THAT(r.out, HasSubstr("organizations/acme/locations/soho"));
  EXPECT_THAT(Ok({"staff", "get", "ann", "-o", "wide"}).out,
              HasSubstr("soho: daily 09:00-17:00   mon-fri 13:00-13:30"));

  // -o json is the List response in the protobuf JSON mapping.
  v1::ListLocationsResponse locations;
  ASSERT_TRUE(ParseJson(Ok({"locations", "list", "-o", "json"}).out, &locations));
  ASSERT_EQ(locations.locations_size(), 1);
  EXPECT_EQ(locations.locations(0).name(), "organizations/acme/locations/soho");
  EXPECT_EQ(locations.locations(0).time_zone(), "Europe/London");
  EXPECT_EQ(locations.locations(0).opening_hours_size(), 7);
  EXPECT_EQ(locations.locations(0).booking_policy().max_advance().seconds(), 400 * 86400);
  EXPECT_EQ(locations.locations(0).address().address_lines(0), "12 Greek Street");

  v1::ListRoomsResponse rooms;
  ASSERT_TRUE(ParseJson(Ok({"rooms", "list", "--location", "soho", "-o", "json"}).out, &rooms));
  ASSERT_EQ(rooms.rooms_size(), 1);
  EXPECT_THAT(rooms.rooms(0).features(),
              ::testing::ElementsAre("prenatal-bolsters", "hot-stone-heater"));

  v1::ListStaffMembersResponse staff;
  ASSERT_TRUE(ParseJson(Ok({"staff", "list", "-o", "json"}).out, &staff));
  ASSERT_EQ(staff.staff_members_size(), 1);
  EXPECT_EQ(staff.staff_members(0).qualifications(0).issuer(), "CNHC");
  EXPECT_EQ(staff.staff_members(0).shifts_size(), 7);
  EXPECT_THAT(staff.staff_members(0).locations(),
              ::testing::ElementsAre("organizations/acme/locations/soho"));

  v1::Service service;
  ASSERT_TRUE(ParseJson(Ok({"services", "get", "swedish-60", "-o", "json"}).out, &service));
  EXPECT_EQ(service.duration().seconds(), 3600);
  EXPECT_EQ(service.buffer_after().seconds(), 900);
  ASSERT_EQ(service.prices_size(), 1);
  EXPECT_EQ(service.prices(0).price().amount_minor(), 7000);
  EXPECT_EQ(service.prices(0).price().currency_code(), "GBP");

  v1::ListClientsResponse clients;
  ASSERT_TRUE(
      ParseJson(Ok({"clients", "list", "--email", "JO@example.com", "-o", "json"}).out, &clients));
  ASSERT_EQ(clients.clients_size(), 1);
  EXPECT_EQ(clients.clients(0).birth_date().year(), 1990);

  // -o yaml and -o name.
  r = Ok({"locations", "get", "soho", "-o", "yaml"});
  EXPECT_THAT(r.out, HasSubstr("timeZone: Europe/London\n"));
  EXPECT_THAT(r.out, HasSubstr("openingHours:\n- day: MONDAY\n"));
  EXPECT_EQ(Ok({"rooms", "list", "--location", "soho", "-o", "name"}).out,
            "organizations/acme/locations/soho/rooms/room-1\n");

  // update sends a mask of just the flags given: the rest stays.
  r = Ok({"locations", "update", "soho", "--display-name", "Soho Square", "-o", "json"});
  v1::Location updated;
  ASSERT_TRUE(ParseJson(r.out, &updated));
  EXPECT_EQ(updated.display_name(), "Soho Square");
  EXPECT_EQ(updated.time_zone(), "Europe/London");
  EXPECT_EQ(updated.opening_hours_size(), 7);
  EXPECT_EQ(updated.address().locality(), "London");
  Ok({"locations", "update", "organizations/acme/locations/soho", "--locality", "Westminster"});
  ASSERT_TRUE(ParseJson(Ok({"locations", "get", "soho", "-o", "json"}).out, &updated));
  EXPECT_EQ(updated.address().locality(), "Westminster");
  EXPECT_EQ(updated.address().address_lines(0), "12 Greek Street");

  // update from a file: its top-level keys are the mask.
  const std::string file = server_.dir() + "/client.json";
  FILE* f = std::fopen(file.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs(R"({"phone": "+447700900999", "email": "jo.bloggs@example.com"})", f);
  std::fclose(f);
  v1::Client client;
  ASSERT_TRUE(
      ParseJson(Ok({"clients", "update", "jo", "--from-file", file, "-o", "json"}).out, &client));
  EXPECT_EQ(client.phone(), "+447700900999");
  EXPECT_EQ(client.email(), "jo.bloggs@example.com");
  EXPECT_EQ(client.given_name(), "Jo");

  // A stale etag is refused by the server (exit 1, reason printed).
  r = cli_.Run({"clients", "update", "jo", "--given-name", "Joe", "--etag", "1"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("ABORTED"));
  EXPECT_THAT(r.err, HasSubstr("reason: ETAG_MISMATCH (fascia.dev)"));

  // delete is soft: gone from list, back with --show-deleted, get still works.
  r = Ok({"rooms", "delete", "room-1", "--location", "soho", "-o", "json"});
  v1::Room deleted;
  ASSERT_TRUE(ParseJson(r.out, &deleted));
  EXPECT_TRUE(deleted.has_delete_time());
  r = Ok({"rooms", "list", "--location", "soho"});
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("No rooms found."));
  EXPECT_THAT(Ok({"rooms", "list", "--location", "soho", "--show-deleted"}).out,
              HasSubstr("room-1"));
  EXPECT_THAT(Ok({"rooms", "get", "room-1", "--location", "soho", "-o", "wide"}).out,
              HasSubstr("Z"));

  // NOT_FOUND is a server error: exit 1.
  r = cli_.Run({"clients", "get", "nobody"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("NOT_FOUND"));
}

TEST_F(CliServerTest, ServerInvalidArgumentPrintsEachFieldViolation) {
  CliResult r = cli_.Run({"locations", "create", "--id", "bad", "--time-zone", "Mars/Olympus_Mons",
                          "--currency", "GBP"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("Error: INVALID_ARGUMENT"));
  EXPECT_THAT(r.err, HasSubstr("location.time_zone: "));
  EXPECT_THAT(r.err, HasSubstr("Mars/Olympus_Mons"));

  // Two bad fields, two lines.
  r = cli_.Run({"locations", "create", "--id", "Bad_Id", "--time-zone", "Europe/London"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("location_id: "));
  EXPECT_THAT(r.err, HasSubstr("location.currency_code: "));
}

TEST_F(CliServerTest, SearchBookAtLocalTimeAndCancel) {
  CreateChain();
  if (HasFailure()) return;
  const absl::CivilDay day = NextWeekInLondon();
  const std::string date = absl::FormatCivilTime(day);
  const absl::TimeZone london = *fasciactl::LoadZone("Europe/London");
  const absl::Time ten =
      london.At(absl::CivilSecond(day.year(), day.month(), day.day(), 10, 0, 0)).pre;

  // Availability in local time: the 10:00 slot is offered with ann in room-1.
  CliResult r = Ok(
      {"availability", "search", "--location", "soho", "--service", "swedish-60", "--date", date});
  const std::string zone_abbreviation = absl::FormatTime("%Z", ten, london);
  EXPECT_THAT(
      r.out, HasSubstr(absl::StrCat(date, " 10:00 ", zone_abbreviation, " (Europe/London)   11:00 ",
                                    zone_abbreviation, "   ann     room-1")));
  v1::SearchAvailabilityResponse slots;
  ASSERT_TRUE(ParseJson(Ok({"availability", "search", "--location", "soho", "--service",
                            "swedish-60", "--date", date, "--all", "-o", "json"})
                            .out,
                        &slots));
  EXPECT_EQ(slots.time_zone(), "Europe/London");
  ASSERT_GT(slots.slots_size(), 0);
  EXPECT_EQ(fasciactl::FromTimestamp(slots.slots(0).start_time()),
            london.At(absl::CivilSecond(day.year(), day.month(), day.day(), 9, 0, 0)).pre);
  bool offered = false;
  for (const auto& s : slots.slots()) {
    for (const auto& offer : s.offers()) {
      offered |= fasciactl::FromTimestamp(s.start_time()) == ten &&
                 fasciactl::OfferStaffMember(slots, offer) == "organizations/acme/staff/ann" &&
                 fasciactl::OfferRoom(slots, offer) == "organizations/acme/locations/soho/rooms/room-1";
    }
  }
  EXPECT_TRUE(offered);

  // Book at 10:00 local: the stored instant is 10:00 in London, not in the
  // machine's zone (TZ=Pacific/Auckland for fasciactl) nor UTC.
  r = Ok({"appointments", "book", "--location", "soho", "--client", "jo", "--service", "swedish-60",
          "--staff", "ann", "--room", "room-1", "--start", date + "T10:00", "-o", "json"});
  v1::Appointment booked;
  ASSERT_TRUE(ParseJson(r.out, &booked));
  EXPECT_EQ(fasciactl::FromTimestamp(booked.start_time()), ten) << r;
  EXPECT_EQ(fasciactl::FromTimestamp(booked.end_time()), ten + absl::Hours(1));
  EXPECT_EQ(booked.status(), v1::BOOKED);
  EXPECT_EQ(booked.staff_member(), "organizations/acme/staff/ann");
  const std::string id = fasciactl::LastSegment(booked.name());

  // The table shows it in London time with the zone.
  r = Ok({"appointments", "get", id, "--location", "soho"});
  EXPECT_THAT(r.out,
              HasSubstr(absl::StrCat(date, " 10:00 ", zone_abbreviation, " (Europe/London)")));
  EXPECT_THAT(r.out, HasSubstr("BOOKED"));
  EXPECT_THAT(
      Ok({"appointments", "list", "--location", "soho", "--from", date, "--status", "booked"}).out,
      HasSubstr(id));
  EXPECT_THAT(Ok({"appointments", "list", "--staff", "ann"}).out, HasSubstr(id));  // every location

  // The same slot for another client: the server's reason is printed.
  r = cli_.Run({"appointments", "book", "--location", "soho", "--client", "max", "--service",
                "swedish-60", "--staff", "ann", "--room", "room-1", "--start", date + "T10:00"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("FAILED_PRECONDITION"));
  EXPECT_THAT(r.err, HasSubstr("reason: STAFF_BUSY"));

  // Without --staff/--room the first free pair is picked; an explicit offset
  // is taken as given.
  const absl::Time fifteen_utc = absl::FromCivil(
      absl::CivilSecond(day.year(), day.month(), day.day(), 14, 0, 0), absl::UTCTimeZone());
  r = Ok({"appointments", "book", "--location", "soho", "--client", "max", "--service",
          "swedish-60", "--start", date + "T14:00Z", "-o", "json"});
  v1::Appointment second;
  ASSERT_TRUE(ParseJson(r.out, &second));
  EXPECT_EQ(fasciactl::FromTimestamp(second.start_time()), fifteen_utc);
  EXPECT_EQ(second.room(), "organizations/acme/locations/soho/rooms/room-1");

  // Cancel with a reason.
  r = Ok({"appointments", "cancel", id, "--location", "soho", "--reason", "client is ill", "-o",
          "json"});
  v1::Appointment cancelled;
  ASSERT_TRUE(ParseJson(r.out, &cancelled));
  EXPECT_EQ(cancelled.status(), v1::CANCELLED);
  EXPECT_EQ(cancelled.cancellation_reason(), "client is ill");
  r = Ok({"appointments", "list", "--location", "soho", "--status", "cancelled", "-o", "wide"});
  EXPECT_THAT(r.out, HasSubstr("CANCELLED"));
  EXPECT_THAT(r.out, HasSubstr("client is ill"));

  // An illegal transition is refused with its reason.
  r = cli_.Run({"appointments", "complete", booked.name()});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("INVALID_STATUS_TRANSITION"));

  // Reschedule the second one to 15:00 local, then walk it through arrival.
  r = Ok({"appointments", "reschedule", second.name(), "--start", date + "T15:00", "-o", "json"});
  v1::Appointment moved;
  ASSERT_TRUE(ParseJson(r.out, &moved));
  EXPECT_EQ(fasciactl::FromTimestamp(moved.start_time()),
            london.At(absl::CivilSecond(day.year(), day.month(), day.day(), 15, 0, 0)).pre);
  EXPECT_EQ(moved.replaces(), second.name());
  EXPECT_THAT(Ok({"appointments", "arrive", moved.name()}).out, HasSubstr("ARRIVED"));
  EXPECT_THAT(Ok({"appointments", "check-in", moved.name()}).out, HasSubstr("CHECKED_IN"));
  EXPECT_THAT(Ok({"appointments", "complete", moved.name()}).out, HasSubstr("FULFILLED"));
}

TEST_F(CliServerTest, PagingWithAllAndDemoData) {
  // The demo organization seeded by --seed_demo has three therapists.
  CliResult r = Ok({"staff", "list", "--context", "demo", "--page-size", "1"});
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2) << r;  // header + 1 row
  EXPECT_THAT(r.err, HasSubstr("More results: add --all, or --page-token "));

  r = Ok({"staff", "list", "--context", "demo", "--page-size", "1", "--all"});
  EXPECT_THAT(r.out, HasSubstr("alice"));
  EXPECT_THAT(r.out, HasSubstr("bea"));
  EXPECT_THAT(r.out, HasSubstr("carlos"));
  EXPECT_EQ(r.err, "");

  v1::ListStaffMembersResponse all;
  ASSERT_TRUE(ParseJson(
      Ok({"staff", "list", "--context", "demo", "--page-size", "1", "--all", "-o", "json"}).out,
      &all));
  EXPECT_EQ(all.staff_members_size(), 3);
  EXPECT_EQ(all.next_page_token(), "");

  v1::ListStaffMembersResponse first;
  ASSERT_TRUE(ParseJson(
      Ok({"staff", "list", "--context", "demo", "--page-size", "2", "-o", "json"}).out, &first));
  EXPECT_EQ(first.staff_members_size(), 2);
  ASSERT_NE(first.next_page_token(), "");
  v1::ListStaffMembersResponse rest;
  ASSERT_TRUE(ParseJson(Ok({"staff", "list", "--context", "demo", "--page-size", "2",
                            "--page-token", first.next_page_token(), "-o", "json"})
                            .out,
                        &rest));
  ASSERT_EQ(rest.staff_members_size(), 1);
  EXPECT_EQ(rest.staff_members(0).name(), "organizations/demo/staff/carlos");

  // A server-side filter passes through.
  r = Ok({"staff", "list", "--context", "demo", "--filter", "qualifications = \"CLT\""});
  EXPECT_THAT(r.out, HasSubstr("carlos"));
  EXPECT_THAT(r.out, Not(HasSubstr("alice")));
  r = Ok({"services", "list", "--context", "demo", "-o", "wide"});
  EXPECT_THAT(r.out, HasSubstr("london GBP 70.00, new-york USD 120.00"));
}

TEST_F(CliServerTest, AuthenticationAndPermissionErrors) {
  // No key at all (an empty config, no --api-key-file): UNAUTHENTICATED.
  CliResult r = cli_.Run({"organizations", "get", "acme", "--server", server_.address()},
                         {"FASCIA_CONFIG=" + server_.dir() + "/none.json"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("UNAUTHENTICATED"));

  // Organizations are made by `fasciad bootstrap`, not by a key.
  r = cli_.Run({"organizations", "create", "--id", "other", "--display-name", "Other"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("PERMISSION_DENIED"));

  // A key of one organization cannot touch another.
  r = cli_.Run({"staff", "list", "--org", "demo"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("PERMISSION_DENIED"));

  // The key file from the environment works like the context's.
  r = cli_.Run({"organizations", "get", "demo", "--server", server_.address()},
               {"FASCIA_CONFIG=" + server_.dir() + "/none.json",
                "FASCIA_API_KEY_FILE=" + server_.demo_key()});
  EXPECT_EQ(r.code, 0) << r;
  EXPECT_THAT(r.out, HasSubstr("Demo Massage Co."));
}

TEST_F(CliServerTest, ApiKeysRolesAndAudit) {
  CreateChain();
  if (HasFailure()) return;
  const std::string desk_key = server_.dir() + "/desk.key";
  CliResult r = Ok({"api-keys", "create", "--display-name", "Soho desk", "--role", "front-desk",
                    "--locations", "soho", "--key-file", desk_key});
  EXPECT_THAT(r.out, HasSubstr("Soho desk"));
  EXPECT_THAT(r.out, HasSubstr("FRONT_DESK"));
  EXPECT_THAT(r.out, Not(HasSubstr("fsk_")));  // the secret went to the file only
  EXPECT_THAT(r.err, HasSubstr("mode 0600"));

  // The front desk may book at soho but not create locations.
  Ok({"config", "set-context", "desk", "--server", server_.address(), "--org", "acme",
      "--api-key-file", desk_key});
  EXPECT_THAT(Ok({"rooms", "list", "--location", "soho", "--context", "desk"}).out,
              HasSubstr("room-1"));
  r = cli_.Run({"locations", "create", "--id", "camden", "--display-name", "Camden", "--time-zone",
                "Europe/London", "--currency", "GBP", "--context", "desk"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("PERMISSION_DENIED"));

  // -o json carries the secret once; list shows keys without it.
  v1::CreateApiKeyResponse created;
  ASSERT_TRUE(ParseJson(Ok({"api-keys", "create", "--display-name", "Auditor", "--role", "auditor",
                            "--expires-in", "30d", "-o", "json"})
                            .out,
                        &created));
  EXPECT_EQ(created.key().rfind("fsk_", 0), 0u);
  EXPECT_EQ(created.api_key().role(), v1::AUDITOR);
  v1::ListApiKeysResponse keys;
  ASSERT_TRUE(ParseJson(Ok({"api-keys", "list", "-o", "json"}).out, &keys));
  EXPECT_EQ(keys.api_keys_size(), 3);  // bootstrap owner, desk, auditor
  std::string key_id;
  for (const auto& k : keys.api_keys()) {
    if (k.display_name() == "Soho desk") key_id = fasciactl::LastSegment(k.name());
  }
  ASSERT_NE(key_id, "");

  // Revocation takes effect at once.
  Ok({"api-keys", "revoke", key_id});
  r = cli_.Run({"rooms", "list", "--location", "soho", "--context", "desk"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("UNAUTHENTICATED"));
  EXPECT_THAT(Ok({"api-keys", "list", "--show-revoked", "-o", "wide"}).out, HasSubstr(key_id));

  // The audit log recorded all of it, and its chain verifies.
  v1::ListAuditEventsResponse events;
  ASSERT_TRUE(ParseJson(Ok({"audit", "list", "--all", "-o", "json"}).out, &events));
  bool denied = false;
  for (const auto& e : events.audit_events()) {
    denied |= e.outcome() == "PERMISSION_DENIED" &&
              e.action() == "fascia.v1.LocationService/CreateLocation";
  }
  EXPECT_TRUE(denied);
  r = Ok({"audit", "list", "--action", "AccessService/RevokeApiKey"});
  EXPECT_THAT(r.out, HasSubstr("AccessService/RevokeApiKey"));
  EXPECT_THAT(Ok({"audit", "client-report", "jo"}).out, HasSubstr("ClientService/CreateClient"));
  r = Ok({"audit", "verify"});
  EXPECT_THAT(r.out, HasSubstr("true"));
}

TEST_F(CliServerTest, HealthHistoryConsentsNotesExportAndErase) {
  CreateChain();
  if (HasFailure()) return;
  const std::string date = absl::FormatCivilTime(NextWeekInLondon());
  v1::Appointment appointment;
  ASSERT_TRUE(ParseJson(
      Ok({"appointments", "book", "--location", "soho", "--client", "jo", "--service", "swedish-60",
          "--staff", "ann", "--room", "room-1", "--start", date + "T10:00", "-o", "json"})
          .out,
      &appointment));
  const std::string appointment_id = fasciactl::LastSegment(appointment.name());

  // Health history: --add-* appends to what is there.
  v1::HealthHistory history;
  ASSERT_TRUE(
      ParseJson(Ok({"clients", "health", "update", "jo", "--add-condition",
                    "hypertension:2019-03-01", "--add-allergy", "latex:hives", "-o", "json"})
                    .out,
                &history));
  ASSERT_EQ(history.conditions_size(), 1);
  EXPECT_EQ(history.conditions(0).description(), "hypertension");
  EXPECT_EQ(history.conditions(0).since().year(), 2019);
  EXPECT_TRUE(history.conditions(0).current());
  EXPECT_EQ(history.allergies(0).reaction(), "hives");
  Ok({"clients", "health", "update", "jo", "--add-condition", "asthma", "--add-medication-class",
      "anticoagulant:warfarin"});
  CliResult r = Ok({"clients", "health", "get", "jo"});
  EXPECT_THAT(r.out, HasSubstr("hypertension:2019-03-01; asthma"));
  EXPECT_THAT(r.out, HasSubstr("anticoagulant:warfarin"));
  EXPECT_THAT(r.out, HasSubstr("latex:hives"));
  r = cli_.Run({"clients", "health", "update", "jo"});
  EXPECT_EQ(r.code, 2) << r;

  // Consents: a wall time without an offset is UTC for a client without a
  // home location; an offset is taken as given.
  v1::Consent treatment;
  ASSERT_TRUE(ParseJson(Ok({"consents", "create", "--client", "jo", "--kind", "treatment",
                            "--text-version", "2025-01", "--signer", "Jo Bloggs", "--signed-at",
                            "2025-01-15T14:30", "--method", "written", "-o", "json"})
                            .out,
                        &treatment));
  EXPECT_EQ(treatment.kind(), v1::TREATMENT);
  EXPECT_EQ(treatment.method(), v1::WRITTEN);
  EXPECT_EQ(fasciactl::FormatUtc(fasciactl::FromTimestamp(treatment.sign_time())),
            "2025-01-15T14:30:00Z");
  EXPECT_EQ(treatment.name().rfind("organizations/acme/clients/jo/consents/", 0), 0u);
  v1::Consent marketing;
  ASSERT_TRUE(ParseJson(Ok({"consents", "create", "--client", "jo", "--kind", "marketing",
                            "--text-version", "v3", "--signer", "Jo Bloggs", "--signed-at",
                            "2025-01-15T14:30+01:00", "--method", "electronic", "-o", "json"})
                            .out,
                        &marketing));
  EXPECT_EQ(fasciactl::FormatUtc(fasciactl::FromTimestamp(marketing.sign_time())),
            "2025-01-15T13:30:00Z");
  v1::ListConsentsResponse consents;
  ASSERT_TRUE(
      ParseJson(Ok({"consents", "list", "--client", "jo", "--kind", "marketing", "-o", "json"}).out,
                &consents));
  ASSERT_EQ(consents.consents_size(), 1);
  EXPECT_EQ(consents.consents(0).name(), marketing.name());
  r = cli_.Run({"consents", "revoke", marketing.name()});
  EXPECT_EQ(r.code, 2) << r;  // --reason is required
  const std::string marketing_id = fasciactl::LastSegment(marketing.name());
  r = Ok({"consents", "revoke", marketing_id, "--client", "jo", "--reason", "opted out", "-o",
          "wide"});
  EXPECT_THAT(r.out, HasSubstr("opted out"));
  EXPECT_THAT(Ok({"consents", "get", marketing.name(), "-o", "json"}).out, HasSubstr("revokeTime"));

  // The server's field violations, one per bad field.
  r = cli_.Run({"consents", "create", "--client", "jo", "--kind", "treatment", "--method", "verbal",
                "--signed-at", "2099-01-01T00:00Z"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("INVALID_ARGUMENT"));
  EXPECT_THAT(r.err, HasSubstr("consent.text_version: "));
  EXPECT_THAT(r.err, HasSubstr("consent.signer: "));
  EXPECT_THAT(r.err, HasSubstr("consent.sign_time: "));
  r = cli_.Run({"consents", "create", "--client", "jo", "--kind", "newsletter"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_THAT(r.err, HasSubstr("treatment, prenatal-waiver, marketing"));

  // Notes are written by the therapist who gave the appointment.
  const std::string therapist_key = server_.dir() + "/ann.key";
  Ok({"api-keys", "create", "--display-name", "Ann's tablet", "--role", "therapist", "--staff",
      "ann", "--key-file", therapist_key});
  Ok({"config", "set-context", "ann", "--server", server_.address(), "--org", "acme",
      "--api-key-file", therapist_key});
  v1::Note note;
  ASSERT_TRUE(ParseJson(Ok({"notes",
                            "create",
                            "--context",
                            "ann",
                            "--client",
                            "jo",
                            "--appointment",
                            appointment_id,
                            "--location",
                            "soho",
                            "--subjective",
                            "stiff neck",
                            "--objective-position",
                            "prone",
                            "--technique",
                            "effleurage:upper back:15",
                            "--technique",
                            "trigger point:trapezius:10",
                            "--mark",
                            "posterior:upper trapezius:left:trigger-point:6:tender",
                            "--plan",
                            "weekly",
                            "-o",
                            "json"})
                            .out,
                        &note));
  EXPECT_EQ(note.status(), v1::DRAFT);
  EXPECT_EQ(note.author(), "organizations/acme/staff/ann");
  EXPECT_EQ(note.appointment(), appointment.name());
  ASSERT_EQ(note.objective().techniques_size(), 2);
  EXPECT_EQ(note.objective().techniques(0).minutes(), 15);
  EXPECT_EQ(note.objective().position(), "prone");
  ASSERT_EQ(note.body_chart_size(), 1);
  EXPECT_EQ(note.body_chart(0).view(), v1::POSTERIOR);
  EXPECT_EQ(note.body_chart(0).laterality(), v1::LEFT);
  EXPECT_EQ(note.body_chart(0).finding(), v1::TRIGGER_POINT);
  EXPECT_EQ(note.body_chart(0).intensity(), 6);
  EXPECT_EQ(note.body_chart(0).note(), "tender");
  const std::string note_id = fasciactl::LastSegment(note.name());
  Ok({"notes", "update", note_id, "--context", "ann", "--client", "jo", "--assessment",
      "tight trapezius"});
  EXPECT_THAT(Ok({"notes", "sign", note.name(), "--context", "ann"}).out, HasSubstr("SIGNED"));
  r = cli_.Run({"notes", "update", note.name(), "--context", "ann", "--plan", "monthly"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("reason: NOTE_SIGNED"));
  r = cli_.Run({"notes", "amend", note.name(), "--context", "ann", "--plan", "monthly"});
  EXPECT_EQ(r.code, 2) << r;  // --reason is required
  v1::Note amended;
  ASSERT_TRUE(ParseJson(Ok({"notes", "amend", note.name(), "--context", "ann", "--plan", "monthly",
                            "--reason", "plan changed", "-o", "json"})
                            .out,
                        &amended));
  EXPECT_EQ(amended.version(), 2);
  EXPECT_EQ(amended.status(), v1::SIGNED);
  EXPECT_EQ(amended.plan(), "monthly");
  EXPECT_EQ(amended.subjective(), "stiff neck");  // carried over from version 1
  EXPECT_EQ(amended.assessment(), "tight trapezius");
  EXPECT_EQ(amended.objective().techniques_size(), 2);
  EXPECT_EQ(amended.amendment_reason(), "plan changed");
  v1::ListNoteVersionsResponse versions;  // the OWNER reads them
  ASSERT_TRUE(ParseJson(Ok({"notes", "versions", note.name(), "-o", "json"}).out, &versions));
  ASSERT_EQ(versions.versions_size(), 2);
  EXPECT_EQ(versions.versions(0).version(), 1);
  EXPECT_EQ(versions.versions(0).plan(), "weekly");
  EXPECT_EQ(versions.versions(1).plan(), "monthly");
  EXPECT_THAT(Ok({"notes", "versions", note_id, "--client", "jo", "-o", "wide"}).out,
              HasSubstr("plan changed"));
  EXPECT_THAT(Ok({"notes", "list", "--client", "jo", "--status", "signed"}).out,
              HasSubstr(note_id));

  // Duplicate detection, and its override.
  const std::vector<std::string> twin = {
      "clients",       "create", "--id",    "jo-2",          "--given-name", "Jo",
      "--family-name", "Bloggs", "--phone", "+447700900456", "--birth-date", "1990-05-17"};
  r = cli_.Run(twin);
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("POSSIBLE_DUPLICATE"));
  std::vector<std::string> confirmed = twin;
  confirmed.push_back("--confirm-not-duplicate");
  Ok(confirmed);

  // Export: the whole record as one JSON document.
  const std::string export_file = server_.dir() + "/jo-export.json";
  r = Ok({"clients", "export", "jo", "--output-file", export_file});
  EXPECT_EQ(r.out, "");
  std::ifstream in(export_file);
  std::stringstream text;
  text << in.rdbuf();
  v1::ClientDataExport exported;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(text.str(), &exported).ok())
      << text.str();
  EXPECT_EQ(exported.client().name(), "organizations/acme/clients/jo");
  EXPECT_EQ(exported.health_history().conditions_size(), 2);
  EXPECT_EQ(exported.consents_size(), 2);
  EXPECT_GE(exported.notes_size(), 2);  // every version
  EXPECT_EQ(exported.appointments_size(), 1);

  // Erasure is irreversible: refused without --yes, nothing sent.
  r = cli_.Run({"clients", "erase", "jo", "--reason", "GDPR art. 17 request"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_THAT(r.err, HasSubstr("--yes"));
  EXPECT_THAT(Ok({"clients", "get", "jo"}).out, HasSubstr("jo@example.com"));
  v1::Client erased;
  ASSERT_TRUE(ParseJson(
      Ok({"clients", "erase", "jo", "--reason", "GDPR art. 17 request", "--yes", "-o", "json"}).out,
      &erased));
  EXPECT_TRUE(erased.has_erase_time());
  EXPECT_EQ(erased.email(), "");
  EXPECT_EQ(erased.erase_reason(), "GDPR art. 17 request");
  r = cli_.Run({"clients", "health", "get", "jo"});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_THAT(r.err, HasSubstr("RECORD_RESTRICTED"));
  ASSERT_TRUE(ParseJson(Ok({"clients", "export", "jo"}).out, &exported));  // access survives
  EXPECT_TRUE(exported.client().has_erase_time());
}

}  // namespace
}  // namespace fascia::cli_test
