// Form construction helpers; see form_builder.h.
#include "fascia/form_builder.h"

namespace fascia::plugin_sdk {

pb::Item Question(const std::string& link_id, pb::ItemType type, const std::string& text,
                  bool required) {
  pb::Item item;
  item.set_link_id(link_id);
  item.set_type(type);
  item.set_text(text);
  item.set_required(required);
  return item;
}

pb::Item Choice(const std::string& link_id, const std::string& text, const Options& options,
                bool repeats, bool required) {
  pb::Item item = Question(link_id, pb::CHOICE, text, required);
  item.set_repeats(repeats);
  for (const auto& [code, display] : options) {
    pb::AnswerOption* o = item.add_answer_options();
    o->set_code(code);
    o->set_display(display);
  }
  return item;
}

pb::Item& EnableWhen(pb::Item& item, const std::string& question, pb::EnableOperator op,
                     pb::Value answer) {
  pb::EnableWhen* when = item.add_enable_when();
  when->set_question(question);
  when->set_operator_(op);
  *when->mutable_answer() = std::move(answer);
  return item;
}

pb::Value BoolValue(bool b) {
  pb::Value v;
  v.set_boolean(b);
  return v;
}

pb::Value IntegerValue(int64_t i) {
  pb::Value v;
  v.set_integer(i);
  return v;
}

pb::Value CodeValue(const std::string& code) {
  pb::Value v;
  v.set_code(code);
  return v;
}

}  // namespace fascia::plugin_sdk
