// One call across the C ABI of fascia_plugin.h, and what its result means.
//
//   OutputBuffer out;                      // host-owned, refuses > 4 MiB
//   RawResult r = RawCall(table, instance, FASCIA_METHOD_SCREEN, bytes);
//   absl::StatusOr<std::string> reply = InterpretResult(r, "plugin prenatal");
//
// RawCall runs on the calling thread and returns whatever the plugin did;
// InterpretResult turns that into the response bytes or a status (plugin
// Error -> its mapped code, anything malformed -> DATA_LOSS). The isolated
// host ships a RawResult over the socket unchanged, so both modes judge a
// reply with the same code. Never logs the bytes (they are health data).
#ifndef FASCIA_PLUGINS_ABI_CALL_H_
#define FASCIA_PLUGINS_ABI_CALL_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "fascia_plugin.h"

namespace fascia::plugins {

// A fascia_output backed by a std::string. Each allocate() replaces the
// previous buffer (as the ABI says); sizes above FASCIA_MAX_MESSAGE_BYTES,
// and any the host has no memory for, are refused with NULL (never an
// exception: the caller is plugin code). Not thread-safe: one per call.
class OutputBuffer {
 public:
  OutputBuffer();
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;

  fascia_output* output() { return &output_; }
  bool allocated() const { return allocated_; }  // a buffer was handed out
  bool refused() const { return refused_; }      // some buffer was refused
  std::string& bytes() { return bytes_; }

 private:
  static uint8_t* Allocate(void* context, size_t size) noexcept;

  fascia_output output_;
  std::string bytes_;
  bool allocated_ = false;
  bool refused_ = false;
};

// What a create()/invoke() call produced, before interpretation.
struct RawResult {
  int32_t rc = FASCIA_STATUS_ERROR;
  bool allocated = false;  // the plugin wrote an output
  bool refused = false;    // the plugin asked for an oversized buffer
  std::string bytes;
};

// Calls table->invoke on this thread.
RawResult RawCall(const fascia_plugin_table& table, void* instance, uint32_t method,
                  absl::string_view request);

// FASCIA_STATUS_OK with an output -> the bytes. FASCIA_STATUS_ERROR -> the
// plugin's Error as a status (code mapped, "<who>: <message>" plus field
// errors), or, with no Error after the host refused a buffer (which
// fascia_plugin.h allows), INTERNAL "response larger than the host accepts".
// Any other missing output, an unknown rc, or an Error that does not parse
// -> DATA_LOSS. Every outcome but OK is a failure (screening fails closed).
// `who` prefixes every message, e.g. "plugin prenatal".
absl::StatusOr<std::string> InterpretResult(RawResult result, absl::string_view who);

// The status for a serialized fascia.plugin.v1.Error (DATA_LOSS if it does
// not parse).
absl::Status StatusFromErrorBytes(absl::string_view bytes, absl::string_view who);

// INVALID_ARGUMENT for a request larger than FASCIA_MAX_MESSAGE_BYTES,
// which no plugin is required to accept (checked before any hand-off).
absl::Status CheckRequestSize(absl::string_view request, absl::string_view who);

// "DESCRIBE", "SCREEN", ... for log lines and messages.
const char* MethodName(uint32_t method);

}  // namespace fascia::plugins

#endif  // FASCIA_PLUGINS_ABI_CALL_H_
