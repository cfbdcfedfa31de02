// See values.h.
#include "values.h"

#include <algorithm>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "times.h"

namespace fasciactl {

int MinorDigits(const std::string& currency) {
  static const char* kZero[] = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
                                "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"};
  static const char* kThree[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
  for (const char* c : kZero) {
    if (currency == c) return 0;
  }
  for (const char* c : kThree) {
    if (currency == c) return 3;
  }
  return 2;
}

absl::StatusOr<fascia::v1::Money> ParseMoney(const std::string& input) {
  const std::string text(absl::StripAsciiWhitespace(input));
  const size_t sep = text.find_first_of(": ");
  const auto bad = [&](const std::string& why) {
    return absl::InvalidArgumentError(
        absl::StrCat("price \"", input, "\": ", why, " (use CURRENCY:AMOUNT, e.g. GBP:70.00)"));
  };
  if (sep == std::string::npos) return bad("no currency");
  const std::string currency = absl::AsciiStrToUpper(text.substr(0, sep));
  const std::string amount(absl::StripAsciiWhitespace(text.substr(sep + 1)));
  if (currency.size() != 3 || !absl::ascii_isalpha(currency[0]) ||
      !absl::ascii_isalpha(currency[1]) || !absl::ascii_isalpha(currency[2])) {
    return bad("the currency is not a three-letter ISO 4217 code");
  }
  const int digits = MinorDigits(currency);
  const size_t dot = amount.find('.');
  const std::string whole = amount.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : amount.substr(dot + 1);
  if (whole.empty() || whole.find_first_not_of("0123456789") != std::string::npos ||
      fraction.find_first_not_of("0123456789") != std::string::npos ||
      (dot != std::string::npos && fraction.empty())) {
    return bad("the amount is not a non-negative decimal number");
  }
  if (static_cast<int>(fraction.size()) > digits) {
    return bad(absl::StrCat(currency, " has ", digits, " decimal places"));
  }
  fraction.append(digits - fraction.size(), '0');
  int64_t minor = 0;
  if (whole.size() > 15 || !absl::SimpleAtoi(whole + fraction, &minor))
    return bad("the amount is too large");
  fascia::v1::Money money;
  money.set_currency_code(currency);
  money.set_amount_minor(minor);
  return money;
}

std::string FormatMoney(const fascia::v1::Money& money) {
  const int digits = MinorDigits(money.currency_code());
  const int64_t minor = money.amount_minor();
  std::string sign = minor < 0 ? "-" : "";
  const uint64_t magnitude =
      minor < 0 ? 0 - static_cast<uint64_t>(minor) : static_cast<uint64_t>(minor);
  if (digits == 0) return absl::StrCat(money.currency_code(), " ", sign, magnitude);
  uint64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  std::string fraction = absl::StrCat(magnitude % scale);
  fraction.insert(0, digits - fraction.size(), '0');
  return absl::StrCat(money.currency_code(), " ", sign, magnitude / scale, ".", fraction);
}

absl::StatusOr<std::string> FilterClause(const std::string& field, const std::string& op,
                                         const std::string& value) {
  if (value.find('"') != std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("a ", field, " filter value cannot contain '\"'"));
  }
  return absl::StrCat(field, " ", op, " \"", value, "\"");
}

absl::StatusOr<int> ParseEnumFlag(const std::string& flag, const std::string& text,
                                  const google::protobuf::EnumDescriptor* type) {
  std::string name = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  std::replace(name.begin(), name.end(), '-', '_');
  std::replace(name.begin(), name.end(), ' ', '_');
  const google::protobuf::EnumValueDescriptor* value = type->FindValueByName(name);
  if (value != nullptr && value->number() != 0) return value->number();
  std::vector<std::string> choices;
  for (int i = 1; i < type->value_count(); ++i)
    choices.push_back(FormatEnumLabel(type->value(i)->name()));
  return absl::InvalidArgumentError(
      absl::StrCat(flag, " \"", text, "\" is not one of: ", absl::StrJoin(choices, ", ")));
}

std::string FormatEnumLabel(const std::string& enum_name) {
  std::string out = absl::AsciiStrToLower(enum_name);
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

absl::Status ParseColonRecord(const std::string& flag, const std::string& text,
                              const std::vector<std::string>& fields,
                              google::protobuf::Message& message) {
  using google::protobuf::FieldDescriptor;
  const std::vector<std::string> parts =
      absl::StrSplit(text, absl::MaxSplits(':', static_cast<int>(fields.size()) - 1));
  const google::protobuf::Reflection* r = message.GetReflection();
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string part(absl::StripAsciiWhitespace(parts[i]));
    if (part.empty()) continue;
    const FieldDescriptor* f = message.GetDescriptor()->FindFieldByName(fields[i]);
    const auto bad = [&](const std::string& why) {
      return absl::InvalidArgumentError(absl::StrCat("--", flag, " \"", text, "\": ", why,
                                                     " (format ", absl::StrJoin(fields, ":"), ")"));
    };
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        r->SetString(&message, f, part);
        break;
      case FieldDescriptor::CPPTYPE_INT32: {
        int value = 0;
        if (!absl::SimpleAtoi(part, &value)) {
          return bad(absl::StrCat(fields[i], " \"", part, "\" is not a number"));
        }
        r->SetInt32(&message, f, value);
        break;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        absl::StatusOr<int> value = ParseEnumFlag(fields[i], part, f->enum_type());
        if (!value.ok()) return bad(std::string(value.status().message()));
        r->SetEnumValue(&message, f, *value);
        break;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE: {  // fascia.v1.Date
        absl::StatusOr<fascia::v1::Date> date = ParseDate(part);
        if (!date.ok()) return bad(absl::StrCat(fields[i], ": ", date.status().message()));
        r->MutableMessage(&message, f)->CopyFrom(*date);
        break;
      }
      default:
        return bad(fields[i] + " has an unsupported type");
    }
  }
  return absl::OkStatus();
}

std::string FormatColonRecord(const google::protobuf::Message& message,
                              const std::vector<std::string>& fields) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* r = message.GetReflection();
  std::vector<std::string> parts;
  for (const std::string& name : fields) {
    const FieldDescriptor* f = message.GetDescriptor()->FindFieldByName(name);
    std::string part;
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        part = r->GetString(message, f);
        break;
      case FieldDescriptor::CPPTYPE_INT32:
        part = absl::StrCat(r->GetInt32(message, f));
        break;
      case FieldDescriptor::CPPTYPE_ENUM:
        if (r->GetEnumValue(message, f) != 0)
          part = FormatEnumLabel(r->GetEnum(message, f)->name());
        break;
      case FieldDescriptor::CPPTYPE_MESSAGE:
        if (r->HasField(message, f)) {
          part = FormatDate(static_cast<const fascia::v1::Date&>(r->GetMessage(message, f)));
        }
        break;
      default:
        break;
    }
    parts.push_back(part);
  }
  while (!parts.empty() && parts.back().empty()) parts.pop_back();
  return absl::StrJoin(parts, ":");
}

}  // namespace fasciactl
