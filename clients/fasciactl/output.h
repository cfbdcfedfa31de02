// Printing API messages: a table (default), a wider table (-o wide), the
// protobuf JSON mapping (-o json), YAML (-o yaml), or resource names (-o name).
//
//   Printer printer(Format::kTable, std::cout);
//   printer.PrintList(response, "locations", LocationColumns());
//
// Contracts:
// - json is google::protobuf::util::MessageToJsonString (lowerCamelCase
//   names, enums by name, Timestamps in RFC 3339 UTC), so it parses back with
//   JsonStringToMessage. A list prints its whole List response message
//   ({"locations": [...], "nextPageToken": "..."}); with --all the pages are
//   merged into one response without a token.
// - yaml is the same document as json (same names and values), as block YAML.
// - table/wide print one row per item with the columns given; wide adds the
//   columns marked wide. Resource names are shortened to their last segment
//   (the id) in tables; -o wide also shows the full NAME.
// - name prints each item's full resource name, one per line (for xargs).
//
// Thread-compatible.
#ifndef FASCIA_CLIENTS_FASCIACTL_OUTPUT_H_
#define FASCIA_CLIENTS_FASCIACTL_OUTPUT_H_

#include <google/protobuf/message.h>
#include <google/protobuf/repeated_field.h>

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace fasciactl {

enum class Format { kTable, kWide, kJson, kYaml, kName };

// "table" (or ""), "wide", "json", "yaml", "name".
absl::StatusOr<Format> ParseFormat(const std::string& text);

// One table column: a header and how to show a row's value.
struct Column {
  std::string header;
  std::function<std::string(const google::protobuf::Message&)> value;
  bool wide_only = false;
};

// Marks a column shown only with -o wide.
inline constexpr bool kWide = true;

// A column over a concrete message type T (the rows' type).
template <typename T>
Column Col(std::string header, std::function<std::string(const T&)> value, bool wide_only = false) {
  return Column{
      std::move(header),
      [value](const google::protobuf::Message& m) { return value(static_cast<const T&>(m)); },
      wide_only};
}

// The items of a repeated message field, as rows for Printer::PrintSection.
template <typename T>
std::vector<const google::protobuf::Message*> Rows(
    const google::protobuf::RepeatedPtrField<T>& items) {
  return std::vector<const google::protobuf::Message*>(items.pointer_begin(), items.pointer_end());
}

// "organizations/acme/locations/soho" -> "soho"; "" -> "".
std::string LastSegment(const std::string& name);

// A JSON string literal for `text` (quotes and escapes added).
std::string JsonQuote(const std::string& text);

// The protobuf JSON mapping of `message`, indented, ending with a newline.
std::string ToJson(const google::protobuf::Message& message);
// `message` as block YAML with the JSON mapping's names and values.
std::string ToYaml(const google::protobuf::Message& message);

// Rows laid out in aligned columns (headers upper-case, three spaces apart).
std::string RenderTable(const std::vector<std::string>& headers,
                        const std::vector<std::vector<std::string>>& rows);

class Printer {
 public:
  Printer(Format format, std::ostream& out) : format_(format), out_(out) {}

  Format format() const { return format_; }

  // One resource (get, create, update, delete, a state change).
  void PrintOne(const google::protobuf::Message& item, const std::vector<Column>& columns);
  // A List-style response whose repeated message field `items_field` holds
  // the rows; json/yaml print the whole response.
  void PrintList(const google::protobuf::Message& response, const std::string& items_field,
                 const std::vector<Column>& columns);
  // Table/wide only (other formats already show everything): a blank line,
  // "<title>:" and `rows` as a table; nothing when there are no rows. For
  // the parts of one resource a single row cannot show (a screening's
  // findings, a form's questions).
  void PrintSection(const std::string& title,
                    const std::vector<const google::protobuf::Message*>& rows,
                    const std::vector<Column>& columns);

 private:
  void PrintRows(const std::vector<const google::protobuf::Message*>& rows,
                 const std::vector<Column>& columns);

  Format format_;
  std::ostream& out_;
};

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_OUTPUT_H_
