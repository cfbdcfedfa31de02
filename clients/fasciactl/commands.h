// The command groups, one Register function per cmd_*.cc file. main() calls
// them in this order, which is also the order of the top-level help.
#ifndef FASCIA_CLIENTS_FASCIACTL_COMMANDS_H_
#define FASCIA_CLIENTS_FASCIACTL_COMMANDS_H_

#include "command.h"

namespace fasciactl {

struct ResourceSpec;

void RegisterOrganizationCommands(Registry& registry);  // cmd_organizations.cc
void RegisterLocationCommands(Registry& registry);      // cmd_locations.cc: locations, rooms
void RegisterStaffCommands(Registry& registry);         // cmd_staff.cc
void RegisterServiceCommands(Registry& registry);       // cmd_services.cc
void RegisterClientCommands(Registry& registry);        // cmd_clients.cc
void RegisterConsentCommands(Registry& registry);       // cmd_consents.cc
void RegisterNoteCommands(Registry& registry);          // cmd_notes.cc
// cmd_client_records.cc: `clients health get|update`, `clients export`,
// `clients erase`, added to the clients group described by `clients`.
void AddClientRecordCommands(ResourceGroup& group, const ResourceSpec& clients);
void RegisterIntakeFormCommands(Registry& registry);    // cmd_intake_forms.cc
void RegisterScreeningCommands(Registry& registry);     // cmd_screenings.cc
void RegisterClearanceCommands(Registry& registry);     // cmd_clearances.cc
void RegisterAppointmentCommands(Registry& registry);   // cmd_appointments.cc
// cmd_superbills.cc: `appointments superbill`, added to the appointments group.
void AddSuperbillCommand(ResourceGroup& appointments);
void RegisterAvailabilityCommands(Registry& registry);  // cmd_availability.cc
void RegisterAccessCommands(Registry& registry);        // cmd_access.cc: api-keys
void RegisterPluginCommands(Registry& registry);        // cmd_plugins.cc
void RegisterAuditCommands(Registry& registry);         // cmd_audit.cc
void RegisterConfigCommands(Registry& registry);        // cmd_config.cc

// Every group above, in order.
void RegisterAllCommands(Registry& registry);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_COMMANDS_H_
