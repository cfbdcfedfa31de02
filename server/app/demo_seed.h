// Seeds "organizations/demo" on first start so a newcomer can search and book
// at once: two locations in different time zones (London, New York), rooms
// with features, three therapists with shifts, four services and two clients.
// Goes through the same validation as the API; resources that already exist
// are left as they are. An OWNER key for it is written to `key_file`
// (mode 0600) so a newcomer can call the API at once.
#ifndef FASCIA_APP_DEMO_SEED_H_
#define FASCIA_APP_DEMO_SEED_H_

#include <string>

#include "absl/status/status.h"
#include "api/services.h"

namespace fascia::app {

absl::Status SeedDemo(const api::ApiContext& ctx, const std::string& key_file);

}  // namespace fascia::app

#endif  // FASCIA_APP_DEMO_SEED_H_
