// See output.h.
#include "output.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace fasciactl {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

absl::StatusOr<Format> ParseFormat(const std::string& text) {
  if (text.empty() || text == "table") return Format::kTable;
  if (text == "wide") return Format::kWide;
  if (text == "json") return Format::kJson;
  if (text == "yaml") return Format::kYaml;
  if (text == "name") return Format::kName;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown output format \"", text, "\" (table, wide, json, yaml, name)"));
}

std::string LastSegment(const std::string& name) {
  const size_t slash = name.rfind('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

std::string JsonQuote(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string ToJson(const Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  std::string out;
  auto status = google::protobuf::util::MessageToJsonString(message, &out, options);
  // Only invalid messages (e.g. an out-of-range Timestamp from a broken
  // server) fail; show the text format rather than nothing.
  if (!status.ok()) return message.DebugString();
  if (out.empty() || out.back() != '\n') out += "\n";
  return out;
}

namespace {

// A scalar that YAML would read back as this same string without quotes.
bool PlainSafe(const std::string& s) {
  if (s.empty() || s.size() > 200) return false;
  const unsigned char first = s[0];
  if (!(std::isalpha(first) || first == '/' || first == '_' || first >= 0x80)) return false;
  if (s.back() == ' ' || s.back() == ':') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = s[i];
    if (c >= 0x80 || std::isalnum(c)) continue;
    if (c == ':' && i + 1 < s.size() && s[i + 1] == ' ') return false;
    if (std::string_view(" -_./@()+:'").find(static_cast<char>(c)) == std::string_view::npos)
      return false;
  }
  static const char* kReserved[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"};
  const std::string lower = absl::AsciiStrToLower(s);
  for (const char* word : kReserved) {
    if (lower == word) return false;
  }
  return true;
}

std::string YamlString(const std::string& s) { return PlainSafe(s) ? s : JsonQuote(s); }

bool IsWellKnownScalar(const google::protobuf::Descriptor* d) {
  const std::string& n = d->full_name();
  return n.rfind("google.protobuf.", 0) == 0 &&
         n != "google.protobuf.Empty";  // Timestamp, Duration, FieldMask, wrappers, Struct ...
}

std::string YamlScalar(const Message& m, const FieldDescriptor* f, int index) {
  const Reflection* r = m.GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string v = rep ? r->GetRepeatedString(m, f, index) : r->GetString(m, f);
      if (f->type() == FieldDescriptor::TYPE_BYTES) return JsonQuote(absl::Base64Escape(v));
      return YamlString(v);
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int number = rep ? r->GetRepeatedEnumValue(m, f, index) : r->GetEnumValue(m, f);
      const auto* value = f->enum_type()->FindValueByNumber(number);
      return value != nullptr ? value->name() : std::to_string(number);
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f)) ? "true" : "false";
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrCat(rep ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f));
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return "";
}

// A well-known type (Timestamp, Duration ...) as its JSON-mapping value,
// which is a valid YAML flow value.
std::string WellKnownValue(const Message& m) {
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(m, &json).ok()) return "null";
  if (json.size() >= 2 && json.front() == '"' && json.find('\\') == std::string::npos) {
    return YamlString(json.substr(1, json.size() - 2));
  }
  return json;
}

void AppendMessage(const Message& m, int indent, std::string* out);

// A message value in a block: "{}" / a well-known scalar on the same line
// (returned), or "" after appending its fields on the following lines.
std::string InlineOrBlock(const Message& sub, int indent, std::string* block) {
  if (IsWellKnownScalar(sub.GetDescriptor())) return WellKnownValue(sub);
  std::vector<const FieldDescriptor*> fields;
  sub.GetReflection()->ListFields(sub, &fields);
  if (fields.empty()) return "{}";
  AppendMessage(sub, indent, block);
  return "";
}

void AppendMessage(const Message& m, int indent, std::string* out) {
  const Reflection* r = m.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(m, &fields);
  const std::string pad(indent, ' ');
  for (const FieldDescriptor* f : fields) {
    const std::string key = YamlString(f->json_name());
    if (f->is_map()) {
      absl::StrAppend(out, pad, key, ":\n");
      for (int i = 0; i < r->FieldSize(m, f); ++i) {
        const Message& entry = r->GetRepeatedMessage(m, f, i);
        const FieldDescriptor* kf = entry.GetDescriptor()->map_key();
        const FieldDescriptor* vf = entry.GetDescriptor()->map_value();
        const std::string k = YamlScalar(entry, kf, 0);
        if (vf->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
          std::string block;
          std::string inline_value =
              InlineOrBlock(entry.GetReflection()->GetMessage(entry, vf), indent + 4, &block);
          absl::StrAppend(out, pad, "  ", k, ":", inline_value.empty() ? "" : " ", inline_value,
                          "\n", block);
        } else {
          absl::StrAppend(out, pad, "  ", k, ": ", YamlScalar(entry, vf, 0), "\n");
        }
      }
    } else if (f->is_repeated()) {
      absl::StrAppend(out, pad, key, ":\n");
      for (int i = 0; i < r->FieldSize(m, f); ++i) {
        if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
          absl::StrAppend(out, pad, "- ", YamlScalar(m, f, i), "\n");
          continue;
        }
        std::string block;
        std::string inline_value =
            InlineOrBlock(r->GetRepeatedMessage(m, f, i), indent + 2, &block);
        if (!inline_value.empty()) {
          absl::StrAppend(out, pad, "- ", inline_value, "\n");
        } else {
          // The element's first field goes on the dash's line.
          block.replace(indent, 2, "- ");
          absl::StrAppend(out, block);
        }
      }
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      std::string block;
      std::string inline_value = InlineOrBlock(r->GetMessage(m, f), indent + 2, &block);
      absl::StrAppend(out, pad, key, ":", inline_value.empty() ? "" : " ", inline_value, "\n",
                      block);
    } else {
      absl::StrAppend(out, pad, key, ": ", YamlScalar(m, f, 0), "\n");
    }
  }
}

// Display width of UTF-8 text: code points, not bytes (names may be "Zoë").
size_t Width(const std::string& s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string ToYaml(const Message& message) {
  std::string out;
  AppendMessage(message, 0, &out);
  return out.empty() ? "{}\n" : out;
}

std::string RenderTable(const std::vector<std::string>& headers,
                        const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(headers.size());
  for (size_t c = 0; c < headers.size(); ++c) widths[c] = Width(headers[c]);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], Width(row[c]));
    }
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (size_t c = 0; c < cells.size(); ++c) {
      text += cells[c];
      if (c + 1 < cells.size()) text += std::string(widths[c] - Width(cells[c]) + 3, ' ');
    }
    out += text + "\n";
  };
  line(headers);
  for (const auto& row : rows) line(row);
  return out;
}

void Printer::PrintRows(const std::vector<const Message*>& rows,
                        const std::vector<Column>& columns) {
  if (format_ == Format::kName) {
    for (const Message* row : rows) {
      const FieldDescriptor* name = row->GetDescriptor()->FindFieldByName("name");
      out_ << (name != nullptr ? row->GetReflection()->GetString(*row, name)
                               : (columns.empty() ? "" : columns[0].value(*row)))
           << "\n";
    }
    return;
  }
  std::vector<std::string> headers;
  std::vector<const Column*> shown;
  for (const Column& c : columns) {
    if (c.wide_only && format_ != Format::kWide) continue;
    headers.push_back(c.header);
    shown.push_back(&c);
  }
  std::vector<std::vector<std::string>> cells;
  for (const Message* row : rows) {
    std::vector<std::string> line;
    for (const Column* c : shown) {
      std::string v = c->value(*row);
      // An empty cell would shift columns for `awk`; "-" keeps them aligned.
      line.push_back(v.empty() ? "-" : v);
    }
    cells.push_back(std::move(line));
  }
  out_ << RenderTable(headers, cells);
}

void Printer::PrintOne(const Message& item, const std::vector<Column>& columns) {
  switch (format_) {
    case Format::kJson:
      out_ << ToJson(item);
      return;
    case Format::kYaml:
      out_ << ToYaml(item);
      return;
    default:
      PrintRows({&item}, columns);
  }
}

void Printer::PrintSection(const std::string& title, const std::vector<const Message*>& rows,
                           const std::vector<Column>& columns) {
  if ((format_ != Format::kTable && format_ != Format::kWide) || rows.empty()) return;
  out_ << "\n" << title << ":\n";
  PrintRows(rows, columns);
}

void Printer::PrintList(const Message& response, const std::string& items_field,
                        const std::vector<Column>& columns) {
  if (format_ == Format::kJson) {
    out_ << ToJson(response);
    return;
  }
  if (format_ == Format::kYaml) {
    out_ << ToYaml(response);
    return;
  }
  const FieldDescriptor* f = response.GetDescriptor()->FindFieldByName(items_field);
  const Reflection* r = response.GetReflection();
  std::vector<const Message*> rows;
  for (int i = 0; f != nullptr && i < r->FieldSize(response, f); ++i) {
    rows.push_back(&r->GetRepeatedMessage(response, f, i));
  }
  if (rows.empty() && format_ != Format::kName) return;  // the caller says "none found" on stderr
  PrintRows(rows, columns);
}

}  // namespace fasciactl
