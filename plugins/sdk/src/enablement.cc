// Which items of a form a response enables (FHIR Questionnaire enableWhen);
// see plugin_forms.h. Conditions may only name earlier questions (ValidateForm
// enforces it), so one pass in document order decides every item.
#include <map>
#include <string>

#include "fascia/plugin_forms.h"
#include "form_walk.h"

namespace fascia::plugin_sdk {
namespace {

// -1, 0, 1 for a < b, a == b, a > b; nullopt when the kinds do not compare.
std::optional<int> Compare(const pb::Value& a, const pb::Value& b) {
  auto number = [](const pb::Value& v) -> std::optional<double> {
    if (v.kind_case() == pb::Value::kInteger) return static_cast<double>(v.integer());
    if (v.kind_case() == pb::Value::kDecimal) return v.decimal();
    return std::nullopt;
  };
  auto sign = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  if (auto x = number(a)) {
    if (auto y = number(b)) return sign(*x, *y);
    return std::nullopt;
  }
  if (a.kind_case() != b.kind_case()) return std::nullopt;
  switch (a.kind_case()) {
    case pb::Value::kBoolean: return sign(a.boolean(), b.boolean());
    case pb::Value::kString: return sign(a.string(), b.string());
    case pb::Value::kDate: return sign(a.date(), b.date());  // YYYY-MM-DD sorts
    case pb::Value::kCode: return a.code() == b.code() ? 0 : 1;
    default: return std::nullopt;
  }
}

bool ValueMatches(const pb::Value& value, pb::EnableOperator op, const pb::Value& expected) {
  std::optional<int> c = Compare(value, expected);
  if (!c) return false;
  switch (op) {
    case pb::EQUALS: return *c == 0;
    case pb::GREATER: return *c > 0;
    case pb::LESS: return *c < 0;
    case pb::GREATER_OR_EQUAL: return *c >= 0;
    case pb::LESS_OR_EQUAL: return *c <= 0;
    default: return false;
  }
}

// `answer` is null when the question is unanswered or disabled.
bool ConditionHolds(const pb::EnableWhen& when, const pb::Answer* answer) {
  const bool answered = answer != nullptr && answer->values_size() > 0;
  if (when.operator_() == pb::EXISTS) return answered == when.answer().boolean();
  if (!answered) return false;
  if (when.operator_() == pb::NOT_EQUALS) {
    for (const auto& v : answer->values()) {
      if (ValueMatches(v, pb::EQUALS, when.answer())) return false;
    }
    return true;
  }
  for (const auto& v : answer->values()) {
    if (ValueMatches(v, when.operator_(), when.answer())) return true;
  }
  return false;
}

}  // namespace

std::set<std::string> EnabledItems(const pb::Form& form, const pb::Response& response) {
  std::map<std::string, const pb::Answer*> answers;
  for (const auto& a : response.answers()) answers.emplace(a.link_id(), &a);
  std::set<std::string> enabled;
  internal::WalkItems(form, [&](const pb::Item& item, const pb::Item* parent) {
    if (parent != nullptr && enabled.count(parent->link_id()) == 0) return;
    bool on = item.enable_when().empty();
    if (!on) {
      const bool any = item.enable_behavior() == pb::ANY;
      on = !any;
      for (const auto& when : item.enable_when()) {
        const pb::Answer* answer = nullptr;
        if (enabled.count(when.question()) > 0) {
          auto it = answers.find(when.question());
          if (it != answers.end()) answer = it->second;
        }
        bool holds = ConditionHolds(when, answer);
        if (any && holds) { on = true; break; }
        if (!any && !holds) { on = false; break; }
      }
    }
    if (on) enabled.insert(item.link_id());
  });
  return enabled;
}

pb::Response WithoutDisabledAnswers(const pb::Form& form, const pb::Response& response) {
  std::set<std::string> enabled = EnabledItems(form, response);
  pb::Response out;
  out.set_form_id(response.form_id());
  out.set_form_version(response.form_version());
  for (const auto& a : response.answers()) {
    if (enabled.count(a.link_id()) > 0) *out.add_answers() = a;
  }
  return out;
}

}  // namespace fascia::plugin_sdk
