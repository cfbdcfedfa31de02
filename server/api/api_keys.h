// API keys: format, hashing, and authentication of a bearer token.
//
// A key is "fsk_<key id>_<secret>": the id is public (it names the key,
// organizations/{org}/apiKeys/{id}); the secret is 256 random bits, shown
// once and stored only as its hex SHA-256. A fast hash is enough because the
// secret is random, not a password. Comparison is constant-time.
#ifndef FASCIA_API_API_KEYS_H_
#define FASCIA_API_API_KEYS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "api/api_key_cache.h"
#include "domain/access_policy.h"
#include "fascia/v1/access_service.pb.h"
#include "storage/database.h"

namespace fascia::api {

struct GeneratedKey {
  std::string key_id;
  std::string token;        // what the caller sends: fsk_<id>_<secret>
  std::string secret_hash;  // what is stored
};

GeneratedKey GenerateKey();
std::string HashSecret(absl::string_view secret);

// Stores a new key (its `name` is set from the generated id) inside the
// caller's transaction and returns the token to hand out once.
absl::StatusOr<std::string> InsertKey(storage::Connection& c, fascia::v1::ApiKey& key, absl::Time now);

// The principal for an `authorization` header value ("Bearer fsk_..."), or
// UNAUTHENTICATED with the same message whatever was wrong (missing, malformed,
// unknown, wrong secret, revoked, expired), so a caller learns nothing.
// `cache` (may be null) answers for keys that authenticated recently.
absl::StatusOr<domain::Principal> Authenticate(storage::Database& db, ApiKeyCache* cache,
                                               absl::string_view authorization, absl::Time now);

domain::Role ToDomainRole(fascia::v1::Role role);

}  // namespace fascia::api

#endif  // FASCIA_API_API_KEYS_H_
