// The standard methods (AIP-131..135) for configuration resources stored in
// the `resources` table, written once for every resource type.
//
// A ResourceType<T> describes one resource: its name patterns, its request
// field, how to validate it, which filters List supports, and which other
// resources it must reference. ResourceCrud<T> then implements Create (with
// request_id idempotency), Get, List (paging + filter), Update (update_mask +
// etag) and soft Delete, each as one database transaction.
//
// Each method validates the request, then authorizes the caller (see
// caller.h) before it reads anything.
//
// Contract shared by every resource:
// - name, create_time, update_time, delete_time and etag are output only:
//   ignored on Create, refused in an update_mask.
// - etag is the row revision; a non-empty etag that differs is ABORTED, as is
//   a concurrent write that lands between read and write.
// - A soft-deleted resource is still returned by Get (with delete_time), hidden
//   from List unless show_deleted, and refuses Update/Delete
//   (FAILED_PRECONDITION).
#ifndef FASCIA_API_RESOURCE_CRUD_H_
#define FASCIA_API_RESOURCE_CRUD_H_

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/util/field_mask_util.h>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "api/field_checks.h"
#include "api/filter.h"
#include "api/page_token.h"
#include "api/caller.h"
#include "api/resource_names.h"
#include "api/target.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "storage/database.h"
#include "storage/resource_repository.h"

namespace fascia::api {

using Clock = std::function<absl::Time()>;

template <typename T>
struct ResourceType {
  std::string kind;            // storage partition, e.g. "location"
  std::string pattern;         // kLocationPattern
  std::string parent_kind;     // "" for top-level resources
  std::string parent_pattern;  // "" for top-level resources
  std::string collection;      // "locations"
  std::string field;           // request field holding the resource: "location"
  // Validates every mutable field; paths are prefixed with `field`. Unset
  // for resources only the server writes (invoices, payments, gift cards).
  std::function<void(const T&, FieldViolations&)> validate;
  // Optional: checks, inside the write transaction, that referenced resources
  // exist and are not deleted (e.g. a staff member's shift locations).
  std::function<absl::Status(storage::Connection&, const T&)> check_references;
  // The filters List accepts (none when empty) and how an item matches one.
  FilterSchema filter_schema;
  std::function<bool(const T&, const FilterTerm&)> matches;
  // A client's own record: calls naming one are listed in its access report.
  bool client_record = false;
  // The authorization target of a name (or a parent for Create/List); default
  // TargetOf. Resources under a client use ClientRecordTarget, which knows
  // whether a therapist treats that client.
  std::function<absl::StatusOr<domain::Target>(const Caller&, const std::string&)> target;
  // Optional secondary key stored with the row (see ResourceRepository::FindByLookupKey).
  std::function<std::string(const T&)> lookup_key;
  // Output-only fields beyond the common ones (name, times, etag).
  std::vector<std::string> output_only;
  // Optional: last changes to a validated resource before it is written, with
  // the stored version (nullptr on Create), e.g. a version stamp.
  std::function<void(const T* before, T& after)> prepare_write;
};

// Runs inside Create's write transaction, after the reference checks and
// before the insert (e.g. duplicate detection).
template <typename T>
using BeforeInsert = std::function<absl::Status(storage::Connection&, const T&)>;

template <typename T>
struct ListPage {
  std::vector<T> items;
  std::string next_page_token;
};

inline absl::Status NotFound(absl::string_view what, absl::string_view name) {
  return ReasonError(absl::StatusCode::kNotFound, "NOT_FOUND",
                     absl::StrCat(what, " \"", name, "\" does not exist"));
}

template <typename T>
class ResourceCrud {
 public:
  static constexpr int kDefaultPageSize = 50;
  static constexpr int kMaxPageSize = 1000;

  ResourceCrud(storage::Database& db, ResourceType<T> type, Clock clock)
      : db_(db), type_(std::move(type)), repo_(type_.kind), clock_(std::move(clock)) {}

  const ResourceType<T>& type() const { return type_; }

  absl::StatusOr<T> Create(Caller& caller, const std::string& parent, T resource,
                           const std::string& id, const std::string& request_id,
                           const BeforeInsert<T>& before_insert = nullptr) {
    FieldViolations v;
    if (!type_.parent_pattern.empty()) CheckName(parent, type_.parent_pattern, "parent", v);
    CheckResourceId(id, absl::StrCat(type_.field, "_id"), v);
    CheckRequestId(request_id, "request_id", v);
    ClearOutputOnly(resource);
    if (type_.validate) type_.validate(resource, v);
    RETURN_IF_ERROR(v.ToStatus());
    std::string name = absl::StrCat(parent, parent.empty() ? "" : "/", type_.collection, "/",
                                     id.empty() ? GenerateId() : id);
    RETURN_IF_ERROR(AuthorizeFor(caller, parent, name));
    if (type_.client_record) caller.SetClient(name);

    absl::Time now = clock_();
    resource.set_name(name);
    *resource.mutable_create_time() = ToTimestamp(now);
    *resource.mutable_update_time() = ToTimestamp(now);
    if (type_.prepare_write) type_.prepare_write(nullptr, resource);
    storage::StoredResource row{name, parent, 1, false, now, now, resource.SerializeAsString(),
                                /*lookup_key=*/""};
    if (type_.lookup_key) row.lookup_key = type_.lookup_key(resource);
    std::optional<storage::StoredResource> replayed;
    auto attempt = [&](storage::Connection& c) -> absl::Status {
      replayed.reset();
      if (!request_id.empty()) {
        ASSIGN_OR_RETURN(replayed, repo_.FindByRequestId(c, parent, request_id));
        if (replayed) return absl::OkStatus();
      }
      RETURN_IF_ERROR(CheckParent(c, parent));
      if (type_.check_references) RETURN_IF_ERROR(type_.check_references(c, resource));
      ASSIGN_OR_RETURN(auto existing, repo_.Get(c, name));
      if (existing) {
        return ReasonError(absl::StatusCode::kAlreadyExists, "ALREADY_EXISTS",
                           absl::StrCat(type_.kind, " \"", name, "\" already exists"));
      }
      if (before_insert) RETURN_IF_ERROR(before_insert(c, resource));
      return repo_.Insert(c, row, request_id);
    };
    absl::Status status = db_.Transact(storage::TxMode::kWrite, attempt);
    if (storage::ViolatedConstraint(status) == "resources_request_id") {
      // A concurrent retry with the same request_id won the race: run again
      // to return what it created.
      status = db_.Transact(storage::TxMode::kWrite, attempt);
    }
    if (replayed) return FromStored(*replayed);
    RETURN_IF_ERROR(status);
    resource.set_etag("1");
    return resource;
  }

  absl::StatusOr<T> Get(Caller& caller, const std::string& name) {
    FieldViolations v;
    CheckName(name, type_.pattern, "name", v);
    RETURN_IF_ERROR(v.ToStatus());
    RETURN_IF_ERROR(AuthorizeFor(caller, name, name));
    if (type_.client_record) caller.SetClient(name);
    std::optional<storage::StoredResource> row;
    RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
      ASSIGN_OR_RETURN(row, repo_.Get(c, name));
      return absl::OkStatus();
    }));
    if (!row) return NotFound(type_.kind, name);
    return FromStored(*row);
  }

  absl::StatusOr<ListPage<T>> List(Caller& caller, const std::string& parent, int page_size,
                                   const std::string& page_token, const std::string& filter,
                                   bool show_deleted) {
    FieldViolations v;
    if (!type_.parent_pattern.empty()) CheckName(parent, type_.parent_pattern, "parent", v);
    RETURN_IF_ERROR(v.ToStatus());
    ASSIGN_OR_RETURN(int size, ResolvePageSize(page_size, kDefaultPageSize, kMaxPageSize));
    ASSIGN_OR_RETURN(std::vector<FilterTerm> terms, ParseFilter(filter, type_.filter_schema));
    RETURN_IF_ERROR(AuthorizeFor(caller, parent, parent));
    std::string fingerprint = absl::StrCat(type_.kind, "|", parent, "|", filter, "|", show_deleted);
    std::string cursor;
    if (!page_token.empty()) {
      ASSIGN_OR_RETURN(cursor, DecodePageToken(page_token, fingerprint));
    }

    ListPage<T> page;
    RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
      RETURN_IF_ERROR(CheckParent(c, parent, /*allow_deleted=*/true));
      page.items.clear();
      page.next_page_token.clear();
      std::string after = cursor;
      // Filters run in memory, so read in batches until the page is full and
      // one more match proves there is a next page.
      const int batch = std::max(size + 1, 100);
      while (true) {
        ASSIGN_OR_RETURN(auto rows, repo_.List(c, parent, after, batch, show_deleted));
        for (const auto& row : rows) {
          ASSIGN_OR_RETURN(T item, FromStored(row));
          if (!Matches(item, terms)) continue;
          if (static_cast<int>(page.items.size()) == size) {
            page.next_page_token = EncodePageToken(fingerprint, page.items.back().name());
            return absl::OkStatus();
          }
          page.items.push_back(std::move(item));
        }
        if (static_cast<int>(rows.size()) < batch) return absl::OkStatus();
        after = rows.back().name;
      }
    }));
    return page;
  }

  absl::StatusOr<T> Update(Caller& caller, const T& patch, const google::protobuf::FieldMask& mask) {
    FieldViolations v;
    CheckName(patch.name(), type_.pattern, FieldPath(type_.field, "name"), v);
    std::vector<std::string> paths = CheckMask(mask, v);
    RETURN_IF_ERROR(v.ToStatus());
    RETURN_IF_ERROR(AuthorizeFor(caller, patch.name(), patch.name()));
    if (type_.client_record) caller.SetClient(patch.name());

    T result;
    RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Connection& c) {
      ASSIGN_OR_RETURN(auto row, repo_.Get(c, patch.name()));
      if (!row) return NotFound(type_.kind, patch.name());
      RETURN_IF_ERROR(CheckWritable(*row, patch.etag()));
      ASSIGN_OR_RETURN(T merged, FromStored(*row));
      const T before = merged;
      google::protobuf::FieldMask effective;
      for (const auto& p : paths) effective.add_paths(p);
      google::protobuf::util::FieldMaskUtil::MergeOptions options;
      options.set_replace_message_fields(true);
      options.set_replace_repeated_fields(true);
      google::protobuf::util::FieldMaskUtil::MergeMessageTo(patch, effective, options, &merged);
      FieldViolations after_merge;
      if (type_.validate) type_.validate(merged, after_merge);
      RETURN_IF_ERROR(after_merge.ToStatus());
      if (type_.check_references) RETURN_IF_ERROR(type_.check_references(c, merged));
      if (type_.prepare_write) type_.prepare_write(&before, merged);
      *merged.mutable_update_time() = ToTimestamp(clock_());
      merged.clear_etag();
      row->update_time = clock_();
      row->data = merged.SerializeAsString();
      if (type_.lookup_key) row->lookup_key = type_.lookup_key(merged);
      ASSIGN_OR_RETURN(bool written, repo_.Update(c, *row, row->revision));
      if (!written) return ConcurrentChange(patch.name());
      merged.set_etag(std::to_string(row->revision + 1));
      result = std::move(merged);
      return absl::OkStatus();
    }));
    return result;
  }

  absl::StatusOr<T> Delete(Caller& caller, const std::string& name, const std::string& etag) {
    FieldViolations v;
    CheckName(name, type_.pattern, "name", v);
    RETURN_IF_ERROR(v.ToStatus());
    RETURN_IF_ERROR(AuthorizeFor(caller, name, name));
    if (type_.client_record) caller.SetClient(name);
    T result;
    RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Connection& c) {
      ASSIGN_OR_RETURN(auto row, repo_.Get(c, name));
      if (!row) return NotFound(type_.kind, name);
      RETURN_IF_ERROR(CheckWritable(*row, etag));
      ASSIGN_OR_RETURN(T item, FromStored(*row));
      absl::Time now = clock_();
      *item.mutable_update_time() = ToTimestamp(now);
      SetDeleteTime(item, now);
      item.clear_etag();
      row->deleted = true;
      row->update_time = now;
      row->data = item.SerializeAsString();
      ASSIGN_OR_RETURN(bool written, repo_.Update(c, *row, row->revision));
      if (!written) return ConcurrentChange(name);
      item.set_etag(std::to_string(row->revision + 1));
      result = std::move(item);
      return absl::OkStatus();
    }));
    return result;
  }

  absl::StatusOr<T> FromStored(const storage::StoredResource& row) const {
    T item;
    if (!item.ParseFromString(row.data)) {
      return absl::DataLossError(absl::StrCat("stored ", type_.kind, " cannot be parsed"));
    }
    item.set_etag(std::to_string(row.revision));
    return item;
  }

 private:
  absl::Status AuthorizeFor(Caller& caller, const std::string& target_name,
                            const std::string& resource) const {
    if (!type_.target) return caller.Authorize(TargetOf(target_name), resource);
    ASSIGN_OR_RETURN(domain::Target target, type_.target(caller, target_name));
    return caller.Authorize(target, resource);
  }

  static constexpr const char* kOutputOnly[] = {"name", "create_time", "update_time",
                                                "delete_time", "etag"};

  void ClearOutputOnly(T& resource) const {
    const auto* descriptor = resource.GetDescriptor();
    const auto* reflection = resource.GetReflection();
    auto clear = [&](const std::string& field) {
      if (const auto* f = descriptor->FindFieldByName(field)) reflection->ClearField(&resource, f);
    };
    for (const char* field : kOutputOnly) clear(field);
    for (const std::string& field : type_.output_only) clear(field);
  }

  static void SetDeleteTime(T& resource, absl::Time when) {
    const auto* f = resource.GetDescriptor()->FindFieldByName("delete_time");
    if (f == nullptr) return;
    resource.GetReflection()->MutableMessage(&resource, f)->CopyFrom(ToTimestamp(when));
  }

  // The mask's paths, with "*" expanded to every mutable top-level field.
  std::vector<std::string> CheckMask(const google::protobuf::FieldMask& mask,
                                     FieldViolations& v) const {
    std::vector<std::string> paths;
    if (mask.paths().empty()) {
      v.Add("update_mask", "is required (list the fields to change, or \"*\" for all)");
      return paths;
    }
    const auto* descriptor = T::descriptor();
    for (const std::string& path : mask.paths()) {
      if (path == "*") {
        for (int i = 0; i < descriptor->field_count(); ++i) {
          std::string f = descriptor->field(i)->name();
          if (!IsOutputOnly(f)) paths.push_back(f);
        }
        continue;
      }
      google::protobuf::FieldMask one;
      one.add_paths(path);
      std::string top = path.substr(0, path.find('.'));
      if (!google::protobuf::util::FieldMaskUtil::IsValidFieldMask<T>(one)) {
        v.Add("update_mask", absl::StrCat("names an unknown field \"", path.substr(0, 100), "\""));
      } else if (IsOutputOnly(top)) {
        v.Add("update_mask", absl::StrCat("field \"", path, "\" is output only"));
      } else {
        paths.push_back(path);
      }
    }
    return paths;
  }

  bool IsOutputOnly(const std::string& field) const {
    for (const char* f : kOutputOnly) {
      if (field == f) return true;
    }
    return std::find(type_.output_only.begin(), type_.output_only.end(), field) !=
           type_.output_only.end();
  }

  absl::Status CheckWritable(const storage::StoredResource& row, const std::string& etag) const {
    if (!etag.empty() && etag != std::to_string(row.revision)) {
      return ReasonError(absl::StatusCode::kAborted, "ETAG_MISMATCH",
                         absl::StrCat("etag \"", etag.substr(0, 40), "\" is stale; ", type_.kind,
                                      " \"", row.name, "\" has changed: read it again"));
    }
    if (row.deleted) {
      return ReasonError(absl::StatusCode::kFailedPrecondition, "RESOURCE_DELETED",
                         absl::StrCat(type_.kind, " \"", row.name, "\" is deleted"));
    }
    return absl::OkStatus();
  }

  static absl::Status ConcurrentChange(const std::string& name) {
    return ReasonError(absl::StatusCode::kAborted, "CONCURRENT_MODIFICATION",
                       absl::StrCat("\"", name, "\" was changed concurrently: read it again"));
  }

  absl::Status CheckParent(storage::Connection& c, const std::string& parent,
                           bool allow_deleted = false) const {
    if (type_.parent_kind.empty()) return absl::OkStatus();
    storage::ResourceRepository parents(type_.parent_kind);
    ASSIGN_OR_RETURN(auto row, parents.Get(c, parent));
    if (!row) return NotFound(type_.parent_kind, parent);
    if (row->deleted && !allow_deleted) {
      return ReasonError(absl::StatusCode::kFailedPrecondition, "RESOURCE_DELETED",
                         absl::StrCat(type_.parent_kind, " \"", parent, "\" is deleted"));
    }
    return absl::OkStatus();
  }

  bool Matches(const T& item, const std::vector<FilterTerm>& terms) const {
    for (const FilterTerm& term : terms) {
      if (!type_.matches || !type_.matches(item, term)) return false;
    }
    return true;
  }

  storage::Database& db_;
  ResourceType<T> type_;
  storage::ResourceRepository repo_;
  Clock clock_;
};

}  // namespace fascia::api

#endif  // FASCIA_API_RESOURCE_CRUD_H_
