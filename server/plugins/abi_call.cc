// See abi_call.h. Maps the plugin's own Error codes onto absl codes and
// treats every malformed outcome as DATA_LOSS: screening fails closed, so a
// reply we cannot trust is an error, never an empty answer.
#include "plugins/abi_call.h"

#include <new>
#include <utility>

#include "absl/strings/str_cat.h"
#include "fascia/plugin/v1/plugin.pb.h"

namespace fascia::plugins {

namespace pb = ::fascia::plugin::v1;

OutputBuffer::OutputBuffer() {
  output_.host_context = this;
  output_.allocate = &OutputBuffer::Allocate;
}

uint8_t* OutputBuffer::Allocate(void* context, size_t size) noexcept {
  auto* self = static_cast<OutputBuffer*>(context);
  // Each allocate() replaces the previous buffer, a refused one included:
  // what an earlier call wrote must not pass for the reply.
  self->allocated_ = false;
  self->bytes_.clear();
  if (size > FASCIA_MAX_MESSAGE_BYTES) {
    self->refused_ = true;
    return nullptr;
  }
  // The plugin called us from its own (C) frames: an exception must not
  // unwind through them. Out of memory, the buffer is refused like an
  // oversized one, which the plugin must already handle and which fails
  // the call closed.
  try {
    self->bytes_.assign(size, '\0');
  } catch (const std::bad_alloc&) {
    self->refused_ = true;
    return nullptr;
  }
  self->allocated_ = true;
  // A zero-size buffer still needs a valid, non-NULL pointer: NULL means
  // "refused" to the plugin.
  static uint8_t empty;
  return size == 0 ? &empty : reinterpret_cast<uint8_t*>(self->bytes_.data());
}

RawResult RawCall(const fascia_plugin_table& table, void* instance, uint32_t method,
                  absl::string_view request) {
  OutputBuffer out;
  RawResult result;
  result.rc = table.invoke(instance, method, reinterpret_cast<const uint8_t*>(request.data()),
                           request.size(), out.output());
  result.allocated = out.allocated();
  result.refused = out.refused();
  result.bytes = std::move(out.bytes());
  return result;
}

absl::Status StatusFromErrorBytes(absl::string_view bytes, absl::string_view who) {
  pb::Error error;
  if (!error.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError(absl::StrCat(who, ": error reply does not parse"));
  }
  std::string message = absl::StrCat(who, ": ", error.message());
  for (const pb::FieldError& f : error.field_errors()) {
    absl::StrAppend(&message, "; ", f.field(), ": ", f.description());
  }
  switch (error.code()) {
    case pb::Error::INVALID_ARGUMENT: return absl::InvalidArgumentError(message);
    case pb::Error::UNAVAILABLE: return absl::UnavailableError(message);
    case pb::Error::UNIMPLEMENTED: return absl::UnimplementedError(message);
    case pb::Error::INTERNAL:
    default:
      // An unspecified or unknown code is still a failure: INTERNAL.
      return absl::InternalError(message);
  }
}

absl::StatusOr<std::string> InterpretResult(RawResult result, absl::string_view who) {
  if (result.rc == FASCIA_STATUS_OK) {
    if (!result.allocated) {
      return absl::DataLossError(absl::StrCat(
          who, result.refused ? ": response larger than the host accepts"
                              : ": returned OK without writing a response"));
    }
    return std::move(result.bytes);
  }
  if (result.rc == FASCIA_STATUS_ERROR) {
    if (!result.allocated) {
      // fascia_plugin.h lets a plugin whose buffer was refused return ERROR
      // without writing one: the refusal is then the reason. The same status
      // as the SDK's written Error for that case.
      if (result.refused) {
        return absl::InternalError(absl::StrCat(who, ": response larger than the host accepts"));
      }
      return absl::DataLossError(absl::StrCat(who, ": returned an error without writing it"));
    }
    return StatusFromErrorBytes(result.bytes, who);
  }
  return absl::DataLossError(absl::StrCat(who, ": returned unknown status ", result.rc));
}

absl::Status CheckRequestSize(absl::string_view request, absl::string_view who) {
  if (request.size() <= FASCIA_MAX_MESSAGE_BYTES) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(who, ": request of ", request.size(),
                                                 " bytes exceeds the ", FASCIA_MAX_MESSAGE_BYTES,
                                                 "-byte limit"));
}

const char* MethodName(uint32_t method) {
  switch (method) {
    case FASCIA_METHOD_DESCRIBE: return "DESCRIBE";
    case FASCIA_METHOD_VALIDATE_INTAKE: return "VALIDATE_INTAKE";
    case FASCIA_METHOD_SCREEN: return "SCREEN";
    case FASCIA_METHOD_HEALTH: return "HEALTH";
    default: return "UNKNOWN_METHOD";
  }
}

}  // namespace fascia::plugins
