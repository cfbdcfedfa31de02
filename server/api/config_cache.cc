// The configuration cache; see config_cache.h.
#include "api/config_cache.h"

#include <utility>

namespace fascia::api {

std::shared_ptr<const google::protobuf::Message> ConfigCache::FindMessage(
    const std::string& name) const {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(name);
  return it == entries_.end() ? nullptr : it->second;
}

void ConfigCache::Put(const std::string& name,
                      std::shared_ptr<const google::protobuf::Message> message) {
  absl::MutexLock lock(&mu_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[name] = std::move(message);
}

void ConfigCache::Forget(const std::string& name) {
  absl::MutexLock lock(&mu_);
  entries_.erase(name);
}

}  // namespace fascia::api
