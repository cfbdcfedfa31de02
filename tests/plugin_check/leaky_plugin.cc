// fascia_check_leaky.so: a working plugin with two conformance faults the
// checker must catch, built WITHOUT fascia_add_plugin's version script:
//   - it exports a second symbol (leaky_debug_counter) besides the entry;
//   - its entry claims to serve whatever ABI major the host names.
// Everything else works, so the other checks still pass.
#include "fascia/plugin_sdk.h"

namespace {

namespace sdk = ::fascia::plugin_sdk;
namespace pb = ::fascia::plugin_sdk::pb;

class Leaky : public sdk::Plugin {
 public:
  explicit Leaky(const sdk::Settings&) {}
  pb::Descriptor Describe() const override {
    pb::Descriptor d;
    d.set_plugin_id("leaky");
    d.set_version("0.1.0");
    pb::Modality* m = d.add_modalities();
    m->set_code("leaky");
    m->set_form_id("leaky-intake");
    pb::Form* f = d.add_forms();
    f->set_id("leaky-intake");
    f->set_version("1");
    pb::Item* item = f->add_items();
    item->set_link_id("leaky.ok");
    item->set_text("ok?");
    item->set_type(pb::BOOLEAN);
    return d;
  }
  std::vector<pb::Finding> Screen(const sdk::ScreenInput&) const override { return {}; }
};

}  // namespace

extern "C" {
__attribute__((visibility("default"))) int leaky_debug_counter = 0;
}

extern "C" __attribute__((visibility("default"))) const fascia_plugin_table* fascia_plugin_entry(
    uint32_t host_abi_major, uint32_t host_abi_minor) {
  static fascia_plugin_table table;
  const fascia_plugin_table* real =
      sdk::internal::Entry(FASCIA_PLUGIN_ABI_MAJOR, FASCIA_PLUGIN_ABI_MINOR,
                           &sdk::internal::Make<Leaky>, "leaky", "0.1.0", FASCIA_PLUGIN_CONCURRENT);
  table = *real;
  table.abi_major = host_abi_major;  // the fault: claims any major
  return &table;
}
