// Dialect-neutral SQL for the appointments table; see appointment_repository.h.
#include "storage/appointment_repository.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status_macros.h"
#include "storage/resource_repository.h"

namespace fascia::storage {
namespace {

constexpr char kColumns[] =
    "name, organization, location, client, staff, room, service, start_us, end_us,"
    " block_start_us, block_end_us, status, active, revision, create_us, update_us, data";

AppointmentRow FromRow(const Row& r) {
  AppointmentRow a;
  a.name = r[0].AsText();
  a.organization = r[1].AsText();
  a.location = r[2].AsText();
  a.client = r[3].AsText();
  a.staff = r[4].AsText();
  a.room = r[5].AsText();
  a.service = r[6].AsText();
  a.start_us = r[7].AsInt();
  a.end_us = r[8].AsInt();
  a.block_start_us = r[9].AsInt();
  a.block_end_us = r[10].AsInt();
  a.status = static_cast<int>(r[11].AsInt());
  a.active = r[12].AsInt() != 0;
  a.revision = r[13].AsInt();
  a.create_time = absl::FromUnixMicros(r[14].AsInt());
  a.update_time = absl::FromUnixMicros(r[15].AsInt());
  a.data = r[16].AsBytes();
  return a;
}

absl::StatusOr<std::optional<AppointmentRow>> QueryOne(Connection& c, absl::string_view where,
                                                       const std::vector<Value>& params) {
  ASSIGN_OR_RETURN(Rows rows, c.Query(absl::StrCat("SELECT ", kColumns,
                                                   " FROM appointments WHERE ", where),
                                      params));
  if (rows.empty()) return std::optional<AppointmentRow>();
  return std::optional<AppointmentRow>(FromRow(rows.front()));
}

}  // namespace

Overlap OverlapFromConstraint(std::string_view constraint) {
  if (constraint == "appointments_staff_overlap") return Overlap::kStaff;
  if (constraint == "appointments_room_overlap") return Overlap::kRoom;
  if (constraint == "appointments_client_overlap") return Overlap::kClient;
  return Overlap::kNone;
}

absl::StatusOr<std::optional<AppointmentRow>> AppointmentRepository::Get(
    Connection& c, std::string_view name) const {
  return QueryOne(c, "name = $1", {Value(name)});
}

absl::StatusOr<std::optional<AppointmentRow>> AppointmentRepository::FindByRequestId(
    Connection& c, std::string_view organization, std::string_view request_id) const {
  return QueryOne(c, "organization = $1 AND request_id = $2",
                  {Value(organization), Value(request_id)});
}

absl::StatusOr<Overlap> AppointmentRepository::FindOverlap(Connection& c,
                                                           const AppointmentRow& row,
                                                           std::string_view exclude_name) const {
  // One statement answers all three questions; the lower bounds on the start
  // columns let each branch use its index.
  ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT MIN(kind) FROM ("
              " SELECT 1 AS kind FROM appointments WHERE active = 1 AND staff = $1"
              "   AND block_start_us < $4 AND block_end_us > $5 AND block_start_us > $8"
              "   AND name <> $9"
              " UNION ALL SELECT 2 FROM appointments WHERE active = 1 AND room = $2"
              "   AND block_start_us < $4 AND block_end_us > $5 AND block_start_us > $8"
              "   AND name <> $9"
              " UNION ALL SELECT 3 FROM appointments WHERE active = 1 AND client = $3"
              "   AND start_us < $6 AND end_us > $7 AND start_us > $8 AND name <> $9"
              ") AS found",
              {Value(row.staff), Value(row.room), Value(row.client), Value(row.block_end_us),
               Value(row.block_start_us), Value(row.end_us), Value(row.start_us),
               Value(row.block_start_us - kMaxBlockMicros), Value(exclude_name)}));
  if (rows.empty() || rows[0].empty() || rows[0][0].is_null()) return Overlap::kNone;
  switch (rows[0][0].AsInt()) {
    case 1: return Overlap::kStaff;
    case 2: return Overlap::kRoom;
    default: return Overlap::kClient;
  }
}

absl::StatusOr<std::vector<BusyTime>> AppointmentRepository::BusyTimes(
    Connection& c, Party party, const std::vector<std::string>& names, int64_t from_us,
    int64_t to_us) const {
  std::vector<BusyTime> out;
  if (names.empty()) return out;
  // Staff and rooms are busy for the block (buffers included), clients only
  // for the appointment itself. The names join as a numbered list, so each
  // row carries its party's index instead of its name, and each name is one
  // range scan of a covering index: (staff|room, block_start_us,
  // block_end_us, active) or (client, start_us, end_us, active).
  absl::string_view column = party == Party::kStaff  ? "staff"
                             : party == Party::kRoom ? "room"
                                                     : "client";
  absl::string_view begin = party == Party::kClient ? "start_us" : "block_start_us";
  absl::string_view end = party == Party::kClient ? "end_us" : "block_end_us";
  std::vector<Value> params = {Value(to_us), Value(from_us), Value(from_us - kMaxBlockMicros)};
  std::string sql = "WITH wanted (name, i) AS (VALUES ";
  for (size_t i = 0; i < names.size(); ++i) {
    params.emplace_back(names[i]);
    absl::StrAppend(&sql, i ? ", " : "", "(CAST($", params.size(), " AS TEXT), ", i, ")");
  }
  absl::StrAppend(&sql, ") SELECT wanted.i, a.", begin, ", a.", end,
                  " FROM wanted JOIN appointments a ON a.", column,
                  " = wanted.name WHERE a.active = 1 AND a.", begin, " < $1 AND a.", end,
                  " > $2 AND a.", begin, " > $3");
  RETURN_IF_ERROR(c.ForEachRow(sql, params, [&out](const Row& r) {
    out.push_back(BusyTime{r[0].AsInt(), r[1].AsInt(), r[2].AsInt()});
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<AppointmentRow>> AppointmentRepository::List(
    Connection& c, const AppointmentQuery& q) const {
  std::vector<Value> params = {Value(q.organization)};
  std::string sql = absl::StrCat("SELECT ", kColumns, " FROM appointments WHERE organization = $1");
  auto equals = [&](absl::string_view column, const std::string& value) {
    if (value.empty()) return;
    params.emplace_back(value);
    absl::StrAppend(&sql, " AND ", column, " = $", params.size());
  };
  equals("location", q.location);
  equals("staff", q.staff);
  equals("room", q.room);
  equals("client", q.client);
  equals("service", q.service);
  if (q.status) {
    params.emplace_back(static_cast<int64_t>(*q.status));
    absl::StrAppend(&sql, " AND status = $", params.size());
  }
  if (q.start_at_or_after_us) {
    params.emplace_back(*q.start_at_or_after_us);
    absl::StrAppend(&sql, " AND start_us >= $", params.size());
  }
  if (q.start_before_us) {
    params.emplace_back(*q.start_before_us);
    absl::StrAppend(&sql, " AND start_us < $", params.size());
  }
  if (q.after) {
    params.emplace_back(q.after->first);
    params.emplace_back(q.after->second);
    absl::StrAppend(&sql, " AND (start_us > $", params.size() - 1, " OR (start_us = $",
                    params.size() - 1, " AND name > $", params.size(), "))");
  }
  params.emplace_back(static_cast<int64_t>(q.limit));
  absl::StrAppend(&sql, " ORDER BY start_us, name LIMIT $", params.size());
  ASSIGN_OR_RETURN(Rows rows, c.Query(sql, params));
  std::vector<AppointmentRow> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(FromRow(r));
  return out;
}

absl::StatusOr<bool> AppointmentRepository::Treats(Connection& c, std::string_view staff,
                                                  std::string_view client,
                                                  int entered_in_error_status) const {
  ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT 1 FROM appointments WHERE client = $1 AND staff = $2"
                                      " AND status <> $3 LIMIT 1",
                                      {Value(client), Value(staff), Value(entered_in_error_status)}));
  return !rows.empty();
}

absl::Status AppointmentRepository::Insert(Connection& c, const AppointmentRow& a,
                                           std::string_view request_id) const {
  return c
      .Execute(
          "INSERT INTO appointments (name, organization, location, client, staff, room, service,"
          " start_us, end_us, block_start_us, block_end_us, status, active, revision, request_id,"
          " create_us, update_us, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
          " $12, $13, 1, $14, $15, $16, $17)",
          {Value(a.name), Value(a.organization), Value(a.location), Value(a.client),
           Value(a.staff), Value(a.room), Value(a.service), Value(a.start_us), Value(a.end_us),
           Value(a.block_start_us), Value(a.block_end_us), Value(a.status), Value(a.active),
           request_id.empty() ? Value() : Value(request_id),
           Value(absl::ToUnixMicros(a.create_time)), Value(absl::ToUnixMicros(a.update_time)),
           Value::Blob(a.data)})
      .status();
}

absl::StatusOr<bool> AppointmentRepository::Update(Connection& c, const AppointmentRow& a,
                                                   int64_t expected_revision) const {
  ASSIGN_OR_RETURN(int64_t changed,
                   c.Execute("UPDATE appointments SET revision = revision + 1, status = $1,"
                             " active = $2, update_us = $3, data = $4"
                             " WHERE name = $5 AND revision = $6",
                             {Value(a.status), Value(a.active),
                              Value(absl::ToUnixMicros(a.update_time)), Value::Blob(a.data),
                              Value(a.name), Value(expected_revision)}));
  return changed == 1;
}

}  // namespace fascia::storage
