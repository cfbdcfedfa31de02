// The pieces under both modes: the wire framing between fasciad and
// fascia-plugin-host (round trips, limits, truncation, deadlines, a dead
// peer without SIGPIPE), the load handshake body, and how a raw ABI result
// is judged (host buffer limit, fail-closed DATA_LOSS, Error code mapping).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "plugins/abi_call.h"
#include "plugins/frame.h"
#include "plugins/handshake.h"
#include "test_support.h"

namespace fascia::plugins {
namespace {

using namespace testing;  // NOLINT: test helpers

class SocketPair : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fd_), 0); }
  void TearDown() override {
    for (int fd : fd_) {
      if (fd >= 0) close(fd);
    }
  }
  void CloseWriter() {
    close(fd_[0]);
    fd_[0] = -1;
  }
  int fd_[2] = {-1, -1};
};

absl::Time Soon() { return absl::Now() + absl::Seconds(5); }

TEST_F(SocketPair, FramesRoundTripIncludingLargeOnes) {
  Frame small;
  small.type = FrameType::kReply;
  small.flags = kReplyAllocated;
  small.aux = 0xfffffffe;
  small.call_id = 0x0123456789abcdefULL;
  small.body = "";
  Frame big;
  big.type = FrameType::kCall;
  big.aux = 3;
  big.call_id = 2;
  big.body.assign(FASCIA_MAX_MESSAGE_BYTES, 'x');  // larger than the socket buffer
  std::thread writer([&] {
    EXPECT_TRUE(WriteFrame(fd_[0], small, Soon()).ok());
    EXPECT_TRUE(WriteFrame(fd_[0], big, Soon()).ok());
  });
  absl::StatusOr<Frame> a = ReadFrame(fd_[1], Soon());
  absl::StatusOr<Frame> b = ReadFrame(fd_[1], Soon());
  writer.join();
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->type, FrameType::kReply);
  EXPECT_EQ(a->flags, kReplyAllocated);
  EXPECT_EQ(a->aux, 0xfffffffeu);
  EXPECT_EQ(a->call_id, 0x0123456789abcdefULL);
  EXPECT_EQ(a->body, "");
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->call_id, 2u);
  EXPECT_EQ(b->body, big.body);
}

TEST_F(SocketPair, RefusesOversizedFramesBothWays) {
  Frame huge;
  huge.body.assign(kMaxFrameBody + 1, 'x');
  EXPECT_THAT(WriteFrame(fd_[0], huge, Soon()), StatusIs(absl::StatusCode::kInvalidArgument, "exceeds"));
  // A header that claims too much is refused before any allocation.
  const unsigned char header[kFrameHeaderSize] = {0xff, 0xff, 0xff, 0x7f, 5, 0};
  ASSERT_EQ(write(fd_[0], header, sizeof(header)), static_cast<ssize_t>(sizeof(header)));
  EXPECT_THAT(ReadFrame(fd_[1], Soon()).status(), StatusIs(absl::StatusCode::kDataLoss, "exceeds"));
}

TEST_F(SocketPair, CleanCloseIsUnavailableTruncationIsDataLoss) {
  Frame f;
  f.body = "hello";
  ASSERT_TRUE(WriteFrame(fd_[0], f, Soon()).ok());
  // Send a header promising 100 bytes, then only 3.
  const unsigned char header[kFrameHeaderSize] = {100, 0, 0, 0, 4, 0};
  ASSERT_EQ(write(fd_[0], header, sizeof(header)), static_cast<ssize_t>(sizeof(header)));
  ASSERT_EQ(write(fd_[0], "abc", 3), 3);
  CloseWriter();
  absl::StatusOr<Frame> first = ReadFrame(fd_[1], Soon());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->body, "hello");
  EXPECT_THAT(ReadFrame(fd_[1], Soon()).status(), StatusIs(absl::StatusCode::kDataLoss, "inside a frame"));

  int again[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, again), 0);
  close(again[0]);
  EXPECT_THAT(ReadFrame(again[1], Soon()).status(), StatusIs(absl::StatusCode::kUnavailable, "closed"));
  close(again[1]);
}

TEST_F(SocketPair, ReadsHonourTheDeadline) {
  const absl::Time start = absl::Now();
  EXPECT_THAT(ReadFrame(fd_[1], absl::Now() + absl::Milliseconds(100)).status(),
              StatusIs(absl::StatusCode::kDeadlineExceeded, ""));
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(95));
}

TEST_F(SocketPair, WritingToADeadPeerIsAnErrorNotSigpipe) {
  close(fd_[1]);
  fd_[1] = -1;
  Frame f;
  f.body = "x";
  EXPECT_THAT(WriteFrame(fd_[0], f, Soon()), StatusIs(absl::StatusCode::kUnavailable, "send"));
}

TEST_F(SocketPair, AFullSocketTimesOutTheWriter) {
  Frame f;
  f.body.assign(FASCIA_MAX_MESSAGE_BYTES, 'x');  // nobody reads
  EXPECT_THAT(WriteFrame(fd_[0], f, absl::Now() + absl::Milliseconds(100)),
              StatusIs(absl::StatusCode::kDeadlineExceeded, ""));
}

TEST(HandshakeTest, RoundTripsAndRejectsTruncation) {
  PluginInfo info;
  info.plugin_id = "prenatal";
  info.version = "1.2.0";
  info.abi_major = 1;
  info.abi_minor = 0;
  info.concurrent = true;
  pb::Descriptor d;
  d.set_plugin_id("prenatal");
  d.add_modalities()->set_code("prenatal");
  const std::string body = EncodeLoadOk(info, d);
  absl::StatusOr<LoadOk> ok = DecodeLoadOk(body);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->info.plugin_id, "prenatal");
  EXPECT_EQ(ok->info.version, "1.2.0");
  EXPECT_EQ(ok->info.abi_major, 1u);
  EXPECT_TRUE(ok->info.concurrent);
  EXPECT_EQ(ok->descriptor.modalities(0).code(), "prenatal");
  EXPECT_THAT(DecodeLoadOk(body.substr(0, 14)).status(), StatusIs(absl::StatusCode::kDataLoss, "malformed"));
}

uint8_t* Ask(OutputBuffer& out, size_t n) { return out.output()->allocate(out.output()->host_context, n); }

TEST(AbiCallTest, TheHostRefusesOversizedBuffers) {
  OutputBuffer out;
  EXPECT_EQ(Ask(out, FASCIA_MAX_MESSAGE_BYTES + 1), nullptr);
  EXPECT_TRUE(out.refused());
  EXPECT_FALSE(out.allocated());
  EXPECT_NE(Ask(out, 0), nullptr);  // empty messages still get a buffer
  EXPECT_NE(Ask(out, FASCIA_MAX_MESSAGE_BYTES), nullptr);
  EXPECT_EQ(out.bytes().size(), FASCIA_MAX_MESSAGE_BYTES);
  // A refusal replaces the buffer handed out before it: those bytes must not
  // pass for the reply.
  EXPECT_EQ(Ask(out, FASCIA_MAX_MESSAGE_BYTES + 1), nullptr);
  EXPECT_FALSE(out.allocated());
  EXPECT_TRUE(out.bytes().empty());
}

// In a death test's child: caps the address space just above what the
// process uses, asks for the largest buffer the ABI allows, and exits 0 if
// it was refused (NULL, refused(), not allocated()), 1 if not.
void ExitWithOutcomeOfAllocatingWithoutMemory() {
  OutputBuffer out;
  long pages = 0;
  std::ifstream("/proc/self/statm") >> pages;
  const rlim_t limit = static_cast<rlim_t>(pages) * sysconf(_SC_PAGESIZE) + (1 << 20);
  const rlimit cap{limit, limit};
  if (setrlimit(RLIMIT_AS, &cap) != 0) _exit(2);
  const bool refused =
      Ask(out, FASCIA_MAX_MESSAGE_BYTES) == nullptr && out.refused() && !out.allocated();
  _exit(refused ? 0 : 1);
}

// The plugin calls allocate() from its own frames, so running out of memory
// there must be a refusal, never an exception.
TEST(AbiCallDeathTest, AnAllocationFailureIsARefusalNotAnException) {
  EXPECT_EXIT(ExitWithOutcomeOfAllocatingWithoutMemory(), ::testing::ExitedWithCode(0), "");
}

TEST(AbiCallTest, MalformedOutcomesAreDataLoss) {
  RawResult no_output;
  no_output.rc = FASCIA_STATUS_OK;
  EXPECT_THAT(InterpretResult(no_output, "plugin p").status(),
              StatusIs(absl::StatusCode::kDataLoss, "plugin p: returned OK without writing"));
  RawResult refused = no_output;
  refused.refused = true;
  EXPECT_THAT(InterpretResult(refused, "plugin p").status(),
              StatusIs(absl::StatusCode::kDataLoss, "larger than the host accepts"));
  RawResult weird;
  weird.rc = 7;
  weird.allocated = true;
  EXPECT_THAT(InterpretResult(weird, "plugin p").status(),
              StatusIs(absl::StatusCode::kDataLoss, "unknown status 7"));
  RawResult bad_error;
  bad_error.rc = FASCIA_STATUS_ERROR;
  bad_error.allocated = true;
  bad_error.bytes = "\x0a\x05" "ab";
  EXPECT_THAT(InterpretResult(bad_error, "plugin p").status(),
              StatusIs(absl::StatusCode::kDataLoss, "error reply does not parse"));
  RawResult empty_ok;
  empty_ok.rc = FASCIA_STATUS_OK;
  empty_ok.allocated = true;
  absl::StatusOr<std::string> fine = InterpretResult(empty_ok, "plugin p");
  ASSERT_TRUE(fine.ok());
  EXPECT_EQ(*fine, "");
}

// fascia_plugin.h: after the host refuses its buffer, a plugin may return
// ERROR without writing an Error; the host then names the refusal (the
// status the SDK's own Error for it maps to). Otherwise an ERROR must carry
// an Error.
TEST(AbiCallTest, AnErrorLeftUnwrittenIsARefusalOrDataLoss) {
  RawResult after_refusal;
  after_refusal.rc = FASCIA_STATUS_ERROR;
  after_refusal.refused = true;
  EXPECT_THAT(InterpretResult(after_refusal, "plugin p").status(),
              StatusIs(absl::StatusCode::kInternal,
                       "plugin p: response larger than the host accepts"));
  RawResult unwritten;
  unwritten.rc = FASCIA_STATUS_ERROR;
  EXPECT_THAT(InterpretResult(unwritten, "plugin p").status(),
              StatusIs(absl::StatusCode::kDataLoss, "returned an error without writing it"));
}

TEST(AbiCallTest, PluginErrorCodesMap) {
  const std::pair<pb::Error::Code, absl::StatusCode> cases[] = {
      {pb::Error::INVALID_ARGUMENT, absl::StatusCode::kInvalidArgument},
      {pb::Error::INTERNAL, absl::StatusCode::kInternal},
      {pb::Error::UNAVAILABLE, absl::StatusCode::kUnavailable},
      {pb::Error::UNIMPLEMENTED, absl::StatusCode::kUnimplemented},
      {pb::Error::CODE_UNSPECIFIED, absl::StatusCode::kInternal},
  };
  for (const auto& [code, expected] : cases) {
    pb::Error e;
    e.set_code(code);
    e.set_message("boom");
    pb::FieldError* f = e.add_field_errors();
    f->set_field("max_weeks");
    f->set_description("must be 1..40");
    RawResult r;
    r.rc = FASCIA_STATUS_ERROR;
    r.allocated = true;
    r.bytes = e.SerializeAsString();
    EXPECT_THAT(InterpretResult(r, "plugin p").status(),
                StatusIs(expected, "plugin p: boom; max_weeks: must be 1..40"));
  }
}

}  // namespace
}  // namespace fascia::plugins
