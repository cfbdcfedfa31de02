// Resource name matching and id generation; see resource_names.h.
#include "api/resource_names.h"


#include <algorithm>
#include <cstdint>

#include "absl/random/random.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_join.h"

namespace fascia::api {

bool IsValidId(absl::string_view id) {
  if (id.empty() || id.size() > 63) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool lower_or_digit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!lower_or_digit && !(i > 0 && c == '-')) return false;
  }
  return true;
}

std::optional<std::vector<std::string>> MatchName(absl::string_view name, absl::string_view pattern,
                                                  bool allow_wildcard) {
  if (name.size() > kMaxNameLength) return std::nullopt;
  std::vector<absl::string_view> got = absl::StrSplit(name, '/');
  std::vector<absl::string_view> want = absl::StrSplit(pattern, '/');
  if (got.size() != want.size()) return std::nullopt;
  std::vector<std::string> ids;
  for (size_t i = 0; i < want.size(); ++i) {
    if (want[i] == "*") {
      if (!IsValidId(got[i]) && !(allow_wildcard && got[i] == "-")) return std::nullopt;
      ids.emplace_back(got[i]);
    } else if (got[i] != want[i]) {
      return std::nullopt;
    }
  }
  return ids;
}

std::string NamePrefix(absl::string_view name, int segments) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (static_cast<int>(parts.size()) > segments) parts.resize(segments);
  return absl::StrJoin(parts, "/");
}

namespace {

// Base32 digits in ASCII order, so that ids compare as the numbers they spell.
constexpr char kOrderedDigits[] = "234567abcdefghijklmnopqrstuvwxyz";

// absl::BitGen seeds from a process-wide entropy pool: cheap for the
// short-lived threads of the sync gRPC server, unlike std::random_device.
uint64_t RandomBits() {
  thread_local absl::BitGen engine;
  return absl::Uniform<uint64_t>(engine);
}

// Writes `count` base32 digits of `bits`, most significant first, at `out`.
void PutDigits(uint64_t bits, int count, char* out) {
  for (int i = count - 1; i >= 0; --i) {
    out[i] = kOrderedDigits[bits & 31];
    bits >>= 5;
  }
}

}  // namespace

std::string GenerateId() {
  // Ids must start with a letter or digit; every alphabet character is one.
  std::string id(20, 'a');
  PutDigits(RandomBits(), 10, &id[0]);
  PutDigits(RandomBits(), 10, &id[10]);
  return id;
}

std::string GenerateTimeOrderedId(absl::Time now) {
  // 45 bits of milliseconds since 1970 last until the year 3084.
  const uint64_t millis = static_cast<uint64_t>(std::max<int64_t>(0, absl::ToUnixMillis(now)));
  std::string id(20, 'a');
  PutDigits(millis, 9, &id[0]);
  PutDigits(RandomBits(), 11, &id[9]);
  return id;
}

}  // namespace fascia::api
