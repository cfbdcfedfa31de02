// Turning a screening's findings into the one list of modifications a
// therapist works to (copied onto the appointment at booking).
//
// - the union of every finding's modifications, in text form, sorted and
//   without duplicates;
// - pressure: one MAX_PRESSURE, the lowest level asked for (light < medium <
//   firm < deep), and NO_DEEP_PRESSURE caps it at firm (GN-PRESS: the
//   client's preference is clamped by any MAX_PRESSURE);
// - a local finding that blocks its region (REQUIRES_CLEARANCE or worse)
//   adds AVOID_REGION(site) if the plugin did not.
#ifndef FASCIA_DOMAIN_SCREENING_MODIFICATIONS_H_
#define FASCIA_DOMAIN_SCREENING_MODIFICATIONS_H_

#include <string>
#include <vector>

#include "fascia/plugin/v1/plugin.pb.h"

namespace fascia::screening {

std::vector<std::string> MergeModifications(
    const google::protobuf::RepeatedPtrField<fascia::plugin::v1::Finding>& findings);

}  // namespace fascia::screening

#endif  // FASCIA_DOMAIN_SCREENING_MODIFICATIONS_H_
