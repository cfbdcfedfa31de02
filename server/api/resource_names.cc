// Resource name matching and id generation; see resource_names.h.
#include "api/resource_names.h"


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

std::string GenerateId() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  // absl::BitGen seeds from a process-wide entropy pool: cheap for the
  // short-lived threads of the sync gRPC server, unlike std::random_device.
  thread_local absl::BitGen engine;
  std::string id(20, 'a');
  uint64_t a = absl::Uniform<uint64_t>(engine), b = absl::Uniform<uint64_t>(engine);
  for (int i = 0; i < 20; ++i) {
    uint64_t& source = i < 10 ? a : b;
    id[i] = kAlphabet[source & 31];
    source >>= 5;
  }
  // Ids must start with a letter or digit; every alphabet character is one.
  return id;
}

}  // namespace fascia::api
