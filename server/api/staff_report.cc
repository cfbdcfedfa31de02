// Tips and utilization per therapist; see staff_report.h.
#include "api/staff_report.h"

#include <map>

#include "api/field_checks.h"
#include "api/money_fields.h"
#include "api/resource_names.h"
#include "api/resource_types.h"
#include "api/schedule_convert.h"
#include "api/target.h"
#include "common/status_macros.h"
#include "domain/utilization.h"
#include "storage/appointment_repository.h"
#include "storage/billing_repository.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

// The longest period one report covers: bounds the appointments read.
constexpr absl::Duration kMaxPeriod = absl::Hours(24 * 92);
constexpr int kMaxAppointments = 100000;

// Appointments that held the therapist's time for a client.
bool HeldTime(int status) {
  return status == v1::BOOKED || status == v1::ARRIVED || status == v1::CHECKED_IN ||
         status == v1::FULFILLED || status == v1::NOSHOW;
}

}  // namespace

absl::StatusOr<v1::StaffReport> StaffReportFor(Caller& caller, storage::Database& db,
                                               const v1::GetStaffReportRequest& r) {
  FieldViolations v;
  CheckName(r.parent(), kLocationPattern, "parent", v);
  if (!r.staff_member().empty()) CheckName(r.staff_member(), kStaffPattern, "staff_member", v);
  domain::Interval period;
  if (!r.has_period() || !r.period().has_start_time() || !r.period().has_end_time()) {
    v.Add("period", "is required (start_time and end_time)");
  } else {
    period = {ToTime(r.period().start_time()), ToTime(r.period().end_time())};
    if (period.end <= period.start) {
      v.Add("period.end_time", "must be after start_time");
    } else if (period.end - period.start > kMaxPeriod) {
      v.Add("period", "may span at most 92 days");
    }
  }
  RETURN_IF_ERROR(v.ToStatus());
  domain::Target target = TargetOf(r.parent());
  target.staff_member = r.staff_member();  // a therapist may only name itself
  RETURN_IF_ERROR(caller.Authorize(target, r.parent()));

  v1::Location location;
  std::vector<v1::StaffMember> staff;
  std::vector<storage::AppointmentRow> appointments;
  std::vector<storage::BillingSum> sums;
  RETURN_IF_ERROR(db.Transact(storage::TxMode::kRead, [&](storage::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(location, LoadReferenced<v1::Location>(c, "location", r.parent(), "parent"));
    staff.clear();
    if (!r.staff_member().empty()) {
      ASSIGN_OR_RETURN(v1::StaffMember one,
                       LoadReferenced<v1::StaffMember>(c, "staff", r.staff_member(), "staff_member"));
      staff.push_back(std::move(one));
    } else {
      RETURN_IF_ERROR(ForEachStored<v1::StaffMember>(
          c, storage::ResourceRepository("staff"), NamePrefix(r.parent(), 2),
          /*include_deleted=*/false, "staff member", [&](v1::StaffMember m) {
            for (const auto& l : m.locations()) {
              if (l == r.parent()) staff.push_back(m);
            }
          }));
    }
    storage::AppointmentQuery q;
    q.organization = NamePrefix(r.parent(), 2);
    q.location = r.parent();
    q.staff = r.staff_member();
    // Appointments that started up to a day before still reach into the period.
    q.start_at_or_after_us = absl::ToUnixMicros(period.start - absl::Hours(24));
    q.start_before_us = absl::ToUnixMicros(period.end);
    q.limit = kMaxAppointments;
    ASSIGN_OR_RETURN(appointments, storage::AppointmentRepository().List(c, q));
    ASSIGN_OR_RETURN(sums, storage::BillingRepository().Sum(c, q.organization, r.parent(),
                                                            absl::ToUnixMicros(period.start),
                                                            absl::ToUnixMicros(period.end)));
    return absl::OkStatus();
  }));

  std::map<std::string, std::vector<domain::Interval>> booked;
  for (const auto& a : appointments) {
    if (!HeldTime(a.status)) continue;
    booked[a.staff].push_back({absl::FromUnixMicros(a.start_us), absl::FromUnixMicros(a.end_us)});
  }
  std::map<std::string, int64_t> tips;
  for (const auto& s : sums) {
    if (s.kind == "tip" && s.currency == location.currency_code()) tips[s.staff] += s.amount_minor;
  }
  const domain::LocationSchedule schedule = ToLocationSchedule(location);
  v1::StaffReport report;
  report.set_location(r.parent());
  for (const v1::StaffMember& m : staff) {
    const absl::Duration scheduled =
        domain::ScheduledTime(ToStaffSchedule(m, r.parent()), schedule.tz, period);
    const absl::Duration held = domain::BookedTime(booked[m.name()], period);
    v1::StaffFigures* f = report.add_staff();
    f->set_staff_member(m.name());
    *f->mutable_tips() = ToMoney(tips[m.name()], location.currency_code());
    f->set_booked_minutes(absl::ToInt64Minutes(held));
    f->set_scheduled_minutes(absl::ToInt64Minutes(scheduled));
    f->set_utilization_basis_points(
        static_cast<int32_t>(domain::UtilizationBasisPoints(held, scheduled)));
  }
  return report;
}

}  // namespace fascia::api
