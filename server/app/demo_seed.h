// Seeds "organizations/demo" on first start so a newcomer can search and book
// at once: two locations in different time zones (London, New York), rooms
// with features, three therapists with shifts, four services and two clients.
// Goes through the same validation as the API. Does nothing if the demo
// organization already exists.
#ifndef FASCIA_APP_DEMO_SEED_H_
#define FASCIA_APP_DEMO_SEED_H_

#include "absl/status/status.h"
#include "api/services.h"

namespace fascia::app {

absl::Status SeedDemo(const api::ApiContext& ctx);

}  // namespace fascia::app

#endif  // FASCIA_APP_DEMO_SEED_H_
