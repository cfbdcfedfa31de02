// SQL for audit_events and audit_heads; see audit_repository.h.
#include "storage/audit_repository.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status_macros.h"

namespace fascia::storage {

absl::StatusOr<std::pair<int64_t, std::string>> AuditRepository::ReserveNext(
    Connection& c, std::string_view organization) const {
  // Bumping the head first takes PostgreSQL's row lock before the read, so two
  // appenders can never see the same head; RETURNING saves a round trip on
  // the hot path. Only an organization's very first event creates the head.
  constexpr char kBump[] =
      "UPDATE audit_heads SET sequence = sequence + 1 WHERE organization = $1 RETURNING sequence, hash";
  ASSIGN_OR_RETURN(Rows rows, c.Query(kBump, {Value(organization)}));
  if (rows.empty()) {
    RETURN_IF_ERROR(c.Execute("INSERT INTO audit_heads (organization, sequence, hash)"
                              " VALUES ($1, 0, '') ON CONFLICT (organization) DO NOTHING",
                              {Value(organization)})
                        .status());
    ASSIGN_OR_RETURN(rows, c.Query(kBump, {Value(organization)}));
    if (rows.empty()) return absl::InternalError("audit head vanished");
  }
  return std::make_pair(rows[0][0].AsInt(), rows[0][1].AsText());
}

absl::Status AuditRepository::Append(Connection& c, const AuditRow& r) const {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO audit_events (organization, sequence, time_us, actor, actor_role,"
                " action, resource, client, peer, request_id, outcome, previous_hash, hash)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                {Value(r.organization), Value(r.sequence), Value(r.time_us), Value(r.actor),
                 Value(r.actor_role), Value(r.action), Value(r.resource), Value(r.client),
                 Value(r.peer), Value(r.request_id), Value(r.outcome), Value(r.previous_hash),
                 Value(r.hash)})
          .status());
  return c
      .Execute("UPDATE audit_heads SET hash = $1 WHERE organization = $2",
               {Value(r.hash), Value(r.organization)})
      .status();
}

absl::StatusOr<std::optional<std::pair<int64_t, std::string>>> AuditRepository::Head(
    Connection& c, std::string_view organization) const {
  ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT sequence, hash FROM audit_heads WHERE organization = $1",
                                      {Value(organization)}));
  if (rows.empty()) return std::optional<std::pair<int64_t, std::string>>();
  return std::make_optional(std::make_pair(rows[0][0].AsInt(), rows[0][1].AsText()));
}

absl::StatusOr<std::vector<AuditRow>> AuditRepository::List(Connection& c,
                                                            const AuditQuery& q) const {
  std::vector<Value> params = {Value(q.organization), Value(q.after_sequence)};
  std::string sql =
      "SELECT organization, sequence, time_us, actor, actor_role, action, resource, client, peer,"
      " request_id, outcome, previous_hash, hash FROM audit_events"
      " WHERE organization = $1 AND sequence > $2";
  auto equals = [&](absl::string_view column, const std::string& value) {
    if (value.empty()) return;
    params.emplace_back(value);
    absl::StrAppend(&sql, " AND ", column, " = $", params.size());
  };
  equals("resource", q.resource);
  equals("actor", q.actor);
  equals("client", q.client);
  equals("action", q.action);
  equals("outcome", q.outcome);
  if (q.time_at_or_after_us) {
    params.emplace_back(*q.time_at_or_after_us);
    absl::StrAppend(&sql, " AND time_us >= $", params.size());
  }
  if (q.time_before_us) {
    params.emplace_back(*q.time_before_us);
    absl::StrAppend(&sql, " AND time_us < $", params.size());
  }
  params.emplace_back(static_cast<int64_t>(q.limit));
  absl::StrAppend(&sql, " ORDER BY sequence LIMIT $", params.size());
  ASSIGN_OR_RETURN(Rows rows, c.Query(sql, params));
  std::vector<AuditRow> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    AuditRow a;
    a.organization = r[0].AsText();
    a.sequence = r[1].AsInt();
    a.time_us = r[2].AsInt();
    a.actor = r[3].AsText();
    a.actor_role = r[4].AsText();
    a.action = r[5].AsText();
    a.resource = r[6].AsText();
    a.client = r[7].AsText();
    a.peer = r[8].AsText();
    a.request_id = r[9].AsText();
    a.outcome = r[10].AsText();
    a.previous_hash = r[11].AsText();
    a.hash = r[12].AsText();
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace fascia::storage
