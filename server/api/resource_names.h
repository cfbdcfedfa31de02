// Parsing and building AIP resource names.
//
// A pattern is a resource name with `*` for each id segment:
//   MatchName("organizations/acme/locations/soho", "organizations/*/locations/*")
//     -> {"acme", "soho"}
// Ids match [a-z0-9][a-z0-9-]{0,62}. A `-` wildcard id (AIP-159) is accepted
// only where a caller passes allow_wildcard.
#ifndef FASCIA_API_RESOURCE_NAMES_H_
#define FASCIA_API_RESOURCE_NAMES_H_

#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

namespace fascia::api {

inline constexpr char kOrganizationPattern[] = "organizations/*";
inline constexpr char kLocationPattern[] = "organizations/*/locations/*";
inline constexpr char kRoomPattern[] = "organizations/*/locations/*/rooms/*";
inline constexpr char kStaffPattern[] = "organizations/*/staff/*";
inline constexpr char kServicePattern[] = "organizations/*/services/*";
inline constexpr char kClientPattern[] = "organizations/*/clients/*";
inline constexpr char kAppointmentPattern[] = "organizations/*/locations/*/appointments/*";
inline constexpr char kApiKeyPattern[] = "organizations/*/apiKeys/*";
inline constexpr char kInvoicePattern[] = "organizations/*/locations/*/invoices/*";
inline constexpr char kPaymentPattern[] = "organizations/*/locations/*/invoices/*/payments/*";
inline constexpr char kGiftCardPattern[] = "organizations/*/giftCards/*";
inline constexpr char kPackagePattern[] = "organizations/*/clients/*/packages/*";

inline constexpr size_t kMaxNameLength = 512;

bool IsValidId(absl::string_view id);

// The ids of `name` if it matches `pattern`, else nullopt.
std::optional<std::vector<std::string>> MatchName(absl::string_view name, absl::string_view pattern,
                                                  bool allow_wildcard = false);

// The first `segments` path segments of `name` ("organizations/a/locations/b",
// 2 -> "organizations/a").
std::string NamePrefix(absl::string_view name, int segments);

// A new random id: 20 lower-case base32 characters (100 bits).
std::string GenerateId();

}  // namespace fascia::api

#endif  // FASCIA_API_RESOURCE_NAMES_H_
