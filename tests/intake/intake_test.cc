// IntakeService, PluginService and the booking gate through gRPC, on a real
// server with the reference prenatal plugin in-process and a test plugin
// that crashes on demand, isolated (modality "swedish").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <tuple>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/text_format.h>

#include "absl/time/time.h"
#include "chain_fixture.h"
#include "fascia/v1/audit_service.grpc.pb.h"
#include "fascia/v1/intake.grpc.pb.h"
#include "fascia/v1/plugin_service.grpc.pb.h"
#include "support/poll.h"
#include "test_server.h"

namespace fascia::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;

template <typename T>
T Parse(const std::string& text) {
  T message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

constexpr char kPrenatalForm[] = "organizations/acme/intakeForms/prenatal";
constexpr char kSwedishForm[] = "organizations/acme/intakeForms/swedish";

std::vector<plugins::PluginSpec> Plugins() {
  plugins::PluginSpec prenatal;
  prenatal.path = FASCIA_PRENATAL_PLUGIN;
  prenatal.mode = plugins::Mode::kInProcess;
  plugins::PluginSpec crashing;
  crashing.path = FASCIA_CRASHING_PLUGIN;
  crashing.mode = plugins::Mode::kIsolated;
  crashing.host_executable = FASCIA_PLUGIN_HOST;
  crashing.call_timeout = absl::Seconds(5);
  return {prenatal, crashing};
}

v1::Answer Bool(const std::string& id, bool b) {
  v1::Answer a;
  a.set_link_id(id);
  a.add_values()->set_boolean(b);
  return a;
}
v1::Answer Int(const std::string& id, int64_t i) {
  v1::Answer a;
  a.set_link_id(id);
  a.add_values()->set_integer(i);
  return a;
}
v1::Answer Code(const std::string& id, std::vector<std::string> codes) {
  v1::Answer a;
  a.set_link_id(id);
  for (const auto& c : codes) a.add_values()->set_code(c);
  return a;
}

// Every required general question answered "no".
std::vector<v1::Answer> GeneralNo() {
  std::vector<v1::Answer> a = {Code("general.dvt", {"none"}), Code("general.hypertension", {"none"}),
                               Code("general.diabetes", {"none"})};
  for (const char* id : {"general.bleeding_disorder", "general.anticoagulant", "general.recent_surgery",
                         "general.cancer_active_treatment", "general.analgesic_or_relaxant_today",
                         "general.injury_under_72h"}) {
    a.push_back(Bool(id, false));
  }
  return a;
}

// A pregnancy at `weeks`, with the given warning signs / conditions.
std::vector<v1::Answer> Pregnant(int weeks, std::vector<std::string> warnings = {"none"},
                                 std::vector<std::string> conditions = {"none"},
                                 std::vector<std::string> flags = {"none"}) {
  std::vector<v1::Answer> a = GeneralNo();
  a.push_back(Bool("pn.pregnant", true));
  a.push_back(Int("pn.gestation_weeks", weeks));
  a.push_back(Code("pn.warning_signs", warnings));
  a.push_back(Code("pn.conditions", conditions));
  a.push_back(Code("pn.high_risk_flags", flags));
  return a;
}

class IntakeTest : public ::testing::Test {
 protected:
  IntakeTest() : server_(storage::Engine::kSqlite, "", Plugins()) {
    BuildChain(server_);
    intake_ = v1::IntakeService::NewStub(server_.NewChannel());
    plugins_ = v1::PluginService::NewStub(server_.NewChannel());
  }

  // Screens `client` for a visit at `visit` (kVisit when unset).
  grpc::Status Submit(const std::string& form, const std::vector<v1::Answer>& answers,
                      v1::Screening* out, const std::string& client = kClient1,
                      std::optional<absl::Time> visit = std::nullopt) {
    v1::SubmitIntakeRequest r;
    r.set_parent(client);
    r.set_form(form);
    r.set_location(kNy);
    *r.mutable_appointment_time() = Ts(visit.value_or(kVisit));
    for (const auto& a : answers) *r.add_answers() = a;
    grpc::ClientContext ctx;
    return intake_->SubmitIntake(&ctx, r, out);
  }

  grpc::Status BookPrenatal(v1::Appointment* out = nullptr, const std::string& room = kRoom2) {
    return Book(server_, kClient1, kAnn, room, kVisit, kPrenatal, out);
  }

  const absl::Time kVisit = Utc(2024, 3, 2, 15, 0);  // 10:00 in New York
  TestServer server_;
  std::unique_ptr<v1::IntakeService::Stub> intake_;
  std::unique_ptr<v1::PluginService::Stub> plugins_;

  // Calls an IntakeService method with an empty request.
  template <typename Req, typename Resp>
  grpc::Status Empty(grpc::Status (v1::IntakeService::Stub::*method)(grpc::ClientContext*, const Req&, Resp*)) {
    grpc::ClientContext ctx;
    Resp response;
    return (intake_.get()->*method)(&ctx, Req(), &response);
  }
};

TEST_F(IntakeTest, FormsComposeTheGeneralSectionAndThePluginForm) {
  v1::ListIntakeFormsRequest r;
  r.set_parent(kOrg);
  v1::ListIntakeFormsResponse forms;
  grpc::ClientContext ctx;
  ASSERT_TRUE(intake_->ListIntakeForms(&ctx, r, &forms).ok());
  ASSERT_EQ(forms.forms_size(), 2);
  const v1::IntakeForm& prenatal = forms.forms(0);
  EXPECT_EQ(prenatal.name(), kPrenatalForm);
  EXPECT_EQ(prenatal.plugin(), "prenatal");
  EXPECT_EQ(prenatal.id(), "prenatal-intake");
  EXPECT_FALSE(prenatal.version().empty());
  EXPECT_EQ(prenatal.items(0).link_id(), "general");
  EXPECT_EQ(prenatal.items(0).type(), v1::FORM_ITEM_GROUP);
  EXPECT_EQ(prenatal.items(1).link_id(), "pn.pregnant");

  v1::GetIntakeFormRequest get;
  get.set_name("organizations/acme/intakeForms/reiki");
  v1::IntakeForm form;
  grpc::ClientContext ctx2;
  EXPECT_EQ(intake_->GetIntakeForm(&ctx2, get, &form).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(IntakeTest, InvalidAnswersNameEachBadAnswerAndStoreNothing) {
  std::vector<v1::Answer> answers = Pregnant(60);  // above the item's maximum
  answers.erase(answers.begin());                   // general.dvt missing
  answers.push_back(Code("pn.warning_signs", {"bleeding"}));  // answered twice
  answers.push_back(Bool("no.such_item", true));
  v1::Screening s;
  grpc::Status status = Submit(kPrenatalForm, answers, &s);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status),
              IsSupersetOf({"answers[general.dvt]", "answers[pn.gestation_weeks]",
                            "answers[pn.warning_signs]", "answers[no.such_item]"}));

  v1::SubmitIntakeRequest bad;
  bad.set_parent("organizations/acme/clients");
  bad.set_form("forms/x");
  grpc::ClientContext ctx;
  status = intake_->SubmitIntake(&ctx, bad, &s);
  EXPECT_THAT(ViolatedFields(status), IsSupersetOf({"parent", "form", "location"}));
}

// The configuration declares that the prenatal plugin screens "prenatal", and
// the plugin fails to load: its bookings are refused, not booked unscreened.
TEST(MissingPluginTest, ADeclaredModalityWhosePluginDidNotLoadRefusesBookings) {
  plugins::PluginSpec missing;
  missing.path = "/nonexistent/fascia_prenatal.so";
  missing.mode = plugins::Mode::kInProcess;
  missing.modalities = {"prenatal"};
  ::testing::internal::CaptureStderr();  // the rejection's log lines
  TestServer server(storage::Engine::kSqlite, "", {missing});
  ::testing::internal::GetCapturedStderr();
  BuildChain(server);
  const absl::Time visit = Utc(2024, 3, 2, 15, 0);
  grpc::Status status = Book(server, kClient1, kAnn, kRoom2, visit, kPrenatal);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(status), "SCREENING_UNAVAILABLE");
  EXPECT_THAT(status.error_message(), HasSubstr("its plugin is not loaded"));
  // Undeclared modalities are not screened.
  EXPECT_TRUE(Book(server, kClient2, kBen, kRoom1, visit, kSwedish).ok());
}

TEST_F(IntakeTest, BookingNeedsACurrentScreening) {
  grpc::Status status = BookPrenatal();
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(status), "SCREENING_REQUIRED");
  // Swedish is screened too here (by the crashing test plugin).
  EXPECT_EQ(ReasonOf(Book(server_, kClient2, kBen, kRoom1, kVisit, kSwedish)), "SCREENING_REQUIRED");
}

TEST_F(IntakeTest, CautionBooksAndCopiesModifications) {
  v1::Screening s;
  ASSERT_TRUE(Submit(kPrenatalForm, Pregnant(24), &s).ok());
  EXPECT_EQ(s.outcome(), v1::CAUTION);
  EXPECT_EQ(s.plugin(), "prenatal");
  EXPECT_FALSE(s.plugin_version().empty());
  EXPECT_EQ(s.form_id(), "prenatal-intake");
  EXPECT_FALSE(s.general_form_version().empty());
  EXPECT_THAT(s.modifications(), IsSupersetOf({"SIDE_LYING", "NO_PRONE", "NO_FLAT_SUPINE"}));

  v1::Appointment a;
  ASSERT_TRUE(BookPrenatal(&a).ok());
  EXPECT_EQ(a.screening(), s.name());
  EXPECT_THAT(a.modifications(), IsSupersetOf({"SIDE_LYING", "NO_PRONE", "NO_FLAT_SUPINE"}));
}

TEST_F(IntakeTest, ScreeningExpiresAfterTheValidityWindow) {
  const absl::Time later = kVisit + absl::Hours(24 * 8);
  v1::Screening s;
  ASSERT_TRUE(Submit(kPrenatalForm, Pregnant(24), &s, kClient1, later).ok());
  server_.SetNow(server_.Now() + absl::Hours(24 * 8));
  grpc::Status status = Book(server_, kClient1, kAnn, kRoom2, later, kPrenatal);
  EXPECT_EQ(ReasonOf(status), "SCREENING_REQUIRED");
  EXPECT_THAT(status.error_message(), HasSubstr("current intake screening"));
}

// The rules depend on the visit's date (weeks of gestation, hours since an
// injury, weeks since surgery), so a screening counts only for the local
// date of the visit it screened.
TEST_F(IntakeTest, ScreeningCountsOnlyForTheVisitDateItScreened) {
  const absl::Time next_day = kVisit + absl::Hours(24);
  v1::Screening s;
  ASSERT_TRUE(Submit(kPrenatalForm, Pregnant(24), &s).ok());
  grpc::Status status = Book(server_, kClient1, kAnn, kRoom2, next_day, kPrenatal);
  EXPECT_EQ(ReasonOf(status), "SCREENING_REQUIRED");
  EXPECT_THAT(status.error_message(), HasSubstr("for a visit on 2024-03-02"));
  EXPECT_THAT(status.error_message(), HasSubstr("for the visit on 2024-03-03"));

  // A newer screening for the next day does not hide the one for kVisit.
  ASSERT_TRUE(Submit(kPrenatalForm, Pregnant(24), &s, kClient1, next_day).ok());
  EXPECT_TRUE(Book(server_, kClient1, kAnn, kRoom2, next_day, kPrenatal).ok());
  EXPECT_TRUE(BookPrenatal().ok());
}

TEST_F(IntakeTest, ContraindicatedBlocksNamingTheRule) {
  v1::Screening s;
  ASSERT_TRUE(Submit(kPrenatalForm, Pregnant(30, {"bleeding"}), &s).ok());
  EXPECT_EQ(s.outcome(), v1::CONTRAINDICATED);
  grpc::Status status = BookPrenatal();
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(status), "CONTRAINDICATED");
  EXPECT_THAT(status.error_message(), HasSubstr("PN-4"));
}

TEST_F(IntakeTest, RequiresClearanceBlocksUntilAValidClearanceIsOnFile) {
  v1::Screening s;
  ASSERT_TRUE(Submit(kPrenatalForm, Pregnant(24, {"none"}, {"placental_abnormality"}), &s).ok());
  EXPECT_EQ(s.outcome(), v1::REQUIRES_CLEARANCE);
  EXPECT_EQ(ReasonOf(BookPrenatal()), "CLEARANCE_REQUIRED");

  v1::CreateClearanceRequest expired;
  expired.set_parent(kClient1);
  expired.mutable_clearance()->add_rule_ids("PN-7");
  expired.mutable_clearance()->set_provider_name("Dr. Obi");
  expired.mutable_clearance()->set_document_reference("scan-2024-0042");
  *expired.mutable_clearance()->mutable_valid_from() = Parse<v1::Date>("year: 2024 month: 1 day: 1");
  *expired.mutable_clearance()->mutable_valid_to() = Parse<v1::Date>("year: 2024 month: 3 day: 1");
  v1::Clearance c;
  grpc::ClientContext ctx;
  ASSERT_TRUE(intake_->CreateClearance(&ctx, expired, &c).ok());
  EXPECT_EQ(ReasonOf(BookPrenatal()), "CLEARANCE_REQUIRED");  // not valid on the visit date

  v1::CreateClearanceRequest valid = expired;
  *valid.mutable_clearance()->mutable_valid_to() = Parse<v1::Date>("year: 2024 month: 6 day: 30");
  grpc::ClientContext ctx2;
  ASSERT_TRUE(intake_->CreateClearance(&ctx2, valid, &c).ok());
  EXPECT_FALSE(c.recorded_by().empty());
  EXPECT_TRUE(BookPrenatal().ok());
}

TEST_F(IntakeTest, ClearanceInputIsValidated) {
  v1::CreateClearanceRequest r;
  r.set_parent(kClient1);
  r.mutable_clearance()->add_rule_ids("not a rule");
  *r.mutable_clearance()->mutable_valid_from() = Parse<v1::Date>("year: 2024 month: 6 day: 1");
  *r.mutable_clearance()->mutable_valid_to() = Parse<v1::Date>("year: 2024 month: 5 day: 1");
  v1::Clearance c;
  grpc::ClientContext ctx;
  grpc::Status status = intake_->CreateClearance(&ctx, r, &c);
  EXPECT_THAT(ViolatedFields(status),
              IsSupersetOf({"clearance.rule_ids[0]", "clearance.provider_name",
                            "clearance.document_reference", "clearance.valid_to"}));
}

// A prenatal service that itself requires nothing, so every requirement
// below comes from the screening's rules.
constexpr char kPlainPrenatal[] = "organizations/acme/services/prenatal-plain";

void CreatePlainPrenatal(TestServer& server) {
  v1::CreateServiceRequest req;
  req.set_parent(kOrg);
  req.set_service_id("prenatal-plain");
  *req.mutable_service() = Text<v1::Service>(
      "display_name: 'Prenatal (plain)' modality_code: 'prenatal' duration { seconds: 3600 }"
      " prices { location: 'organizations/acme/locations/ny' price { currency_code: 'USD' amount_minor: 9000 } }");
  v1::Service out;
  grpc::ClientContext ctx;
  ASSERT_TRUE(server.catalog().CreateService(&ctx, req, &out).ok());
}

TEST_F(IntakeTest, RoomFeatureFromTheRulesAfter13Weeks) {
  CreatePlainPrenatal(server_);
  v1::Screening s;
  ASSERT_TRUE(Submit(kPrenatalForm, Pregnant(24), &s).ok());
  // After 13 weeks the room needs prenatal bolsters: r1 has none, r2 has.
  EXPECT_EQ(ReasonOf(Book(server_, kClient1, kBen, kRoom1, kVisit, kPlainPrenatal)), "ROOM_LACKS_FEATURE");
  EXPECT_TRUE(Book(server_, kClient1, kBen, kRoom2, kVisit, kPlainPrenatal).ok());
}

TEST_F(IntakeTest, EarlyPregnancyNeedsNoBolsters) {
  CreatePlainPrenatal(server_);
  v1::Screening s;
  ASSERT_TRUE(Submit(kPrenatalForm, Pregnant(10), &s).ok());
  EXPECT_TRUE(Book(server_, kClient1, kBen, kRoom1, kVisit, kPlainPrenatal).ok());
}

TEST_F(IntakeTest, QualificationFromTheRulesOnTheVisitDate) {
  CreatePlainPrenatal(server_);
  v1::Screening s;
  ASSERT_TRUE(Submit(kPrenatalForm, Pregnant(24, {"none"}, {"none"}, {"multiples"}), &s).ok());
  EXPECT_EQ(s.outcome(), v1::REQUIRES_CLEARANCE);  // PN-8
  v1::CreateClearanceRequest c;
  c.set_parent(kClient1);
  *c.mutable_clearance() = Parse<v1::Clearance>(
      "rule_ids: 'PN-8' provider_name: 'Dr. Obi' document_reference: 'letter-7'"
      " valid_from { year: 2024 month: 1 day: 1 } valid_to { year: 2024 month: 12 day: 31 }");
  v1::Clearance out;
  grpc::ClientContext ctx;
  ASSERT_TRUE(intake_->CreateClearance(&ctx, c, &out).ok());
  // Ben is not prenatal-certified; Ann is.
  EXPECT_EQ(ReasonOf(Book(server_, kClient1, kBen, kRoom2, kVisit, kPlainPrenatal)), "NOT_QUALIFIED");
  EXPECT_TRUE(Book(server_, kClient1, kAnn, kRoom2, kVisit, kPlainPrenatal).ok());
}

// SearchAvailability of the plain prenatal service in NY over the local
// days of 2 and 3 March 2024, for `client` ("": nobody), page by page, as
// (day of the month, staff member, room) per offer.
std::set<std::tuple<int, std::string, std::string>> PlainPrenatalOffers(TestServer& server,
                                                                         const std::string& client,
                                                                         int page_size = 5000) {
  v1::SearchAvailabilityRequest req;
  req.set_location(kNy);
  req.set_service(kPlainPrenatal);
  req.set_client(client);
  *req.mutable_start_time() = Ts(Utc(2024, 3, 2, 5, 0));  // midnight in New York
  *req.mutable_end_time() = Ts(Utc(2024, 3, 4, 5, 0));
  req.set_page_size(page_size);
  std::set<std::tuple<int, std::string, std::string>> offers;
  for (int page = 0; page < 200; ++page) {
    v1::SearchAvailabilityResponse response;
    grpc::ClientContext ctx;
    grpc::Status status = server.appointments().SearchAvailability(&ctx, req, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    for (const NamedSlot& slot : NamedSlots(response)) {
      offers.insert({absl::ToCivilDay(slot.start, absl::UTCTimeZone()).day(), slot.staff_member,
                     slot.room});
    }
    if (response.next_page_token().empty()) return offers;
    req.set_page_token(response.next_page_token());
  }
  ADD_FAILURE() << "more than 200 pages";
  return offers;
}

// With a client, the search applies what the client's screening for each
// visit day requires, so every offer is one booking accepts; other days, and
// searches without a client, are unchanged.
TEST_F(IntakeTest, SearchForTheClientOffersWhatTheirScreeningRequiresThatDay) {
  CreatePlainPrenatal(server_);
  using Offer = std::tuple<int, std::string, std::string>;
  const std::set<Offer> everyone = {{2, kAnn, kRoom1}, {3, kAnn, kRoom1}, {2, kBen, kRoom1},
                                    {3, kBen, kRoom1}};
  ASSERT_EQ(PlainPrenatalOffers(server_, kClient1), everyone);

  // 24 weeks with twins on 2 March: PN-8 (cleared below) wants a
  // prenatal-certified therapist, and after 13 weeks the room needs bolsters.
  v1::Screening s;
  ASSERT_TRUE(Submit(kPrenatalForm, Pregnant(24, {"none"}, {"none"}, {"multiples"}), &s).ok());
  v1::CreateClearanceRequest c;
  c.set_parent(kClient1);
  *c.mutable_clearance() = Parse<v1::Clearance>(
      "rule_ids: 'PN-8' provider_name: 'Dr. Obi' document_reference: 'letter-7'"
      " valid_from { year: 2024 month: 1 day: 1 } valid_to { year: 2024 month: 12 day: 31 }");
  v1::Clearance clearance;
  grpc::ClientContext ctx;
  ASSERT_TRUE(intake_->CreateClearance(&ctx, c, &clearance).ok());

  const std::set<Offer> screened = {{2, kAnn, kRoom2}, {3, kAnn, kRoom1}, {3, kBen, kRoom1}};
  EXPECT_EQ(PlainPrenatalOffers(server_, kClient1), screened);
  // Pages of 7 offers end inside days and inside the screened day's piece.
  EXPECT_EQ(PlainPrenatalOffers(server_, kClient1, 7), screened);
  EXPECT_EQ(PlainPrenatalOffers(server_, kClient2), everyone);
  EXPECT_EQ(PlainPrenatalOffers(server_, ""), everyone);
}

// A search that applied a client's screening read their health data: it is
// in the audit log under the client (the client access report reads it).
// Searches without a client stay unaudited.
TEST_F(IntakeTest, ASearchThatReadTheClientsScreeningIsAudited) {
  CreatePlainPrenatal(server_);
  PlainPrenatalOffers(server_, "");
  PlainPrenatalOffers(server_, kClient1);
  grpc::ClientContext ctx;
  v1::ListAuditEventsRequest req;
  req.set_parent(kOrg);
  req.set_page_size(1000);
  v1::ListAuditEventsResponse out;
  ASSERT_TRUE(server_.audit().ListAuditEvents(&ctx, req, &out).ok());
  std::vector<std::string> searched;
  for (const auto& e : out.audit_events()) {
    if (e.action() == "fascia.v1.AppointmentService/SearchAvailability") {
      searched.push_back(e.client() + " " + e.outcome());
    }
  }
  EXPECT_THAT(searched, ::testing::ElementsAre(std::string(kClient1) + " OK"));
}

TEST_F(IntakeTest, PluginFailureFailsClosedUntilAPersonOverrides) {
  v1::Screening s;
  std::vector<v1::Answer> crash = GeneralNo();
  crash.push_back(Bool("sw.crash", true));
  ASSERT_TRUE(Submit(kSwedishForm, crash, &s, kClient2).ok());
  EXPECT_EQ(s.outcome(), v1::SCREENING_UNAVAILABLE);
  EXPECT_FALSE(s.unavailable_reason().empty());
  grpc::Status status = Book(server_, kClient2, kBen, kRoom1, kVisit, kSwedish);
  EXPECT_EQ(ReasonOf(status), "SCREENING_UNAVAILABLE");

  v1::OverrideScreeningRequest o;
  o.set_name(s.name());
  o.set_reason("reviewed the intake by phone with the client");
  v1::Screening reviewed;
  grpc::ClientContext ctx;
  ASSERT_TRUE(intake_->OverrideScreening(&ctx, o, &reviewed).ok());
  EXPECT_FALSE(reviewed.manual_override().reviewer().empty());
  EXPECT_TRUE(Book(server_, kClient2, kBen, kRoom1, kVisit, kSwedish).ok());

  // The isolated host was restarted: the next screening runs.
  std::vector<v1::Answer> fine = GeneralNo();
  fine.push_back(Bool("sw.crash", false));
  // Restarts back off (up to 5s between attempts); allow a loaded machine time.
  EXPECT_TRUE(PollFor(
      [&] { return Submit(kSwedishForm, fine, &s, kClient2).ok() && s.outcome() == v1::CLEAR; },
      absl::Seconds(30), absl::Milliseconds(100)))
      << "no CLEAR screening from the restarted host within 30s";

  v1::GetPluginRequest get;
  get.set_name("plugins/crashing");
  v1::Plugin p;
  grpc::ClientContext ctx2;
  ASSERT_TRUE(plugins_->GetPlugin(&ctx2, get, &p).ok());
  EXPECT_EQ(p.mode(), v1::ISOLATED);
  EXPECT_GE(p.restarts(), 1);
  EXPECT_EQ(p.health(), v1::PLUGIN_SERVING);
}

TEST_F(IntakeTest, OverrideOnlyForUnavailableScreenings) {
  v1::Screening s;
  ASSERT_TRUE(Submit(kPrenatalForm, Pregnant(24), &s).ok());
  v1::OverrideScreeningRequest o;
  o.set_name(s.name());
  o.set_reason("no");
  grpc::ClientContext ctx;
  grpc::Status status = intake_->OverrideScreening(&ctx, o, &s);
  EXPECT_EQ(ReasonOf(status), "SCREENING_NOT_UNAVAILABLE");
}

TEST_F(IntakeTest, ScreeningsAreListedAndReadable) {
  v1::Screening first, second;
  ASSERT_TRUE(Submit(kPrenatalForm, Pregnant(10), &first).ok());
  ASSERT_TRUE(Submit(kPrenatalForm, Pregnant(24), &second).ok());
  v1::ListScreeningsRequest r;
  r.set_parent(kClient1);
  r.set_filter("modality = \"prenatal\"");
  v1::ListScreeningsResponse list;
  grpc::ClientContext ctx;
  ASSERT_TRUE(intake_->ListScreenings(&ctx, r, &list).ok());
  EXPECT_EQ(list.screenings_size(), 2);
  v1::GetScreeningRequest get;
  get.set_name(first.name());
  v1::Screening got;
  grpc::ClientContext ctx2;
  ASSERT_TRUE(intake_->GetScreening(&ctx2, get, &got).ok());
  EXPECT_EQ(got.answers_size(), first.answers_size());
  EXPECT_EQ(got.findings_size(), first.findings_size());
}

TEST_F(IntakeTest, ExportIncludesScreeningsAndClearances) {
  v1::Screening s;
  ASSERT_TRUE(Submit(kPrenatalForm, Pregnant(24), &s).ok());
  v1::ExportClientDataRequest r;
  r.set_name(kClient1);
  v1::ExportClientDataResponse out;
  grpc::ClientContext ctx;
  ASSERT_TRUE(server_.clients().ExportClientData(&ctx, r, &out).ok());
  EXPECT_THAT(out.json(), HasSubstr(s.name()));
  EXPECT_THAT(out.json(), HasSubstr("\"screenings\""));
}

TEST_F(IntakeTest, PluginsAreListedWithHealth) {
  v1::ListPluginsResponse list;
  grpc::ClientContext ctx;
  ASSERT_TRUE(plugins_->ListPlugins(&ctx, v1::ListPluginsRequest(), &list).ok());
  ASSERT_EQ(list.plugins_size(), 2);
  const v1::Plugin& p = list.plugins(0);
  EXPECT_EQ(p.name(), "plugins/prenatal");
  EXPECT_EQ(p.mode(), v1::IN_PROCESS);
  EXPECT_EQ(p.abi_version(), "1.0");
  EXPECT_EQ(p.health(), v1::PLUGIN_SERVING);
  EXPECT_THAT(p.modalities(), Contains("prenatal"));
  EXPECT_THAT(p.rule_ids(), Contains("PN-4"));
  EXPECT_EQ(p.forms(0).id(), "prenatal-intake");
}

// Every IntakeService and PluginService RPC refuses an empty request naming
// exactly the missing fields; a new RPC without a row fails the first check.
TEST_F(IntakeTest, EveryRpcRejectsAnEmptyRequestNamingTheFields) {
  using Call = std::function<grpc::Status()>;
  std::map<std::string, std::pair<Call, std::set<std::string>>> rows = {
      {"ListIntakeForms", {[&] { return Empty(&v1::IntakeService::Stub::ListIntakeForms); }, {"parent"}}},
      {"GetIntakeForm", {[&] { return Empty(&v1::IntakeService::Stub::GetIntakeForm); }, {"name"}}},
      {"SubmitIntake",
       {[&] { return Empty(&v1::IntakeService::Stub::SubmitIntake); }, {"parent", "form", "location"}}},
      {"GetScreening", {[&] { return Empty(&v1::IntakeService::Stub::GetScreening); }, {"name"}}},
      {"ListScreenings", {[&] { return Empty(&v1::IntakeService::Stub::ListScreenings); }, {"parent"}}},
      {"OverrideScreening",
       {[&] { return Empty(&v1::IntakeService::Stub::OverrideScreening); }, {"name", "reason"}}},
      {"CreateClearance",
       {[&] { return Empty(&v1::IntakeService::Stub::CreateClearance); },
        {"parent", "clearance.rule_ids", "clearance.provider_name", "clearance.document_reference",
         "clearance.valid_from", "clearance.valid_to"}}},
      {"GetClearance", {[&] { return Empty(&v1::IntakeService::Stub::GetClearance); }, {"name"}}},
      {"ListClearances", {[&] { return Empty(&v1::IntakeService::Stub::ListClearances); }, {"parent"}}},
  };
  std::set<std::string> methods, covered;
  const auto* d = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName("fascia.v1.IntakeService");
  ASSERT_NE(d, nullptr);
  for (int i = 0; i < d->method_count(); ++i) methods.insert(d->method(i)->name());
  for (const auto& [name, row] : rows) covered.insert(name);
  EXPECT_EQ(methods, covered);
  for (const auto& [name, row] : rows) {
    SCOPED_TRACE(name);
    grpc::Status status = row.first();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    std::vector<std::string> fields = ViolatedFields(status);
    EXPECT_EQ(std::set<std::string>(fields.begin(), fields.end()), row.second);
  }
  v1::Plugin p;
  grpc::ClientContext ctx;
  grpc::Status status = plugins_->GetPlugin(&ctx, v1::GetPluginRequest(), &p);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"name"});
}

}  // namespace
}  // namespace fascia::testing
