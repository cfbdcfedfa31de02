// Reading and rewriting one serialized fascia.v1 message kept as a row of
// `resources` (storage/resource_repository.h), inside the caller's
// transaction, for use cases that change a document themselves rather than
// through ResourceCrud (balances, package sessions, memberships), or that
// read every document of a kind under one parent.
//
//   ASSIGN_OR_RETURN(auto row, repo.Get(c, name));
//   ASSIGN_OR_RETURN(v1::Package p, DecodeStored<v1::Package>(*row, "package"));
//   p.set_sessions_used(p.sessions_used() + 1);
//   RETURN_IF_ERROR(SaveStored(c, repo, *row, p, now));  // ABORTED if it changed meanwhile
//
//   RETURN_IF_ERROR(ForEachStored<v1::Clearance>(c, repo, client, /*include_deleted=*/false,
//                                                "clearance", [&](v1::Clearance cl) { ... }));
#ifndef FASCIA_API_STORED_DOCUMENT_H_
#define FASCIA_API_STORED_DOCUMENT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "api/field_checks.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "storage/resource_repository.h"

namespace fascia::api {

// The message in `row`, its etag set to the row's revision.
template <typename T>
absl::StatusOr<T> DecodeStored(const storage::StoredResource& row, absl::string_view what) {
  T item;
  if (!item.ParseFromString(row.data)) {
    return absl::DataLossError(absl::StrCat("stored ", what, " cannot be parsed"));
  }
  item.set_etag(std::to_string(row.revision));
  return item;
}

// Calls on_item(T) for every document of `repo` under `parent` (deleted ones
// too if `include_deleted`), in name order, each decoded by DecodeStored. Reads
// a batch of rows at a time, so memory holds one batch, not the whole kind.
template <typename T, typename OnItem>
absl::Status ForEachStored(storage::Connection& c, const storage::ResourceRepository& repo,
                           const std::string& parent, bool include_deleted,
                           absl::string_view what, OnItem on_item) {
  constexpr int kBatch = 500;
  std::string after;
  while (true) {
    ASSIGN_OR_RETURN(auto rows, repo.List(c, parent, after, kBatch, include_deleted));
    for (const storage::StoredResource& row : rows) {
      ASSIGN_OR_RETURN(T item, DecodeStored<T>(row, what));
      on_item(std::move(item));
    }
    if (static_cast<int>(rows.size()) < kBatch) return absl::OkStatus();
    after = rows.back().name;
  }
}

// Writes `item` (update_time set to `now`) over `row` if the row is still at
// the revision it was read at; ABORTED CONCURRENT_MODIFICATION otherwise,
// which WriteWithRetry (invoice_store.h) runs again.
template <typename T>
absl::Status SaveStored(storage::Connection& c, const storage::ResourceRepository& repo,
                        storage::StoredResource row, T item, absl::Time now) {
  item.clear_etag();
  *item.mutable_update_time() = ToTimestamp(now);
  row.data = item.SerializeAsString();
  row.update_time = now;
  ASSIGN_OR_RETURN(bool written, repo.Update(c, row, row.revision));
  if (!written) {
    return ReasonError(absl::StatusCode::kAborted, "CONCURRENT_MODIFICATION",
                       absl::StrCat("\"", row.name, "\" was changed concurrently: read it again"));
  }
  return absl::OkStatus();
}

}  // namespace fascia::api

#endif  // FASCIA_API_STORED_DOCUMENT_H_
