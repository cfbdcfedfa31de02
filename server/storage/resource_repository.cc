// Dialect-neutral SQL for the resources table; see resource_repository.h.
#include "storage/resource_repository.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace fascia::storage {
namespace {

constexpr char kColumns[] =
    "name, parent, revision, deleted, create_us, update_us, data, lookup_key";

StoredResource FromRow(const Row& row) {
  StoredResource r;
  r.name = row[0].AsText();
  r.parent = row[1].AsText();
  r.revision = row[2].AsInt();
  r.deleted = row[3].AsInt() != 0;
  r.create_time = absl::FromUnixMicros(row[4].AsInt());
  r.update_time = absl::FromUnixMicros(row[5].AsInt());
  r.data = row[6].AsBytes();
  r.lookup_key = row[7].is_null() ? "" : row[7].AsText();
  return r;
}

std::optional<StoredResource> FirstOrNone(const Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return FromRow(rows.front());
}

}  // namespace

absl::StatusOr<std::optional<StoredResource>> ResourceRepository::Get(
    Connection& c, std::string_view name) const {
  ASSIGN_OR_RETURN(Rows rows,
                   c.Query(std::string("SELECT ") + kColumns +
                               " FROM resources WHERE kind = $1 AND name = $2",
                           {Value(kind_), Value(name)}));
  return FirstOrNone(rows);
}

absl::StatusOr<absl::flat_hash_map<std::string, int64_t>> ResourceRepository::CurrentRevisions(
    Connection& c, const std::vector<std::string>& names) {
  absl::flat_hash_map<std::string, int64_t> out;
  if (names.empty()) return out;
  std::string sql = "SELECT name, revision FROM resources WHERE deleted = 0 AND name IN (";
  std::vector<Value> params;
  params.reserve(names.size());
  for (const std::string& name : names) {
    params.emplace_back(name);
    absl::StrAppend(&sql, params.size() > 1 ? ", $" : "$", params.size());
  }
  sql += ")";
  ASSIGN_OR_RETURN(Rows rows, c.Query(sql, params));
  for (const Row& row : rows) out[row[0].AsText()] = row[1].AsInt();
  return out;
}

absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> ResourceRepository::ListRevisions(
    Connection& c, std::string_view parent) const {
  ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT name, revision FROM resources WHERE kind = $1"
                                      " AND parent = $2 AND deleted = 0 ORDER BY name",
                                      {Value(kind_), Value(parent)}));
  std::vector<std::pair<std::string, int64_t>> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.emplace_back(row[0].AsText(), row[1].AsInt());
  return out;
}

absl::StatusOr<std::optional<StoredResource>> ResourceRepository::FindByRequestId(
    Connection& c, std::string_view parent, std::string_view request_id) const {
  ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kColumns +
                                          " FROM resources WHERE kind = $1 AND parent = $2"
                                          " AND request_id = $3",
                                      {Value(kind_), Value(parent), Value(request_id)}));
  return FirstOrNone(rows);
}

absl::StatusOr<std::vector<StoredResource>> ResourceRepository::List(
    Connection& c, std::string_view parent, std::string_view after_name, int limit,
    bool include_deleted) const {
  ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(std::string("SELECT ") + kColumns +
                  " FROM resources WHERE kind = $1 AND parent = $2 AND name > $3"
                  " AND deleted <= $4 ORDER BY name LIMIT $5",
              {Value(kind_), Value(parent), Value(after_name), Value(include_deleted ? 1 : 0),
               Value(static_cast<int64_t>(limit))}));
  std::vector<StoredResource> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(FromRow(row));
  return out;
}

absl::StatusOr<std::vector<StoredResource>> ResourceRepository::FindByLookupKey(
    Connection& c, std::string_view parent, std::string_view key) const {
  ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kColumns +
                                          " FROM resources WHERE kind = $1 AND parent = $2"
                                          " AND lookup_key = $3 AND deleted = 0 ORDER BY name",
                                      {Value(kind_), Value(parent), Value(key)}));
  std::vector<StoredResource> out;
  for (const Row& row : rows) out.push_back(FromRow(row));
  return out;
}

absl::StatusOr<std::vector<StoredResource>> ResourceRepository::FindEverywhereByLookupKey(
    Connection& c, std::string_view key) const {
  ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kColumns +
                                          " FROM resources WHERE kind = $1 AND lookup_key = $2"
                                          " AND deleted = 0 ORDER BY name",
                                      {Value(kind_), Value(key)}));
  std::vector<StoredResource> out;
  for (const Row& row : rows) out.push_back(FromRow(row));
  return out;
}

absl::StatusOr<bool> ResourceRepository::HardDelete(Connection& c, std::string_view name) const {
  ASSIGN_OR_RETURN(int64_t changed, c.Execute("DELETE FROM resources WHERE kind = $1 AND name = $2",
                                              {Value(kind_), Value(name)}));
  return changed > 0;
}

absl::Status ResourceRepository::Insert(Connection& c, const StoredResource& row,
                                        std::string_view request_id) const {
  return c
      .Execute(
          "INSERT INTO resources (name, kind, parent, revision, deleted, request_id, create_us,"
          " update_us, data, lookup_key) VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9)",
          {Value(row.name), Value(kind_), Value(row.parent), Value(row.deleted ? 1 : 0),
           request_id.empty() ? Value() : Value(request_id),
           Value(absl::ToUnixMicros(row.create_time)), Value(absl::ToUnixMicros(row.update_time)),
           Value::Blob(row.data), row.lookup_key.empty() ? Value() : Value(row.lookup_key)})
      .status();
}

absl::StatusOr<bool> ResourceRepository::Update(Connection& c, const StoredResource& row,
                                                int64_t expected_revision) const {
  ASSIGN_OR_RETURN(int64_t changed,
                   c.Execute("UPDATE resources SET revision = revision + 1, deleted = $1,"
                             " update_us = $2, data = $3, lookup_key = $7"
                             " WHERE kind = $4 AND name = $5 AND revision = $6",
                             {Value(row.deleted ? 1 : 0), Value(absl::ToUnixMicros(row.update_time)),
                              Value::Blob(row.data), Value(kind_), Value(row.name),
                              Value(expected_revision),
                              row.lookup_key.empty() ? Value() : Value(row.lookup_key)}));
  return changed == 1;
}

}  // namespace fascia::storage
