// Test plugins that are the normal test plugin (test_plugin.cc, built with
// TP_ENTRY=tp_inner_entry) with ONE thing wrong in the ABI table the host
// sees, chosen by TP_VARIANT:
//   1 garbage:      SCREEN answers OK with bytes that are no ScreenResponse
//   2 abi_major:    abi_major = FASCIA_PLUGIN_ABI_MAJOR + 1
//   3 abi_minor:    abi_minor = FASCIA_PLUGIN_ABI_MINOR + 1 (newer than host)
//   4 short_table:  struct_size ends before invoke
//   5 null_table:   the entry returns NULL
//   6 refused:      SCREEN, and create() when given any setting, ask for a
//                   buffer over FASCIA_MAX_MESSAGE_BYTES and, refused, fail
//                   without writing an Error (as fascia_plugin.h allows)
#include <cstddef>
#include <cstring>

#include "fascia_plugin.h"

extern "C" const fascia_plugin_table* tp_inner_entry(uint32_t major, uint32_t minor);

namespace {

fascia_plugin_table g_table;
int32_t (*g_inner_invoke)(void*, uint32_t, const uint8_t*, size_t, fascia_output*) = nullptr;
void* (*g_inner_create)(const uint8_t*, size_t, fascia_output*) = nullptr;

// True if the host refuses a buffer one byte over the limit, as it must.
bool Refused(fascia_output* out) {
  return out->allocate(out->host_context, FASCIA_MAX_MESSAGE_BYTES + 1) == nullptr;
}

int32_t RefusedInvoke(void* instance, uint32_t method, const uint8_t* request, size_t size,
                      fascia_output* out) {
  if (method != FASCIA_METHOD_SCREEN) return g_inner_invoke(instance, method, request, size, out);
  (void)Refused(out);
  return FASCIA_STATUS_ERROR;
}

void* RefusedCreate(const uint8_t* config, size_t size, fascia_output* error) {
  if (size == 0) return g_inner_create(config, size, error);
  (void)Refused(error);
  return nullptr;
}

int32_t GarbageInvoke(void* instance, uint32_t method, const uint8_t* request, size_t size,
                      fascia_output* out) {
  if (method != FASCIA_METHOD_SCREEN) return g_inner_invoke(instance, method, request, size, out);
  // Field 1, length-delimited, claims 5 bytes but only 2 follow.
  static const uint8_t kGarbage[] = {0x0a, 0x05, 'a', 'b'};
  uint8_t* buffer = out->allocate(out->host_context, sizeof(kGarbage));
  if (buffer == nullptr) return FASCIA_STATUS_ERROR;
  std::memcpy(buffer, kGarbage, sizeof(kGarbage));
  return FASCIA_STATUS_OK;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) const fascia_plugin_table* fascia_plugin_entry(
    uint32_t host_major, uint32_t host_minor) {
  const fascia_plugin_table* inner = tp_inner_entry(host_major, host_minor);
  if (inner == nullptr) return nullptr;
  g_table = *inner;
  g_inner_invoke = inner->invoke;
  g_inner_create = inner->create;
  switch (TP_VARIANT) {
    case 1: g_table.invoke = &GarbageInvoke; break;
    case 2: g_table.abi_major = FASCIA_PLUGIN_ABI_MAJOR + 1; break;
    case 3: g_table.abi_minor = FASCIA_PLUGIN_ABI_MINOR + 1; break;
    case 4: g_table.struct_size = offsetof(fascia_plugin_table, invoke); break;
    case 5: return nullptr;
    case 6:
      g_table.invoke = &RefusedInvoke;
      g_table.create = &RefusedCreate;
      break;
  }
  return &g_table;
}
