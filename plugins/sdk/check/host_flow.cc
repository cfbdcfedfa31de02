// The host-like intake flow; see host_flow.h.
#include "host_flow.h"

#include <set>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "domain/screening/screening_inputs.h"

namespace fascia::plugin_check {

namespace sdk = ::fascia::plugin_sdk;

absl::StatusOr<ModalityForm> FindModalityForm(const pb::Descriptor& descriptor,
                                              const std::string& requested) {
  if (descriptor.modalities().empty()) {
    return absl::FailedPreconditionError("the Descriptor lists no modality");
  }
  const pb::Modality* modality = nullptr;
  if (requested.empty()) {
    modality = &descriptor.modalities(0);
  } else {
    for (const auto& m : descriptor.modalities()) {
      if (m.code() == requested) modality = &m;
    }
  }
  if (modality == nullptr) {
    return absl::NotFoundError(absl::StrCat("the plugin has no modality '", requested, "'"));
  }
  for (const auto& form : descriptor.forms()) {
    if (form.id() == modality->form_id()) return ModalityForm{modality->code(), &form};
  }
  return absl::FailedPreconditionError(
      absl::StrCat("modality '", modality->code(), "' names a missing form"));
}

pb::Response MakeResponse(const pb::Form& form, const std::vector<pb::Answer>& answers) {
  pb::Response response;
  response.set_form_id(form.id());
  response.set_form_version(form.version());
  for (const auto& a : answers) *response.add_answers() = a;
  return response;
}

absl::StatusOr<std::vector<pb::FieldError>> ValidateLikeHost(plugins::Plugin& plugin,
                                                             const ModalityForm& target,
                                                             const pb::Response& response) {
  std::vector<pb::FieldError> errors = sdk::ValidateResponse(*target.form, response);
  std::set<std::string> seen;
  for (const auto& e : errors) seen.insert(e.field());

  pb::ValidateIntakeRequest request;
  request.set_modality(target.modality);
  *request.mutable_response() = response;
  absl::StatusOr<pb::ValidateIntakeResponse> plugin_errors = plugin.ValidateIntake(request);
  if (!plugin_errors.ok()) return plugin_errors.status();
  for (const auto& e : plugin_errors->errors()) {
    if (seen.insert(e.field()).second) errors.push_back(e);
  }
  return errors;
}

absl::StatusOr<pb::ScreenRequest> MakeScreenRequest(const pb::Descriptor& descriptor,
                                                    const ModalityForm& target,
                                                    const IntakeInput& input) {
  const std::set<std::string> declared(descriptor.client_fields().begin(),
                                       descriptor.client_fields().end());
  pb::ScreenRequest request;
  request.set_modality(target.modality);
  *request.mutable_response() =
      sdk::WithoutDisabledAnswers(*target.form, MakeResponse(*target.form, input.answers));
  for (const auto& [name, value] : input.client_fields) {
    if (declared.count(name) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("client field '", name, "' is not among the Descriptor's client_fields"));
    }
    (*request.mutable_client_fields())[name] = value;
  }
  if (input.visit_after_seconds > kMaxVisitAfterSeconds ||
      input.visit_after_seconds < -kMaxVisitAfterSeconds) {
    return absl::InvalidArgumentError(
        absl::StrCat("the visit is ", input.visit_after_seconds,
                     " s after the screening, beyond +/-", kMaxVisitAfterSeconds, " s"));
  }
  pb::AppointmentContext* context = request.mutable_context();
  context->set_screening_time(kFixedInstant);
  context->set_appointment_time(kFixedInstant + input.visit_after_seconds);
  context->set_time_zone("UTC");
  for (const auto& c : input.clearances_on_file) request.add_clearances_on_file(c);
  return request;
}

absl::Status HostAcceptsReply(const pb::ScreenResponse& response) {
  if (screening::UsableScreenResponse(response)) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "fasciad would refuse this Screen reply as malformed (over 200 findings, a rule id "
      "over 32 characters, an unknown outcome or modification, or a modification missing its "
      "argument) and store the screening as SCREENING_UNAVAILABLE");
}

absl::StatusOr<HostScreening> ScreenLikeHost(plugins::Plugin& plugin, const IntakeInput& input) {
  absl::StatusOr<ModalityForm> target = FindModalityForm(plugin.descriptor(), input.modality);
  if (!target.ok()) return target.status();
  HostScreening result;
  result.modality = target->modality;

  absl::StatusOr<std::vector<pb::FieldError>> errors =
      ValidateLikeHost(plugin, *target, MakeResponse(*target->form, input.answers));
  if (!errors.ok()) return errors.status();
  if (!errors->empty()) {
    result.errors = std::move(*errors);
    return result;
  }

  absl::StatusOr<pb::ScreenRequest> request =
      MakeScreenRequest(plugin.descriptor(), *target, input);
  if (!request.ok()) return request.status();
  absl::StatusOr<pb::ScreenResponse> response = plugin.Screen(*request);
  if (!response.ok()) return response.status();
  absl::Status accepted = HostAcceptsReply(*response);
  if (!accepted.ok()) return accepted;
  result.response = std::move(*response);
  return result;
}

}  // namespace fascia::plugin_check
