// The wire format between fasciad and fascia-plugin-host: length-prefixed
// frames over one AF_UNIX stream socket, each tagged with a call id so many
// calls can be in flight at once and answered in any order.
//
//   header (20 bytes, little-endian):
//     u32 body_size | u16 type | u16 flags | u32 aux | u64 call_id
//   body: body_size bytes (at most kMaxFrameBody)
//
//   fasciad -> host   kLoad     call 0, body = PluginConfig
//   host -> fasciad   kLoadOk   call 0, body = handshake.h LoadOk
//                     kLoadError call 0, aux = absl code, body = message
//   fasciad -> host   kCall     aux = method id, body = request
//   host -> fasciad   kReply    aux = the plugin's rc, flags = kReply*,
//                               body = the plugin's output bytes
//
// Both functions poll with MSG_DONTWAIT, so they honour the deadline on a
// blocking or non-blocking socket, and send with MSG_NOSIGNAL, so a peer
// that died raises EPIPE, never SIGPIPE. A write interrupted by its deadline
// leaves the stream unusable: the caller must drop the connection.
// Writers on one socket must serialize (one frame at a time); one reader.
#ifndef FASCIA_PLUGINS_FRAME_H_
#define FASCIA_PLUGINS_FRAME_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "fascia_plugin.h"

namespace fascia::plugins {

enum class FrameType : uint16_t {
  kLoad = 1,
  kLoadOk = 2,
  kLoadError = 3,
  kCall = 4,
  kReply = 5,
};

// kReply flags: what the plugin did with its output buffer (RawResult).
inline constexpr uint16_t kReplyAllocated = 0x1;
inline constexpr uint16_t kReplyRefused = 0x2;

inline constexpr size_t kFrameHeaderSize = 20;
// A message plus room for the handshake's small fields.
inline constexpr size_t kMaxFrameBody = FASCIA_MAX_MESSAGE_BYTES + 64 * 1024;

struct Frame {
  FrameType type = FrameType::kCall;
  uint16_t flags = 0;
  uint32_t aux = 0;
  uint64_t call_id = 0;
  std::string body;
};

// UNAVAILABLE if the peer is gone, DEADLINE_EXCEEDED if the socket stayed
// full until `deadline`, INVALID_ARGUMENT for a body over kMaxFrameBody.
absl::Status WriteFrame(int fd, const Frame& frame, absl::Time deadline);

// UNAVAILABLE on a clean end of stream between frames; DATA_LOSS for a
// truncated or oversized frame or an unknown type; DEADLINE_EXCEEDED.
absl::StatusOr<Frame> ReadFrame(int fd, absl::Time deadline);

}  // namespace fascia::plugins

#endif  // FASCIA_PLUGINS_FRAME_H_
