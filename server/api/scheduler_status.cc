// Scheduler: reading appointments and moving them through the state machine
// (domain/appointment_status.h); see scheduler.h.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "api/appointment_billing.h"
#include "api/invoice_store.h"
#include "api/page_token.h"
#include "api/schedule_convert.h"
#include "api/scheduler.h"
#include "api/target.h"

namespace fascia::api {

namespace v1 = fascia::v1;

absl::StatusOr<v1::Appointment> Scheduler::Get(Caller& caller, const std::string& name) {
  RETURN_IF_ERROR(caller.Authorize(TargetOf(name), name));
  std::optional<storage::AppointmentRow> row;
  RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
    ASSIGN_OR_RETURN(row, appointments_.Get(c, name));
    return absl::OkStatus();
  }));
  if (!row) return NotFound("appointment", name);
  RETURN_IF_ERROR(caller.AuthorizeScheduleOwner(row->staff));
  caller.SetClient(row->client);
  return Decode(*row);
}

absl::StatusOr<v1::Appointment> Scheduler::Transition(Caller& caller, const std::string& name,
                                                      v1::AppointmentStatus to,
                                                      const std::string& reason,
                                                      const std::string& etag) {
  RETURN_IF_ERROR(caller.Authorize(TargetOf(name), name));
  v1::Appointment result;
  absl::Time now = clock_();
  // Retried when it loses a race on what billing writes with it (a package
  // session used by a concurrent completion); each run re-reads everything.
  RETURN_IF_ERROR(WriteWithRetry(db_, [&](storage::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(auto row, appointments_.Get(c, name));
    if (!row) return NotFound("appointment", name);
    RETURN_IF_ERROR(caller.AuthorizeScheduleOwner(row->staff));
    caller.SetClient(row->client);
    if (!etag.empty() && etag != std::to_string(row->revision)) {
      return ReasonError(absl::StatusCode::kAborted, "ETAG_MISMATCH",
                         "the appointment has changed since it was read: read it again");
    }
    ASSIGN_OR_RETURN(v1::Appointment a, Decode(*row));
    absl::Status allowed = domain::CheckTransition(ToDomainStatus(a.status()), ToDomainStatus(to));
    if (!allowed.ok()) {
      return ReasonError(absl::StatusCode::kFailedPrecondition, "INVALID_STATUS_TRANSITION",
                         allowed.message());
    }
    RETURN_IF_ERROR(domain::CheckTransitionTime(ToDomainStatus(to), now, ToTime(a.start_time())));
    a.clear_etag();
    a.set_status(to);
    if (domain::AllowsCancellationReason(ToDomainStatus(to))) a.set_cancellation_reason(reason);
    *a.mutable_update_time() = ToTimestamp(now);
    // The visit's invoice or the policy fee commits with the status.
    ASSIGN_OR_RETURN(std::string invoice, BillStatusChange(c, a, now));
    if (!invoice.empty()) a.set_invoice(invoice);
    row->status = to;
    row->active = domain::OccupiesTime(ToDomainStatus(to));
    row->update_time = now;
    row->data = a.SerializeAsString();
    ASSIGN_OR_RETURN(bool written, appointments_.Update(c, *row, row->revision));
    if (!written) {
      return ReasonError(absl::StatusCode::kAborted, "CONCURRENT_MODIFICATION",
                         "the appointment was changed concurrently: read it again");
    }
    a.set_etag(std::to_string(row->revision + 1));
    result = std::move(a);
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<v1::ListAppointmentsResponse> Scheduler::List(
    Caller& caller, const std::string& parent, const storage::AppointmentQuery& query_in,
    const std::string& fingerprint, const std::string& page_token) {
  // A therapist lists only their own schedule: the filter must name them.
  domain::Target target = TargetOf(parent);
  target.staff_member = query_in.staff;
  RETURN_IF_ERROR(caller.Authorize(target, parent));
  if (!query_in.client.empty()) caller.SetClient(query_in.client);
  storage::AppointmentQuery query = query_in;
  if (!page_token.empty()) {
    ASSIGN_OR_RETURN(std::string cursor, DecodePageToken(page_token, fingerprint));
    std::pair<std::string, std::string> parts = absl::StrSplit(cursor, absl::MaxSplits('|', 1));
    int64_t start_us = 0;
    if (!absl::SimpleAtoi(parts.first, &start_us)) return MalformedPageToken();
    query.after = std::make_pair(start_us, parts.second);
  }
  const int page_size = query.limit;
  query.limit = page_size + 1;  // one more proves there is a next page
  std::vector<storage::AppointmentRow> rows;
  RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
    ASSIGN_OR_RETURN(rows, appointments_.List(c, query));
    return absl::OkStatus();
  }));
  v1::ListAppointmentsResponse response;
  for (int i = 0; i < static_cast<int>(rows.size()) && i < page_size; ++i) {
    ASSIGN_OR_RETURN(*response.add_appointments(), Decode(rows[i]));
  }
  if (static_cast<int>(rows.size()) > page_size) {
    const auto& last = rows[page_size - 1];
    response.set_next_page_token(
        EncodePageToken(fingerprint, absl::StrCat(last.start_us, "|", last.name)));
  }
  return response;
}

}  // namespace fascia::api
