/*
 * fascia_plugin.h: the C ABI between fasciad and a screening plugin.
 *
 * Stable and versioned. A plugin is a shared object that exports exactly one
 * symbol, FASCIA_PLUGIN_ENTRY_SYMBOL:
 *
 *   const fascia_plugin_table* fascia_plugin_entry(uint32_t host_abi_major,
 *                                                  uint32_t host_abi_minor);
 *
 * The host calls it once, right after dlopen, with the ABI it speaks. The
 * plugin returns a pointer to a static table (or NULL if it cannot serve that
 * host). The host then rejects the plugin, with a log line and without
 * stopping, unless:
 *   - table->abi_major == the host's major, and
 *   - table->abi_minor <= the host's minor (a plugin built against a newer
 *     header may rely on things this host lacks), and
 *   - table->struct_size covers every field of the table the host reads, and
 *   - the Descriptor returned by DESCRIBE validates (see plugin.proto).
 *
 * Only serialized protobuf messages of package fascia.plugin.v1 cross this
 * boundary (proto/fascia/plugin/v1/plugin.proto): never C++ objects,
 * exceptions, or pointers that outlive a call.
 *
 * MEMORY
 *   - Inputs (config, request) are borrowed: valid only during the call.
 *   - Outputs go into host-allocated memory: the plugin asks
 *     out->allocate(out->host_context, n) for exactly n bytes and writes its
 *     serialized message there. The buffer belongs to the host. Calling
 *     allocate again in the same call replaces the earlier buffer. allocate
 *     returns NULL when the host refuses the size (over
 *     FASCIA_MAX_MESSAGE_BYTES). The plugin must not write through NULL and
 *     must fail the call (invoke: FASCIA_STATUS_ERROR; create: NULL). It may
 *     first allocate again for a smaller Error saying what failed (the C++
 *     SDK does); if it writes none, the host reports the refusal itself
 *     ("response larger than the host accepts"). Either way the call fails.
 *   - The table and the strings it points to must stay valid until the
 *     shared object is unloaded.
 *
 * ERRORS
 *   invoke() and create() report failure per call: they return
 *   FASCIA_STATUS_ERROR (create: NULL) and write a serialized
 *   fascia.plugin.v1.Error into the output. There is no global "last error",
 *   so concurrent calls cannot see each other's errors. Apart from the
 *   refused buffer above, the host treats an ERROR without an Error, an OK
 *   without a response, bytes that do not parse and an unknown status as
 *   malformed (DATA_LOSS): still a failure, never an empty answer, but
 *   without the plugin's reason. A C++ exception must never escape a
 *   function of this table (the C++ SDK catches them; if it cannot even
 *   build the Error, e.g. out of memory, it writes a fixed one).
 *
 * THREADING
 *   - fascia_plugin_entry, create and destroy are called from one thread at a
 *     time, never concurrently with invoke on the same instance.
 *   - If flags has FASCIA_PLUGIN_CONCURRENT, the host may call invoke on one
 *     instance from many threads at once; otherwise it serializes the calls.
 *   - A call should return promptly: the host applies a deadline, and when it
 *     passes, screening fails closed (SCREENING_UNAVAILABLE). In isolated
 *     mode the host kills the plugin's process after a missed deadline and
 *     starts a new one.
 *
 * VERSIONING
 *   Adding a field at the end of fascia_plugin_table, or a new method id,
 *   is a new minor version. Anything else is a new major version.
 */
#ifndef FASCIA_PLUGIN_H_
#define FASCIA_PLUGIN_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FASCIA_PLUGIN_ABI_MAJOR 1u
#define FASCIA_PLUGIN_ABI_MINOR 0u

#define FASCIA_PLUGIN_ENTRY_SYMBOL "fascia_plugin_entry"

/* The largest message either side sends or accepts: 4 MiB. */
#define FASCIA_MAX_MESSAGE_BYTES (4u * 1024u * 1024u)

/* Method ids for invoke(); request and response types in plugin.proto. */
enum fascia_method {
  FASCIA_METHOD_DESCRIBE = 1,        /* DescribeRequest -> Descriptor */
  FASCIA_METHOD_VALIDATE_INTAKE = 2, /* ValidateIntakeRequest -> ValidateIntakeResponse */
  FASCIA_METHOD_SCREEN = 3,          /* ScreenRequest -> ScreenResponse */
  FASCIA_METHOD_HEALTH = 4           /* HealthRequest -> HealthResponse */
};

/* What create() and invoke() return. */
enum fascia_status {
  FASCIA_STATUS_OK = 0,   /* the output holds the response message */
  FASCIA_STATUS_ERROR = 1 /* the output holds a fascia.plugin.v1.Error */
};

/* Table flags. */
#define FASCIA_PLUGIN_CONCURRENT 0x1u /* invoke may run concurrently */

/* A host-owned output buffer; see MEMORY above. */
typedef struct fascia_output {
  void* host_context;
  uint8_t* (*allocate)(void* host_context, size_t size);
} fascia_output;

typedef struct fascia_plugin_table {
  /* sizeof(fascia_plugin_table) as the plugin was compiled: the table is
   * size-prefixed so a host can tell which fields exist. */
  uint32_t struct_size;
  uint32_t abi_major;
  uint32_t abi_minor;
  uint32_t flags;
  const char* plugin_id;      /* lower-case, [a-z0-9_-]+, e.g. "prenatal" */
  const char* plugin_version; /* e.g. "1.2.0" */

  /* Creates an instance from a serialized fascia.plugin.v1.PluginConfig.
   * Returns NULL on failure after writing an Error into *error. */
  void* (*create)(const uint8_t* config, size_t config_size, fascia_output* error);

  /* Destroys an instance create() returned. No call is in flight. */
  void (*destroy)(void* instance);

  /* Runs `method` on a serialized request. Returns FASCIA_STATUS_OK with the
   * serialized response in *response, or FASCIA_STATUS_ERROR with a
   * serialized Error in *response. */
  int32_t (*invoke)(void* instance, uint32_t method, const uint8_t* request,
                    size_t request_size, fascia_output* response);
} fascia_plugin_table;

typedef const fascia_plugin_table* (*fascia_plugin_entry_fn)(uint32_t host_abi_major,
                                                             uint32_t host_abi_minor);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* FASCIA_PLUGIN_H_ */
