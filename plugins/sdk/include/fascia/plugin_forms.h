// Forms, answers and descriptors: the rules of plugin.proto as code, shared by
// plugins (through the SDK) and by fasciad, so both read a form the same way.
//
//   ValidateForm(form)             -> what is wrong with a form definition
//   ValidateResponse(form, resp)   -> what is wrong with a client's answers
//   Answers(form, resp)            -> typed access to the ENABLED items' answers
//   ValidateDescriptor(d, id, ver) -> what is wrong with a plugin's Descriptor
//
// Enablement follows FHIR Questionnaire: an item with enable_when conditions
// is enabled when all (enable_behavior ALL, the default) or any (ANY) hold;
// an item inside a disabled group is disabled; a condition on a disabled
// question sees it as unanswered. A disabled item's answer is ignored even if
// present, and `required` applies only while the item is enabled.
//
// Pure functions over messages; thread-safe. No gRPC, no I/O.
#ifndef FASCIA_PLUGIN_FORMS_H_
#define FASCIA_PLUGIN_FORMS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "fascia/plugin/v1/plugin.pb.h"

namespace fascia::plugin_sdk {

namespace pb = ::fascia::plugin::v1;

// Problems with the definition: empty or duplicate or malformed link_ids,
// unknown types, CHOICE without options or with duplicate codes, answers on
// GROUP/DISPLAY, nested items outside GROUP, repeats outside CHOICE,
// enable_when naming an unknown, later or non-answerable question or with a
// value of the wrong type, empty id/version. `field` is the link_id (or
// "form.id" / "form.version").
std::vector<pb::FieldError> ValidateForm(const pb::Form& form);

// Problems with answers to `form` (which must be valid): unknown link_ids,
// answers to GROUP/DISPLAY, duplicate answers for one link_id, a value of the
// wrong type, several values for a non-repeating item, codes not among the
// options, out-of-range numbers, malformed dates, required-while-enabled
// items without an answer, empty strings. Answers to disabled items are not
// checked (they are ignored). form_id must match; form_version may be empty.
std::vector<pb::FieldError> ValidateResponse(const pb::Form& form, const pb::Response& response);

// The link_ids of the items enabled by `response`.
std::set<std::string> EnabledItems(const pb::Form& form, const pb::Response& response);

// `response` without the answers of disabled items.
pb::Response WithoutDisabledAnswers(const pb::Form& form, const pb::Response& response);

// Typed, read-only access to the answers of enabled items. Answers of
// disabled or unknown items read as unanswered. Accessors never throw; a
// value of an unexpected kind reads as unanswered.
class Answers {
 public:
  Answers() = default;
  Answers(const pb::Form& form, const pb::Response& response);

  bool Has(const std::string& link_id) const;
  // True only for an answered BOOLEAN item whose answer is true.
  bool IsTrue(const std::string& link_id) const;
  std::optional<bool> Boolean(const std::string& link_id) const;
  std::optional<int64_t> Integer(const std::string& link_id) const;
  std::optional<double> Decimal(const std::string& link_id) const;
  std::optional<std::string> Text(const std::string& link_id) const;  // STRING, TEXT
  std::optional<std::string> Date(const std::string& link_id) const;  // YYYY-MM-DD
  std::optional<std::string> Code(const std::string& link_id) const;  // first code
  std::vector<std::string> Codes(const std::string& link_id) const;
  bool HasCode(const std::string& link_id, const std::string& code) const;

 private:
  const pb::Value* First(const std::string& link_id, pb::Value::KindCase kind) const;
  std::map<std::string, std::vector<pb::Value>> values_;
};

// For each of `link_ids` (repeating CHOICE items) whose answer has
// `exclusive_code` (e.g. "none") together with another code: an error
// naming the item. For "nothing applies" options of checklists.
std::vector<pb::FieldError> CheckExclusiveCode(const Answers& answers,
                                               const std::vector<std::string>& link_ids,
                                               const std::string& exclusive_code);

// The modification vocabulary of screening.md, and its text form
// "CODE" or "CODE(argument)", e.g. "MAX_PRESSURE(medium)".
bool IsKnownModification(const std::string& code);
bool ModificationTakesArgument(const std::string& code);
std::string ModificationText(const pb::Modification& m);

// Problems with a Descriptor from plugin `plugin_id` version `version`:
// id/version mismatch, no modality, a modality without a form of this
// plugin, modality codes not [a-z0-9_-]+, duplicate modality codes or form
// ids, invalid forms (ValidateForm, fields prefixed "forms[ID]."), link_ids
// starting with "general." (reserved for the host's general section),
// unknown client_fields, rule ids that are empty or duplicated.
std::vector<pb::FieldError> ValidateDescriptor(const pb::Descriptor& descriptor,
                                               const std::string& plugin_id,
                                               const std::string& version);

// The client fields a plugin may ask for (see Descriptor.client_fields).
const std::vector<std::string>& KnownClientFields();

// A FieldError naming `field` (a link_id or setting key).
pb::FieldError MakeFieldError(const std::string& field, const std::string& description);

// A Finding with its rule id, outcome and message, for terse rule code.
pb::Finding MakeFinding(const std::string& rule_id, pb::Outcome outcome,
                        const std::string& message);
// Appends a modification; returns `finding` for chaining.
pb::Finding& AddModification(pb::Finding& finding, const std::string& code,
                             const std::string& argument = "");

// The session outcome of `findings`: the maximum outcome, a local finding
// counting as CAUTION; CLEAR when there are none.
pb::Outcome OutcomeOf(const google::protobuf::RepeatedPtrField<pb::Finding>& findings);

// Outcome <-> upper-case name ("CAUTION"); nullopt for an unknown name.
std::string OutcomeName(pb::Outcome outcome);
std::optional<pb::Outcome> OutcomeFromName(const std::string& name);

}  // namespace fascia::plugin_sdk

#endif  // FASCIA_PLUGIN_FORMS_H_
