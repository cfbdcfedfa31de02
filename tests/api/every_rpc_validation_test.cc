// Every public RPC refuses an empty (or out-of-range) request with
// INVALID_ARGUMENT and a BadRequest naming exactly the missing or bad fields.
// A new RPC without a row here is caught by EveryMethodHasARow (ConsentService
// and NoteService have theirs in records_test.cc).
#include <functional>
#include <map>
#include <set>

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include "test_server.h"

namespace fascia::testing {
namespace {

struct Case {
  std::function<grpc::Status(TestServer&)> call;
  std::vector<std::string> fields;
};

// Calls `method` on `stub` with `request` and a fresh context.
template <typename Stub, typename Req, typename Resp>
grpc::Status Call(Stub& stub, grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
                  const Req& request = Req()) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  Resp response;
  return (stub.*method)(&ctx, request, &response);
}

#define EMPTY(accessor, Svc, Method, ...)                                           \
  {                                                                                \
    #Method, Case {                                                                \
      [](TestServer& s) { return Call(s.accessor(), &v1::Svc::Stub::Method); },     \
          {__VA_ARGS__}                                                            \
    }                                                                              \
  }

std::map<std::string, Case> Cases() {
  v1::ListOrganizationsRequest bad_orgs;
  bad_orgs.set_page_size(-5);
  return {
      EMPTY(orgs, OrganizationService, CreateOrganization, "organization.display_name"),
      EMPTY(orgs, OrganizationService, GetOrganization, "name"),
      {"ListOrganizations",
       Case{[bad_orgs](TestServer& s) {
              return Call(s.orgs(), &v1::OrganizationService::Stub::ListOrganizations, bad_orgs);
            },
            {"page_size"}}},
      EMPTY(orgs, OrganizationService, UpdateOrganization, "organization.name", "update_mask"),
      EMPTY(locations, LocationService, CreateLocation, "parent", "location.display_name",
            "location.time_zone", "location.currency_code"),
      EMPTY(locations, LocationService, GetLocation, "name"),
      EMPTY(locations, LocationService, ListLocations, "parent"),
      EMPTY(locations, LocationService, UpdateLocation, "location.name", "update_mask"),
      EMPTY(locations, LocationService, DeleteLocation, "name"),
      EMPTY(locations, LocationService, CreateRoom, "parent", "room.display_name"),
      EMPTY(locations, LocationService, GetRoom, "name"),
      EMPTY(locations, LocationService, ListRooms, "parent"),
      EMPTY(locations, LocationService, UpdateRoom, "room.name", "update_mask"),
      EMPTY(locations, LocationService, DeleteRoom, "name"),
      EMPTY(staff, StaffService, CreateStaffMember, "parent", "staff_member.display_name"),
      EMPTY(staff, StaffService, GetStaffMember, "name"),
      EMPTY(staff, StaffService, ListStaffMembers, "parent"),
      EMPTY(staff, StaffService, UpdateStaffMember, "staff_member.name", "update_mask"),
      EMPTY(staff, StaffService, DeleteStaffMember, "name"),
      EMPTY(catalog, CatalogService, CreateService, "parent", "service.display_name",
            "service.modality_code", "service.duration"),
      EMPTY(catalog, CatalogService, GetService, "name"),
      EMPTY(catalog, CatalogService, ListServices, "parent"),
      EMPTY(catalog, CatalogService, UpdateService, "service.name", "update_mask"),
      EMPTY(catalog, CatalogService, DeleteService, "name"),
      EMPTY(clients, ClientService, CreateClient, "parent", "client.given_name",
            "client.family_name"),
      EMPTY(clients, ClientService, GetClient, "name"),
      EMPTY(clients, ClientService, ListClients, "parent"),
      EMPTY(clients, ClientService, UpdateClient, "client.name", "update_mask"),
      EMPTY(clients, ClientService, DeleteClient, "name"),
      EMPTY(clients, ClientService, GetHealthHistory, "name"),
      EMPTY(clients, ClientService, UpdateHealthHistory, "health_history.name", "update_mask"),
      EMPTY(clients, ClientService, ExportClientData, "name"),
      EMPTY(clients, ClientService, EraseClient, "name", "reason"),
      EMPTY(appointments, AppointmentService, SearchAvailability, "location", "service",
            "start_time", "end_time"),
      EMPTY(appointments, AppointmentService, BookAppointment, "parent", "appointment.client",
            "appointment.service", "appointment.staff_member", "appointment.room",
            "appointment.start_time"),
      EMPTY(appointments, AppointmentService, GetAppointment, "name"),
      EMPTY(appointments, AppointmentService, ListAppointments, "parent"),
      EMPTY(appointments, AppointmentService, RescheduleAppointment, "name", "start_time"),
      EMPTY(appointments, AppointmentService, CancelAppointment, "name", "reason"),
      EMPTY(appointments, AppointmentService, MarkAppointmentArrived, "name"),
      EMPTY(appointments, AppointmentService, CheckInAppointment, "name"),
      EMPTY(appointments, AppointmentService, CompleteAppointment, "name"),
      EMPTY(appointments, AppointmentService, MarkNoShow, "name"),
      EMPTY(appointments, AppointmentService, MarkEnteredInError, "name"),
      EMPTY(access, AccessService, CreateApiKey, "parent", "api_key.display_name", "api_key.role"),
      EMPTY(access, AccessService, GetApiKey, "name"),
      EMPTY(access, AccessService, ListApiKeys, "parent"),
      EMPTY(access, AccessService, RevokeApiKey, "name"),
      EMPTY(audit, AuditService, ListAuditEvents, "parent"),
      EMPTY(audit, AuditService, GetClientAccessReport, "client"),
      EMPTY(audit, AuditService, VerifyAuditLog, "parent"),
  };
}

TEST(EveryRpcValidationTest, EveryMethodHasARow) {
  std::set<std::string> methods;
  for (const char* service :
       {"fascia.v1.OrganizationService", "fascia.v1.LocationService", "fascia.v1.StaffService",
        "fascia.v1.CatalogService", "fascia.v1.ClientService", "fascia.v1.AppointmentService",
        "fascia.v1.AccessService", "fascia.v1.AuditService"}) {
    const auto* d = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service);
    ASSERT_NE(d, nullptr) << service;
    for (int i = 0; i < d->method_count(); ++i) methods.insert(d->method(i)->name());
  }
  std::set<std::string> covered;
  for (const auto& [name, c] : Cases()) covered.insert(name);
  EXPECT_EQ(methods, covered);
}

TEST(EveryRpcValidationTest, EmptyRequestsNameEveryMissingField) {
  TestServer server;
  for (const auto& [name, c] : Cases()) {
    SCOPED_TRACE(name);
    ExpectBadRequest(c.call(server), c.fields);
  }
}

TEST(EveryRpcValidationTest, OversizedStringsAreRefused) {
  TestServer server;
  v1::CreateOrganizationRequest req;
  req.mutable_organization()->set_display_name(std::string(10000, 'a'));
  ExpectBadRequest(Call(server.orgs(), &v1::OrganizationService::Stub::CreateOrganization, req),
                   {"organization.display_name"});
  v1::GetOrganizationRequest get;
  get.set_name("organizations/" + std::string(600, 'a'));
  ExpectBadRequest(Call(server.orgs(), &v1::OrganizationService::Stub::GetOrganization, get),
                   {"name"});
}

TEST(EveryRpcValidationTest, MessagesAboveTheLimitAreRefused) {
  TestServer server;
  v1::CreateOrganizationRequest req;
  req.mutable_organization()->set_display_name(std::string(5 << 20, 'a'));  // > 4 MiB
  grpc::Status s = Call(server.orgs(), &v1::OrganizationService::Stub::CreateOrganization, req);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
}

}  // namespace
}  // namespace fascia::testing
