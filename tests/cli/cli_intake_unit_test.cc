// In-process tests of how fasciactl types intake answers (intake_answers.h):
// `--answer LINK_ID=VALUE` by the form item's type, repeating choices,
// merging with an answers file, and the form shown back in the same syntax.
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "intake_answers.h"

namespace fasciactl {
namespace {

namespace v1 = fascia::v1;

// A small form with one item of each answerable type, nested in a group as
// the server's general section is.
v1::IntakeForm Form() {
  v1::IntakeForm form;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        name: "organizations/acme/intakeForms/prenatal"
        modality: "prenatal"
        items {
          link_id: "g"
          type: FORM_ITEM_GROUP
          items { link_id: "g.flag" type: FORM_ITEM_BOOLEAN required: true }
          items { link_id: "g.count" type: FORM_ITEM_INTEGER min_value: 0 max_value: 44 }
        }
        items { link_id: "temp" type: FORM_ITEM_DECIMAL }
        items { link_id: "when" type: FORM_ITEM_DATE }
        items { link_id: "note" type: FORM_ITEM_TEXT }
        items {
          link_id: "side"
          type: FORM_ITEM_CHOICE
          answer_options { code: "left" }
          answer_options { code: "right" }
          enable_when {
            question: "g.flag"
            operator: ENABLE_EQUALS
            answer { boolean: true }
          }
        }
        items {
          link_id: "signs"
          type: FORM_ITEM_CHOICE
          repeats: true
          answer_options { code: "none" }
          answer_options { code: "a" }
          answer_options { code: "b" }
        }
      )pb",
      &form));
  return form;
}

std::string Parsed(const std::string& flag) {
  absl::StatusOr<v1::Answer> a = ParseAnswerFlag(Form(), flag);
  if (!a.ok()) return "error: " + std::string(a.status().message());
  return FormatAnswer(*a);
}

TEST(IntakeAnswers, ValuesAreTypedByTheItem) {
  v1::Answer a = *ParseAnswerFlag(Form(), "g.count=24");
  ASSERT_EQ(a.values_size(), 1);
  EXPECT_EQ(a.values(0).kind_case(), v1::AnswerValue::kInteger);
  EXPECT_EQ(a.values(0).integer(), 24);
  EXPECT_TRUE(ParseAnswerFlag(Form(), "g.flag=TRUE")->values(0).boolean());
  EXPECT_EQ(ParseAnswerFlag(Form(), "temp=37.5")->values(0).decimal(), 37.5);
  EXPECT_EQ(ParseAnswerFlag(Form(), "when=2026-03-01")->values(0).date(), "2026-03-01");
  EXPECT_EQ(ParseAnswerFlag(Form(), "note=a, b = c")->values(0).string(), "a, b = c");
  EXPECT_EQ(ParseAnswerFlag(Form(), "side=left")->values(0).code(), "left");
  EXPECT_EQ(Parsed("signs=a, b"), "signs=a,b");
  EXPECT_EQ(ParseAnswerFlag(Form(), "signs=a,b")->values_size(), 2);
}

TEST(IntakeAnswers, BadValuesNameTheItem) {
  EXPECT_EQ(Parsed("g.flag=yes"), "error: --answer g.flag: \"yes\" is not true or false");
  EXPECT_EQ(Parsed("g.count=2.5"), "error: --answer g.count: \"2.5\" is not a whole number");
  EXPECT_EQ(Parsed("temp=warm"), "error: --answer temp: \"warm\" is not a number");
  EXPECT_EQ(Parsed("when=01/03/2026"),
            "error: --answer when: \"01/03/2026\" is not a date (YYYY-MM-DD)");
  EXPECT_EQ(Parsed("side=left,right"),
            "error: --answer side: \"left,right\" is not one of: left, right");
  EXPECT_EQ(Parsed("signs=a,c"), "error: --answer signs: \"c\" is not one of: none, a, b");
  EXPECT_EQ(Parsed("g=true"),
            "error: --answer g: is a heading, not a question; answer the items under it");
  EXPECT_EQ(Parsed("g.count="), "error: --answer g.count: no value (leave an item out instead)");
  EXPECT_EQ(Parsed("g.count"), "error: --answer \"g.count\": expected LINK_ID=VALUE");
  EXPECT_EQ(Parsed("nope=1"),
            "error: --answer nope: the form organizations/acme/intakeForms/prenatal has no such "
            "item (see 'fasciactl intake-forms get prenatal')");
}

TEST(IntakeAnswers, FlagsReplaceFileAnswersAndMayNotRepeat) {
  std::vector<v1::Answer> file = {*ParseAnswerFlag(Form(), "g.flag=true"),
                                  *ParseAnswerFlag(Form(), "g.count=24")};
  absl::StatusOr<std::vector<v1::Answer>> merged =
      MergeAnswers(Form(), file, {"g.count=10", "side=right"});
  ASSERT_TRUE(merged.ok()) << merged.status();
  ASSERT_EQ(merged->size(), 3u);
  EXPECT_EQ(FormatAnswer((*merged)[0]), "g.flag=true");
  EXPECT_EQ(FormatAnswer((*merged)[1]), "g.count=10");  // in the file's place
  EXPECT_EQ(FormatAnswer((*merged)[2]), "side=right");
  EXPECT_FALSE(MergeAnswers(Form(), {}, {"signs=a", "signs=b"}).ok());
}

TEST(IntakeAnswers, FormatsTheFormForReading) {
  const v1::IntakeForm form = Form();
  std::vector<std::string> ids;
  for (const v1::FormItem* item : FlattenForm(form)) ids.push_back(item->link_id());
  EXPECT_EQ(ids, (std::vector<std::string>{"g", "g.flag", "g.count", "temp", "when", "note", "side",
                                           "signs"}));
  EXPECT_EQ(FormatItemType(*FindFormItem(form, "signs")), "choice, repeats");
  EXPECT_EQ(FormatItemAccepts(*FindFormItem(form, "signs")), "none|a|b");
  EXPECT_EQ(FormatItemAccepts(*FindFormItem(form, "g.count")), "0..44");
  EXPECT_EQ(FormatEnableWhen(*FindFormItem(form, "side")), "g.flag = true");
  EXPECT_EQ(FormatEnableWhen(*FindFormItem(form, "temp")), "");
}

}  // namespace
}  // namespace fasciactl
