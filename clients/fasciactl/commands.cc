// See commands.h.
#include "commands.h"

namespace fasciactl {

void RegisterAllCommands(Registry& registry) {
  RegisterOrganizationCommands(registry);
  RegisterLocationCommands(registry);
  RegisterStaffCommands(registry);
  RegisterServiceCommands(registry);
  RegisterClientCommands(registry);
  RegisterConsentCommands(registry);
  RegisterNoteCommands(registry);
  RegisterIntakeFormCommands(registry);
  RegisterScreeningCommands(registry);
  RegisterClearanceCommands(registry);
  RegisterAppointmentCommands(registry);
  RegisterAvailabilityCommands(registry);
  RegisterAccessCommands(registry);
  RegisterPluginCommands(registry);
  RegisterAuditCommands(registry);
  RegisterConfigCommands(registry);
}

}  // namespace fasciactl
