// The authenticated-key cache; see api_key_cache.h.
#include "api/api_key_cache.h"

#include <openssl/crypto.h>

#include <utility>

namespace fascia::api {

std::optional<domain::Principal> ApiKeyCache::Find(const std::string& key_id,
                                                   absl::string_view secret_hash,
                                                   absl::Time now) const {
  if (ttl_ <= absl::ZeroDuration()) return std::nullopt;
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key_id);
  if (it == entries_.end()) return std::nullopt;
  const Entry& e = it->second;
  if (now - e.read_at >= ttl_ || now < e.read_at) return std::nullopt;
  if (e.expire_time && *e.expire_time <= now) return std::nullopt;
  if (e.secret_hash.size() != secret_hash.size() ||
      CRYPTO_memcmp(e.secret_hash.data(), secret_hash.data(), secret_hash.size()) != 0) {
    return std::nullopt;
  }
  return e.principal;
}

uint64_t ApiKeyCache::generation() const {
  absl::MutexLock lock(&mu_);
  return generation_;
}

void ApiKeyCache::Remember(const std::string& key_id, std::string secret_hash,
                           std::optional<absl::Time> expire_time, domain::Principal principal,
                           absl::Time now, uint64_t generation) {
  if (ttl_ <= absl::ZeroDuration()) return;
  absl::MutexLock lock(&mu_);
  if (generation != generation_) return;  // a revocation may have raced the read
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[key_id] = Entry{std::move(secret_hash), expire_time, std::move(principal), now};
}

void ApiKeyCache::Forget(const std::string& key_id) {
  absl::MutexLock lock(&mu_);
  ++generation_;
  entries_.erase(key_id);
}

}  // namespace fascia::api
