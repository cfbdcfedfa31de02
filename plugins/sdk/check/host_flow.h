// What fasciad does with a client's intake for a plugin, as reusable steps
// for the golden runner, the checker and the gtest fixture:
//
//   1. pick the modality (empty: the plugin's first) and its form;
//   2. build the Response (form id + version, the answers);
//   3. validate: the host's ValidateResponse, then the plugin's own
//      ValidateIntake; any error stops here;
//   4. strip the answers of disabled items, keep only the client fields the
//      Descriptor asked for, and Screen at a fixed instant for a visit at
//      that instant or a given time after it.
//
//   absl::StatusOr<HostScreening> s = ScreenLikeHost(*plugin, input);
//   if (s.ok() && s->errors.empty()) OutcomeOf(s->response.findings());
//
// The screening instant is fixed (kFixedInstant, zone UTC) so that golden
// expectations cannot drift with the calendar; the visit is at the same
// instant unless IntakeInput::visit_after_seconds says otherwise.
// Thread-safe if the Plugin is (LoadPlugin's plugins are).
#ifndef FASCIA_PLUGIN_CHECK_HOST_FLOW_H_
#define FASCIA_PLUGIN_CHECK_HOST_FLOW_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "fascia/plugin_forms.h"
#include "plugins/plugin.h"

namespace fascia::plugin_check {

namespace pb = ::fascia::plugin::v1;

// 2024-06-03T15:00:00Z: the screening time of every harness screening, and
// its appointment time unless the input names a later (or earlier) visit.
inline constexpr int64_t kFixedInstant = 1717426800;

// The largest |visit_after_seconds| accepted: google.protobuf.Duration's
// range (10,000 years), far from overflowing kFixedInstant + it.
inline constexpr int64_t kMaxVisitAfterSeconds = 315576000000;

struct IntakeInput {
  std::string modality;  // empty: the Descriptor's first modality
  std::vector<pb::Answer> answers;
  // Client record fields by name. A field the Descriptor did not ask for is
  // an error (fasciad would never send it, so a case relying on it would
  // show behaviour that cannot happen).
  std::map<std::string, pb::Value> client_fields;
  std::vector<std::string> clearances_on_file;
  // appointment_time - screening_time: the visit this long after the
  // screening (negative: before it). Beyond kMaxVisitAfterSeconds either
  // way, MakeScreenRequest fails.
  int64_t visit_after_seconds = 0;
};

// The modality code `requested` resolves to (empty: the first) and its form.
struct ModalityForm {
  std::string modality;
  const pb::Form* form = nullptr;  // points into the Descriptor
};
absl::StatusOr<ModalityForm> FindModalityForm(const pb::Descriptor& descriptor,
                                              const std::string& requested);

// Step 2: the Response to `form` carrying `answers`.
pb::Response MakeResponse(const pb::Form& form, const std::vector<pb::Answer>& answers);

// Step 3: host-side and plugin-side validation errors, host errors first, a
// link_id reported by both sides listed once. Non-OK only when the plugin
// call itself failed.
absl::StatusOr<std::vector<pb::FieldError>> ValidateLikeHost(plugins::Plugin& plugin,
                                                             const ModalityForm& target,
                                                             const pb::Response& response);

// Step 4's request, without calling the plugin. Fails for undeclared client
// fields and an out-of-range visit_after_seconds.
absl::StatusOr<pb::ScreenRequest> MakeScreenRequest(const pb::Descriptor& descriptor,
                                                    const ModalityForm& target,
                                                    const IntakeInput& input);

struct HostScreening {
  std::string modality;
  std::vector<pb::FieldError> errors;  // non-empty: invalid, not screened
  pb::ScreenResponse response;         // set only when errors is empty
};

// Whether fasciad would use this Screen reply: one it judges malformed (too
// many findings, a rule id over 32 characters, an outcome or modification it
// does not know, a modification without its argument) makes the screening
// SCREENING_UNAVAILABLE, so a plugin must not pass a check with it.
// FAILED_PRECONDITION saying so when it would not.
absl::Status HostAcceptsReply(const pb::ScreenResponse& response);

// Steps 1-4. Non-OK for an unknown modality, undeclared client fields, an
// out-of-range visit_after_seconds, a failed plugin call (the status the
// loader returned), or a reply fasciad would refuse (HostAcceptsReply).
absl::StatusOr<HostScreening> ScreenLikeHost(plugins::Plugin& plugin, const IntakeInput& input);

}  // namespace fascia::plugin_check

#endif  // FASCIA_PLUGIN_CHECK_HOST_FLOW_H_
