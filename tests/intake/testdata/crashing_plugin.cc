// A test plugin for modality "swedish" that crashes the process it runs in
// when the answer "sw.crash" is true, and otherwise finds nothing. Loaded in
// isolated mode, it shows screening failing closed and the host restarting.
#include <cstdlib>

#include "fascia/plugin_sdk.h"

namespace {

namespace sdk = fascia::plugin_sdk;
namespace pb = fascia::plugin::v1;

class CrashingPlugin : public sdk::Plugin {
 public:
  explicit CrashingPlugin(const sdk::Settings&) {}

  pb::Descriptor Describe() const override {
    pb::Descriptor d;
    d.set_plugin_id("crashing");
    d.set_version("0.1.0");
    pb::Form* form = d.add_forms();
    form->set_id("swedish-intake");
    form->set_version("1");
    pb::Item* item = form->add_items();
    item->set_link_id("sw.crash");
    item->set_text("Crash the plugin?");
    item->set_type(pb::BOOLEAN);
    item->set_required(true);
    pb::Modality* m = d.add_modalities();
    m->set_code("swedish");
    m->set_form_id("swedish-intake");
    return d;
  }

  std::vector<pb::Finding> Screen(const sdk::ScreenInput& in) const override {
    if (in.answers.IsTrue("sw.crash")) std::abort();
    return {};
  }
};

}  // namespace

FASCIA_PLUGIN(CrashingPlugin, "crashing", "0.1.0", FASCIA_PLUGIN_CONCURRENT)
