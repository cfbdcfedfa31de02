// The C ABI of fascia_plugin.h implemented over a plugin_sdk::Plugin class.
//
// Everything a table function does runs inside one try block: a PluginError
// becomes its Error, any other exception an INTERNAL Error, so no exception
// crosses into the host. Building that Error allocates and may itself throw
// (std::bad_alloc); then a fixed Error goes out instead (WriteCurrentError).
// The table functions are noexcept, so an exception that still escaped would
// terminate the process rather than unwind through the host's C frames.
// Requests are parsed here, answers filtered to enabled items, and replies
// serialized straight into the host's buffer.
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "fascia/plugin_sdk.h"

namespace fascia::plugin_sdk::internal {
namespace {

// One instance: the plugin object and what the SDK derives from its
// Descriptor once (forms by modality), read-only after create().
struct Instance {
  std::unique_ptr<Plugin> plugin;
  pb::Descriptor descriptor;
  std::map<std::string, const pb::Form*> form_by_modality;
};

// One plugin per shared object: FASCIA_PLUGIN is used once per .so, and the
// SDK is linked privately (hidden) into each, so these are per plugin.
Factory g_factory = nullptr;
fascia_plugin_table g_table;

bool Write(const google::protobuf::MessageLite& message, fascia_output* out) {
  const size_t size = message.ByteSizeLong();
  uint8_t* buffer = out->allocate(out->host_context, size);
  if (buffer == nullptr) return false;
  if (size > 0) message.SerializeWithCachedSizesToArray(buffer);
  return true;
}

int32_t WriteError(const pb::Error& error, fascia_output* out) {
  Write(error, out);
  return FASCIA_STATUS_ERROR;
}

int32_t WriteError(pb::Error::Code code, const std::string& message, fascia_output* out) {
  pb::Error e;
  e.set_code(code);
  e.set_message(message);
  return WriteError(e, out);
}

int32_t Reply(const google::protobuf::MessageLite& message, fascia_output* out) {
  if (Write(message, out)) return FASCIA_STATUS_OK;
  return WriteError(pb::Error::INTERNAL, "response larger than the host accepts", out);
}

// Protobuf takes an int size. Every message the ABI carries is at most
// FASCIA_MAX_MESSAGE_BYTES, so a larger size is refused, not narrowed: cast
// to int, 4 GiB + 10 bytes becomes 10, and those first bytes alone might
// parse as a different, shorter request.
static_assert(FASCIA_MAX_MESSAGE_BYTES <= static_cast<size_t>(std::numeric_limits<int>::max()),
              "every message the ABI allows must fit protobuf's int size");

// Parses `size` bytes at `data`; returns nullptr, or what is wrong.
template <typename Message>
const char* Parse(const uint8_t* data, size_t size, Message& message) {
  if (size > FASCIA_MAX_MESSAGE_BYTES) return "is larger than FASCIA_MAX_MESSAGE_BYTES";
  if (!message.ParseFromArray(data, static_cast<int>(size))) return "does not parse";
  return nullptr;
}

const pb::Form* FormFor(const Instance& instance, const std::string& modality) {
  auto it = instance.form_by_modality.find(modality);
  return it == instance.form_by_modality.end() ? nullptr : it->second;
}

int32_t Screen(const Instance& instance, const pb::ScreenRequest& request, fascia_output* out) {
  const pb::Form* form = FormFor(instance, request.modality());
  if (form == nullptr) return WriteError(pb::Error::INVALID_ARGUMENT, "unknown modality", out);
  ScreenInput input;
  input.modality = request.modality();
  input.answers = Answers(*form, request.response());
  input.client_fields.insert(request.client_fields().begin(), request.client_fields().end());
  input.context = request.context();
  input.clearances_on_file.assign(request.clearances_on_file().begin(),
                                  request.clearances_on_file().end());
  pb::ScreenResponse response;
  for (auto& finding : instance.plugin->Screen(input)) *response.add_findings() = std::move(finding);
  return Reply(response, out);
}

int32_t ValidateIntake(const Instance& instance, const pb::ValidateIntakeRequest& request,
                       fascia_output* out) {
  const pb::Form* form = FormFor(instance, request.modality());
  if (form == nullptr) return WriteError(pb::Error::INVALID_ARGUMENT, "unknown modality", out);
  pb::ValidateIntakeResponse response;
  for (auto& e : ValidateResponse(*form, request.response())) *response.add_errors() = std::move(e);
  if (response.errors().empty()) {
    Answers answers(*form, request.response());
    for (auto& e : instance.plugin->ValidateIntake(request.modality(), answers)) {
      *response.add_errors() = std::move(e);
    }
  }
  return Reply(response, out);
}

int32_t Dispatch(const Instance& instance, uint32_t method, const uint8_t* data, size_t size,
                 fascia_output* out) {
  const char* problem = nullptr;
  switch (method) {
    case FASCIA_METHOD_DESCRIBE: return Reply(instance.descriptor, out);
    case FASCIA_METHOD_VALIDATE_INTAKE: {
      pb::ValidateIntakeRequest request;
      problem = Parse(data, size, request);
      if (problem != nullptr) break;
      return ValidateIntake(instance, request, out);
    }
    case FASCIA_METHOD_SCREEN: {
      pb::ScreenRequest request;
      problem = Parse(data, size, request);
      if (problem != nullptr) break;
      return Screen(instance, request, out);
    }
    case FASCIA_METHOD_HEALTH: return Reply(instance.plugin->Health(), out);
    default: return WriteError(pb::Error::UNIMPLEMENTED, "unknown method id", out);
  }
  return WriteError(pb::Error::INVALID_ARGUMENT, std::string("request ") + problem, out);
}

// fasciad's config promises that an unknown setting refuses the plugin: a
// misspelt key ("pn1_outcom") would otherwise leave its rule at the default.
void RefuseUnreadSettings(const Settings& settings) {
  std::vector<std::string> unread = settings.Unread();
  if (unread.empty()) return;
  std::vector<pb::FieldError> errors;
  std::string names;
  for (const std::string& key : unread) {
    errors.push_back(MakeFieldError(key, "is not a setting of this plugin"));
    names += (names.empty() ? "" : ", ") + key;
  }
  throw PluginError(pb::Error::INVALID_ARGUMENT, "unknown setting " + names, std::move(errors));
}

// The Error sent when building the real one threw: a serialized
// fascia.plugin.v1.Error {code: INTERNAL (field 1 = 2), message (field 2,
// 65 bytes)}. Fixed bytes, so sending them allocates nothing here.
// tests/plugin_sdk/abi_boundary_test.cc checks that the host can parse them.
constexpr char kFallbackError[] =
    "\x08\x02\x12\x41"
    "plugin failed, and building its Error failed too (out of memory?)";

int32_t WriteFallbackError(fascia_output* out) noexcept {
  const size_t size = sizeof(kFallbackError) - 1;  // not the terminating NUL
  uint8_t* buffer = out->allocate(out->host_context, size);
  // Should the host refuse even this, an ERROR without an Error still fails
  // the call (fascia_plugin.h, MEMORY).
  if (buffer != nullptr) std::memcpy(buffer, kFallbackError, size);
  return FASCIA_STATUS_ERROR;
}

// Writes the Error for the exception being handled: a PluginError's own,
// any other INTERNAL "<context>: <what>". Building it allocates; if that
// throws, the exception must not leave the table function, so the fixed
// fallback Error goes out instead.
// REQUIRES: called from a catch handler.
int32_t WriteCurrentError(const char* context, fascia_output* out) noexcept {
  try {
    try {
      throw;
    } catch (const PluginError& e) {
      return WriteError(e.ToProto(), out);
    } catch (const std::exception& e) {
      return WriteError(pb::Error::INTERNAL, std::string(context) + ": " + e.what(), out);
    } catch (...) {
      return WriteError(pb::Error::INTERNAL, std::string(context) + ": a non-standard exception",
                        out);
    }
  } catch (...) {
    return WriteFallbackError(out);
  }
}

void* Create(const uint8_t* config, size_t config_size, fascia_output* error) noexcept {
  try {
    pb::PluginConfig parsed;
    if (const char* problem = Parse(config, config_size, parsed)) {
      WriteError(pb::Error::INVALID_ARGUMENT, std::string("plugin config ") + problem, error);
      return nullptr;
    }
    auto instance = std::make_unique<Instance>();
    const Settings settings(parsed);
    instance->plugin = g_factory(settings);
    RefuseUnreadSettings(settings);
    instance->descriptor = instance->plugin->Describe();
    for (const auto& m : instance->descriptor.modalities()) {
      for (const auto& f : instance->descriptor.forms()) {
        if (f.id() == m.form_id()) instance->form_by_modality[m.code()] = &f;
      }
    }
    return instance.release();
  } catch (...) {
    WriteCurrentError("create failed", error);
  }
  return nullptr;
}

void Destroy(void* instance) noexcept {
  try {
    delete static_cast<Instance*>(instance);
  } catch (...) {
    // A throwing destructor must still not cross the boundary.
  }
}

int32_t Invoke(void* instance, uint32_t method, const uint8_t* request, size_t request_size,
               fascia_output* response) noexcept {
  try {
    return Dispatch(*static_cast<Instance*>(instance), method, request, request_size, response);
  } catch (...) {
    return WriteCurrentError("plugin threw", response);
  }
}

}  // namespace

const fascia_plugin_table* Entry(uint32_t host_major, uint32_t host_minor, Factory factory,
                                 const char* plugin_id, const char* version, uint32_t flags) {
  // A host of another major speaks a different ABI: refuse rather than guess.
  if (host_major != FASCIA_PLUGIN_ABI_MAJOR) return nullptr;
  // Filled once: a host may call the entry again (another instance, other
  // settings) while instances made from the table are being invoked.
  static std::once_flag filled;
  std::call_once(filled, [&] {
    g_factory = factory;
    g_table.struct_size = sizeof(fascia_plugin_table);
    g_table.abi_major = FASCIA_PLUGIN_ABI_MAJOR;
    g_table.abi_minor = FASCIA_PLUGIN_ABI_MINOR;
    g_table.flags = flags;
    g_table.plugin_id = plugin_id;
    g_table.plugin_version = version;
    g_table.create = &Create;
    g_table.destroy = &Destroy;
    g_table.invoke = &Invoke;
  });
  return &g_table;
}

}  // namespace fascia::plugin_sdk::internal
