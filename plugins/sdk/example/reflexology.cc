// Reflexology screening: foot conditions that rule out or limit treatment.
#include "fascia/plugin_sdk.h"

namespace {

namespace sdk = fascia::plugin_sdk;
namespace pb = fascia::plugin::v1;

class Reflexology : public sdk::Plugin {
 public:
  // Settings come from fasciad's config file (per clinic). A bad value throws
  // PluginError naming the key, and fasciad refuses to load the plugin; so
  // does a key this constructor never reads (a misspelt setting).
  explicit Reflexology(const sdk::Settings& settings)
      : gout_outcome_(settings.Outcome("gout_outcome", pb::REQUIRES_CLEARANCE)) {}

  pb::Descriptor Describe() const override {
    pb::Descriptor d;
    d.set_plugin_id("reflexology");  // must equal the FASCIA_PLUGIN id below
    d.set_version("1.0.0");
    pb::Form* form = d.add_forms();
    form->set_id("reflexology-intake");
    form->set_version("1");          // change it whenever the items change
    form->set_title("Reflexology");

    pb::Item* wound = form->add_items();
    wound->set_link_id("rf.foot_wound");  // stable; never reuse a link_id
    wound->set_text("An open wound or infection on either foot?");
    wound->set_type(pb::BOOLEAN);
    wound->set_required(true);

    pb::Item* gout = form->add_items();
    gout->set_link_id("rf.gout_flare");
    gout->set_text("A gout flare in the last two weeks?");
    gout->set_type(pb::BOOLEAN);
    gout->set_required(true);

    pb::Modality* m = d.add_modalities();
    m->set_code("reflexology");       // the Service.modality_code it screens
    m->set_display("Reflexology");
    m->set_form_id("reflexology-intake");
    for (const char* id : {"RF-1", "RF-2"}) d.add_rules()->set_id(id);
    return d;
  }

  // Only the answers of enabled items reach here (Answers enforces it).
  std::vector<pb::Finding> Screen(const sdk::ScreenInput& in) const override {
    std::vector<pb::Finding> out;
    if (in.answers.IsTrue("rf.foot_wound")) {
      pb::Finding f = sdk::MakeFinding("RF-1", pb::CONTRAINDICATED, "open wound on the foot");
      f.set_local(true);                       // blocks the feet, not the visit
      f.mutable_region()->set_site("foot");
      out.push_back(f);
    }
    if (in.answers.IsTrue("rf.gout_flare")) {
      pb::Finding f = sdk::MakeFinding("RF-2", gout_outcome_, "recent gout flare");
      sdk::AddModification(f, "MAX_PRESSURE", "light");
      out.push_back(f);
    }
    return out;
  }

 private:
  pb::Outcome gout_outcome_;
};

}  // namespace

FASCIA_PLUGIN(Reflexology, "reflexology", "1.0.0", FASCIA_PLUGIN_CONCURRENT)
