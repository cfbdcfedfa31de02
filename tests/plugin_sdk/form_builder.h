// Terse construction of forms and responses for the SDK's unit tests.
#ifndef FASCIA_TESTS_PLUGIN_SDK_FORM_BUILDER_H_
#define FASCIA_TESTS_PLUGIN_SDK_FORM_BUILDER_H_

#include <string>
#include <vector>

#include "fascia/plugin_forms.h"

namespace fascia::plugin_sdk::testing {

inline pb::Item Question(const std::string& id, pb::ItemType type, bool required = false) {
  pb::Item item;
  item.set_link_id(id);
  item.set_text(id);
  item.set_type(type);
  item.set_required(required);
  return item;
}

inline pb::Item Choice(const std::string& id, std::vector<std::string> codes, bool repeats = false) {
  pb::Item item = Question(id, pb::CHOICE);
  item.set_repeats(repeats);
  for (const auto& c : codes) item.add_answer_options()->set_code(c);
  return item;
}

inline pb::Value Bool(bool b) { pb::Value v; v.set_boolean(b); return v; }
inline pb::Value Int(int64_t i) { pb::Value v; v.set_integer(i); return v; }
inline pb::Value Code(const std::string& c) { pb::Value v; v.set_code(c); return v; }
inline pb::Value Str(const std::string& s) { pb::Value v; v.set_string(s); return v; }
inline pb::Value Date(const std::string& s) { pb::Value v; v.set_date(s); return v; }

inline pb::Item& When(pb::Item& item, const std::string& question, pb::EnableOperator op,
                      pb::Value answer) {
  pb::EnableWhen* w = item.add_enable_when();
  w->set_question(question);
  w->set_operator_(op);
  *w->mutable_answer() = answer;
  return item;
}

inline pb::Form MakeForm(std::vector<pb::Item> items) {
  pb::Form form;
  form.set_id("test-form");
  form.set_version("1");
  for (auto& i : items) *form.add_items() = i;
  return form;
}

inline pb::Response Respond(std::vector<std::pair<std::string, std::vector<pb::Value>>> answers) {
  pb::Response r;
  r.set_form_id("test-form");
  for (auto& [id, values] : answers) {
    pb::Answer* a = r.add_answers();
    a->set_link_id(id);
    for (auto& v : values) *a->add_values() = v;
  }
  return r;
}

inline std::vector<std::string> Fields(const std::vector<pb::FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field());
  return out;
}

}  // namespace fascia::plugin_sdk::testing

#endif  // FASCIA_TESTS_PLUGIN_SDK_FORM_BUILDER_H_
