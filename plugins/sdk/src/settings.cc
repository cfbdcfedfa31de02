// Settings, PluginError, ScreenInput helpers and Plugin's default Health.
#include <cerrno>
#include <cstdlib>

#include "fascia/plugin_sdk.h"

namespace fascia::plugin_sdk {
namespace {

[[noreturn]] void BadSetting(const std::string& key, const std::string& description) {
  throw PluginError(pb::Error::INVALID_ARGUMENT, "setting " + key + " " + description,
                    {MakeFieldError(key, description)});
}

}  // namespace

PluginError::PluginError(pb::Error::Code code, const std::string& message,
                         std::vector<pb::FieldError> field_errors)
    : std::runtime_error(message), code_(code), field_errors_(std::move(field_errors)) {}

pb::Error PluginError::ToProto() const {
  pb::Error e;
  e.set_code(code_);
  e.set_message(what());
  for (const auto& f : field_errors_) *e.add_field_errors() = f;
  return e;
}

Settings::Settings(const pb::PluginConfig& config)
    : values_(config.settings().begin(), config.settings().end()) {}

const std::string* Settings::Find(const std::string& key) const {
  read_.insert(key);
  auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

const std::map<std::string, std::string>& Settings::all() const {
  for (const auto& [key, value] : values_) read_.insert(key);
  return values_;
}

std::vector<std::string> Settings::Unread() const {
  std::vector<std::string> unread;
  for (const auto& [key, value] : values_) {
    if (read_.count(key) == 0) unread.push_back(key);
  }
  return unread;
}

bool Settings::Has(const std::string& key) const { return Find(key) != nullptr; }

std::string Settings::String(const std::string& key, const std::string& fallback) const {
  const std::string* value = Find(key);
  return value == nullptr ? fallback : *value;
}

int64_t Settings::Integer(const std::string& key, int64_t fallback, int64_t min, int64_t max) const {
  const std::string* value = Find(key);
  if (value == nullptr) return fallback;
  const std::string& text = *value;
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || errno != 0 || end == nullptr || *end != '\0') BadSetting(key, "must be an integer");
  if (v < min || v > max) {
    BadSetting(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return v;
}

bool Settings::Boolean(const std::string& key, bool fallback) const {
  const std::string* value = Find(key);
  if (value == nullptr) return fallback;
  if (*value == "true") return true;
  if (*value == "false") return false;
  BadSetting(key, "must be true or false");
}

pb::Outcome Settings::Outcome(const std::string& key, pb::Outcome fallback) const {
  const std::string* value = Find(key);
  if (value == nullptr) return fallback;
  std::optional<pb::Outcome> o = OutcomeFromName(*value);
  if (!o || *o == pb::SCREENING_UNAVAILABLE) {
    BadSetting(key, "must be CLEAR, CAUTION, REQUIRES_CLEARANCE or CONTRAINDICATED");
  }
  return *o;
}

bool ScreenInput::HasClearance(const std::string& rule_id) const {
  for (const auto& r : clearances_on_file) {
    if (r == rule_id) return true;
  }
  return false;
}

std::optional<int64_t> ScreenInput::ClientInteger(const std::string& name) const {
  auto it = client_fields.find(name);
  if (it == client_fields.end() || it->second.kind_case() != pb::Value::kInteger) return std::nullopt;
  return it->second.integer();
}

pb::HealthResponse Plugin::Health() const {
  pb::HealthResponse r;
  r.set_serving(true);
  return r;
}

}  // namespace fascia::plugin_sdk
