// The public intake messages (fascia.v1) and the plugin protocol's
// (fascia.plugin.v1) are wire-compatible mirrors (api/plugin_convert.h):
// every field set on one side arrives, with the same meaning, on the other.
#include <gtest/gtest.h>

#include "api/plugin_convert.h"

namespace fascia::api {
namespace {

namespace pb = fascia::plugin::v1;
namespace v1 = fascia::v1;

TEST(Mirror, FormsCrossUnchanged) {
  pb::Form form;
  form.set_id("f");
  form.set_version("3");
  form.set_title("t");
  pb::Item* group = form.add_items();
  group->set_link_id("g");
  group->set_type(pb::GROUP);
  pb::Item* q = group->add_items();
  q->set_link_id("g.q");
  q->set_text("How many?");
  q->set_type(pb::INTEGER);
  q->set_required(true);
  q->set_min_value(1);
  q->set_max_value(9);
  pb::EnableWhen* w = q->add_enable_when();
  w->set_question("x");
  w->set_operator_(pb::GREATER_OR_EQUAL);
  w->mutable_answer()->set_decimal(2.5);
  q->set_enable_behavior(pb::ANY);
  pb::Item* c = form.add_items();
  c->set_link_id("c");
  c->set_type(pb::CHOICE);
  c->set_repeats(true);
  c->add_answer_options()->set_code("a");

  v1::IntakeForm pub = ConvertMirror<v1::IntakeForm>(form);
  EXPECT_EQ(pub.items(0).type(), v1::FORM_ITEM_GROUP);
  const v1::FormItem& pq = pub.items(0).items(0);
  EXPECT_EQ(pq.type(), v1::FORM_ITEM_INTEGER);
  EXPECT_TRUE(pq.required());
  EXPECT_EQ(pq.min_value(), 1);
  EXPECT_EQ(pq.max_value(), 9);
  EXPECT_EQ(pq.enable_when(0).operator_(), v1::ENABLE_GREATER_OR_EQUAL);
  EXPECT_EQ(pq.enable_when(0).answer().decimal(), 2.5);
  EXPECT_EQ(pq.enable_behavior(), v1::ENABLE_ANY);
  EXPECT_TRUE(pub.items(1).repeats());
  EXPECT_EQ(pub.items(1).answer_options(0).code(), "a");
  EXPECT_EQ(ConvertMirror<pb::Form>(pub).SerializeAsString(), form.SerializeAsString());
}

TEST(Mirror, AnswersAndFindingsCrossUnchanged) {
  v1::Answer a;
  a.set_link_id("q");
  a.add_values()->set_code("x");
  a.add_values()->set_date("2024-01-02");
  pb::Answer pa = ConvertMirror<pb::Answer>(a);
  EXPECT_EQ(pa.values(0).code(), "x");
  EXPECT_EQ(pa.values(1).date(), "2024-01-02");

  pb::Finding f;
  f.set_rule_id("PN-2");
  f.set_outcome(pb::REQUIRES_CLEARANCE);
  f.set_message("m");
  f.add_modifications()->set_code("MAX_PRESSURE");
  f.mutable_modifications(0)->set_argument("light");
  f.mutable_region()->set_site("calf");
  f.mutable_region()->set_laterality(pb::LEFT);
  f.set_local(true);
  f.add_required_qualifications("clt");
  f.add_required_room_features("prenatal-bolsters");
  f.set_referral(pb::URGENT);
  v1::ScreeningFinding pf = ConvertMirror<v1::ScreeningFinding>(f);
  EXPECT_EQ(pf.outcome(), v1::REQUIRES_CLEARANCE);
  EXPECT_EQ(pf.region().laterality(), v1::BODY_SIDE_LEFT);
  EXPECT_EQ(pf.referral(), v1::REFERRAL_URGENT);
  EXPECT_EQ(pf.required_room_features(0), "prenatal-bolsters");
  EXPECT_EQ(ConvertMirror<pb::Finding>(pf).SerializeAsString(), f.SerializeAsString());
  EXPECT_EQ(static_cast<int>(v1::SCREENING_UNAVAILABLE), static_cast<int>(pb::SCREENING_UNAVAILABLE));
}

}  // namespace
}  // namespace fascia::api
