// Create, Get, List and guarded changes for resources kept in a client's
// clinical record, organizations/{org}/clients/{client}/{collection}/{id}:
// consents and treatment notes.
//
// It is ResourceCrud (resource_crud.h) with the rules every part of a
// client's record shares:
// - the authorization target is ClientRecordTarget, so a THERAPIST reaches
//   only the records of clients they treat;
// - the audit event names the client (Caller::SetClient), so the call shows
//   in the client's access report;
// - every read checks, inside its own transaction, that the record is not
//   restricted after an erasure (FAILED_PRECONDITION RECORD_RESTRICTED), and
//   every write refuses an erased client altogether: nothing new is added to
//   a record kept only for retention;
// - Create is idempotent by request_id, like ResourceCrud.
// ResourceCrud cannot serve these directly: its reads cannot check the
// restriction in the read's transaction, and Consent has no update_time.
//
// The steps are public separately because the services put their own rules
// between them (NoteService refuses a caller who is not a therapist after
// authorizing and before writing):
//
//   FieldViolations v;
//   store.CheckCreate(parent, request_id, consent, v);   // validate
//   RETURN_IF_ERROR(v.ToStatus());
//   std::string name = store.NewName(parent);
//   RETURN_IF_ERROR(store.Authorize(caller, parent, name));  // before any read
//   return store.Insert(parent, name, consent, request_id, nullptr);
//
// Thread-safety: immutable after construction; call from any thread.
#ifndef FASCIA_API_NOTE_RECORD_CRUD_H_
#define FASCIA_API_NOTE_RECORD_CRUD_H_

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "api/caller.h"
#include "api/client_record_access.h"
#include "api/client_record_target.h"
#include "api/field_checks.h"
#include "api/filter.h"
#include "api/page_token.h"
#include "api/resource_crud.h"
#include "api/resource_names.h"
#include "api/services.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "storage/resource_repository.h"

namespace fascia::api {

// OK if the record of `client` may be written: the client exists
// (NOT_FOUND), is not deleted (FAILED_PRECONDITION RESOURCE_DELETED) and was
// never erased (FAILED_PRECONDITION RECORD_RESTRICTED). Inside the caller's
// transaction.
absl::Status CheckClientWritable(storage::Connection& c, const std::string& client);

// ABORTED (ETAG_MISMATCH) when `etag` is set and is not `revision`.
absl::Status CheckEtag(const std::string& etag, int64_t revision, absl::string_view what);

// ABORTED (CONCURRENT_MODIFICATION): a write lost a race with another.
absl::Status ConcurrentModification(absl::string_view name);

// Sets the Timestamp field `field` of `message` if it has one.
void SetTimeField(google::protobuf::Message& message, absl::string_view field, absl::Time when);

template <typename T>
class ClientRecordStore {
 public:
  static constexpr int kDefaultPageSize = 50;
  static constexpr int kMaxPageSize = 1000;

  // Checks each parsed filter term's value (the schema only checks fields
  // and operators), adding violations on "filter".
  using FilterValueCheck = std::function<void(const FilterTerm&, FieldViolations&)>;
  // Runs in Insert's write transaction before the row is written.
  using BeforeInsert = std::function<absl::Status(storage::Connection&, const T&)>;
  // Changes the loaded record in Change's transaction; returns whether it
  // changed (false writes nothing and returns the record as stored).
  using Mutation = std::function<absl::StatusOr<bool>(storage::Connection&, T&)>;
  // Runs after the changed record is written, in the same transaction.
  using AfterWrite = std::function<absl::Status(storage::Connection&, const T&)>;

  // `type` supplies kind, pattern, parent_pattern (kClientPattern),
  // collection, field, validate, output_only, filter_schema and matches.
  ClientRecordStore(const ApiContext& ctx, ResourceType<T> type,
                    FilterValueCheck check_filter_value = nullptr)
      : ctx_(ctx),
        type_(std::move(type)),
        repo_(type_.kind),
        check_filter_value_(std::move(check_filter_value)) {}

  const ResourceType<T>& type() const { return type_; }
  absl::Time Now() const { return ctx_.clock(); }

  // Validates a Create request and clears the resource's output-only fields.
  void CheckCreate(const std::string& parent, const std::string& request_id, T& resource,
                   FieldViolations& v) const {
    CheckName(parent, type_.parent_pattern, "parent", v);
    CheckRequestId(request_id, "request_id", v);
    ClearOutputOnly(resource);
    if (type_.validate) type_.validate(resource, v);
  }

  std::string NewName(const std::string& parent) const {
    return absl::StrCat(parent, "/", type_.collection, "/", GenerateId());
  }

  // Authorizes the call for the client record `name` lies in (`name` is the
  // record, or the client for Create/List) and records `resource` and the
  // client for the audit log. Call after validation and before any read.
  absl::Status Authorize(Caller& caller, const std::string& name,
                         const std::string& resource) const {
    ASSIGN_OR_RETURN(domain::Target target, ClientRecordTarget(*ctx_.db, caller, name));
    absl::Status allowed = caller.Authorize(target, resource);
    // Denied attempts on the caller's own clients belong in the client's
    // access report too; another organization's names never enter the log.
    if (target.organization == caller.principal().organization) caller.SetClient(ClientOf(name));
    return allowed;
  }

  // Writes `resource` as `name` under the client `parent` in one transaction.
  // A request_id seen before returns what that call created. The client must
  // be writable (CheckClientWritable). REQUIRES: Authorize succeeded.
  absl::StatusOr<T> Insert(const std::string& parent, const std::string& name, T resource,
                           const std::string& request_id,
                           const BeforeInsert& before_insert) const {
    const absl::Time now = ctx_.clock();
    resource.set_name(name);
    SetTimeField(resource, "create_time", now);
    SetTimeField(resource, "update_time", now);
    resource.clear_etag();
    storage::StoredResource row;
    row.name = name;
    row.parent = parent;
    row.revision = 1;
    row.create_time = row.update_time = now;
    row.data = resource.SerializeAsString();
    std::optional<storage::StoredResource> replayed;
    auto attempt = [&](storage::Connection& c) -> absl::Status {
      replayed.reset();
      if (!request_id.empty()) {
        ASSIGN_OR_RETURN(replayed, repo_.FindByRequestId(c, parent, request_id));
        if (replayed) return absl::OkStatus();
      }
      RETURN_IF_ERROR(CheckClientWritable(c, parent));
      if (before_insert) RETURN_IF_ERROR(before_insert(c, resource));
      return repo_.Insert(c, row, request_id);
    };
    absl::Status status = ctx_.db->Transact(storage::TxMode::kWrite, attempt);
    if (storage::ViolatedConstraint(status) == "resources_request_id") {
      // A concurrent retry with the same request_id won: return its record.
      status = ctx_.db->Transact(storage::TxMode::kWrite, attempt);
    }
    RETURN_IF_ERROR(status);
    if (replayed) return FromStored(*replayed);
    resource.set_etag("1");
    return resource;
  }

  absl::StatusOr<T> Get(Caller& caller, const std::string& name) const {
    FieldViolations v;
    CheckName(name, type_.pattern, "name", v);
    RETURN_IF_ERROR(v.ToStatus());
    RETURN_IF_ERROR(Authorize(caller, name, name));
    T item;
    RETURN_IF_ERROR(ctx_.db->Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
      RETURN_IF_ERROR(LoadUnrestrictedClient(c, ClientOf(name), ctx_.clock()).status());
      ASSIGN_OR_RETURN(item, Load(c, name));
      return absl::OkStatus();
    }));
    return item;
  }

  absl::StatusOr<ListPage<T>> List(Caller& caller, const std::string& parent, int page_size,
                                   const std::string& page_token, const std::string& filter) const {
    FieldViolations v;
    CheckName(parent, type_.parent_pattern, "parent", v);
    RETURN_IF_ERROR(v.ToStatus());
    ASSIGN_OR_RETURN(int size, ResolvePageSize(page_size, kDefaultPageSize, kMaxPageSize));
    ASSIGN_OR_RETURN(std::vector<FilterTerm> terms, ParseFilter(filter, type_.filter_schema));
    if (check_filter_value_) {
      for (const FilterTerm& term : terms) check_filter_value_(term, v);
      RETURN_IF_ERROR(v.ToStatus());
    }
    RETURN_IF_ERROR(Authorize(caller, parent, parent));
    const std::string fingerprint = absl::StrCat(type_.kind, "|", parent, "|", filter);
    std::string cursor;
    if (!page_token.empty()) {
      ASSIGN_OR_RETURN(cursor, DecodePageToken(page_token, fingerprint));
    }

    ListPage<T> page;
    RETURN_IF_ERROR(ctx_.db->Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
      RETURN_IF_ERROR(LoadUnrestrictedClient(c, parent, ctx_.clock()).status());
      page.items.clear();
      page.next_page_token.clear();
      std::string after = cursor;
      // Filters run in memory: read in batches until the page is full and
      // one more match proves there is a next page.
      const int batch = std::max(size + 1, 100);
      while (true) {
        ASSIGN_OR_RETURN(auto rows, repo_.List(c, parent, after, batch, /*include_deleted=*/false));
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

  // Loads `name`, applies `mutate` and, if it changed the record, writes it
  // (update_time = now, optimistic on the revision) and runs `after_write`,
  // all in one write transaction. A set `etag` that is stale is ABORTED.
  // REQUIRES: Authorize succeeded.
  absl::StatusOr<T> Change(const std::string& name, const std::string& etag,
                           const Mutation& mutate, const AfterWrite& after_write = nullptr) const {
    const absl::Time now = ctx_.clock();
    T result;
    RETURN_IF_ERROR(ctx_.db->Transact(storage::TxMode::kWrite, [&](storage::Connection& c) {
      RETURN_IF_ERROR(CheckClientWritable(c, ClientOf(name)));
      ASSIGN_OR_RETURN(auto row, repo_.Get(c, name));
      if (!row) return NotFound(type_.kind, name);
      RETURN_IF_ERROR(CheckEtag(etag, row->revision, type_.kind));
      ASSIGN_OR_RETURN(T item, FromStored(*row));
      ASSIGN_OR_RETURN(bool changed, mutate(c, item));
      if (!changed) {
        result = std::move(item);
        return absl::OkStatus();
      }
      SetTimeField(item, "update_time", now);
      item.clear_etag();
      row->update_time = now;
      row->data = item.SerializeAsString();
      ASSIGN_OR_RETURN(bool written, repo_.Update(c, *row, row->revision));
      if (!written) return ConcurrentModification(name);
      if (after_write) RETURN_IF_ERROR(after_write(c, item));
      item.set_etag(std::to_string(row->revision + 1));
      result = std::move(item);
      return absl::OkStatus();
    }));
    return result;
  }

  // The stored record, inside the caller's transaction; NOT_FOUND if absent.
  absl::StatusOr<T> Load(storage::Connection& c, const std::string& name) const {
    ASSIGN_OR_RETURN(auto row, repo_.Get(c, name));
    if (!row) return NotFound(type_.kind, name);
    return FromStored(*row);
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
  void ClearOutputOnly(T& resource) const {
    const auto* descriptor = resource.GetDescriptor();
    const auto* reflection = resource.GetReflection();
    auto clear = [&](const std::string& field) {
      if (const auto* f = descriptor->FindFieldByName(field)) reflection->ClearField(&resource, f);
    };
    for (const char* field : {"name", "create_time", "update_time", "etag"}) clear(field);
    for (const std::string& field : type_.output_only) clear(field);
  }

  bool Matches(const T& item, const std::vector<FilterTerm>& terms) const {
    for (const FilterTerm& term : terms) {
      if (!type_.matches || !type_.matches(item, term)) return false;
    }
    return true;
  }

  ApiContext ctx_;
  ResourceType<T> type_;
  storage::ResourceRepository repo_;
  FilterValueCheck check_filter_value_;
};

}  // namespace fascia::api

#endif  // FASCIA_API_NOTE_RECORD_CRUD_H_
