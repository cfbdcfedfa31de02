// Export and erasure; see client_rights.h.
#include "api/client_rights.h"

#include "api/invoice_store.h"

#include "fascia/v1/intake.pb.h"

#include "absl/strings/str_cat.h"
#include "api/field_checks.h"
#include "api/health_history.h"
#include "api/invoice_store.h"
#include "api/note_type.h"
#include "api/resource_names.h"
#include "api/resource_types.h"
#include "api/target.h"
#include "common/status_macros.h"
#include "fascia/v1/records.pb.h"
#include "storage/appointment_repository.h"
#include "storage/resource_repository.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

// Every row of `kind` under `parent`, parsed.
template <typename T>
absl::StatusOr<std::vector<T>> ReadAll(storage::Connection& c, const std::string& kind,
                                       const std::string& parent) {
  std::vector<T> out;
  RETURN_IF_ERROR(ForEachStored<T>(c, storage::ResourceRepository(kind), parent,
                                   /*include_deleted=*/true, kind,
                                   [&](T item) { out.push_back(std::move(item)); }));
  return out;
}

absl::Status CheckClientName(const std::string& name) {
  FieldViolations v;
  CheckName(name, kClientPattern, "name", v);
  return v.ToStatus();
}

}  // namespace

absl::StatusOr<v1::ClientDataExport> ClientRights::Export(Caller& caller, const std::string& name) {
  RETURN_IF_ERROR(CheckClientName(name));
  RETURN_IF_ERROR(caller.Authorize(TargetOf(name), name));
  caller.SetClient(name);
  v1::ClientDataExport out;
  RETURN_IF_ERROR(ctx_.db->Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
    out.Clear();
    storage::ResourceRepository clients("client");
    ASSIGN_OR_RETURN(auto row, clients.Get(c, name));
    if (!row) return NotFound("client", name);
    ASSIGN_OR_RETURN(*out.mutable_client(), DecodeStored<v1::Client>(*row, "client"));
    ASSIGN_OR_RETURN(*out.mutable_health_history(), HealthHistoryStore::Read(c, name));
    ASSIGN_OR_RETURN(auto consents, ReadAll<v1::Consent>(c, "consent", name));
    for (auto& consent : consents) *out.add_consents() = std::move(consent);
    ASSIGN_OR_RETURN(auto screenings, ReadAll<v1::Screening>(c, "screening", name));
    for (auto& s : screenings) *out.add_screenings() = std::move(s);
    ASSIGN_OR_RETURN(auto clearances, ReadAll<v1::Clearance>(c, "clearance", name));
    for (auto& cl : clearances) *out.add_clearances() = std::move(cl);
    ASSIGN_OR_RETURN(auto invoices, InvoicesOfClient(c, name));
    for (auto& invoice : invoices) {
      ASSIGN_OR_RETURN(auto payments, ReadAll<v1::Payment>(c, "payment", invoice.name()));
      for (auto& p : payments) *out.add_payments() = std::move(p);
      *out.add_invoices() = std::move(invoice);
    }
    ASSIGN_OR_RETURN(auto packages, ReadAll<v1::Package>(c, "package", name));
    for (auto& p : packages) *out.add_packages() = std::move(p);
    ASSIGN_OR_RETURN(auto memberships, ReadAll<v1::Membership>(c, "membership", name));
    for (auto& m : memberships) *out.add_memberships() = std::move(m);
    ASSIGN_OR_RETURN(auto notes, ReadAll<v1::Note>(c, "note", name));
    for (const auto& note : notes) {
      // Signed versions are stored under the note; a draft only as the note.
      ASSIGN_OR_RETURN(auto versions, ReadNoteVersions(c, note.name()));
      if (versions.empty()) *out.add_notes() = note;
      for (auto& version : versions) *out.add_notes() = std::move(version);
    }
    storage::AppointmentQuery q;
    q.organization = NamePrefix(name, 2);
    q.client = name;
    q.limit = 1000;
    while (true) {
      storage::AppointmentRepository appointments;
      ASSIGN_OR_RETURN(auto rows, appointments.List(c, q));
      for (const auto& a : rows) {
        v1::Appointment* appointment = out.add_appointments();
        if (!appointment->ParseFromString(a.data)) return absl::DataLossError("bad appointment");
        appointment->set_etag(std::to_string(a.revision));
      }
      if (static_cast<int>(rows.size()) < q.limit) break;
      q.after = std::make_pair(rows.back().start_us, rows.back().name);
    }
    return absl::OkStatus();
  }));
  *out.mutable_export_time() = ToTimestamp(ctx_.clock());
  return out;
}

absl::StatusOr<v1::Client> ClientRights::Erase(Caller& caller, const std::string& name,
                                               const std::string& reason) {
  FieldViolations v;
  CheckName(name, kClientPattern, "name", v);
  if (CheckRequired(reason, "reason", v)) CheckText(reason, kMaxShortText, "reason", v);
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(caller.Authorize(TargetOf(name), name));
  caller.SetClient(name);
  const absl::Time now = ctx_.clock();
  v1::Client result;
  RETURN_IF_ERROR(ctx_.db->Transact(storage::TxMode::kWrite, [&](storage::Connection& c) {
    storage::ResourceRepository clients("client");
    ASSIGN_OR_RETURN(auto row, clients.Get(c, name));
    if (!row) return NotFound("client", name);
    ASSIGN_OR_RETURN(v1::Client client, DecodeStored<v1::Client>(*row, "client"));
    if (client.has_erase_time()) {
      result = client;
      result.set_etag(std::to_string(row->revision));
      return absl::OkStatus();
    }
    client.clear_email();
    client.clear_phone();
    client.clear_address();
    client.clear_emergency_contact();
    client.clear_preferred_name();
    client.clear_pressure_preference();
    client.clear_home_location();
    client.clear_insurance();  // member ids are personal data, not clinical record
    *client.mutable_erase_time() = ToTimestamp(now);
    *client.mutable_restricted_until() = ToTimestamp(now + ctx_.clinical_retention);
    client.set_erase_reason(reason);
    *client.mutable_update_time() = ToTimestamp(now);
    row->data = client.SerializeAsString();
    row->update_time = now;
    ASSIGN_OR_RETURN(bool written, clients.Update(c, *row, row->revision));
    if (!written) {
      return ReasonError(absl::StatusCode::kAborted, "CONCURRENT_MODIFICATION",
                         "the client was changed concurrently: try again");
    }
    // Marketing consent is not clinical: it goes entirely.
    ASSIGN_OR_RETURN(auto consents, ReadAll<v1::Consent>(c, "consent", name));
    storage::ResourceRepository consent_rows("consent");
    for (const auto& consent : consents) {
      if (consent.kind() == v1::MARKETING) RETURN_IF_ERROR(consent_rows.HardDelete(c, consent.name()).status());
    }
    result = client;
    result.set_etag(std::to_string(row->revision + 1));
    return absl::OkStatus();
  }));
  return result;
}

}  // namespace fascia::api
