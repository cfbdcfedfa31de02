// See frame.h. Explicit little-endian encoding, so the format does not
// depend on struct layout; both ends are the same build, but a checker or
// fuzzer reading the stream should not have to know that.
#include "plugins/frame.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace fascia::plugins {
namespace {

void Put(char* p, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

uint64_t Get(const char* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}

// Waits for `events` on fd until `deadline` (DEADLINE_EXCEEDED after).
absl::Status Wait(int fd, short events, absl::Time deadline) {
  for (;;) {
    int timeout_ms = -1;
    if (deadline != absl::InfiniteFuture()) {
      const absl::Duration left = deadline - absl::Now();
      if (left <= absl::ZeroDuration()) return absl::DeadlineExceededError("socket wait timed out");
      timeout_ms = static_cast<int>(std::min<int64_t>(absl::ToInt64Milliseconds(absl::Ceil(left, absl::Milliseconds(1))), 1 << 30));
    }
    struct pollfd p = {fd, events, 0};
    const int n = poll(&p, 1, timeout_ms);
    if (n > 0) return absl::OkStatus();  // ready, or an error the next I/O reports
    if (n < 0 && errno != EINTR) return absl::UnavailableError(absl::StrCat("poll: ", strerror(errno)));
  }
}

// Reads exactly `size` bytes. `started` says whether part of the frame was
// already read (so an EOF here is a truncation, not a clean close).
absl::Status ReadExactly(int fd, char* data, size_t size, bool started, absl::Time deadline) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = recv(fd, data + done, size - done, MSG_DONTWAIT);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n == 0) {
      if (!started && done == 0) return absl::UnavailableError("connection closed");
      return absl::DataLossError("connection closed inside a frame");
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      absl::Status waited = Wait(fd, POLLIN, deadline);
      if (!waited.ok()) return waited;
      continue;
    }
    return absl::UnavailableError(absl::StrCat("recv: ", strerror(errno)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status WriteFrame(int fd, const Frame& frame, absl::Time deadline) {
  if (frame.body.size() > kMaxFrameBody) {
    return absl::InvalidArgumentError(absl::StrCat("frame body of ", frame.body.size(),
                                                   " bytes exceeds ", kMaxFrameBody));
  }
  char header[kFrameHeaderSize];
  Put(header, frame.body.size(), 4);
  Put(header + 4, static_cast<uint16_t>(frame.type), 2);
  Put(header + 6, frame.flags, 2);
  Put(header + 8, frame.aux, 4);
  Put(header + 12, frame.call_id, 8);

  struct iovec iov[2] = {{header, kFrameHeaderSize},
                         {const_cast<char*>(frame.body.data()), frame.body.size()}};
  int first = 0;
  while (first < 2) {
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_iov = iov + first;
    msg.msg_iovlen = 2 - first;
    const ssize_t n = sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        absl::Status waited = Wait(fd, POLLOUT, deadline);
        if (!waited.ok()) return waited;
        continue;
      }
      return absl::UnavailableError(absl::StrCat("send: ", strerror(errno)));
    }
    size_t sent = static_cast<size_t>(n);
    while (first < 2 && sent >= iov[first].iov_len) {
      sent -= iov[first].iov_len;
      ++first;
    }
    if (first < 2) {
      iov[first].iov_base = static_cast<char*>(iov[first].iov_base) + sent;
      iov[first].iov_len -= sent;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Frame> ReadFrame(int fd, absl::Time deadline) {
  char header[kFrameHeaderSize];
  absl::Status s = ReadExactly(fd, header, kFrameHeaderSize, false, deadline);
  if (!s.ok()) return s;
  const uint64_t size = Get(header, 4);
  const uint16_t type = static_cast<uint16_t>(Get(header + 4, 2));
  if (size > kMaxFrameBody) {
    return absl::DataLossError(absl::StrCat("frame of ", size, " bytes exceeds ", kMaxFrameBody));
  }
  if (type < static_cast<uint16_t>(FrameType::kLoad) || type > static_cast<uint16_t>(FrameType::kReply)) {
    return absl::DataLossError(absl::StrCat("unknown frame type ", type));
  }
  Frame frame;
  frame.type = static_cast<FrameType>(type);
  frame.flags = static_cast<uint16_t>(Get(header + 6, 2));
  frame.aux = static_cast<uint32_t>(Get(header + 8, 4));
  frame.call_id = Get(header + 12, 8);
  frame.body.resize(size);
  s = ReadExactly(fd, frame.body.data(), size, true, deadline);
  if (!s.ok()) return s;
  return frame;
}

}  // namespace fascia::plugins
