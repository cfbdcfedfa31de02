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
#include "absl/time/time.h"
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

// A new id that sorts after the ids made before `now` (to the millisecond):
// 9 characters of time, then 11 random ones (55 bits), 20 in all, from the
// same alphabet as GenerateId. For rows written at a high rate (bookings):
// consecutive ids land on the same index pages instead of a random page
// each. It shows when the resource was created, to the millisecond, so use
// it only where the creation time is not a secret (create_time says it too).
std::string GenerateTimeOrderedId(absl::Time now);

}  // namespace fascia::api

#endif  // FASCIA_API_RESOURCE_NAMES_H_
