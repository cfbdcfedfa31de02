// A short-lived, in-memory cache of authenticated API keys, so a call does
// not need a database read to learn who its caller is.
//
// What is cached is what Authenticate() found in the database for a key id:
// the stored secret hash, the expiry and the principal. Only keys that
// authenticated are cached (a wrong or unknown token always goes to the
// database). An entry serves for `ttl` after it was read; a caller must
// still present the right secret (compared in constant time) and an expired
// key is refused by its stored expiry, whatever the cache holds.
//
// Revocation: the server that revokes a key drops it from its cache at once
// (Forget). Another fasciad sharing the PostgreSQL database keeps honouring
// the key for at most `ttl`; docs/adr/0007 records that trade. A zero ttl
// turns the cache off.
//
// Thread-safe. Bounded: when it holds kMaxEntries it starts over empty.
#ifndef FASCIA_API_API_KEY_CACHE_H_
#define FASCIA_API_API_KEY_CACHE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "domain/access_policy.h"

namespace fascia::api {

class ApiKeyCache {
 public:
  static constexpr size_t kMaxEntries = 10000;

  explicit ApiKeyCache(absl::Duration ttl) : ttl_(ttl) {}

  // The principal of `key_id` if a fresh entry holds exactly `secret_hash`
  // and the key has not expired at `now`; nullopt means "ask the database".
  std::optional<domain::Principal> Find(const std::string& key_id, absl::string_view secret_hash,
                                        absl::Time now) const;

  // Taken before reading a key from the database and handed to Remember, so
  // a read that raced a revocation here is not cached.
  uint64_t generation() const;

  // Records a key that just authenticated, read from the database at `now`
  // after generation() returned `generation`.
  void Remember(const std::string& key_id, std::string secret_hash,
                std::optional<absl::Time> expire_time, domain::Principal principal, absl::Time now,
                uint64_t generation);

  // Drops a key once its revocation has committed: its next call reads the
  // database.
  void Forget(const std::string& key_id);

 private:
  struct Entry {
    std::string secret_hash;
    std::optional<absl::Time> expire_time;
    domain::Principal principal;
    absl::Time read_at;
  };

  const absl::Duration ttl_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;  // bumped by every Forget
};

}  // namespace fascia::api

#endif  // FASCIA_API_API_KEY_CACHE_H_
