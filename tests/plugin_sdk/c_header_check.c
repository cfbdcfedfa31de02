/*
 * fascia_plugin.h is the ABI's C header: a plugin may be written in C, or in
 * any language that binds to C. This file is compiled as strict C11 with
 * warnings as errors (tests/plugin_sdk/CMakeLists.txt), so the build fails
 * if the header stops being valid C. It also writes a minimal C plugin
 * table against the header, to show the declarations are usable from C.
 */
#include "fascia_plugin.h"

static void* check_create(const uint8_t* config, size_t config_size, fascia_output* error) {
  (void)config;
  (void)config_size;
  (void)error;
  return NULL;
}

static void check_destroy(void* instance) { (void)instance; }

static int32_t check_invoke(void* instance, uint32_t method, const uint8_t* request,
                            size_t request_size, fascia_output* response) {
  uint8_t* out;
  (void)instance;
  (void)request;
  (void)request_size;
  if (method != FASCIA_METHOD_HEALTH) return FASCIA_STATUS_ERROR;
  out = response->allocate(response->host_context, 0);
  return out == NULL ? FASCIA_STATUS_ERROR : FASCIA_STATUS_OK;
}

static const fascia_plugin_table check_table = {
    sizeof(fascia_plugin_table), FASCIA_PLUGIN_ABI_MAJOR, FASCIA_PLUGIN_ABI_MINOR,
    FASCIA_PLUGIN_CONCURRENT,    "c_check",               "1.0.0",
    check_create,                check_destroy,           check_invoke};

static const fascia_plugin_table* check_entry(uint32_t host_abi_major, uint32_t host_abi_minor) {
  (void)host_abi_minor;
  return host_abi_major == FASCIA_PLUGIN_ABI_MAJOR ? &check_table : NULL;
}

/* The entry has the type the host looks the symbol up as. */
const fascia_plugin_entry_fn fascia_c_header_check_entry = check_entry;

_Static_assert(FASCIA_MAX_MESSAGE_BYTES > 0, "a message limit");
