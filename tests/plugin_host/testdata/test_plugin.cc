// A small SDK plugin for the plugin-host tests, compiled into several .so
// files whose behaviour is chosen by compile definitions (CMakeLists.txt):
//   TP_ID, TP_MODALITY     plugin id and the one modality it screens
//   TP_FLAGS               0 or FASCIA_PLUGIN_CONCURRENT
//   TP_SCREEN_BEHAVIOR     0 normal, 1 abort(), 2 hang forever, 3 throw
//   TP_DUPLICATE_LINK_IDS  1: the Descriptor's form repeats a link_id
//   TP_ENTRY               the entry symbol's name (table_variant.cc wraps
//                          it under another name); default fascia_plugin_entry
//
// Form "<modality>-intake": tm.flag (BOOLEAN), tm.n (INTEGER).
// Screen, normally: TM-1 (CAUTION) when tm.flag is true; TM-ECHO whose
// message is tm.n, so concurrent callers can check they got their own
// answer; TM-OVERLAP when another Screen ran at the same time (how tests
// see whether the host serialized the calls).
// Settings: sleep_ms (0..60000) sleeps inside Screen; create_sleep_ms
// (0..60000) sleeps inside create() (a slow load); a malformed value
// ("abc") makes create() fail, naming the setting. screen_started_path:
// Screen creates that file once running (a test's sign that a call is in
// flight). abort_on_unsafe_destroy=true: destroy() aborts if a Screen is
// still running, which the ABI forbids, so a test sees the rule broken.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

#include "fascia/plugin_sdk.h"

#ifndef TP_FLAGS
#define TP_FLAGS 0
#endif
#ifndef TP_SCREEN_BEHAVIOR
#define TP_SCREEN_BEHAVIOR 0
#endif
#ifndef TP_DUPLICATE_LINK_IDS
#define TP_DUPLICATE_LINK_IDS 0
#endif

namespace sdk = fascia::plugin_sdk;
namespace pb = sdk::pb;

namespace {

std::atomic<int> g_in_screen{0};

pb::Item Question(const std::string& id, pb::ItemType type) {
  pb::Item item;
  item.set_link_id(id);
  item.set_text(id);
  item.set_type(type);
  return item;
}

class TestPlugin : public sdk::Plugin {
 public:
  explicit TestPlugin(const sdk::Settings& settings)
      : sleep_ms_(settings.Integer("sleep_ms", 0, 0, 60000)),
        started_path_(settings.String("screen_started_path", "")),
        abort_on_unsafe_destroy_(settings.Boolean("abort_on_unsafe_destroy", false)) {
    std::this_thread::sleep_for(
        std::chrono::milliseconds(settings.Integer("create_sleep_ms", 0, 0, 60000)));
  }

  ~TestPlugin() override {
    if (abort_on_unsafe_destroy_ && g_in_screen.load() > 0) std::abort();
  }

  pb::Descriptor Describe() const override {
    pb::Descriptor d;
    d.set_plugin_id(TP_ID);
    d.set_version("1.0.0");
    pb::Form* form = d.add_forms();
    form->set_id(std::string(TP_MODALITY) + "-intake");
    form->set_version("1");
    form->set_title("Test intake");
    *form->add_items() = Question("tm.flag", pb::BOOLEAN);
    *form->add_items() = Question("tm.n", pb::INTEGER);
    if (TP_DUPLICATE_LINK_IDS) *form->add_items() = Question("tm.flag", pb::BOOLEAN);
    pb::Modality* m = d.add_modalities();
    m->set_code(TP_MODALITY);
    m->set_display("Test modality");
    m->set_form_id(form->id());
    for (const char* rule : {"TM-1", "TM-ECHO", "TM-OVERLAP"}) d.add_rules()->set_id(rule);
    return d;
  }

  std::vector<pb::Finding> Screen(const sdk::ScreenInput& in) const override {
    if (TP_SCREEN_BEHAVIOR == 1) std::abort();
    if (TP_SCREEN_BEHAVIOR == 2) {
      for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
    }
    if (TP_SCREEN_BEHAVIOR == 3) throw std::runtime_error("test plugin failure");

    const bool overlapped = g_in_screen.fetch_add(1) > 0;
    if (!started_path_.empty()) std::ofstream(started_path_) << "started\n";
    if (sleep_ms_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms_));
    const bool overlapped_later = g_in_screen.load() > 1;
    g_in_screen.fetch_sub(1);

    std::vector<pb::Finding> out;
    if (in.answers.IsTrue("tm.flag")) {
      out.push_back(sdk::MakeFinding("TM-1", pb::CAUTION, "flag is set"));
    }
    if (auto n = in.answers.Integer("tm.n")) {
      out.push_back(sdk::MakeFinding("TM-ECHO", pb::CLEAR, std::to_string(*n)));
    }
    if (overlapped || overlapped_later) {
      out.push_back(sdk::MakeFinding("TM-OVERLAP", pb::CLEAR, "another Screen was running"));
    }
    return out;
  }

  std::vector<pb::FieldError> ValidateIntake(const std::string& modality,
                                             const sdk::Answers& answers) const override {
    std::vector<pb::FieldError> errors;
    if (auto n = answers.Integer("tm.n"); n && *n < 0) {
      pb::FieldError e;
      e.set_field("tm.n");
      e.set_description("must not be negative");
      errors.push_back(e);
    }
    return errors;
  }

 private:
  int64_t sleep_ms_;
  std::string started_path_;
  bool abort_on_unsafe_destroy_;
};

}  // namespace

#ifdef TP_ENTRY
// The SDK's table under another name, for table_variant.cc to doctor.
extern "C" const fascia_plugin_table* TP_ENTRY(uint32_t host_major, uint32_t host_minor) {
  return ::fascia::plugin_sdk::internal::Entry(host_major, host_minor,
                                               &::fascia::plugin_sdk::internal::Make<TestPlugin>,
                                               TP_ID, "1.0.0", TP_FLAGS);
}
#else
FASCIA_PLUGIN(TestPlugin, TP_ID, "1.0.0", TP_FLAGS)
#endif
