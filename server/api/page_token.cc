// Page token encoding; see page_token.h.
#include "api/page_token.h"

#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/errors.h"

namespace fascia::api {
namespace {

// FNV-1a over the parts; detects edits and random tokens. Not a secret MAC:
// tokens only ever select what the caller may list anyway.
uint64_t Checksum(absl::string_view fingerprint, absl::string_view cursor) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](absl::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  };
  mix("fascia-page-token-v1");
  mix(fingerprint);
  mix(cursor);
  return h;
}

absl::Status BadToken(absl::string_view why) {
  FieldViolations v;
  v.Add("page_token", std::string(why));
  return v.ToStatus();
}

}  // namespace

std::string EncodePageToken(absl::string_view request_fingerprint, absl::string_view cursor) {
  std::string raw = absl::StrCat(absl::Hex(Checksum(request_fingerprint, cursor)), "\n", cursor);
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token,
                                            absl::string_view request_fingerprint) {
  std::string raw;
  if (token.size() > 4096 || !absl::WebSafeBase64Unescape(token, &raw)) {
    return BadToken("is not a page token issued by this server");
  }
  std::pair<std::string, std::string> parts = absl::StrSplit(raw, absl::MaxSplits('\n', 1));
  if (parts.first != absl::StrCat(absl::Hex(Checksum(request_fingerprint, parts.second)))) {
    return BadToken("is not valid for this request (altered, or issued for other parameters)");
  }
  return parts.second;
}

absl::Status MalformedPageToken() { return BadToken("is not a page token issued by this server"); }

absl::StatusOr<int> ResolvePageSize(int requested, int default_size, int max_size,
                                    absl::string_view field) {
  if (requested == 0) return default_size;
  if (requested < 0 || requested > max_size) {
    FieldViolations v;
    v.Add(std::string(field), absl::StrCat("must be between 0 and ", max_size));
    return v.ToStatus();
  }
  return requested;
}

}  // namespace fascia::api
