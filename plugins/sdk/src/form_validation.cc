// ValidateForm and ValidateResponse; see plugin_forms.h for the rules.
// Error descriptions name items and kinds, never answer values (which may
// be health data and end up in logs).
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "fascia/plugin_forms.h"
#include "form_walk.h"

namespace fascia::plugin_sdk {
namespace {

constexpr size_t kMaxLinkIdLength = 64;
constexpr size_t kMaxStringAnswer = 200;
constexpr size_t kMaxTextAnswer = 4000;

bool IsLinkId(const std::string& id) {
  if (id.empty() || id.size() > kMaxLinkIdLength) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool Answerable(pb::ItemType t) { return t != pb::GROUP && t != pb::DISPLAY; }
bool Numeric(pb::ItemType t) { return t == pb::INTEGER || t == pb::DECIMAL; }

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

namespace internal {
// YYYY-MM-DD naming a real calendar day.
bool IsDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  int days = kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
  return d <= days;
}

// Whether `v` is a value an item of `item`'s type accepts (ignoring options
// and bounds).
bool KindFits(const pb::Item& item, const pb::Value& v) {
  switch (item.type()) {
    case pb::BOOLEAN: return v.kind_case() == pb::Value::kBoolean;
    case pb::INTEGER: return v.kind_case() == pb::Value::kInteger;
    case pb::DECIMAL:
      return v.kind_case() == pb::Value::kDecimal || v.kind_case() == pb::Value::kInteger;
    case pb::STRING:
    case pb::TEXT: return v.kind_case() == pb::Value::kString;
    case pb::DATE: return v.kind_case() == pb::Value::kDate;
    case pb::CHOICE: return v.kind_case() == pb::Value::kCode;
    default: return false;
  }
}
}  // namespace internal

std::vector<pb::FieldError> ValidateForm(const pb::Form& form) {
  std::vector<pb::FieldError> errors;
  if (form.id().empty()) errors.push_back(MakeFieldError("form.id", "is required"));
  if (form.version().empty()) errors.push_back(MakeFieldError("form.version", "is required"));
  if (form.items().empty()) errors.push_back(MakeFieldError("form.items", "a form needs at least one item"));
  std::map<std::string, const pb::Item*> seen;  // earlier items, for enable_when
  internal::WalkItems(form, [&](const pb::Item& item, const pb::Item* parent) {
    const std::string& id = item.link_id();
    const std::string field = id.empty() ? std::string("form.items") : id;
    if (!IsLinkId(id)) {
      errors.push_back(MakeFieldError(field, "link_id must be 1-64 of letters, digits, '.', '_', '-'"));
    } else if (seen.count(id) > 0) {
      errors.push_back(MakeFieldError(field, "duplicate link_id"));
    }
    if (item.type() < pb::GROUP || item.type() > pb::CHOICE) {
      errors.push_back(MakeFieldError(field, "unknown item type"));
    }
    if (item.type() == pb::GROUP && item.items().empty()) {
      errors.push_back(MakeFieldError(field, "a GROUP needs nested items"));
    }
    if (item.type() != pb::GROUP && !item.items().empty()) {
      errors.push_back(MakeFieldError(field, "only a GROUP may have nested items"));
    }
    if (!Answerable(item.type()) && item.required()) {
      errors.push_back(MakeFieldError(field, "GROUP and DISPLAY items cannot be required"));
    }
    if (item.repeats() && item.type() != pb::CHOICE) {
      errors.push_back(MakeFieldError(field, "only CHOICE items may repeat"));
    }
    if (item.type() == pb::CHOICE) {
      std::set<std::string> codes;
      if (item.answer_options().empty()) errors.push_back(MakeFieldError(field, "a CHOICE needs answer_options"));
      for (const auto& o : item.answer_options()) {
        if (o.code().empty()) errors.push_back(MakeFieldError(field, "an answer option has no code"));
        if (!codes.insert(o.code()).second) errors.push_back(MakeFieldError(field, "duplicate answer option code"));
      }
    } else if (!item.answer_options().empty()) {
      errors.push_back(MakeFieldError(field, "only CHOICE items have answer_options"));
    }
    if ((item.has_min_value() || item.has_max_value()) && !Numeric(item.type())) {
      errors.push_back(MakeFieldError(field, "min_value/max_value apply to INTEGER and DECIMAL only"));
    }
    if (item.has_min_value() && item.has_max_value() && item.min_value() > item.max_value()) {
      errors.push_back(MakeFieldError(field, "min_value exceeds max_value"));
    }
    if (item.enable_behavior() < pb::ENABLE_BEHAVIOR_UNSPECIFIED || item.enable_behavior() > pb::ANY) {
      errors.push_back(MakeFieldError(field, "unknown enable_behavior"));
    }
    for (const auto& when : item.enable_when()) {
      auto it = seen.find(when.question());
      if (it == seen.end()) {
        errors.push_back(MakeFieldError(field, "enable_when must name an earlier question"));
        continue;
      }
      const pb::Item& question = *it->second;
      if (!Answerable(question.type())) {
        errors.push_back(MakeFieldError(field, "enable_when names a GROUP or DISPLAY item"));
        continue;
      }
      const pb::EnableOperator op = when.operator_();
      if (op < pb::EXISTS || op > pb::LESS_OR_EQUAL) {
        errors.push_back(MakeFieldError(field, "enable_when has no valid operator"));
      } else if (op == pb::EXISTS) {
        if (when.answer().kind_case() != pb::Value::kBoolean) {
          errors.push_back(MakeFieldError(field, "enable_when EXISTS takes a boolean answer"));
        }
      } else if (!internal::KindFits(question, when.answer())) {
        errors.push_back(MakeFieldError(field, "enable_when answer does not fit the question's type"));
      } else if (op != pb::EQUALS && op != pb::NOT_EQUALS && !Numeric(question.type()) &&
                 question.type() != pb::DATE) {
        errors.push_back(MakeFieldError(field, "ordering operators apply to numbers and dates only"));
      } else if (question.type() == pb::CHOICE) {
        bool known = false;
        for (const auto& o : question.answer_options()) known |= o.code() == when.answer().code();
        if (!known) errors.push_back(MakeFieldError(field, "enable_when code is not an option of the question"));
      }
    }
    if (!id.empty()) seen.emplace(id, &item);
  });
  return errors;
}

std::vector<pb::FieldError> ValidateResponse(const pb::Form& form, const pb::Response& response) {
  std::vector<pb::FieldError> errors;
  if (response.form_id() != form.id()) {
    errors.push_back(MakeFieldError("form_id", "does not name this form"));
  }
  if (!response.form_version().empty() && response.form_version() != form.version()) {
    errors.push_back(MakeFieldError("form_version", "is not the form's current version"));
  }
  std::map<std::string, const pb::Item*> items;
  internal::WalkItems(form, [&](const pb::Item& item, const pb::Item*) {
    items.emplace(item.link_id(), &item);
  });
  const std::set<std::string> enabled = EnabledItems(form, response);
  std::set<std::string> answered;
  for (const auto& answer : response.answers()) {
    const std::string& id = answer.link_id();
    auto it = items.find(id);
    if (it == items.end()) {
      errors.push_back(MakeFieldError(id.empty() ? std::string("answers") : id, "is not an item of the form"));
      continue;
    }
    if (!answered.insert(id).second) {
      errors.push_back(MakeFieldError(id, "is answered more than once"));
      continue;
    }
    const pb::Item& item = *it->second;
    if (!Answerable(item.type())) {
      errors.push_back(MakeFieldError(id, "GROUP and DISPLAY items take no answer"));
      continue;
    }
    if (enabled.count(id) == 0) continue;  // ignored, not judged
    if (answer.values().empty()) {
      errors.push_back(MakeFieldError(id, "an answer needs a value"));
      continue;
    }
    if (answer.values_size() > 1 && !item.repeats()) {
      errors.push_back(MakeFieldError(id, "takes a single value"));
      continue;
    }
    std::set<std::string> codes;
    for (const auto& v : answer.values()) {
      if (!internal::KindFits(item, v)) {
        errors.push_back(MakeFieldError(id, "value has the wrong type for this item"));
        break;
      }
      if (item.type() == pb::CHOICE) {
        bool known = false;
        for (const auto& o : item.answer_options()) known |= o.code() == v.code();
        if (!known) errors.push_back(MakeFieldError(id, "is not one of the item's answer options"));
        if (!codes.insert(v.code()).second) errors.push_back(MakeFieldError(id, "repeats an option"));
      }
      if (Numeric(item.type())) {
        double x = v.kind_case() == pb::Value::kInteger ? static_cast<double>(v.integer()) : v.decimal();
        if (x != x) errors.push_back(MakeFieldError(id, "is not a number"));
        if (item.has_min_value() && x < item.min_value()) errors.push_back(MakeFieldError(id, "is below the item's minimum"));
        if (item.has_max_value() && x > item.max_value()) errors.push_back(MakeFieldError(id, "is above the item's maximum"));
      }
      if (item.type() == pb::DATE && !internal::IsDate(v.date())) {
        errors.push_back(MakeFieldError(id, "must be a date YYYY-MM-DD"));
      }
      if (item.type() == pb::STRING || item.type() == pb::TEXT) {
        size_t limit = item.type() == pb::STRING ? kMaxStringAnswer : kMaxTextAnswer;
        if (v.string().empty()) errors.push_back(MakeFieldError(id, "must not be empty"));
        if (v.string().size() > limit) errors.push_back(MakeFieldError(id, "is too long"));
      }
    }
  }
  internal::WalkItems(form, [&](const pb::Item& item, const pb::Item*) {
    if (item.required() && enabled.count(item.link_id()) > 0 && answered.count(item.link_id()) == 0) {
      errors.push_back(MakeFieldError(item.link_id(), "is required"));
    }
  });
  return errors;
}

}  // namespace fascia::plugin_sdk
