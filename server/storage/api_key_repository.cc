// SQL for api_keys; see api_key_repository.h.
#include "storage/api_key_repository.h"

#include "common/status_macros.h"

namespace fascia::storage {
namespace {

constexpr char kSelect[] =
    "SELECT key_id, organization, secret_hash, revoked, expire_us, create_us, data FROM api_keys";

ApiKeyRow FromRow(const Row& r) {
  ApiKeyRow k;
  k.key_id = r[0].AsText();
  k.organization = r[1].AsText();
  k.secret_hash = r[2].AsText();
  k.revoked = r[3].AsInt() != 0;
  if (!r[4].is_null()) k.expire_time = absl::FromUnixMicros(r[4].AsInt());
  k.create_time = absl::FromUnixMicros(r[5].AsInt());
  k.data = r[6].AsBytes();
  return k;
}

}  // namespace

absl::StatusOr<std::optional<ApiKeyRow>> ApiKeyRepository::Get(Connection& c,
                                                               std::string_view key_id) const {
  ASSIGN_OR_RETURN(Rows rows, c.Query(std::string(kSelect) + " WHERE key_id = $1", {Value(key_id)}));
  if (rows.empty()) return std::optional<ApiKeyRow>();
  return std::optional<ApiKeyRow>(FromRow(rows.front()));
}

absl::StatusOr<std::vector<ApiKeyRow>> ApiKeyRepository::List(Connection& c,
                                                              std::string_view organization,
                                                              std::string_view after_key_id,
                                                              int limit,
                                                              bool include_revoked) const {
  ASSIGN_OR_RETURN(Rows rows,
                   c.Query(std::string(kSelect) +
                               " WHERE organization = $1 AND key_id > $2 AND revoked <= $3"
                               " ORDER BY key_id LIMIT $4",
                           {Value(organization), Value(after_key_id), Value(include_revoked ? 1 : 0),
                            Value(static_cast<int64_t>(limit))}));
  std::vector<ApiKeyRow> out;
  for (const Row& r : rows) out.push_back(FromRow(r));
  return out;
}

absl::Status ApiKeyRepository::Insert(Connection& c, const ApiKeyRow& k) const {
  return c
      .Execute("INSERT INTO api_keys (key_id, organization, secret_hash, revoked, expire_us,"
               " create_us, data) VALUES ($1, $2, $3, $4, $5, $6, $7)",
               {Value(k.key_id), Value(k.organization), Value(k.secret_hash), Value(k.revoked),
                k.expire_time ? Value(absl::ToUnixMicros(*k.expire_time)) : Value(),
                Value(absl::ToUnixMicros(k.create_time)), Value::Blob(k.data)})
      .status();
}

absl::Status ApiKeyRepository::Revoke(Connection& c, std::string_view key_id,
                                      const std::string& data) const {
  return c
      .Execute("UPDATE api_keys SET revoked = 1, data = $1 WHERE key_id = $2",
               {Value::Blob(data), Value(key_id)})
      .status();
}

}  // namespace fascia::storage
