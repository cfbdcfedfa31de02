// A small, documented subset of AIP-160 filters: a conjunction of
// comparisons.
//
//   staff_member = "organizations/a/staff/b" AND start_time >= "2026-12-01T00:00:00Z"
//
// Grammar: term ("AND" term)*; term: FIELD OP VALUE; OP: = != < <= > >=;
// VALUE: a double-quoted string (\" and \\ escapes) or a bare word
// ([A-Za-z0-9_.:-]+, e.g. an enum name). Each List method declares which
// fields and operators it supports; anything else is INVALID_ARGUMENT on the
// `filter` field.
#ifndef FASCIA_API_FILTER_H_
#define FASCIA_API_FILTER_H_

#include <map>
#include <set>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"

namespace fascia::api {

struct FilterTerm {
  std::string field;
  std::string op;
  std::string value;
};

// field -> the operators it supports.
using FilterSchema = std::map<std::string, std::set<std::string>>;

inline constexpr size_t kMaxFilterLength = 1024;

absl::StatusOr<std::vector<FilterTerm>> ParseFilter(absl::string_view filter,
                                                    const FilterSchema& schema);

}  // namespace fascia::api

#endif  // FASCIA_API_FILTER_H_
