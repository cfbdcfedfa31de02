// SQL for the configuration resources (organizations, locations, rooms,
// staff, services, clients): each row is one serialized fascia.v1 message
// plus the columns used to find, page and version it.
//
// Every function runs inside the caller's transaction (Database::Transact),
// so a use case composes several of them atomically. The repository never
// interprets `data`; the API layer owns the message format.
//
// Optimistic concurrency: `revision` starts at 1 and each Update must name the
// revision it read; a mismatch changes nothing and returns false.
#ifndef FASCIA_STORAGE_RESOURCE_REPOSITORY_H_
#define FASCIA_STORAGE_RESOURCE_REPOSITORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/database.h"

namespace fascia::storage {

struct StoredResource {
  std::string name;
  std::string parent;
  int64_t revision = 0;
  bool deleted = false;
  absl::Time create_time;
  absl::Time update_time;
  std::string data;  // serialized message
  std::string lookup_key;  // optional secondary key ("" = none)
};

class ResourceRepository {
 public:
  // `kind` partitions the table: "organization", "location", ...
  explicit ResourceRepository(std::string kind) : kind_(std::move(kind)) {}

  absl::StatusOr<std::optional<StoredResource>> Get(Connection& c, std::string_view name) const;

  // The revision of each live (not deleted) row among `names`, of any kind;
  // absent and deleted names are missing from the map. One indexed query,
  // for checking inside a write transaction that cached reads are current.
  static absl::StatusOr<absl::flat_hash_map<std::string, int64_t>> CurrentRevisions(
      Connection& c, const std::vector<std::string>& names);

  // The name and revision of every live row of this kind under `parent`, in
  // name order: what a reader holding cached messages needs to know which
  // are current, without reading their data.
  absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> ListRevisions(
      Connection& c, std::string_view parent) const;

  // The row created by an earlier Create with this idempotency key, if any.
  absl::StatusOr<std::optional<StoredResource>> FindByRequestId(Connection& c,
                                                                std::string_view parent,
                                                                std::string_view request_id) const;

  // Rows under `parent` ordered by name, starting after `after_name` ("" for
  // the first page). Deleted rows only when include_deleted.
  absl::StatusOr<std::vector<StoredResource>> List(Connection& c, std::string_view parent,
                                                   std::string_view after_name, int limit,
                                                   bool include_deleted) const;

  // Live rows under `parent` whose lookup_key is `key`.
  absl::StatusOr<std::vector<StoredResource>> FindByLookupKey(Connection& c, std::string_view parent,
                                                              std::string_view key) const;

  // Live rows of this kind under any parent whose lookup_key is `key`
  // (e.g. the memberships billed at a location, whose parents are clients).
  absl::StatusOr<std::vector<StoredResource>> FindEverywhereByLookupKey(Connection& c,
                                                                        std::string_view key) const;

  // Removes a row for good (erasure of non-clinical data). Returns whether it existed.
  absl::StatusOr<bool> HardDelete(Connection& c, std::string_view name) const;

  // Inserts with revision 1. A duplicate name or request_id is a
  // ConstraintViolationError.
  absl::Status Insert(Connection& c, const StoredResource& row, std::string_view request_id) const;

  // Replaces data/deleted/update_time/lookup_key if the stored revision is
  // `expected_revision`; bumps the revision. Returns false on a mismatch.
  absl::StatusOr<bool> Update(Connection& c, const StoredResource& row,
                              int64_t expected_revision) const;

 private:
  std::string kind_;
};

}  // namespace fascia::storage

#endif  // FASCIA_STORAGE_RESOURCE_REPOSITORY_H_
