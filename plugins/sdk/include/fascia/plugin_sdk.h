// The C++ SDK for Fascia screening plugins: a plugin is one class and one
// registration macro. The SDK implements the C ABI of fascia_plugin.h for it:
// it parses requests, passes typed values to the class, serializes replies
// into host buffers, and turns every exception into a per-call Error, so no
// exception ever crosses the boundary.
//
// Example (a complete plugin):
//
//   #include "fascia/plugin_sdk.h"
//   namespace sdk = fascia::plugin_sdk;
//
//   class Reflexology : public sdk::Plugin {
//    public:
//     explicit Reflexology(const sdk::Settings& settings)
//         : max_weeks_(settings.Integer("max_weeks", 12, 1, 40)) {}
//     sdk::pb::Descriptor Describe() const override { ... forms, modalities ... }
//     std::vector<sdk::pb::Finding> Screen(const sdk::ScreenInput& in) const override {
//       std::vector<sdk::pb::Finding> out;
//       if (in.answers.IsTrue("rf.foot_wound"))
//         out.push_back(sdk::MakeFinding("RF-1", sdk::pb::CONTRAINDICATED, "open wound on the foot"));
//       return out;
//     }
//    private:
//     int64_t max_weeks_;
//   };
//   FASCIA_PLUGIN(Reflexology, "reflexology", "1.0.0", FASCIA_PLUGIN_CONCURRENT)
//
// Contract for the class:
//   - Constructed once per instance from the clinic's settings; throw
//     PluginError (INVALID_ARGUMENT) for bad settings and the host refuses
//     to load the plugin, saying which setting is wrong.
//   - Describe() returns the same Descriptor every time.
//   - With FASCIA_PLUGIN_CONCURRENT, the const methods run concurrently, so
//     they must not mutate shared state without locking.
//   - Screen() sees only answers of enabled items (Answers enforces it), and
//     returns the rules that fired; the host computes the outcome.
#ifndef FASCIA_PLUGIN_SDK_H_
#define FASCIA_PLUGIN_SDK_H_

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "fascia/plugin/v1/plugin.pb.h"
#include "fascia/plugin_forms.h"
#include "fascia_plugin.h"

namespace fascia::plugin_sdk {

// Throw from a plugin's constructor or methods to answer with an Error.
class PluginError : public std::runtime_error {
 public:
  PluginError(pb::Error::Code code, const std::string& message,
              std::vector<pb::FieldError> field_errors = {});
  pb::Error ToProto() const;

 private:
  pb::Error::Code code_;
  std::vector<pb::FieldError> field_errors_;
};

// The plugin's settings from fasciad's config (per clinic). Typed getters
// return the default when a key is absent and throw PluginError
// INVALID_ARGUMENT naming the key when a value is malformed or out of range.
// Read every setting in the plugin's constructor: after it, the SDK refuses
// the plugin (INVALID_ARGUMENT naming each key) if the config holds a key no
// getter asked for, so a misspelt threshold cannot fall back to its default
// unnoticed. Not thread-safe; meant for the constructor.
class Settings {
 public:
  Settings() = default;
  explicit Settings(const pb::PluginConfig& config);

  bool Has(const std::string& key) const;
  std::string String(const std::string& key, const std::string& fallback) const;
  int64_t Integer(const std::string& key, int64_t fallback, int64_t min, int64_t max) const;
  bool Boolean(const std::string& key, bool fallback) const;
  // An outcome name: CLEAR, CAUTION, REQUIRES_CLEARANCE or CONTRAINDICATED.
  pb::Outcome Outcome(const std::string& key, pb::Outcome fallback) const;
  // Every key and value; counts them all as read (the plugin checks them).
  const std::map<std::string, std::string>& all() const;
  // The keys present that no getter has asked for, in order.
  std::vector<std::string> Unread() const;

 private:
  const std::string* Find(const std::string& key) const;  // marks `key` read

  std::map<std::string, std::string> values_;
  mutable std::set<std::string> read_;
};

// What Screen() gets.
struct ScreenInput {
  std::string modality;
  Answers answers;  // enabled items only
  std::map<std::string, pb::Value> client_fields;  // as declared in Describe
  pb::AppointmentContext context;
  std::vector<std::string> clearances_on_file;  // rule ids
  bool HasClearance(const std::string& rule_id) const;
  // The integer client field `name` (e.g. "age_years"), if sent.
  std::optional<int64_t> ClientInteger(const std::string& name) const;
};

class Plugin {
 public:
  virtual ~Plugin() = default;
  virtual pb::Descriptor Describe() const = 0;
  // Checks beyond the form's structure, which the SDK has checked already.
  virtual std::vector<pb::FieldError> ValidateIntake(const std::string& /*modality*/,
                                                     const Answers& /*answers*/) const {
    return {};
  }
  virtual std::vector<pb::Finding> Screen(const ScreenInput& input) const = 0;
  virtual pb::HealthResponse Health() const;
};

namespace internal {

using Factory = std::unique_ptr<Plugin> (*)(const Settings&);

// Builds the ABI table for a plugin class; see FASCIA_PLUGIN.
const fascia_plugin_table* Entry(uint32_t host_major, uint32_t host_minor, Factory factory,
                                 const char* plugin_id, const char* version, uint32_t flags);

template <typename T>
std::unique_ptr<Plugin> Make(const Settings& settings) {
  return std::make_unique<T>(settings);
}

}  // namespace internal
}  // namespace fascia::plugin_sdk

// Registers `PluginClass` (constructible from `const Settings&`) as this
// shared object's plugin, exporting the one entry symbol. Use once per .so.
#define FASCIA_PLUGIN(PluginClass, plugin_id, plugin_version, flags)                  \
  extern "C" __attribute__((visibility("default"))) const fascia_plugin_table*        \
  fascia_plugin_entry(uint32_t host_abi_major, uint32_t host_abi_minor) {             \
    return ::fascia::plugin_sdk::internal::Entry(                                     \
        host_abi_major, host_abi_minor, &::fascia::plugin_sdk::internal::Make<PluginClass>, \
        plugin_id, plugin_version, flags);                                            \
  }

#endif  // FASCIA_PLUGIN_SDK_H_
