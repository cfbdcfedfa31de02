// The method policy table; see method_policy.h. Keep rows grouped by service
// in proto order.
#include "api/method_policy.h"

#include "absl/container/flat_hash_map.h"

namespace fascia::api {
namespace {

using P = domain::Permission;

const std::vector<MethodPolicy>& Table() {
  static const auto* table = new std::vector<MethodPolicy>{
      // Organizations are created by `fasciad bootstrap`, never by a key.
      {"fascia.v1.OrganizationService/CreateOrganization", P::kPlatformAdmin, true},
      {"fascia.v1.OrganizationService/GetOrganization", P::kOrganizationRead, false},
      {"fascia.v1.OrganizationService/ListOrganizations", P::kOrganizationRead, false},
      {"fascia.v1.OrganizationService/UpdateOrganization", P::kOrganizationWrite, true},

      {"fascia.v1.LocationService/CreateLocation", P::kOrgConfigWrite, true},
      {"fascia.v1.LocationService/GetLocation", P::kConfigRead, false},
      {"fascia.v1.LocationService/ListLocations", P::kConfigRead, false},
      {"fascia.v1.LocationService/UpdateLocation", P::kLocationConfigWrite, true},
      {"fascia.v1.LocationService/DeleteLocation", P::kOrgConfigWrite, true},
      {"fascia.v1.LocationService/CreateRoom", P::kLocationConfigWrite, true},
      {"fascia.v1.LocationService/GetRoom", P::kConfigRead, false},
      {"fascia.v1.LocationService/ListRooms", P::kConfigRead, false},
      {"fascia.v1.LocationService/UpdateRoom", P::kLocationConfigWrite, true},
      {"fascia.v1.LocationService/DeleteRoom", P::kLocationConfigWrite, true},

      {"fascia.v1.StaffService/CreateStaffMember", P::kOrgConfigWrite, true},
      {"fascia.v1.StaffService/GetStaffMember", P::kConfigRead, false},
      {"fascia.v1.StaffService/ListStaffMembers", P::kConfigRead, false},
      {"fascia.v1.StaffService/UpdateStaffMember", P::kOrgConfigWrite, true},
      {"fascia.v1.StaffService/DeleteStaffMember", P::kOrgConfigWrite, true},

      {"fascia.v1.CatalogService/CreateService", P::kOrgConfigWrite, true},
      {"fascia.v1.CatalogService/GetService", P::kConfigRead, false},
      {"fascia.v1.CatalogService/ListServices", P::kConfigRead, false},
      {"fascia.v1.CatalogService/UpdateService", P::kOrgConfigWrite, true},
      {"fascia.v1.CatalogService/DeleteService", P::kOrgConfigWrite, true},

      {"fascia.v1.ClientService/CreateClient", P::kClientContactWrite, true},
      {"fascia.v1.ClientService/GetClient", P::kClientContactRead, true},
      {"fascia.v1.ClientService/ListClients", P::kClientContactRead, true},
      {"fascia.v1.ClientService/UpdateClient", P::kClientContactWrite, true},
      {"fascia.v1.ClientService/DeleteClient", P::kClientContactWrite, true},
      {"fascia.v1.ClientService/GetHealthHistory", P::kClinicalRead, true},
      {"fascia.v1.ClientService/UpdateHealthHistory", P::kClinicalWrite, true},
      {"fascia.v1.ClientService/ExportClientData", P::kClientPrivacy, true},
      {"fascia.v1.ClientService/EraseClient", P::kClientPrivacy, true},

      {"fascia.v1.ConsentService/CreateConsent", P::kConsentWrite, true},
      {"fascia.v1.ConsentService/GetConsent", P::kConsentRead, true},
      {"fascia.v1.ConsentService/ListConsents", P::kConsentRead, true},
      {"fascia.v1.ConsentService/RevokeConsent", P::kConsentWrite, true},

      {"fascia.v1.NoteService/CreateNote", P::kClinicalWrite, true},
      {"fascia.v1.NoteService/GetNote", P::kClinicalRead, true},
      {"fascia.v1.NoteService/ListNotes", P::kClinicalRead, true},
      {"fascia.v1.NoteService/UpdateNote", P::kClinicalWrite, true},
      {"fascia.v1.NoteService/SignNote", P::kClinicalWrite, true},
      {"fascia.v1.NoteService/AmendNote", P::kClinicalWrite, true},
      {"fascia.v1.NoteService/ListNoteVersions", P::kClinicalRead, true},

      // Forms are not health data; answers and screenings are.
      {"fascia.v1.IntakeService/ListIntakeForms", P::kConfigRead, false},
      {"fascia.v1.IntakeService/GetIntakeForm", P::kConfigRead, false},
      {"fascia.v1.IntakeService/SubmitIntake", P::kIntakeSubmit, true},
      {"fascia.v1.IntakeService/GetScreening", P::kClinicalRead, true},
      {"fascia.v1.IntakeService/ListScreenings", P::kClinicalRead, true},
      {"fascia.v1.IntakeService/OverrideScreening", P::kScreeningOverride, true},
      {"fascia.v1.IntakeService/CreateClearance", P::kClinicalWrite, true},
      {"fascia.v1.IntakeService/GetClearance", P::kClinicalRead, true},
      {"fascia.v1.IntakeService/ListClearances", P::kClinicalRead, true},

      {"fascia.v1.PluginService/ListPlugins", P::kPluginRead, false},
      {"fascia.v1.PluginService/GetPlugin", P::kPluginRead, false},

      // Invoices name the client and what they were treated with: audited
      // like appointments.
      {"fascia.v1.BillingService/CreateInvoice", P::kInvoiceWrite, true},
      {"fascia.v1.BillingService/GetInvoice", P::kBillingRead, true},
      {"fascia.v1.BillingService/ListInvoices", P::kBillingRead, true},
      {"fascia.v1.BillingService/UpdateInvoice", P::kInvoiceWrite, true},
      {"fascia.v1.BillingService/IssueInvoice", P::kInvoiceWrite, true},
      {"fascia.v1.BillingService/VoidInvoice", P::kBillingAdjust, true},
      {"fascia.v1.BillingService/WaiveFee", P::kBillingAdjust, true},
      {"fascia.v1.BillingService/SplitBalance", P::kBillingRead, true},
      {"fascia.v1.BillingService/CreatePayment", P::kPaymentTake, true},
      {"fascia.v1.BillingService/GetPayment", P::kBillingRead, true},
      {"fascia.v1.BillingService/ListPayments", P::kBillingRead, true},
      {"fascia.v1.BillingService/RefundPayment", P::kBillingAdjust, true},
      {"fascia.v1.BillingService/IssueGiftCard", P::kInvoiceWrite, true},
      {"fascia.v1.BillingService/GetGiftCard", P::kBillingRead, true},
      {"fascia.v1.BillingService/LookupGiftCard", P::kBillingRead, true},
      {"fascia.v1.BillingService/SellPackage", P::kInvoiceWrite, true},
      {"fascia.v1.BillingService/GetPackage", P::kBillingRead, true},
      {"fascia.v1.BillingService/ListPackages", P::kBillingRead, true},
      {"fascia.v1.BillingService/AddAccountCredit", P::kBillingAdjust, true},
      {"fascia.v1.BillingService/GetCreditBalance", P::kBillingRead, true},
      {"fascia.v1.BillingService/CreateMembershipPlan", P::kOrgConfigWrite, true},
      {"fascia.v1.BillingService/GetMembershipPlan", P::kConfigRead, false},
      {"fascia.v1.BillingService/ListMembershipPlans", P::kConfigRead, false},
      {"fascia.v1.BillingService/UpdateMembershipPlan", P::kOrgConfigWrite, true},
      {"fascia.v1.BillingService/CreateMembership", P::kInvoiceWrite, true},
      {"fascia.v1.BillingService/GetMembership", P::kBillingRead, true},
      {"fascia.v1.BillingService/ListMemberships", P::kBillingRead, true},
      {"fascia.v1.BillingService/CancelMembership", P::kInvoiceWrite, true},
      {"fascia.v1.BillingService/RunMembershipBilling", P::kBillingAdjust, true},
      // Figures only, no client: not audited.
      {"fascia.v1.BillingService/GetRevenueReport", P::kBillingReport, false},
      {"fascia.v1.BillingService/GetStaffReport", P::kStaffReport, false},
      // Diagnoses and treatment codes of one client's visit: audited.
      {"fascia.v1.BillingService/GetSuperbill", P::kBillingRead, true},

      // Appointments reveal who was treated for what: every access is audited.
      {"fascia.v1.AppointmentService/SearchAvailability", P::kScheduleRead, false},
      {"fascia.v1.AppointmentService/BookAppointment", P::kScheduleWrite, true},
      {"fascia.v1.AppointmentService/GetAppointment", P::kScheduleRead, true},
      {"fascia.v1.AppointmentService/ListAppointments", P::kScheduleRead, true},
      {"fascia.v1.AppointmentService/RescheduleAppointment", P::kScheduleWrite, true},
      {"fascia.v1.AppointmentService/CancelAppointment", P::kScheduleWrite, true},
      {"fascia.v1.AppointmentService/MarkAppointmentArrived", P::kScheduleWrite, true},
      {"fascia.v1.AppointmentService/CheckInAppointment", P::kScheduleWrite, true},
      {"fascia.v1.AppointmentService/CompleteAppointment", P::kScheduleWrite, true},
      {"fascia.v1.AppointmentService/MarkNoShow", P::kScheduleWrite, true},
      {"fascia.v1.AppointmentService/MarkEnteredInError", P::kScheduleAdmin, true},

      {"fascia.v1.AccessService/CreateApiKey", P::kKeyAdmin, true},
      {"fascia.v1.AccessService/GetApiKey", P::kKeyAdmin, true},
      {"fascia.v1.AccessService/ListApiKeys", P::kKeyAdmin, true},
      {"fascia.v1.AccessService/RevokeApiKey", P::kKeyAdmin, true},

      // Reading the audit log is itself audited.
      {"fascia.v1.AuditService/ListAuditEvents", P::kAuditRead, true},
      {"fascia.v1.AuditService/GetClientAccessReport", P::kAuditRead, true},
      {"fascia.v1.AuditService/VerifyAuditLog", P::kAuditRead, true},
  };
  return *table;
}

}  // namespace

const std::vector<MethodPolicy>& AllMethodPolicies() { return Table(); }

const MethodPolicy* FindMethodPolicy(absl::string_view method) {
  static const auto* index = [] {
    auto* m = new absl::flat_hash_map<std::string, const MethodPolicy*>();
    for (const MethodPolicy& p : Table()) (*m)[p.method] = &p;
    return m;
  }();
  auto it = index->find(method);
  return it == index->end() ? nullptr : it->second;
}

}  // namespace fascia::api
