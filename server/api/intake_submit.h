// SubmitIntake, the use case: validate a client's answers against the
// modality's form, screen them (the general GN-* rules and the modality's
// plugin), and store the screening, all for one visit at one location.
//
// Fails closed: if the plugin cannot answer (crash, hang, timeout, an
// error, a malformed reply) the screening is stored with outcome
// SCREENING_UNAVAILABLE and the reason (never "no findings"), and the
// general rules' findings are kept. Invalid answers are INVALID_ARGUMENT
// with one violation per answer, "answers[<link_id>]", and nothing is stored.
#ifndef FASCIA_API_INTAKE_SUBMIT_H_
#define FASCIA_API_INTAKE_SUBMIT_H_

#include "absl/status/statusor.h"
#include "api/caller.h"
#include "api/client_record_crud.h"
#include "api/services.h"
#include "fascia/v1/intake.pb.h"

namespace fascia::api {

absl::StatusOr<fascia::v1::Screening> SubmitIntake(const ApiContext& ctx,
                                                   const ClientRecordStore<fascia::v1::Screening>& store,
                                                   Caller& caller,
                                                   const fascia::v1::SubmitIntakeRequest& request);

}  // namespace fascia::api

#endif  // FASCIA_API_INTAKE_SUBMIT_H_
