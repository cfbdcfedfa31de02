// Filter parser; see filter.h.
#include "api/filter.h"

#include <cctype>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/errors.h"

namespace fascia::api {
namespace {

absl::Status FilterError(std::string why) {
  FieldViolations v;
  v.Add("filter", std::move(why));
  return v.ToStatus();
}

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == ':' ||
         c == '-';
}

class Lexer {
 public:
  explicit Lexer(absl::string_view text) : text_(text) {}

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool AtEnd() {
    SkipSpace();
    return pos_ >= text_.size();
  }
  absl::StatusOr<std::string> Word() {
    SkipSpace();
    size_t start = pos_;
    while (pos_ < text_.size() && IsWordChar(text_[pos_])) ++pos_;
    if (start == pos_) return FilterError(absl::StrCat("expected a name at position ", start));
    return std::string(text_.substr(start, pos_ - start));
  }
  absl::StatusOr<std::string> Operator() {
    SkipSpace();
    for (absl::string_view op : {"<=", ">=", "!=", "=", "<", ">"}) {
      if (text_.substr(pos_, op.size()) == op) {
        pos_ += op.size();
        return std::string(op);
      }
    }
    return FilterError(absl::StrCat("expected an operator (= != < <= > >=) at position ", pos_));
  }
  absl::StatusOr<std::string> Value() {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      std::string out;
      for (++pos_; pos_ < text_.size(); ++pos_) {
        char c = text_[pos_];
        if (c == '"') {
          ++pos_;
          return out;
        }
        if (c == '\\' && pos_ + 1 < text_.size()) c = text_[++pos_];
        out.push_back(c);
      }
      return FilterError("has an unterminated string");
    }
    return Word();
  }

 private:
  absl::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<std::vector<FilterTerm>> ParseFilter(absl::string_view filter,
                                                    const FilterSchema& schema) {
  std::vector<FilterTerm> terms;
  if (filter.size() > kMaxFilterLength) {
    return FilterError(absl::StrCat("is longer than ", kMaxFilterLength, " characters"));
  }
  Lexer lexer(filter);
  if (lexer.AtEnd()) return terms;
  while (true) {
    FilterTerm term;
    auto field = lexer.Word();
    if (!field.ok()) return field.status();
    term.field = *field;
    auto allowed = schema.find(term.field);
    if (allowed == schema.end()) {
      std::vector<std::string> names;
      for (const auto& [name, ops] : schema) names.push_back(name);
      return FilterError(absl::StrCat(
          "field \"", term.field, "\" is not supported here",
          names.empty() ? std::string(" (this method has no filter fields)")
                        : absl::StrCat(" (supported: ", absl::StrJoin(names, ", "), ")")));
    }
    auto op = lexer.Operator();
    if (!op.ok()) return op.status();
    term.op = *op;
    if (allowed->second.count(term.op) == 0) {
      return FilterError(absl::StrCat("operator ", term.op, " is not supported for ", term.field));
    }
    auto value = lexer.Value();
    if (!value.ok()) return value.status();
    term.value = *value;
    terms.push_back(std::move(term));
    if (lexer.AtEnd()) break;
    auto conj = lexer.Word();
    if (!conj.ok() || *conj != "AND") return FilterError("terms must be joined with AND");
  }
  return terms;
}

}  // namespace fascia::api
