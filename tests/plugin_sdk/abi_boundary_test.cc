// The SDK's C entry points (plugins/sdk/src/plugin_entry.cc) at their edges,
// called through the table fascia_plugin_entry returns, as a host would:
//   - when building the Error for an exception throws too (std::bad_alloc),
//     no exception leaves create() or invoke(): they fail with a fixed Error
//     that the host can parse;
//   - a request or config size above FASCIA_MAX_MESSAGE_BYTES is refused,
//     never narrowed to protobuf's int (4 GiB + n would parse as n bytes).
//
// This binary replaces the global operator new so that a test can make
// every allocation fail from a chosen moment on; that is why it is an
// executable of its own.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "fascia/form_builder.h"
#include "fascia/plugin_sdk.h"

namespace {

std::atomic<bool> g_fail_new{false};

}  // namespace

// The replacements pair malloc with free, which is right; GCC 12 sees free()
// reach a pointer from `new` once they are inlined and warns regardless.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size) {
  if (g_fail_new.load()) throw std::bad_alloc();
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace {

namespace sdk = fascia::plugin_sdk;
namespace pb = sdk::pb;

using ::testing::HasSubstr;

// From here on every operator new throws std::bad_alloc, until Disarm. The
// exception is made first: copying a std::runtime_error allocates nothing.
[[noreturn]] void ThrowWithAllocationFailing() {
  std::runtime_error error("the test plugin failed, and now memory runs out too");
  g_fail_new.store(true);
  throw error;
}

void Disarm() { g_fail_new.store(false); }

// Settings: oom_in_create=true fails the constructor as above. Screen fails
// as above when bd.flag is true, else returns BD-1.
class Boundary : public sdk::Plugin {
 public:
  explicit Boundary(const sdk::Settings& settings) {
    if (settings.Boolean("oom_in_create", false)) ThrowWithAllocationFailing();
  }

  pb::Descriptor Describe() const override {
    pb::Descriptor d;
    d.set_plugin_id("boundary");
    d.set_version("1.0.0");
    pb::Form* form = d.add_forms();
    form->set_id("bd-intake");
    form->set_version("1");
    *form->add_items() = sdk::Question("bd.flag", pb::BOOLEAN, "flag");
    pb::Modality* m = d.add_modalities();
    m->set_code("bd");
    m->set_form_id("bd-intake");
    d.add_rules()->set_id("BD-1");
    return d;
  }

  std::vector<pb::Finding> Screen(const sdk::ScreenInput& in) const override {
    if (in.answers.IsTrue("bd.flag")) ThrowWithAllocationFailing();
    return {sdk::MakeFinding("BD-1", pb::CLEAR, "screened")};
  }
};

}  // namespace

// Defines fascia_plugin_entry in this executable, as in a plugin's .so.
FASCIA_PLUGIN(Boundary, "boundary", "1.0.0", 0)

namespace {

// A host output buffer whose memory exists before any call, so it can be
// handed out while operator new fails.
class Output {
 public:
  Output() : storage_(64 * 1024) {
    output_.host_context = this;
    output_.allocate = &Output::Allocate;
  }
  fascia_output* get() { return &output_; }
  bool written() const { return written_; }
  std::string bytes() const { return std::string(storage_.begin(), storage_.begin() + size_); }

 private:
  static uint8_t* Allocate(void* context, size_t size) {
    auto* self = static_cast<Output*>(context);
    if (size > self->storage_.size()) return nullptr;
    self->written_ = true;
    self->size_ = size;
    return self->storage_.data();
  }

  fascia_output output_;
  std::vector<uint8_t> storage_;
  size_t size_ = 0;
  bool written_ = false;
};

const fascia_plugin_table& Table() {
  return *fascia_plugin_entry(FASCIA_PLUGIN_ABI_MAJOR, FASCIA_PLUGIN_ABI_MINOR);
}

std::string Config(bool oom_in_create) {
  pb::PluginConfig config;
  if (oom_in_create) (*config.mutable_settings())["oom_in_create"] = "true";
  return config.SerializeAsString();
}

std::string ScreenRequest(bool flag) {
  pb::ScreenRequest r;
  r.set_modality("bd");
  r.mutable_response()->set_form_id("bd-intake");
  pb::Answer* a = r.mutable_response()->add_answers();
  a->set_link_id("bd.flag");
  a->add_values()->set_boolean(flag);
  return r.SerializeAsString();
}

// `message` followed by an unknown length-delimited field (number 1000),
// `total` bytes in all: still a valid message of the same type.
std::string PaddedTo(const std::string& message, size_t total) {
  auto varint = [](size_t v) {
    std::string out;
    for (; v >= 0x80; v >>= 7) out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    out.push_back(static_cast<char>(v));
    return out;
  };
  const std::string tag = varint((1000 << 3) | 2);
  for (size_t length_bytes = 1; length_bytes <= 5; ++length_bytes) {
    const size_t payload = total - message.size() - tag.size() - length_bytes;
    if (varint(payload).size() != length_bytes) continue;
    return message + tag + varint(payload) + std::string(payload, 'x');
  }
  return "";
}

pb::Error ParseError(const Output& out) {
  pb::Error error;
  EXPECT_TRUE(error.ParseFromString(out.bytes()));
  return error;
}

// invoke(SCREEN) with `size` as the request's size.
int32_t Screen(void* instance, const std::string& request, size_t size, Output& out) {
  return Table().invoke(instance, FASCIA_METHOD_SCREEN,
                        reinterpret_cast<const uint8_t*>(request.data()), size, out.get());
}

// Runs `call`, during which allocations start failing, then lets them
// succeed again; true if an exception escaped `call` (crossed the C ABI).
template <typename Call>
bool Escapes(Call call) {
  bool escaped = false;
  try {
    call();
  } catch (...) {
    escaped = true;
  }
  Disarm();
  return escaped;
}

void ExpectFallbackError(const Output& out) {
  ASSERT_TRUE(out.written());
  const pb::Error error = ParseError(out);
  EXPECT_EQ(error.code(), pb::Error::INTERNAL);
  EXPECT_THAT(error.message(), HasSubstr("building its Error failed too"));
}

TEST(AbiBoundaryTest, InvokeFailsClosedWhenItsErrorCannotBeBuilt) {
  void* instance = Table().create(nullptr, 0, Output().get());
  ASSERT_NE(instance, nullptr);
  const std::string request = ScreenRequest(true);
  Output out;
  int32_t rc = -1;
  EXPECT_FALSE(Escapes([&] { rc = Screen(instance, request, request.size(), out); }));
  EXPECT_EQ(rc, FASCIA_STATUS_ERROR);
  ExpectFallbackError(out);

  // The instance still serves.
  const std::string fine = ScreenRequest(false);
  Output reply;
  EXPECT_EQ(Screen(instance, fine, fine.size(), reply), FASCIA_STATUS_OK);
  Table().destroy(instance);
}

TEST(AbiBoundaryTest, CreateFailsClosedWhenItsErrorCannotBeBuilt) {
  const std::string config = Config(true);
  Output out;
  void* instance = reinterpret_cast<void*>(1);
  EXPECT_FALSE(Escapes([&] {
    instance = Table().create(reinterpret_cast<const uint8_t*>(config.data()), config.size(),
                              out.get());
  }));
  EXPECT_EQ(instance, nullptr);
  ExpectFallbackError(out);
}

// Only the first bytes of each buffer below are readable: a size the SDK
// refuses is never read, and an unfixed SDK reads only the narrowed size.
TEST(AbiBoundaryTest, SizesAboveTheAbiLimitAreRefusedNotNarrowed) {
  static_assert(sizeof(size_t) == 8, "the narrowing case needs a 64-bit size_t");
  const size_t four_gib = size_t{1} << 32;
  void* instance = Table().create(nullptr, 0, Output().get());
  ASSERT_NE(instance, nullptr);
  const std::string request = ScreenRequest(false);

  // 4 GiB + n bytes, as int, would be n: the request alone.
  Output narrowed;
  EXPECT_EQ(Screen(instance, request, four_gib + request.size(), narrowed), FASCIA_STATUS_ERROR);
  pb::Error error = ParseError(narrowed);
  EXPECT_EQ(error.code(), pb::Error::INVALID_ARGUMENT);
  EXPECT_EQ(error.message(), "request is larger than FASCIA_MAX_MESSAGE_BYTES");

  // The limit itself is accepted; one byte more is not, though it parses.
  const std::string at_limit = PaddedTo(request, FASCIA_MAX_MESSAGE_BYTES);
  ASSERT_EQ(at_limit.size(), FASCIA_MAX_MESSAGE_BYTES);
  Output accepted;
  EXPECT_EQ(Screen(instance, at_limit, at_limit.size(), accepted), FASCIA_STATUS_OK);
  const std::string over = PaddedTo(request, FASCIA_MAX_MESSAGE_BYTES + 1);
  ASSERT_TRUE(pb::ScreenRequest().ParseFromString(over));
  Output refused;
  EXPECT_EQ(Screen(instance, over, over.size(), refused), FASCIA_STATUS_ERROR);
  EXPECT_EQ(ParseError(refused).code(), pb::Error::INVALID_ARGUMENT);
  Table().destroy(instance);

  // create() reads its config the same way.
  const std::string config = Config(false);
  Output create_error;
  void* big = Table().create(reinterpret_cast<const uint8_t*>(config.data()),
                             four_gib + config.size(), create_error.get());
  EXPECT_EQ(big, nullptr);
  if (big != nullptr) Table().destroy(big);
  error = ParseError(create_error);
  EXPECT_EQ(error.code(), pb::Error::INVALID_ARGUMENT);
  EXPECT_EQ(error.message(), "plugin config is larger than FASCIA_MAX_MESSAGE_BYTES");
}

}  // namespace
