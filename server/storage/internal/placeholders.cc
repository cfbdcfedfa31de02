// See placeholders.h.
#include "storage/internal/placeholders.h"

#include <algorithm>
#include <cctype>

namespace fascia::storage::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsTagChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Index just past the literal/comment/quote starting at `i`, or `i` if none
// starts there.
size_t SkipQuoted(std::string_view sql, size_t i) {
  const size_t n = sql.size();
  const char c = sql[i];
  if (c == '\'' || c == '"') {
    // A doubled quote is an escaped quote; the scan simply re-enters the loop.
    size_t j = sql.find(c, i + 1);
    return j == std::string_view::npos ? n : j + 1;
  }
  if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
    size_t j = sql.find('\n', i + 2);
    return j == std::string_view::npos ? n : j + 1;
  }
  if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
    size_t j = sql.find("*/", i + 2);
    return j == std::string_view::npos ? n : j + 2;
  }
  if (c == '$' && i + 1 < n && !IsDigit(sql[i + 1])) {
    size_t j = i + 1;
    while (j < n && IsTagChar(sql[j])) ++j;
    if (j < n && sql[j] == '$') {
      std::string_view tag = sql.substr(i, j + 1 - i);
      size_t end = sql.find(tag, j + 1);
      return end == std::string_view::npos ? n : end + tag.size();
    }
  }
  return i;
}

}  // namespace

ScannedSql ScanPlaceholders(std::string_view sql) {
  ScannedSql out;
  out.sqlite_sql.reserve(sql.size());
  size_t i = 0;
  while (i < sql.size()) {
    size_t skipped = SkipQuoted(sql, i);
    if (skipped != i) {
      out.sqlite_sql.append(sql.substr(i, skipped - i));
      i = skipped;
      continue;
    }
    if (sql[i] == '$' && i + 1 < sql.size() && IsDigit(sql[i + 1])) {
      size_t j = i + 1;
      int n = 0;
      while (j < sql.size() && IsDigit(sql[j])) {
        n = std::min(n * 10 + (sql[j] - '0'), 1000000);
        ++j;
      }
      out.max_param = std::max(out.max_param, n);
      out.sqlite_sql.push_back('?');
      out.sqlite_sql.append(sql.substr(i + 1, j - i - 1));
      i = j;
      continue;
    }
    out.sqlite_sql.push_back(sql[i]);
    ++i;
  }
  return out;
}

}  // namespace fascia::storage::internal
