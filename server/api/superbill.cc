// Superbills; see superbill.h.
#include "api/superbill.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "api/client_record_access.h"
#include "api/field_checks.h"
#include "api/insurance_settings.h"
#include "api/invoice_store.h"
#include "api/money_fields.h"
#include "api/note_type.h"
#include "api/resource_names.h"
#include "api/stored_document.h"
#include "api/superbill_html.h"
#include "api/target.h"
#include "common/status_macros.h"
#include "domain/billing/allocation.h"
#include "domain/billing/insurance_codes.h"
#include "storage/appointment_repository.h"
#include "storage/resource_repository.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;
using Request = v1::GetSuperbillRequest;

// CMS place of service code 11: office.
constexpr char kPlaceOfServiceOffice[] = "11";

// What a superbill is computed from, read in one transaction.
struct Sources {
  v1::Appointment appointment;
  v1::Client client;
  v1::Location location;
  v1::Service service;
  v1::StaffMember staff;
  v1::Note note;                       // the latest signed version
  std::optional<v1::Invoice> invoice;  // the visit's invoice, unless VOID
  // What the package sessions that paid for the visit were worth (their
  // share of the package price), in minor units.
  int64_t package_value = 0;
};

absl::Status Refused(absl::string_view reason, absl::string_view message) {
  return ReasonError(absl::StatusCode::kFailedPrecondition, reason, message);
}

// A resource the appointment refers to, read even if soft-deleted since the
// visit: the visit still happened and is still billed.
template <typename T>
absl::StatusOr<T> ReadReferenced(storage::Connection& c, const std::string& kind,
                                 const std::string& name) {
  ASSIGN_OR_RETURN(auto row, storage::ResourceRepository(kind).Get(c, name));
  if (!row) return absl::DataLossError(absl::StrCat("the appointment's ", kind, " is missing"));
  return DecodeStored<T>(*row, kind);
}

// The signed note of `appointment` among the client's notes (the last signed
// if there are several); NOTE_NOT_SIGNED when there is none.
absl::StatusOr<v1::Note> FindSignedNote(storage::Connection& c, const std::string& client,
                                        const std::string& appointment) {
  storage::ResourceRepository notes(NoteType().kind);
  std::optional<v1::Note> found;
  bool draft = false;
  RETURN_IF_ERROR(ForEachStored<v1::Note>(
      c, notes, client, /*include_deleted=*/false, "note", [&](v1::Note note) {
        if (note.appointment() != appointment) return;
        if (note.status() != v1::SIGNED) {
          draft = true;
          return;
        }
        if (!found || ToTime(note.sign_time()) > ToTime(found->sign_time())) found = std::move(note);
      }));
  if (found) return *std::move(found);
  return Refused("NOTE_NOT_SIGNED",
                 draft ? "the treatment note for this appointment is still a draft: the therapist "
                         "signs it first (SignNote)"
                       : "there is no signed treatment note for this appointment: the therapist "
                         "writes and signs one first");
}

// A package session pays for a visit with a 100% DISCOUNT naming the
// package; the session's value is recorded on the package's use.
absl::StatusOr<int64_t> PackageValue(storage::Connection& c, const Sources& s) {
  if (!s.invoice) return 0;
  int64_t value = 0;
  for (const v1::InvoiceLine& line : s.invoice->lines()) {
    if (line.type() != v1::InvoiceLine::DISCOUNT || line.package().empty()) continue;
    ASSIGN_OR_RETURN(v1::Package package,
                     ReadReferenced<v1::Package>(c, "package", line.package()));
    for (const v1::PackageUse& use : package.uses()) {
      if (use.appointment() == s.appointment.name() && use.reason() == v1::PackageUse::VISIT) {
        value += use.value().amount_minor();
      }
    }
  }
  return value;
}

absl::StatusOr<Sources> Load(storage::Connection& c, Caller& caller, const std::string& name,
                             absl::Time now) {
  Sources s;
  ASSIGN_OR_RETURN(auto row, storage::AppointmentRepository().Get(c, name));
  if (!row) return NotFound("appointment", name);
  if (!s.appointment.ParseFromString(row->data)) {
    return absl::DataLossError("stored appointment cannot be parsed");
  }
  const v1::Appointment& a = s.appointment;
  caller.SetClient(a.client());
  if (a.status() != v1::FULFILLED) {
    return Refused("APPOINTMENT_NOT_FULFILLED",
                   absl::StrCat("a superbill is for a completed visit; this appointment is ",
                                v1::AppointmentStatus_Name(a.status())));
  }
  ASSIGN_OR_RETURN(s.client, LoadUnrestrictedClient(c, a.client(), now));
  ASSIGN_OR_RETURN(s.location, ReadReferenced<v1::Location>(c, "location", NamePrefix(name, 4)));
  ASSIGN_OR_RETURN(s.service, ReadReferenced<v1::Service>(c, "service", a.service()));
  if (s.service.cpt_codes().empty()) {
    return Refused("NO_CPT_CODES",
                   absl::StrCat("the service \"", s.service.display_name(),
                                "\" has no CPT codes: give it cpt_codes (UpdateService) first"));
  }
  ASSIGN_OR_RETURN(s.staff, ReadReferenced<v1::StaffMember>(c, "staff", a.staff_member()));
  ASSIGN_OR_RETURN(s.note, FindSignedNote(c, a.client(), name));
  if (!a.invoice().empty()) {
    ASSIGN_OR_RETURN(std::optional<StoredInvoice> stored, LoadInvoice(c, a.invoice()));
    if (stored && stored->invoice.status() != v1::Invoice::VOID) s.invoice = stored->invoice;
  }
  ASSIGN_OR_RETURN(s.package_value, PackageValue(c, s));
  return s;
}

// The visit's charge in minor units: the invoice's SERVICE lines for this
// appointment (or naming none) after their discounts, plus what the package
// sessions that paid for it were worth; else the service's price at the
// location.
absl::StatusOr<int64_t> VisitCharge(const Sources& s) {
  if (s.invoice) {
    int64_t total = s.package_value;
    bool any = false;
    for (const v1::InvoiceLine& line : s.invoice->lines()) {
      if (line.type() != v1::InvoiceLine::SERVICE) continue;
      if (!line.appointment().empty() && line.appointment() != s.appointment.name()) continue;
      total += line.amount().amount_minor() - line.discount().amount_minor();
      any = true;
    }
    if (any) return total;
  }
  const std::string location = NamePrefix(s.appointment.name(), 4);
  for (const v1::LocationPrice& p : s.service.prices()) {
    if (p.location() == location) return p.price().amount_minor();
  }
  return Refused("NOT_OFFERED_AT_LOCATION",
                 "the visit has no invoice and the service has no price at this location, so "
                 "there is nothing to charge: give it a price first");
}

v1::Date ToDate(absl::CivilDay day) {
  v1::Date d;
  d.set_year(static_cast<int32_t>(day.year()));
  d.set_month(day.month());
  d.set_day(day.day());
  return d;
}

// The local date of the visit at its location.
v1::Date DateOfService(const Sources& s) {
  absl::TimeZone tz = absl::UTCTimeZone();
  if (!absl::LoadTimeZone(s.appointment.time_zone(), &tz)) {
    absl::LoadTimeZone(s.location.time_zone(), &tz);
  }
  return ToDate(absl::ToCivilDay(ToTime(s.appointment.start_time()), tz));
}

std::string LastSegment(const std::string& name) { return name.substr(name.rfind('/') + 1); }

absl::StatusOr<v1::Superbill> Build(const Sources& s, absl::Time now) {
  const v1::Appointment& a = s.appointment;
  const v1::UnitMethod method =
      s.client.insurance().unit_method() == v1::PER_CODE ? v1::PER_CODE : v1::TOTAL_TIME;

  std::vector<billing::TechniqueMinutes> minutes;
  for (const v1::TechniqueApplied& t : s.note.objective().techniques()) {
    minutes.push_back(billing::TechniqueMinutes{t.technique(), t.minutes()});
  }
  const billing::CodedVisit visit = billing::CodeVisit(ToDomainCptRules(s.service.cpt_codes()),
                                                       minutes, ToDomainUnitMethod(method));
  if (visit.total_units == 0) {
    return Refused("NO_BILLABLE_UNITS",
                   "the signed note records no timed minutes that earn a unit under the service's "
                   "CPT codes (a code needs 8 minutes or more)");
  }

  ASSIGN_OR_RETURN(const int64_t total_charge, VisitCharge(s));
  std::vector<int64_t> weights;
  for (const billing::CodedLine& line : visit.lines) weights.push_back(line.units);
  const std::vector<int64_t> charges = billing::Allocate(total_charge, weights);
  const std::string currency = s.invoice ? s.invoice->currency_code() : s.location.currency_code();

  v1::Superbill bill;
  bill.set_appointment(a.name());
  bill.set_note_version(NoteVersionName(s.note.name(), s.note.version()));
  if (s.invoice) bill.set_invoice(s.invoice->name());

  v1::SuperbillPatient& patient = *bill.mutable_patient();
  patient.set_client(s.client.name());
  patient.set_given_name(s.client.given_name());
  patient.set_family_name(s.client.family_name());
  if (s.client.has_birth_date()) *patient.mutable_birth_date() = s.client.birth_date();
  if (s.client.has_address()) *patient.mutable_address() = s.client.address();
  patient.set_phone(s.client.phone());
  patient.set_account_number(LastSegment(s.client.name()));

  const v1::InsuranceCoverage& coverage = s.client.insurance();
  v1::SuperbillInsurance& insurance = *bill.mutable_insurance();
  insurance.set_payer_name(coverage.payer_name());
  insurance.set_payer_id(coverage.payer_id());
  insurance.set_member_id(coverage.member_id());
  insurance.set_group_number(coverage.group_number());
  insurance.set_relationship("self");

  *bill.mutable_date_of_service() = DateOfService(s);
  bill.set_place_of_service(kPlaceOfServiceOffice);

  std::vector<std::string> pointers;
  for (int i = 0; i < s.note.diagnosis_codes_size() && i < billing::kMaxDiagnoses; ++i) {
    v1::SuperbillDiagnosis* d = bill.add_diagnoses();
    d->set_letter(billing::DiagnosisLetter(i));
    d->set_code(s.note.diagnosis_codes(i));
    if (i < billing::kMaxDiagnosisPointers) pointers.push_back(d->letter());
  }

  for (size_t i = 0; i < visit.lines.size(); ++i) {
    const billing::CodedLine& coded = visit.lines[i];
    v1::SuperbillLine* line = bill.add_lines();
    *line->mutable_date_of_service() = bill.date_of_service();
    line->set_place_of_service(kPlaceOfServiceOffice);
    line->set_cpt_code(coded.code);
    for (const std::string& p : pointers) line->add_diagnosis_pointers(p);
    line->set_units(coded.units);
    line->set_minutes(coded.minutes);
    *line->mutable_charge() = ToMoney(charges[i], currency);
    for (const std::string& t : coded.techniques) line->add_techniques(t);
    line->set_rendering_provider_npi(s.staff.npi());
  }

  int64_t paid = 0;
  if (s.invoice) {
    // A package session was paid for when the package was bought.
    paid = s.package_value + s.invoice->amount_paid().amount_minor() -
           s.invoice->amount_refunded().amount_minor();
    paid = std::clamp<int64_t>(paid, 0, std::max<int64_t>(total_charge, 0));
  }
  *bill.mutable_total_charge() = ToMoney(total_charge, currency);
  *bill.mutable_amount_paid() = ToMoney(paid, currency);
  *bill.mutable_balance_due() = ToMoney(total_charge - paid, currency);

  v1::SuperbillProvider& rendering = *bill.mutable_rendering_provider();
  rendering.set_resource(a.staff_member());
  rendering.set_name(s.staff.display_name());
  rendering.set_credentials(s.staff.credentials());
  rendering.set_npi(s.staff.npi());

  v1::SuperbillProvider& billing_provider = *bill.mutable_billing_provider();
  billing_provider.set_resource(s.location.name());
  billing_provider.set_name(s.location.display_name());
  billing_provider.set_npi(s.location.billing_npi());
  billing_provider.set_tax_id(s.location.tax_id());
  if (s.location.has_address()) *billing_provider.mutable_address() = s.location.address();

  bill.set_unit_method(method);
  for (const std::string& t : visit.unbilled_techniques) bill.add_unbilled_techniques(t);

  auto missing = [&](bool absent, const char* field) {
    if (absent) bill.add_missing_fields(field);
  };
  missing(!patient.has_birth_date(), "patient.birth_date");
  missing(patient.address().address_lines().empty(), "patient.address");
  missing(insurance.payer_name().empty(), "insurance.payer_name");
  missing(insurance.member_id().empty(), "insurance.member_id");
  missing(bill.diagnoses().empty(), "diagnoses");
  missing(rendering.npi().empty(), "rendering_provider.npi");
  missing(billing_provider.npi().empty(), "billing_provider.npi");
  missing(billing_provider.tax_id().empty(), "billing_provider.tax_id");
  missing(billing_provider.address().address_lines().empty(), "billing_provider.address");

  *bill.mutable_create_time() = ToTimestamp(now);
  return bill;
}

}  // namespace

Superbills::Superbills(const ApiContext& ctx) : ctx_(ctx) {}

absl::StatusOr<v1::Superbill> Superbills::Get(Caller& caller, const Request& r) {
  FieldViolations v;
  CheckName(r.appointment(), kAppointmentPattern, "appointment", v);
  if (!Request::SuperbillView_IsValid(r.view())) {
    v.Add("view", "must be STRUCTURED or HTML (or unset)");
  }
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(r.appointment()), r.appointment()));
  const absl::Time now = ctx_.clock();
  Sources sources;
  RETURN_IF_ERROR(
      ctx_.db->Transact(storage::TxMode::kRead, [&](storage::Connection& c) -> absl::Status {
        ASSIGN_OR_RETURN(sources, Load(c, caller, r.appointment(), now));
        return absl::OkStatus();
      }));
  ASSIGN_OR_RETURN(v1::Superbill bill, Build(sources, now));
  if (r.view() == Request::HTML) bill.set_html(RenderSuperbillHtml(bill));
  return bill;
}

}  // namespace fascia::api
