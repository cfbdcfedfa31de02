// Superbills through gRPC on both engines: a completed, signed visit coded
// into CPT lines by the 8-minute rule (total time, or per code when the
// client's payer says so), charges spread over the lines that add up to the
// invoice's service amount, diagnoses lettered A-L, the providers, the
// printable HTML (escaped), the refusals, and bad input on every new field.
#include "billing_fixture.h"
#include "fascia/v1/note_service.grpc.pb.h"

namespace fascia::testing {
namespace {

using View = v1::GetSuperbillRequest;

// A valid individual NPI (CMS's example) and an organizational one.
constexpr char kAnnNpi[] = "1234567893";
constexpr char kNyNpi[] = "1245319599";

template <typename Stub, typename Req, typename Resp>
grpc::Status Invoke(Stub& stub,
                    grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
                    const Req& request, Resp* out = nullptr) {
  grpc::ClientContext ctx;
  Resp local;
  return (stub.*method)(&ctx, request, out ? out : &local);
}

// Sets up everything a superbill needs: ann's NPI and credentials, New York's
// billing NPI, tax id and address, swedish's CPT codes, and c1's birth date,
// address and insurance (with `unit_method`).
void SetUpInsuranceBilling(TestServer& s, const std::string& unit_method = "TOTAL_TIME") {
  grpc::Status status =
      Invoke(s.staff(), &v1::StaffService::Stub::UpdateStaffMember,
             Parse<v1::UpdateStaffMemberRequest>(std::string("staff_member { name: '") + kAnn +
                                                 "' npi: '" + kAnnNpi +
                                                 "' credentials: 'LMT' }"
                                                 " update_mask { paths: ['npi', 'credentials'] }"));
  ASSERT_TRUE(status.ok()) << status.error_message();
  status =
      Invoke(s.locations(), &v1::LocationService::Stub::UpdateLocation,
             Parse<v1::UpdateLocationRequest>(
                 std::string("location { name: '") + kNy + "' billing_npi: '" + kNyNpi +
                 "' tax_id: '12-3456789' address { region_code: 'US' address_lines: '350 5th Ave'"
                 " locality: 'New York' administrative_area: 'NY' postal_code: '10118' } }"
                 " update_mask { paths: ['billing_npi', 'tax_id', 'address'] }"));
  ASSERT_TRUE(status.ok()) << status.error_message();
  status = Invoke(
      s.catalog(), &v1::CatalogService::Stub::UpdateService,
      Parse<v1::UpdateServiceRequest>(
          std::string("service { name: '") + kSwedish +
          "'"
          " cpt_codes { code: '97140' techniques: ['myofascial release', 'trigger point therapy'] }"
          " cpt_codes { code: '97124' techniques: ['effleurage', 'petrissage'] }"
          " cpt_codes { code: '97112' techniques: ['PNF stretching'] } }"
          " update_mask { paths: 'cpt_codes' }"));
  ASSERT_TRUE(status.ok()) << status.error_message();
  status = Invoke(s.clients(), &v1::ClientService::Stub::UpdateClient,
                  Parse<v1::UpdateClientRequest>(
                      std::string("client { name: '") + kClient1 +
                      "'"
                      " birth_date { year: 1985 month: 4 day: 12 } phone: '+12125550100'"
                      " address { region_code: 'US' address_lines: '1 Main St' locality: 'Brooklyn'"
                      " administrative_area: 'NY' postal_code: '11201' }"
                      " insurance { payer_name: 'Aetna' payer_id: '60054' member_id: 'W123456789'"
                      " group_number: 'G-100' unit_method: " +
                      unit_method +
                      " } }"
                      " update_mask { paths: ['birth_date', 'phone', 'address', 'insurance'] }"));
  ASSERT_TRUE(status.ok()) << status.error_message();
}

void SetUnitMethod(TestServer& s, const std::string& method) {
  grpc::Status status = Invoke(
      s.clients(), &v1::ClientService::Stub::UpdateClient,
      Parse<v1::UpdateClientRequest>(std::string("client { name: '") + kClient1 +
                                     "' insurance { payer_name: 'Aetna' member_id: 'W123456789'"
                                     " unit_method: " +
                                     method + " } } update_mask { paths: 'insurance' }"));
  ASSERT_TRUE(status.ok()) << status.error_message();
}

grpc::Status Transition(TestServer& s, const std::string& name,
                        grpc::Status (v1::AppointmentService::Stub::*method)(
                            grpc::ClientContext*, const v1::AppointmentTransitionRequest&,
                            v1::Appointment*),
                        v1::Appointment* out = nullptr) {
  v1::AppointmentTransitionRequest req;
  req.set_name(name);
  return Invoke(s.appointments(), method, req, out);
}

// Books swedish for c1 with ann at `start` (booked only).
v1::Appointment Booked(TestServer& s, absl::Time start) {
  v1::Appointment a;
  grpc::Status status = Book(s, kClient1, kAnn, kRoom1, start, kSwedish, &a);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return a;
}

// Books, checks in and completes a visit at `start`; returns the fulfilled
// appointment (naming its invoice).
v1::Appointment CompletedVisit(TestServer& s, absl::Time start) {
  v1::Appointment a = Booked(s, start);
  s.SetNow(start + absl::Minutes(65));
  EXPECT_TRUE(Transition(s, a.name(), &v1::AppointmentService::Stub::CheckInAppointment).ok());
  grpc::Status done =
      Transition(s, a.name(), &v1::AppointmentService::Stub::CompleteAppointment, &a);
  EXPECT_TRUE(done.ok()) << done.error_message();
  EXPECT_EQ(a.status(), v1::FULFILLED);
  return a;
}

// The techniques and diagnoses of a typical note: 33 minutes billed as 97140,
// 7 as 97124, 5 of cupping that no code covers, and five diagnoses.
constexpr char kNoteContent[] = R"(
    subjective: 'neck pain after long drive'
    objective {
      techniques { technique: 'Myofascial Release' region: 'upper trapezius' minutes: 20 }
      techniques { technique: 'trigger point therapy' region: 'levator scapulae' minutes: 13 }
      techniques { technique: 'effleurage' region: 'back' minutes: 7 }
      techniques { technique: 'cupping' region: 'back' minutes: 5 }
    }
    assessment: 'hypertonic upper trapezius, improving'
    diagnosis_codes: ['M54.2', 'M62.830', 'M79.18', 'M54.50', 'G44.209']
    plan: 'weekly for 4 weeks')";

// Creates a note for `appointment` as ann (`therapist` is ann's key) and,
// when `sign`, signs it.
v1::Note WriteNote(TestServer& s, const std::string& therapist, const std::string& appointment,
                   const std::string& content = kNoteContent, bool sign = true) {
  auto notes = v1::NoteService::NewStub(s.NewChannel(therapist));
  v1::CreateNoteRequest create;
  create.set_parent(kClient1);
  *create.mutable_note() = Parse<v1::Note>(content);
  create.mutable_note()->set_appointment(appointment);
  v1::Note note;
  grpc::Status status = Invoke(*notes, &v1::NoteService::Stub::CreateNote, create, &note);
  EXPECT_TRUE(status.ok()) << status.error_message();
  if (!sign) return note;
  v1::SignNoteRequest sign_req;
  sign_req.set_name(note.name());
  status = Invoke(*notes, &v1::NoteService::Stub::SignNote, sign_req, &note);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return note;
}

grpc::Status GetSuperbill(v1::BillingService::Stub& stub, const std::string& appointment,
                          View::SuperbillView view, v1::Superbill* out) {
  v1::GetSuperbillRequest req;
  req.set_appointment(appointment);
  req.set_view(view);
  return Invoke(stub, &v1::BillingService::Stub::GetSuperbill, req, out);
}

TEST_P(BillingTest, SuperbillCodesASignedVisitByTheEightMinuteRule) {
  SetUpInsuranceBilling(*server_);
  const std::string therapist = KeyFor(v1::THERAPIST);
  v1::Appointment a = CompletedVisit(*server_, Utc(2024, 6, 3, 14, 0));  // 10:00 in New York
  ASSERT_FALSE(a.invoice().empty());

  // The front desk takes $10.01 off the visit and adds a tip, then the client
  // pays everything: the claim is the service after its discount, not the
  // tip or the tax.
  v1::Invoice invoice = GetInvoice(a.invoice());
  {
    v1::UpdateInvoiceRequest update;
    *update.mutable_invoice() = invoice;
    auto* discount = update.mutable_invoice()->add_lines();
    discount->set_type(v1::InvoiceLine::DISCOUNT);
    discount->set_description("Returning client");
    discount->mutable_discount_amount()->set_amount_minor(1001);
    discount->set_discount_target(invoice.lines(0).id());
    auto* tip = update.mutable_invoice()->add_lines();
    tip->set_type(v1::InvoiceLine::TIP);
    tip->mutable_unit_price()->set_amount_minor(1500);
    tip->set_staff_member(kAnn);
    update.mutable_update_mask()->add_paths("lines");
    grpc::Status status =
        Invoke(billing(), &v1::BillingService::Stub::UpdateInvoice, update, &invoice);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  ASSERT_TRUE(Pay(invoice.name(), Minor(invoice.total()), "superbill-visit").ok());

  v1::Note note = WriteNote(*server_, therapist, a.name());
  ASSERT_EQ(note.status(), v1::SIGNED);

  auto front_desk = BillingAs(KeyFor(v1::FRONT_DESK));
  v1::Superbill bill;
  grpc::Status status = GetSuperbill(*front_desk, a.name(), View::STRUCTURED, &bill);
  ASSERT_TRUE(status.ok()) << status.error_message();

  EXPECT_EQ(bill.appointment(), a.name());
  EXPECT_EQ(bill.note_version(), note.name() + "/versions/1");
  EXPECT_EQ(bill.invoice(), a.invoice());
  EXPECT_EQ(bill.unit_method(), v1::TOTAL_TIME);
  EXPECT_EQ(bill.place_of_service(), "11");
  EXPECT_EQ(bill.date_of_service().year(), 2024);
  EXPECT_EQ(bill.date_of_service().month(), 6);
  EXPECT_EQ(bill.date_of_service().day(), 3);
  EXPECT_TRUE(bill.html().empty()) << "HTML only when asked for";

  // 33 + 7 = 40 timed minutes -> 3 units: 97140 x2, 97124 x1. Cupping has no
  // code (and the service no default): not billed, and its minutes do not count.
  ASSERT_EQ(bill.lines_size(), 2);
  const v1::SuperbillLine& manual = bill.lines(0);
  const v1::SuperbillLine& massage = bill.lines(1);
  EXPECT_EQ(manual.cpt_code(), "97140");
  EXPECT_EQ(manual.minutes(), 33);
  EXPECT_EQ(manual.units(), 2);
  EXPECT_EQ(std::vector<std::string>(manual.techniques().begin(), manual.techniques().end()),
            (std::vector<std::string>{"Myofascial Release", "trigger point therapy"}));
  EXPECT_EQ(massage.cpt_code(), "97124");
  EXPECT_EQ(massage.minutes(), 7);
  EXPECT_EQ(massage.units(), 1);
  ASSERT_EQ(bill.unbilled_techniques_size(), 1);
  EXPECT_EQ(bill.unbilled_techniques(0), "cupping");

  // $120.00 - $10.01 = $109.99 over units 2:1 -> 73.33 + 36.66 (largest
  // remainder), exactly the invoice's service amount.
  EXPECT_EQ(Minor(manual.charge()), 7333);
  EXPECT_EQ(Minor(massage.charge()), 3666);
  EXPECT_EQ(manual.charge().currency_code(), "USD");
  EXPECT_EQ(manual.charge().decimal_amount(), "73.33");
  const v1::InvoiceLine& service_line = GetInvoice(a.invoice()).lines(0);
  EXPECT_EQ(Minor(bill.total_charge()),
            Minor(service_line.amount()) - Minor(service_line.discount()));
  EXPECT_EQ(Minor(bill.total_charge()), Minor(manual.charge()) + Minor(massage.charge()));
  EXPECT_EQ(Minor(bill.amount_paid()), 10999)
      << "payments apply to the visit first, up to its charge";
  EXPECT_EQ(Minor(bill.balance_due()), 0);

  // Box 21: letters A-L in note order; each line points to the first four.
  ASSERT_EQ(bill.diagnoses_size(), 5);
  const std::vector<std::pair<std::string, std::string>> dx = {
      {"A", "M54.2"}, {"B", "M62.830"}, {"C", "M79.18"}, {"D", "M54.50"}, {"E", "G44.209"}};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(bill.diagnoses(i).letter(), dx[i].first);
    EXPECT_EQ(bill.diagnoses(i).code(), dx[i].second);
  }
  for (const auto& line : bill.lines()) {
    EXPECT_EQ(std::vector<std::string>(line.diagnosis_pointers().begin(),
                                       line.diagnosis_pointers().end()),
              (std::vector<std::string>{"A", "B", "C", "D"}));
    EXPECT_EQ(line.place_of_service(), "11");
    EXPECT_EQ(line.rendering_provider_npi(), kAnnNpi);
    EXPECT_EQ(line.date_of_service().day(), 3);
  }

  // Patient, insurance and providers.
  EXPECT_EQ(bill.patient().client(), kClient1);
  EXPECT_EQ(bill.patient().family_name(), "c1");
  EXPECT_EQ(bill.patient().birth_date().year(), 1985);
  EXPECT_EQ(bill.patient().phone(), "+12125550100");
  EXPECT_EQ(bill.patient().address().locality(), "Brooklyn");
  EXPECT_EQ(bill.patient().account_number(), "c1");
  EXPECT_EQ(bill.insurance().payer_name(), "Aetna");
  EXPECT_EQ(bill.insurance().payer_id(), "60054");
  EXPECT_EQ(bill.insurance().member_id(), "W123456789");
  EXPECT_EQ(bill.insurance().group_number(), "G-100");
  EXPECT_EQ(bill.insurance().relationship(), "self");
  EXPECT_EQ(bill.rendering_provider().resource(), kAnn);
  EXPECT_EQ(bill.rendering_provider().name(), "ann");
  EXPECT_EQ(bill.rendering_provider().credentials(), "LMT");
  EXPECT_EQ(bill.rendering_provider().npi(), kAnnNpi);
  EXPECT_EQ(bill.billing_provider().resource(), kNy);
  EXPECT_EQ(bill.billing_provider().npi(), kNyNpi);
  EXPECT_EQ(bill.billing_provider().tax_id(), "12-3456789");
  EXPECT_EQ(bill.billing_provider().address().postal_code(), "10118");
  EXPECT_EQ(bill.missing_fields_size(), 0) << bill.missing_fields(0);

  // Diagnoses of one client: the read is in the client's access report.
  {
    v1::ListAuditEventsRequest req;
    req.set_parent(kOrg);
    req.set_filter(std::string("client = \"") + kClient1 + "\"");
    req.set_page_size(1000);
    v1::ListAuditEventsResponse events;
    ASSERT_TRUE(
        Invoke(server_->audit(), &v1::AuditService::Stub::ListAuditEvents, req, &events).ok());
    int reads = 0;
    for (const auto& e : events.audit_events()) {
      if (e.action() != "fascia.v1.BillingService/GetSuperbill") continue;
      ++reads;
      EXPECT_EQ(e.resource(), a.name());
      EXPECT_EQ(e.actor_role(), "FRONT_DESK");
      EXPECT_EQ(e.outcome(), "OK");
    }
    EXPECT_EQ(reads, 1);
  }

  // The payer rounds per code: 33 -> 2, 7 -> 0; the whole charge goes to 97140.
  SetUnitMethod(*server_, "PER_CODE");
  status = GetSuperbill(*front_desk, a.name(), View::SUPERBILL_VIEW_UNSPECIFIED, &bill);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(bill.unit_method(), v1::PER_CODE);
  ASSERT_EQ(bill.lines_size(), 2);
  EXPECT_EQ(bill.lines(0).units(), 2);
  EXPECT_EQ(bill.lines(1).units(), 0);
  EXPECT_EQ(bill.lines(1).minutes(), 7);
  EXPECT_EQ(Minor(bill.lines(0).charge()), 10999);
  EXPECT_EQ(Minor(bill.lines(1).charge()), 0);
  EXPECT_EQ(Minor(bill.total_charge()), 10999);
}

TEST_P(BillingTest, SuperbillHtmlIsPrintableAndEscapesEverything) {
  SetUpInsuranceBilling(*server_);
  grpc::Status renamed =
      Invoke(server_->clients(), &v1::ClientService::Stub::UpdateClient,
             Parse<v1::UpdateClientRequest>(
                 std::string("client { name: '") + kClient1 +
                 "' family_name: \"<script>alert('x')</script>\" given_name: 'Jo & Co' }"
                 " update_mask { paths: ['family_name', 'given_name'] }"));
  ASSERT_TRUE(renamed.ok()) << renamed.error_message();
  v1::Appointment a = CompletedVisit(*server_, Utc(2024, 6, 3, 14, 0));
  WriteNote(*server_, KeyFor(v1::THERAPIST), a.name());

  v1::Superbill bill;
  grpc::Status status = GetSuperbill(billing(), a.name(), View::HTML, &bill);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string& html = bill.html();
  EXPECT_EQ(bill.patient().family_name(), "<script>alert('x')</script>")
      << "structured fields stay raw";
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("<script"), std::string::npos) << "the client's name must not become markup";
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;, Jo &amp; Co"),
            std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("@page"), std::string::npos);
  // Self-contained: nothing to fetch.
  for (const char* external : {"src=", "href=", "url(", "@import", "http:", "https:"}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  // The CMS-1500 items a client copies.
  for (const char* item :
       {"97140", "97124", "M62.830", "06/03/2024", "04/12/1985", kAnnNpi, kNyNpi, "12-3456789",
        "W123456789", "G-100", "Aetna", "80.00", "40.00", "120.00", "ann, LMT", "cupping"}) {
    EXPECT_NE(html.find(item), std::string::npos) << item;
  }
}

TEST_P(BillingTest, SuperbillRefusesUntilTheVisitIsCompleteCodedAndSigned) {
  const std::string therapist = KeyFor(v1::THERAPIST);
  v1::Appointment a = Booked(*server_, Utc(2024, 6, 3, 14, 0));
  v1::Superbill bill;
  ExpectError(GetSuperbill(billing(), a.name(), View::STRUCTURED, &bill),
              grpc::StatusCode::FAILED_PRECONDITION, "APPOINTMENT_NOT_FULFILLED");

  server_->SetNow(Utc(2024, 6, 3, 15, 5));
  ASSERT_TRUE(
      Transition(*server_, a.name(), &v1::AppointmentService::Stub::CheckInAppointment).ok());
  ASSERT_TRUE(
      Transition(*server_, a.name(), &v1::AppointmentService::Stub::CompleteAppointment).ok());
  ExpectError(GetSuperbill(billing(), a.name(), View::STRUCTURED, &bill),
              grpc::StatusCode::FAILED_PRECONDITION, "NO_CPT_CODES");

  SetUpInsuranceBilling(*server_);
  {
    SCOPED_TRACE("no note at all");
    ExpectError(GetSuperbill(billing(), a.name(), View::STRUCTURED, &bill),
                grpc::StatusCode::FAILED_PRECONDITION, "NOTE_NOT_SIGNED");
  }
  v1::Note draft = WriteNote(*server_, therapist, a.name(),
                             "objective { techniques { technique: 'effleurage' minutes: 5 } }",
                             /*sign=*/false);
  {
    SCOPED_TRACE("a draft is not enough");
    ExpectError(GetSuperbill(billing(), a.name(), View::STRUCTURED, &bill),
                grpc::StatusCode::FAILED_PRECONDITION, "NOTE_NOT_SIGNED");
  }

  auto notes = v1::NoteService::NewStub(server_->NewChannel(therapist));
  v1::SignNoteRequest sign;
  sign.set_name(draft.name());
  ASSERT_TRUE(Invoke(*notes, &v1::NoteService::Stub::SignNote, sign).ok());
  {
    SCOPED_TRACE("5 minutes earn no unit");
    ExpectError(GetSuperbill(billing(), a.name(), View::STRUCTURED, &bill),
                grpc::StatusCode::FAILED_PRECONDITION, "NO_BILLABLE_UNITS");
  }

  // An amendment is the latest signed version, and the superbill follows it.
  v1::AmendNoteRequest amend;
  amend.set_name(draft.name());
  amend.set_reason("minutes were recorded wrong");
  *amend.mutable_note() = Parse<v1::Note>(
      "objective { techniques { technique: 'Effleurage' minutes: 25 } } diagnosis_codes: 'M54.50'");
  ASSERT_TRUE(Invoke(*notes, &v1::NoteService::Stub::AmendNote, amend).ok());
  grpc::Status status = GetSuperbill(billing(), a.name(), View::STRUCTURED, &bill);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(bill.note_version(), draft.name() + "/versions/2");
  ASSERT_EQ(bill.lines_size(), 1);
  EXPECT_EQ(bill.lines(0).cpt_code(), "97124");
  EXPECT_EQ(bill.lines(0).units(), 2);
  EXPECT_EQ(Minor(bill.lines(0).charge()), 12000) << "the DRAFT invoice's service line";
  EXPECT_EQ(Minor(bill.amount_paid()), 0);
  EXPECT_EQ(Minor(bill.balance_due()), 12000);
  ASSERT_EQ(bill.diagnoses_size(), 1);
  EXPECT_EQ(bill.diagnoses(0).letter(), "A");

  // Missing: an appointment that does not exist; a therapist may not read
  // billing; nor may a front desk of another location.
  ExpectError(
      GetSuperbill(billing(), std::string(kNy) + "/appointments/nope", View::STRUCTURED, &bill),
      grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  ExpectError(GetSuperbill(*BillingAs(therapist), a.name(), View::STRUCTURED, &bill),
              grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
}

TEST_P(BillingTest, SuperbillOfAVisitAPackagePaidForChargesTheSessionsValue) {
  SetUpInsuranceBilling(*server_);
  v1::SellPackageRequest sell;
  sell.set_parent(kClient1);
  sell.set_location(kNy);
  sell.set_request_id("superbill-package");
  sell.mutable_package()->set_display_name("3 x Swedish");
  sell.mutable_package()->add_services(kSwedish);
  sell.mutable_package()->set_sessions(3);
  sell.mutable_package()->mutable_price()->set_decimal_amount("300.00");
  v1::SellPackageResponse sold;
  grpc::Status status = Invoke(billing(), &v1::BillingService::Stub::SellPackage, sell, &sold);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(Pay(sold.invoice().name(), 30000, "buy-package").ok());

  v1::Appointment a = CompletedVisit(*server_, Utc(2024, 6, 3, 14, 0));
  ASSERT_EQ(Minor(GetInvoice(a.invoice()).total()), 0) << "the package pays for the visit";
  WriteNote(*server_, KeyFor(v1::THERAPIST), a.name());
  v1::Superbill bill;
  status = GetSuperbill(billing(), a.name(), View::STRUCTURED, &bill);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // The session is a third of $300.00: the visit's charge, already paid.
  EXPECT_EQ(Minor(bill.total_charge()), 10000);
  EXPECT_EQ(Minor(bill.amount_paid()), 10000);
  EXPECT_EQ(Minor(bill.balance_due()), 0);
  ASSERT_EQ(bill.lines_size(), 2);
  EXPECT_EQ(Minor(bill.lines(0).charge()), 6667);
  EXPECT_EQ(Minor(bill.lines(1).charge()), 3333);
}

TEST_P(BillingTest, SuperbillOfAnErasedClientIsRestrictedAndTheCoverageGone) {
  SetUpInsuranceBilling(*server_);
  v1::Appointment a = CompletedVisit(*server_, Utc(2024, 6, 3, 14, 0));
  WriteNote(*server_, KeyFor(v1::THERAPIST), a.name());
  v1::EraseClientRequest erase;
  erase.set_name(kClient1);
  erase.set_reason("client asked");
  v1::Client erased;
  grpc::Status status =
      Invoke(server_->clients(), &v1::ClientService::Stub::EraseClient, erase, &erased);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(erased.has_insurance()) << "member ids go with the contact details";
  v1::Superbill bill;
  ExpectError(GetSuperbill(billing(), a.name(), View::STRUCTURED, &bill),
              grpc::StatusCode::FAILED_PRECONDITION, "RECORD_RESTRICTED");
}

TEST_P(BillingTest, SuperbillListsWhatAClaimStillNeeds) {
  // Only CPT codes: no NPIs, tax id, insurance, addresses or diagnoses.
  grpc::Status status =
      Invoke(server_->catalog(), &v1::CatalogService::Stub::UpdateService,
             Parse<v1::UpdateServiceRequest>(
                 std::string("service { name: '") + kSwedish +
                 "' cpt_codes { code: '97124' } } update_mask { paths: 'cpt_codes' }"));
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::Appointment a = CompletedVisit(*server_, Utc(2024, 6, 3, 14, 0));
  WriteNote(*server_, KeyFor(v1::THERAPIST), a.name(),
            "objective { techniques { technique: 'effleurage' minutes: 30 }"
            " techniques { technique: 'cupping' minutes: 10 } }");
  v1::Superbill bill;
  status = GetSuperbill(billing(), a.name(), View::HTML, &bill);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // The default code (no techniques) bills every technique.
  ASSERT_EQ(bill.lines_size(), 1);
  EXPECT_EQ(bill.lines(0).minutes(), 40);
  EXPECT_EQ(bill.lines(0).units(), 3);
  EXPECT_EQ(bill.unbilled_techniques_size(), 0);
  EXPECT_EQ(bill.lines(0).diagnosis_pointers_size(), 0);
  EXPECT_EQ(std::vector<std::string>(bill.missing_fields().begin(), bill.missing_fields().end()),
            (std::vector<std::string>{"patient.birth_date", "patient.address",
                                      "insurance.payer_name", "insurance.member_id", "diagnoses",
                                      "rendering_provider.npi", "billing_provider.npi",
                                      "billing_provider.tax_id", "billing_provider.address"}));
  EXPECT_NE(bill.html().find("Not on file"), std::string::npos);
}

TEST_P(BillingTest, SuperbillBadInputNamesEachField) {
  // NPIs whose check digit is wrong, an EIN without its dash, control
  // characters in credentials.
  ExpectBadRequest(
      Invoke(server_->staff(), &v1::StaffService::Stub::UpdateStaffMember,
             Parse<v1::UpdateStaffMemberRequest>(std::string("staff_member { name: '") + kAnn +
                                                 "' npi: '1234567890' credentials: \"LMT\\n\" }"
                                                 " update_mask { paths: ['npi', 'credentials'] }")),
      {"staff_member.npi", "staff_member.credentials"});
  ExpectBadRequest(
      Invoke(server_->locations(), &v1::LocationService::Stub::UpdateLocation,
             Parse<v1::UpdateLocationRequest>(std::string("location { name: '") + kNy +
                                              "' billing_npi: '1245319590' tax_id: '123456789' }"
                                              " update_mask { paths: ['billing_npi', 'tax_id'] }")),
      {"location.billing_npi", "location.tax_id"});
  // A CPT code that is not five digits, a code twice, a technique under two
  // codes, two defaults.
  ExpectBadRequest(
      Invoke(server_->catalog(), &v1::CatalogService::Stub::UpdateService,
             Parse<v1::UpdateServiceRequest>(
                 std::string("service { name: '") + kSwedish +
                 "'"
                 " cpt_codes { code: '9712' techniques: 'effleurage' }"
                 " cpt_codes { code: '97140' techniques: ['MLD', 'Effleurage'] }"
                 " cpt_codes { code: '97140' }"
                 " cpt_codes { code: '97112' }"
                 " cpt_codes { code: '97530' techniques: '' } }"
                 " update_mask { paths: 'cpt_codes' }")),
      {"service.cpt_codes[0].code", "service.cpt_codes[1].techniques[1]",
       "service.cpt_codes[2].code", "service.cpt_codes[3]", "service.cpt_codes[4].techniques[0]"});
  // Insurance card ids are letters, digits and '-'; the unit method is known.
  auto bad_insurance = Parse<v1::UpdateClientRequest>(
      std::string("client { name: '") + kClient1 +
      "' insurance { member_id: 'W 123' payer_id: 'x/y' } } update_mask { paths: 'insurance' }");
  bad_insurance.mutable_client()->mutable_insurance()->set_unit_method(
      static_cast<v1::UnitMethod>(7));
  ExpectBadRequest(
      Invoke(server_->clients(), &v1::ClientService::Stub::UpdateClient, bad_insurance),
      {"client.insurance.member_id", "client.insurance.payer_id", "client.insurance.unit_method"});

  // ICD-10-CM: lower case, no dot, repeats, and more than 12.
  v1::Appointment a = CompletedVisit(*server_, Utc(2024, 6, 3, 14, 0));
  auto notes = v1::NoteService::NewStub(server_->NewChannel(KeyFor(v1::THERAPIST)));
  v1::CreateNoteRequest create;
  create.set_parent(kClient1);
  *create.mutable_note() =
      Parse<v1::Note>("diagnosis_codes: ['M54.50', 'm54.50', 'M545', 'M54.50', 'M62.830']");
  create.mutable_note()->set_appointment(a.name());
  ExpectBadRequest(
      Invoke(*notes, &v1::NoteService::Stub::CreateNote, create),
      {"note.diagnosis_codes[1]", "note.diagnosis_codes[2]", "note.diagnosis_codes[3]"});
  create.mutable_note()->clear_diagnosis_codes();
  for (int i = 0; i < 13; ++i)
    create.mutable_note()->add_diagnosis_codes("M54." + std::to_string(10 + i));
  ExpectBadRequest(Invoke(*notes, &v1::NoteService::Stub::CreateNote, create),
                   {"note.diagnosis_codes"});
  // A draft's diagnoses change with UpdateNote like the rest of its content.
  create.mutable_note()->clear_diagnosis_codes();
  v1::Note draft;
  ASSERT_TRUE(Invoke(*notes, &v1::NoteService::Stub::CreateNote, create, &draft).ok());
  v1::UpdateNoteRequest update;
  *update.mutable_note() = draft;
  update.mutable_note()->add_diagnosis_codes("M54.5X");
  update.mutable_note()->add_diagnosis_codes("M5");
  update.mutable_update_mask()->add_paths("diagnosis_codes");
  ExpectBadRequest(Invoke(*notes, &v1::NoteService::Stub::UpdateNote, update),
                   {"note.diagnosis_codes[1]"});
  update.mutable_note()->mutable_diagnosis_codes()->RemoveLast();
  v1::Note updated;
  ASSERT_TRUE(Invoke(*notes, &v1::NoteService::Stub::UpdateNote, update, &updated).ok());
  ASSERT_EQ(updated.diagnosis_codes_size(), 1);
  EXPECT_EQ(updated.diagnosis_codes(0), "M54.5X");

  // The request itself.
  v1::GetSuperbillRequest req;
  req.set_appointment("organizations/acme/appointments/x");
  req.set_view(static_cast<View::SuperbillView>(9));
  ExpectBadRequest(Invoke(billing(), &v1::BillingService::Stub::GetSuperbill, req),
                   {"appointment", "view"});
}

}  // namespace
}  // namespace fascia::testing
