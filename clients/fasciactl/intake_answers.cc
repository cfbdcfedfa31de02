// See intake_answers.h.
#include "intake_answers.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "resource.h"
#include "times.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

const v1::FormItem* FindIn(const google::protobuf::RepeatedPtrField<v1::FormItem>& items,
                           const std::string& link_id) {
  for (const v1::FormItem& item : items) {
    if (item.link_id() == link_id) return &item;
    if (const v1::FormItem* inner = FindIn(item.items(), link_id)) return inner;
  }
  return nullptr;
}

void FlattenInto(const google::protobuf::RepeatedPtrField<v1::FormItem>& items,
                 std::vector<const v1::FormItem*>& out) {
  for (const v1::FormItem& item : items) {
    out.push_back(&item);
    FlattenInto(item.items(), out);
  }
}

absl::Status BadValue(const std::string& link_id, const std::string& why) {
  return absl::InvalidArgumentError(absl::StrCat("--answer ", link_id, ": ", why));
}

std::vector<std::string> OptionCodes(const v1::FormItem& item) {
  std::vector<std::string> codes;
  for (const v1::AnswerOption& o : item.answer_options()) codes.push_back(o.code());
  return codes;
}

// One value of `item`'s type from `text`.
absl::StatusOr<v1::AnswerValue> ParseValue(const v1::FormItem& item, const std::string& text) {
  v1::AnswerValue value;
  switch (item.type()) {
    case v1::FORM_ITEM_BOOLEAN: {
      const std::string lower = absl::AsciiStrToLower(text);
      if (lower != "true" && lower != "false")
        return BadValue(item.link_id(), absl::StrCat("\"", text, "\" is not true or false"));
      value.set_boolean(lower == "true");
      return value;
    }
    case v1::FORM_ITEM_INTEGER: {
      int64_t i = 0;
      if (!absl::SimpleAtoi(text, &i))
        return BadValue(item.link_id(), absl::StrCat("\"", text, "\" is not a whole number"));
      value.set_integer(i);
      return value;
    }
    case v1::FORM_ITEM_DECIMAL: {
      double d = 0;
      if (!absl::SimpleAtod(text, &d) || !std::isfinite(d))
        return BadValue(item.link_id(), absl::StrCat("\"", text, "\" is not a number"));
      value.set_decimal(d);
      return value;
    }
    case v1::FORM_ITEM_DATE: {
      absl::StatusOr<v1::Date> date = ParseDate(text);
      if (!date.ok()) return BadValue(item.link_id(), std::string(date.status().message()));
      value.set_date(FormatDate(*date));
      return value;
    }
    case v1::FORM_ITEM_STRING:
    case v1::FORM_ITEM_TEXT:
      value.set_string(text);
      return value;
    case v1::FORM_ITEM_CHOICE: {
      // Checked here rather than left to the server so the error can list
      // the codes, which the admin may not have in front of them.
      const std::vector<std::string> codes = OptionCodes(item);
      if (!codes.empty() && std::find(codes.begin(), codes.end(), text) == codes.end()) {
        return BadValue(item.link_id(),
                        absl::StrCat("\"", text, "\" is not one of: ", absl::StrJoin(codes, ", ")));
      }
      value.set_code(text);
      return value;
    }
    case v1::FORM_ITEM_GROUP:
    case v1::FORM_ITEM_DISPLAY:
      return BadValue(item.link_id(), "is a heading, not a question; answer the items under it");
    default:
      return BadValue(item.link_id(),
                      "has a type this fasciactl does not know; use --answers-file");
  }
}

}  // namespace

const v1::FormItem* FindFormItem(const v1::IntakeForm& form, const std::string& link_id) {
  return FindIn(form.items(), link_id);
}

std::vector<const v1::FormItem*> FlattenForm(const v1::IntakeForm& form) {
  std::vector<const v1::FormItem*> out;
  FlattenInto(form.items(), out);
  return out;
}

absl::StatusOr<v1::Answer> ParseAnswerFlag(const v1::IntakeForm& form, const std::string& text) {
  const size_t eq = text.find('=');
  const std::string link_id(absl::StripAsciiWhitespace(text.substr(0, eq)));
  if (eq == std::string::npos || link_id.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--answer \"", text, "\": expected LINK_ID=VALUE"));
  }
  const v1::FormItem* item = FindFormItem(form, link_id);
  if (item == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("--answer ", link_id, ": the form ", form.name(),
                     " has no such item (see 'fasciactl intake-forms get ", form.modality(), "')"));
  }
  const std::string raw(absl::StripAsciiWhitespace(text.substr(eq + 1)));
  if (raw.empty()) return BadValue(link_id, "no value (leave an item out instead)");
  std::vector<std::string> parts = {raw};
  if (item->type() == v1::FORM_ITEM_CHOICE && item->repeats()) {
    parts = absl::StrSplit(raw, ',', absl::SkipWhitespace());
    for (std::string& p : parts) p = std::string(absl::StripAsciiWhitespace(p));
  }
  v1::Answer answer;
  answer.set_link_id(link_id);
  for (const std::string& part : parts) {
    absl::StatusOr<v1::AnswerValue> value = ParseValue(*item, part);
    if (!value.ok()) return value.status();
    *answer.add_values() = *value;
  }
  return answer;
}

absl::StatusOr<std::vector<v1::Answer>> MergeAnswers(const v1::IntakeForm& form,
                                                     std::vector<v1::Answer> from_file,
                                                     const std::vector<std::string>& flags) {
  std::set<std::string> given;
  for (const std::string& flag : flags) {
    absl::StatusOr<v1::Answer> answer = ParseAnswerFlag(form, flag);
    if (!answer.ok()) return answer.status();
    if (!given.insert(answer->link_id()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("--answer ", answer->link_id(),
                       " is given twice (a repeating choice takes comma-separated codes: a,b)"));
    }
    auto same = std::find_if(from_file.begin(), from_file.end(),
                             [&](const v1::Answer& a) { return a.link_id() == answer->link_id(); });
    if (same != from_file.end()) {
      *same = *answer;
    } else {
      from_file.push_back(*answer);
    }
  }
  return from_file;
}

absl::StatusOr<std::vector<v1::Answer>> ReadAnswersFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadInputFile(path, "--answers-file");
  if (!text.ok()) return text.status();
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;  // a whole Screening is fine; only answers are used
  v1::SubmitIntakeRequest parsed;
  auto status = google::protobuf::util::JsonStringToMessage(*text, &parsed, options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--answers-file ", path,
        ": not protobuf JSON with an \"answers\" list: ", std::string(status.message())));
  }
  if (parsed.answers().empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--answers-file ", path, ": no \"answers\" list (see 'screenings submit --help')"));
  }
  return std::vector<v1::Answer>(parsed.answers().begin(), parsed.answers().end());
}

std::string FormatAnswerValue(const v1::AnswerValue& value) {
  switch (value.kind_case()) {
    case v1::AnswerValue::kBoolean:
      return value.boolean() ? "true" : "false";
    case v1::AnswerValue::kInteger:
      return absl::StrCat(value.integer());
    case v1::AnswerValue::kDecimal:
      return absl::StrCat(value.decimal());
    case v1::AnswerValue::kString:
      return value.string();
    case v1::AnswerValue::kDate:
      return value.date();
    case v1::AnswerValue::kCode:
      return value.code();
    default:
      return "";
  }
}

std::string FormatAnswer(const v1::Answer& answer) {
  std::vector<std::string> values;
  for (const v1::AnswerValue& v : answer.values()) values.push_back(FormatAnswerValue(v));
  return absl::StrCat(answer.link_id(), "=", absl::StrJoin(values, ","));
}

std::string FormatItemType(const v1::FormItem& item) {
  std::string type(absl::StripPrefix(v1::FormItemType_Name(item.type()), "FORM_ITEM_"));
  type = absl::AsciiStrToLower(type);
  return item.repeats() ? type + ", repeats" : type;
}

std::string FormatItemAccepts(const v1::FormItem& item) {
  if (!item.answer_options().empty()) return absl::StrJoin(OptionCodes(item), "|");
  if (!item.has_min_value() && !item.has_max_value()) return "";
  return absl::StrCat(item.has_min_value() ? absl::StrCat(item.min_value()) : "", "..",
                      item.has_max_value() ? absl::StrCat(item.max_value()) : "");
}

std::string FormatEnableWhen(const v1::FormItem& item) {
  std::vector<std::string> conditions;
  for (const v1::EnableWhen& w : item.enable_when()) {
    if (w.operator_() == v1::ENABLE_EXISTS) {
      conditions.push_back(
          absl::StrCat(w.question(), w.answer().boolean() ? " answered" : " unanswered"));
      continue;
    }
    const char* op = "?";
    switch (w.operator_()) {
      case v1::ENABLE_EQUALS:
        op = "=";
        break;
      case v1::ENABLE_NOT_EQUALS:
        op = "!=";
        break;
      case v1::ENABLE_GREATER:
        op = ">";
        break;
      case v1::ENABLE_LESS:
        op = "<";
        break;
      case v1::ENABLE_GREATER_OR_EQUAL:
        op = ">=";
        break;
      case v1::ENABLE_LESS_OR_EQUAL:
        op = "<=";
        break;
      default:
        break;
    }
    conditions.push_back(absl::StrCat(w.question(), " ", op, " ", FormatAnswerValue(w.answer())));
  }
  return absl::StrJoin(conditions, item.enable_behavior() == v1::ENABLE_ANY ? " or " : " and ");
}

}  // namespace fasciactl
