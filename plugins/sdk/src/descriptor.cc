// ValidateDescriptor: what the host requires of a plugin's Descriptor before
// it serves a single screening; see plugin_forms.h.
#include <set>
#include <string>

#include "fascia/plugin_forms.h"
#include "form_walk.h"

namespace fascia::plugin_sdk {
namespace {

bool IsCode(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

}  // namespace

const std::vector<std::string>& KnownClientFields() {
  static const auto* fields = new std::vector<std::string>{"birth_date", "age_years"};
  return *fields;
}

std::vector<pb::FieldError> ValidateDescriptor(const pb::Descriptor& d, const std::string& plugin_id,
                                               const std::string& version) {
  std::vector<pb::FieldError> errors;
  if (d.plugin_id() != plugin_id) errors.push_back(MakeFieldError("plugin_id", "differs from the ABI table's"));
  if (d.version() != version) errors.push_back(MakeFieldError("version", "differs from the ABI table's"));
  std::set<std::string> form_ids;
  for (const auto& form : d.forms()) {
    const std::string prefix = "forms[" + form.id() + "].";
    if (!form_ids.insert(form.id()).second) errors.push_back(MakeFieldError(prefix + "id", "duplicate form id"));
    for (auto& e : ValidateForm(form)) {
      e.set_field(prefix + e.field());
      errors.push_back(std::move(e));
    }
    internal::WalkItems(form, [&](const pb::Item& item, const pb::Item*) {
      if (item.link_id() == "general" || item.link_id().rfind("general.", 0) == 0) {
        errors.push_back(MakeFieldError(prefix + item.link_id(), "link_ids starting with 'general.' are the host's"));
      }
    });
  }
  if (d.modalities().empty()) errors.push_back(MakeFieldError("modalities", "a plugin screens at least one modality"));
  std::set<std::string> codes;
  for (const auto& m : d.modalities()) {
    const std::string field = "modalities[" + m.code() + "]";
    if (!IsCode(m.code())) errors.push_back(MakeFieldError(field, "code must be [a-z0-9_-]+"));
    if (!codes.insert(m.code()).second) errors.push_back(MakeFieldError(field, "duplicate modality"));
    if (form_ids.count(m.form_id()) == 0) errors.push_back(MakeFieldError(field, "form_id names no form of this plugin"));
  }
  for (const auto& f : d.client_fields()) {
    bool known = false;
    for (const auto& k : KnownClientFields()) known |= k == f;
    if (!known) errors.push_back(MakeFieldError("client_fields", "unknown client field " + f));
  }
  std::set<std::string> rules;
  for (const auto& r : d.rules()) {
    if (r.id().empty()) errors.push_back(MakeFieldError("rules", "a rule needs an id"));
    else if (!rules.insert(r.id()).second) errors.push_back(MakeFieldError("rules", "duplicate rule id " + r.id()));
  }
  return errors;
}

}  // namespace fascia::plugin_sdk
