// Opaque, tamper-evident page tokens (AIP-158).
//
// A token carries the cursor of the last item returned and a fingerprint of
// the request it belongs to (parent, filter, ...), plus a checksum. Decoding
// refuses a token that was altered, forged, or replayed against a different
// request, with INVALID_ARGUMENT naming the page_token field. Tokens do not
// expire and hold no server state, so any replica can continue a listing.
#ifndef FASCIA_API_PAGE_TOKEN_H_
#define FASCIA_API_PAGE_TOKEN_H_

#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"

namespace fascia::api {

std::string EncodePageToken(absl::string_view request_fingerprint, absl::string_view cursor);

// The cursor inside `token`. REQUIRES: token is non-empty.
absl::StatusOr<std::string> DecodePageToken(absl::string_view token,
                                            absl::string_view request_fingerprint);

// INVALID_ARGUMENT naming page_token, for a token that DecodePageToken
// accepted but whose cursor the caller cannot parse. The checksum is no
// secret, so anyone can mint such a token; it is bad input, not INTERNAL.
absl::Status MalformedPageToken();

// Page sizes: 0 -> default_size; negative or above max_size -> INVALID_ARGUMENT
// naming `field`.
absl::StatusOr<int> ResolvePageSize(int requested, int default_size, int max_size,
                                    absl::string_view field = "page_size");

}  // namespace fascia::api

#endif  // FASCIA_API_PAGE_TOKEN_H_
