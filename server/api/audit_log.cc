// Audit hash chain; see audit_log.h.
#include "api/audit_log.h"

#include "absl/strings/str_cat.h"
#include "api/api_keys.h"
#include "common/status_macros.h"

namespace fascia::api {
namespace {

void Field(std::string& out, absl::string_view value) {
  absl::StrAppend(&out, value.size(), ":", value, ";");
}

}  // namespace

std::string ChainHash(const storage::AuditRow& r) {
  std::string encoded;
  for (absl::string_view value :
       {absl::string_view(r.organization), absl::string_view(r.actor), absl::string_view(r.actor_role),
        absl::string_view(r.action), absl::string_view(r.resource), absl::string_view(r.client),
        absl::string_view(r.peer), absl::string_view(r.request_id), absl::string_view(r.outcome)}) {
    Field(encoded, value);
  }
  Field(encoded, absl::StrCat(r.sequence));
  Field(encoded, absl::StrCat(r.time_us));
  Field(encoded, r.previous_hash);
  return HashSecret(encoded);
}

absl::Status AppendAudit(storage::Connection& c, const AuditRecord& record) {
  storage::AuditRepository repo;
  ASSIGN_OR_RETURN(auto next, repo.ReserveNext(c, record.organization));
  storage::AuditRow row;
  row.organization = record.organization;
  row.sequence = next.first;
  row.previous_hash = next.second;
  row.time_us = absl::ToUnixMicros(record.time);
  row.actor = record.actor;
  row.actor_role = record.actor_role;
  row.action = record.action;
  row.resource = record.resource;
  row.client = record.client;
  row.peer = record.peer;
  row.request_id = record.request_id;
  row.outcome = record.outcome;
  row.hash = ChainHash(row);
  return repo.Append(c, row);
}

ChainVerification VerifyChainRows(const std::vector<storage::AuditRow>& rows,
                                  const std::optional<std::pair<int64_t, std::string>>& head) {
  ChainVerification v;
  std::string previous;
  int64_t expected = 1;
  for (const storage::AuditRow& row : rows) {
    ++v.events_checked;
    std::string why;
    if (row.sequence != expected) {
      why = absl::StrCat("event ", expected, " is missing");
    } else if (row.previous_hash != previous) {
      why = "its link to the previous event does not match";
    } else if (ChainHash(row) != row.hash) {
      why = "its content does not match its hash";
    }
    if (!why.empty()) {
      v.intact = false;
      v.first_bad_sequence = expected;
      v.detail = absl::StrCat("event ", expected, ": ", why);
      return v;
    }
    previous = row.hash;
    ++expected;
  }
  int64_t last = expected - 1;
  if (head && (head->first != last || head->second != previous)) {
    v.intact = false;
    v.first_bad_sequence = last + 1;
    v.detail = absl::StrCat("the chain head records event ", head->first,
                            " but the log ends at event ", last);
  } else if (!head && last > 0) {
    v.intact = false;
    v.first_bad_sequence = 1;
    v.detail = "the chain head is missing";
  }
  return v;
}

absl::StatusOr<ChainVerification> VerifyChain(storage::Database& db, const std::string& organization) {
  std::vector<storage::AuditRow> rows;
  std::optional<std::pair<int64_t, std::string>> head;
  RETURN_IF_ERROR(db.Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
    storage::AuditRepository repo;
    rows.clear();
    ASSIGN_OR_RETURN(head, repo.Head(c, organization));
    storage::AuditQuery q;
    q.organization = organization;
    q.limit = 10000;
    while (true) {
      ASSIGN_OR_RETURN(auto batch, repo.List(c, q));
      rows.insert(rows.end(), batch.begin(), batch.end());
      if (static_cast<int>(batch.size()) < q.limit) return absl::OkStatus();
      q.after_sequence = batch.back().sequence;
    }
  }));
  return VerifyChainRows(rows, head);
}

}  // namespace fascia::api
