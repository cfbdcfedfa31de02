// fascia.v1.AuditService: reading and verifying the audit log.
#include <grpcpp/grpcpp.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "api/audit_log.h"
#include "api/field_checks.h"
#include "api/filter.h"
#include "api/grpc_status.h"
#include "api/handle.h"
#include "api/page_token.h"
#include "api/resource_names.h"
#include "api/services.h"
#include "api/target.h"
#include "fascia/v1/audit_service.grpc.pb.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

std::string Method(absl::string_view name) { return absl::StrCat("fascia.v1.AuditService/", name); }

void ToProto(const storage::AuditRow& r, v1::AuditEvent* e) {
  e->set_name(absl::StrCat(r.organization, "/auditEvents/", r.sequence));
  e->set_sequence(r.sequence);
  *e->mutable_time() = ToTimestamp(absl::FromUnixMicros(r.time_us));
  e->set_actor(r.actor);
  e->set_actor_role(r.actor_role);
  e->set_action(r.action);
  e->set_resource(r.resource);
  e->set_client(r.client);
  e->set_peer(r.peer);
  e->set_request_id(r.request_id);
  e->set_outcome(r.outcome);
  e->set_hash(r.hash);
  e->set_previous_hash(r.previous_hash);
}

absl::StatusOr<storage::AuditQuery> ToQuery(const v1::ListAuditEventsRequest& r) {
  static const auto* schema = new FilterSchema{
      {"resource", {"="}}, {"actor", {"="}}, {"client", {"="}}, {"action", {"="}},
      {"outcome", {"="}},  {"time", {">=", "<"}}};
  FieldViolations v;
  CheckName(r.parent(), kOrganizationPattern, "parent", v);
  RETURN_IF_ERROR(v.ToStatus());
  storage::AuditQuery q;
  q.organization = r.parent();
  ASSIGN_OR_RETURN(q.limit, ResolvePageSize(r.page_size(), 100, 1000));
  ASSIGN_OR_RETURN(std::vector<FilterTerm> terms, ParseFilter(r.filter(), *schema));
  for (const FilterTerm& t : terms) {
    if (t.field == "time") {
      absl::Time at;
      std::string error;
      if (!absl::ParseTime(absl::RFC3339_full, t.value, &at, &error)) {
        v.Add("filter", "time needs an RFC 3339 time, e.g. \"2026-12-01T09:00:00Z\"");
        continue;
      }
      (t.op == ">=" ? q.time_at_or_after_us : q.time_before_us) = absl::ToUnixMicros(at);
      continue;
    }
    std::string& slot = t.field == "resource" ? q.resource
                        : t.field == "actor"  ? q.actor
                        : t.field == "client" ? q.client
                        : t.field == "action" ? q.action
                                              : q.outcome;
    slot = t.value;
  }
  RETURN_IF_ERROR(v.ToStatus());
  return q;
}

class AuditServiceImpl final : public v1::AuditService::Service {
 public:
  explicit AuditServiceImpl(const ApiContext& ctx) : ctx_(ctx) {}

  grpc::Status ListAuditEvents(grpc::ServerContext* context, const v1::ListAuditEventsRequest* r,
                               v1::ListAuditEventsResponse* out) override {
    return Handle(ctx_, context, Method("ListAuditEvents"), *r, [&](Caller& caller) {
      auto query = ToQuery(*r);
      if (!query.ok()) return ToGrpcStatus(query.status());
      std::string fingerprint = absl::StrCat("audit|", r->parent(), "|", r->filter());
      if (!r->page_token().empty()) {
        auto cursor = DecodePageToken(r->page_token(), fingerprint);
        if (!cursor.ok()) return ToGrpcStatus(cursor.status());
        if (!absl::SimpleAtoi(*cursor, &query->after_sequence)) {
          return ToGrpcStatus(MalformedPageToken());
        }
      }
      absl::Status allowed = caller.Authorize(TargetOf(r->parent()), r->parent());
      if (!allowed.ok()) return ToGrpcStatus(allowed);
      const int page_size = query->limit;
      query->limit = page_size + 1;
      auto rows = Read(*query);
      if (!rows.ok()) return ToGrpcStatus(rows.status());
      for (int i = 0; i < static_cast<int>(rows->size()) && i < page_size; ++i) {
        ToProto((*rows)[i], out->add_audit_events());
      }
      if (static_cast<int>(rows->size()) > page_size) {
        out->set_next_page_token(
            EncodePageToken(fingerprint, absl::StrCat((*rows)[page_size - 1].sequence)));
      }
      return grpc::Status::OK;
    });
  }

  grpc::Status GetClientAccessReport(grpc::ServerContext* context,
                                     const v1::GetClientAccessReportRequest* r,
                                     v1::ClientAccessReport* out) override {
    return Handle(ctx_, context, Method("GetClientAccessReport"), *r, [&](Caller& caller) {
      FieldViolations v;
      CheckName(r->client(), kClientPattern, "client", v);
      if (r->has_start_time()) CheckTimestamp(r->start_time(), "start_time", v);
      if (r->has_end_time()) CheckTimestamp(r->end_time(), "end_time", v);
      if (!v.empty()) return ToGrpcStatus(v.ToStatus());
      absl::Status allowed = caller.Authorize(TargetOf(r->client()), r->client());
      if (!allowed.ok()) return ToGrpcStatus(allowed);
      storage::AuditQuery q;
      q.organization = NamePrefix(r->client(), 2);
      q.client = r->client();
      if (r->has_start_time()) q.time_at_or_after_us = absl::ToUnixMicros(ToTime(r->start_time()));
      if (r->has_end_time()) q.time_before_us = absl::ToUnixMicros(ToTime(r->end_time()));
      q.limit = 1000;
      out->set_client(r->client());
      while (true) {
        auto rows = Read(q);
        if (!rows.ok()) return ToGrpcStatus(rows.status());
        for (const auto& row : *rows) ToProto(row, out->add_events());
        if (static_cast<int>(rows->size()) < q.limit) break;
        q.after_sequence = rows->back().sequence;
      }
      return grpc::Status::OK;
    });
  }

  grpc::Status VerifyAuditLog(grpc::ServerContext* context, const v1::VerifyAuditLogRequest* r,
                              v1::VerifyAuditLogResponse* out) override {
    return Handle(ctx_, context, Method("VerifyAuditLog"), *r, [&](Caller& caller) {
      FieldViolations v;
      CheckName(r->parent(), kOrganizationPattern, "parent", v);
      if (!v.empty()) return ToGrpcStatus(v.ToStatus());
      absl::Status allowed = caller.Authorize(TargetOf(r->parent()), r->parent());
      if (!allowed.ok()) return ToGrpcStatus(allowed);
      auto result = VerifyChain(*ctx_.db, r->parent());
      if (!result.ok()) return ToGrpcStatus(result.status());
      out->set_intact(result->intact);
      out->set_events_checked(result->events_checked);
      out->set_first_bad_sequence(result->first_bad_sequence);
      out->set_detail(result->detail);
      return grpc::Status::OK;
    });
  }

 private:
  absl::StatusOr<std::vector<storage::AuditRow>> Read(const storage::AuditQuery& q) {
    std::vector<storage::AuditRow> rows;
    RETURN_IF_ERROR(ctx_.db->Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
      ASSIGN_OR_RETURN(rows, storage::AuditRepository().List(c, q));
      return absl::OkStatus();
    }));
    return rows;
  }

  ApiContext ctx_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewAuditService(const ApiContext& ctx) {
  return std::make_unique<AuditServiceImpl>(ctx);
}

}  // namespace fascia::api
