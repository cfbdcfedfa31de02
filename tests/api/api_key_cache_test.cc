// The authenticated-key cache (api/api_key_cache.h): what it answers for,
// and the cases where it must send the caller back to the database.
#include "api/api_key_cache.h"

#include <gtest/gtest.h>

namespace fascia::api {
namespace {

const absl::Time kRead = absl::FromUnixSeconds(1700000000);

domain::Principal Owner() {
  domain::Principal p;
  p.key = "organizations/acme/apiKeys/k1";
  p.organization = "organizations/acme";
  p.role = domain::Role::kOwner;
  return p;
}

TEST(ApiKeyCacheTest, AnswersWithinTheTtlForTheRightSecretOnly) {
  ApiKeyCache cache(absl::Seconds(5));
  cache.Remember("k1", "hash", std::nullopt, Owner(), kRead, cache.generation());
  auto found = cache.Find("k1", "hash", kRead + absl::Seconds(4));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->key, "organizations/acme/apiKeys/k1");
  EXPECT_FALSE(cache.Find("k1", "hasx", kRead).has_value());
  EXPECT_FALSE(cache.Find("k1", "hash-longer", kRead).has_value());
  EXPECT_FALSE(cache.Find("k2", "hash", kRead).has_value());
  EXPECT_FALSE(cache.Find("k1", "hash", kRead + absl::Seconds(5)).has_value());
  // A clock that went backwards does not extend an entry's life.
  EXPECT_FALSE(cache.Find("k1", "hash", kRead - absl::Seconds(1)).has_value());
}

TEST(ApiKeyCacheTest, AnExpiredKeyIsNeverAnswered) {
  ApiKeyCache cache(absl::Minutes(5));
  cache.Remember("k1", "hash", kRead + absl::Seconds(2), Owner(), kRead, cache.generation());
  EXPECT_TRUE(cache.Find("k1", "hash", kRead + absl::Seconds(1)).has_value());
  EXPECT_FALSE(cache.Find("k1", "hash", kRead + absl::Seconds(2)).has_value());
}

TEST(ApiKeyCacheTest, ForgetDropsTheKeyAndRefusesAReadThatRacedIt) {
  ApiKeyCache cache(absl::Seconds(5));
  cache.Remember("k1", "hash", std::nullopt, Owner(), kRead, cache.generation());
  const uint64_t before_revoke = cache.generation();  // a read starts...
  cache.Forget("k1");                                  // ...a revocation commits...
  EXPECT_FALSE(cache.Find("k1", "hash", kRead).has_value());
  // ...and the read, which saw the key before it was revoked, is not cached.
  cache.Remember("k1", "hash", std::nullopt, Owner(), kRead, before_revoke);
  EXPECT_FALSE(cache.Find("k1", "hash", kRead).has_value());
  cache.Remember("k1", "hash", std::nullopt, Owner(), kRead, cache.generation());
  EXPECT_TRUE(cache.Find("k1", "hash", kRead).has_value());
}

TEST(ApiKeyCacheTest, ZeroTtlCachesNothing) {
  ApiKeyCache cache(absl::ZeroDuration());
  cache.Remember("k1", "hash", std::nullopt, Owner(), kRead, cache.generation());
  EXPECT_FALSE(cache.Find("k1", "hash", kRead).has_value());
}

TEST(ApiKeyCacheTest, StaysBounded) {
  ApiKeyCache cache(absl::Seconds(5));
  for (size_t i = 0; i <= ApiKeyCache::kMaxEntries; ++i) {
    cache.Remember("k" + std::to_string(i), "hash", std::nullopt, Owner(), kRead, cache.generation());
  }
  // The table started over when it was full: only the last key remains.
  EXPECT_FALSE(cache.Find("k0", "hash", kRead).has_value());
  EXPECT_TRUE(cache.Find("k" + std::to_string(ApiKeyCache::kMaxEntries), "hash", kRead).has_value());
}

}  // namespace
}  // namespace fascia::api
