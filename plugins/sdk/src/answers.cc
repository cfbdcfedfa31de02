// Answers: typed access to the answers of enabled items; see plugin_forms.h.
#include "fascia/plugin_forms.h"

namespace fascia::plugin_sdk {

Answers::Answers(const pb::Form& form, const pb::Response& response) {
  pb::Response enabled = WithoutDisabledAnswers(form, response);
  for (const auto& a : enabled.answers()) {
    if (a.values().empty()) continue;
    values_[a.link_id()] = std::vector<pb::Value>(a.values().begin(), a.values().end());
  }
}

const pb::Value* Answers::First(const std::string& link_id, pb::Value::KindCase kind) const {
  auto it = values_.find(link_id);
  if (it == values_.end() || it->second.empty()) return nullptr;
  const pb::Value& v = it->second.front();
  return v.kind_case() == kind ? &v : nullptr;
}

bool Answers::Has(const std::string& link_id) const { return values_.count(link_id) > 0; }

bool Answers::IsTrue(const std::string& link_id) const {
  std::optional<bool> b = Boolean(link_id);
  return b.has_value() && *b;
}

std::optional<bool> Answers::Boolean(const std::string& link_id) const {
  const pb::Value* v = First(link_id, pb::Value::kBoolean);
  if (v == nullptr) return std::nullopt;
  return v->boolean();
}

std::optional<int64_t> Answers::Integer(const std::string& link_id) const {
  const pb::Value* v = First(link_id, pb::Value::kInteger);
  if (v == nullptr) return std::nullopt;
  return v->integer();
}

std::optional<double> Answers::Decimal(const std::string& link_id) const {
  if (const pb::Value* v = First(link_id, pb::Value::kDecimal)) return v->decimal();
  if (const pb::Value* v = First(link_id, pb::Value::kInteger)) return static_cast<double>(v->integer());
  return std::nullopt;
}

std::optional<std::string> Answers::Text(const std::string& link_id) const {
  const pb::Value* v = First(link_id, pb::Value::kString);
  if (v == nullptr) return std::nullopt;
  return v->string();
}

std::optional<std::string> Answers::Date(const std::string& link_id) const {
  const pb::Value* v = First(link_id, pb::Value::kDate);
  if (v == nullptr) return std::nullopt;
  return v->date();
}

std::optional<std::string> Answers::Code(const std::string& link_id) const {
  const pb::Value* v = First(link_id, pb::Value::kCode);
  if (v == nullptr) return std::nullopt;
  return v->code();
}

std::vector<std::string> Answers::Codes(const std::string& link_id) const {
  std::vector<std::string> codes;
  auto it = values_.find(link_id);
  if (it == values_.end()) return codes;
  for (const auto& v : it->second) {
    if (v.kind_case() == pb::Value::kCode) codes.push_back(v.code());
  }
  return codes;
}

bool Answers::HasCode(const std::string& link_id, const std::string& code) const {
  for (const auto& c : Codes(link_id)) {
    if (c == code) return true;
  }
  return false;
}

std::vector<pb::FieldError> CheckExclusiveCode(const Answers& answers,
                                               const std::vector<std::string>& link_ids,
                                               const std::string& exclusive_code) {
  std::vector<pb::FieldError> errors;
  for (const auto& id : link_ids) {
    if (answers.HasCode(id, exclusive_code) && answers.Codes(id).size() > 1) {
      errors.push_back(MakeFieldError(
          id, "\"" + exclusive_code + "\" cannot be combined with another option"));
    }
  }
  return errors;
}

}  // namespace fascia::plugin_sdk
