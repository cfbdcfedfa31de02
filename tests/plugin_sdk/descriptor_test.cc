// ValidateDescriptor: what the host refuses to load.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fascia/plugin_forms.h"
#include "form_builder.h"

namespace fascia::plugin_sdk {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;
using namespace testing;  // NOLINT: the builders

pb::Descriptor Good() {
  pb::Descriptor d;
  d.set_plugin_id("demo");
  d.set_version("1.0.0");
  *d.add_forms() = MakeForm({Question("demo.q", pb::BOOLEAN)});
  pb::Modality* m = d.add_modalities();
  m->set_code("demo");
  m->set_form_id("test-form");
  d.add_client_fields("age_years");
  d.add_rules()->set_id("DM-1");
  return d;
}

TEST(ValidateDescriptor, AcceptsAGoodOne) { EXPECT_THAT(ValidateDescriptor(Good(), "demo", "1.0.0"), IsEmpty()); }

TEST(ValidateDescriptor, RejectsEachProblem) {
  EXPECT_THAT(Fields(ValidateDescriptor(Good(), "other", "1.0.0")), Contains("plugin_id"));
  EXPECT_THAT(Fields(ValidateDescriptor(Good(), "demo", "2.0.0")), Contains("version"));
  pb::Descriptor d = Good();
  d.mutable_modalities(0)->set_form_id("missing");
  EXPECT_THAT(Fields(ValidateDescriptor(d, "demo", "1.0.0")), Contains("modalities[demo]"));
  d = Good();
  *d.add_modalities() = d.modalities(0);
  EXPECT_THAT(Fields(ValidateDescriptor(d, "demo", "1.0.0")), Contains("modalities[demo]"));
  d = Good();
  *d.mutable_forms(0)->add_items() = Question("general.dvt", pb::BOOLEAN);
  EXPECT_THAT(Fields(ValidateDescriptor(d, "demo", "1.0.0")), Contains("forms[test-form].general.dvt"));
  d = Good();
  *d.mutable_forms(0)->add_items() = Question("demo.q", pb::BOOLEAN);
  EXPECT_THAT(Fields(ValidateDescriptor(d, "demo", "1.0.0")), Contains("forms[test-form].demo.q"));
  d = Good();
  d.add_client_fields("ssn");
  EXPECT_THAT(Fields(ValidateDescriptor(d, "demo", "1.0.0")), Contains("client_fields"));
  d = Good();
  d.add_rules()->set_id("DM-1");
  EXPECT_THAT(Fields(ValidateDescriptor(d, "demo", "1.0.0")), Contains("rules"));
  d = Good();
  d.clear_modalities();
  EXPECT_THAT(Fields(ValidateDescriptor(d, "demo", "1.0.0")), Contains("modalities"));
}

}  // namespace
}  // namespace fascia::plugin_sdk
