// Conversions between std::string_view (used by database.h) and
// absl::string_view. Debian's Abseil 20220623 is built with
// ABSL_OPTION_USE_STD_STRING_VIEW 0, so the two are distinct types and do not
// convert implicitly (likewise absl::optional is not std::optional).
//
// Thread-safety: pure functions.
#ifndef FASCIA_STORAGE_INTERNAL_STRING_VIEW_H_
#define FASCIA_STORAGE_INTERNAL_STRING_VIEW_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace fascia::storage::internal {

inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }

}  // namespace fascia::storage::internal

#endif  // FASCIA_STORAGE_INTERNAL_STRING_VIEW_H_
