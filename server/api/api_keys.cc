// API key format, hashing and authentication; see api_keys.h.
#include "api/api_keys.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "api/resource_names.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "storage/api_key_repository.h"

namespace fascia::api {
namespace {

constexpr absl::string_view kPrefix = "fsk_";

absl::Status Unauthenticated() {
  return ReasonError(absl::StatusCode::kUnauthenticated, "UNAUTHENTICATED",
                     "a valid API key is required: send `authorization: Bearer <key>`");
}

}  // namespace

std::string HashSecret(absl::string_view secret) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(secret.data(), secret.size(), digest, &length, EVP_sha256(), nullptr);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(digest), length));
}

GeneratedKey GenerateKey() {
  unsigned char random[32];
  if (RAND_bytes(random, sizeof(random)) != 1) std::abort();  // no entropy: nothing safe to do
  std::string secret;
  absl::WebSafeBase64Escape(absl::string_view(reinterpret_cast<char*>(random), sizeof(random)), &secret);
  GeneratedKey key;
  key.key_id = GenerateId();
  key.token = absl::StrCat(kPrefix, key.key_id, "_", secret);
  key.secret_hash = HashSecret(secret);
  return key;
}

absl::StatusOr<std::string> InsertKey(storage::Connection& c, fascia::v1::ApiKey& key, absl::Time now) {
  GeneratedKey generated = GenerateKey();
  std::string organization = key.name();  // the caller passes the parent here
  key.set_name(absl::StrCat(organization, "/apiKeys/", generated.key_id));
  key.mutable_create_time()->set_seconds(absl::ToUnixSeconds(now));
  storage::ApiKeyRow row;
  row.key_id = generated.key_id;
  row.organization = organization;
  row.secret_hash = generated.secret_hash;
  if (key.has_expire_time()) row.expire_time = absl::FromUnixSeconds(key.expire_time().seconds());
  row.create_time = now;
  row.data = key.SerializeAsString();
  RETURN_IF_ERROR(storage::ApiKeyRepository().Insert(c, row));
  return generated.token;
}

domain::Role ToDomainRole(fascia::v1::Role role) {
  switch (role) {
    case fascia::v1::OWNER: return domain::Role::kOwner;
    case fascia::v1::MANAGER: return domain::Role::kManager;
    case fascia::v1::FRONT_DESK: return domain::Role::kFrontDesk;
    case fascia::v1::THERAPIST: return domain::Role::kTherapist;
    case fascia::v1::INTEGRATOR: return domain::Role::kIntegrator;
    default: return domain::Role::kAuditor;
  }
}

absl::StatusOr<domain::Principal> Authenticate(storage::Database& db, ApiKeyCache* cache,
                                               absl::string_view authorization, absl::Time now) {
  absl::string_view token = authorization;
  if (!absl::ConsumePrefix(&token, "Bearer ") || !absl::ConsumePrefix(&token, kPrefix)) {
    return Unauthenticated();
  }
  size_t separator = token.find('_');
  if (separator == absl::string_view::npos || token.size() > 200) return Unauthenticated();
  std::string key_id(token.substr(0, separator));
  std::string secret_hash = HashSecret(token.substr(separator + 1));
  if (!IsValidId(key_id)) return Unauthenticated();
  if (cache != nullptr) {
    if (auto principal = cache->Find(key_id, secret_hash, now)) return *std::move(principal);
  }

  const uint64_t generation = cache != nullptr ? cache->generation() : 0;
  std::optional<storage::ApiKeyRow> row;
  RETURN_IF_ERROR(db.Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
    ASSIGN_OR_RETURN(row, storage::ApiKeyRepository().Get(c, key_id));
    return absl::OkStatus();
  }));
  if (!row || row->secret_hash.size() != secret_hash.size() ||
      CRYPTO_memcmp(row->secret_hash.data(), secret_hash.data(), secret_hash.size()) != 0 ||
      row->revoked || (row->expire_time && *row->expire_time <= now)) {
    return Unauthenticated();
  }
  fascia::v1::ApiKey key;
  if (!key.ParseFromString(row->data)) return absl::DataLossError("stored API key cannot be parsed");
  domain::Principal principal;
  principal.key = key.name();
  principal.organization = row->organization;
  principal.role = ToDomainRole(key.role());
  principal.locations.insert(key.locations().begin(), key.locations().end());
  principal.staff_member = key.staff_member();
  if (cache != nullptr) {
    cache->Remember(key_id, row->secret_hash, row->expire_time, principal, now, generation);
  }
  return principal;
}

}  // namespace fascia::api
