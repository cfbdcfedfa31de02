// Parsed configuration resources (locations, services, staff members, rooms)
// kept in memory between calls, so a booking does not read and parse them
// again in a transaction of its own.
//
// An entry is the message as it was read, with its etag (the row's revision).
// A cached message may be stale: another call, or another fasciad on the same
// PostgreSQL database, may have changed or deleted the resource since. Users
// therefore check, inside their write transaction, that each revision they
// decided on is still the current one (storage::ResourceRepository::
// CurrentRevisions) and, if not, Forget the names and decide again from the
// database. Nothing is ever written from a cached message.
//
//   auto staff = cache.Find<v1::StaffMember>(name);   // nullptr: not cached
//   cache.Put(name, std::make_shared<const v1::StaffMember>(std::move(read)));
//
// Thread-safe. Bounded: when it holds kMaxEntries it starts over empty.
#ifndef FASCIA_API_CONFIG_CACHE_H_
#define FASCIA_API_CONFIG_CACHE_H_

#include <memory>
#include <string>

#include <google/protobuf/message.h>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"

namespace fascia::api {

class ConfigCache {
 public:
  static constexpr size_t kMaxEntries = 20000;

  // The cached message named `name` if it is a T, else nullptr.
  template <typename T>
  std::shared_ptr<const T> Find(const std::string& name) const {
    std::shared_ptr<const google::protobuf::Message> found = FindMessage(name);
    return std::dynamic_pointer_cast<const T>(found);
  }

  // REQUIRES: `message` has its etag set to the revision it was read at.
  void Put(const std::string& name, std::shared_ptr<const google::protobuf::Message> message);
  void Forget(const std::string& name);

 private:
  std::shared_ptr<const google::protobuf::Message> FindMessage(const std::string& name) const;

  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::shared_ptr<const google::protobuf::Message>> entries_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace fascia::api

#endif  // FASCIA_API_CONFIG_CACHE_H_
