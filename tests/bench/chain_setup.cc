// The benchmark chain, built through the public API; see chain_setup.h.
#include "chain_setup.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <random>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "fascia/v1/appointment_service.grpc.pb.h"
#include "fascia/v1/catalog_service.grpc.pb.h"
#include "fascia/v1/client_service.grpc.pb.h"
#include "fascia/v1/location_service.grpc.pb.h"
#include "fascia/v1/staff_service.grpc.pb.h"
#include "load_loop.h"

namespace fascia::bench {
namespace {

namespace v1 = fascia::v1;

constexpr char kZone[] = "America/New_York";
constexpr int kSearchStaff = 20;
constexpr int kSearchRooms = 10;
constexpr int kWindowDays = 14;
constexpr int kBookingResources = 100;  // staff, rooms and clients at the booking location
// The booking location's slots start after the search window so the two
// workloads never touch the same days.
constexpr int kBookingFirstDay = kWindowDays + 1;

google::protobuf::Timestamp Ts(absl::Time t) {
  google::protobuf::Timestamp out;
  out.set_seconds(absl::ToUnixSeconds(t));
  return out;
}

google::protobuf::Duration Dur(absl::Duration d) {
  google::protobuf::Duration out;
  out.set_seconds(absl::ToInt64Seconds(d));
  return out;
}

std::string Id(const char* prefix, int i, int width) {
  return absl::StrFormat("%s-%0*d", prefix, width, i);
}

// A connection and the credentials every call on it carries.
struct Conn {
  std::shared_ptr<grpc::Channel> channel;
  std::string authorization;  // "Bearer <key>", or empty

  std::unique_ptr<grpc::ClientContext> Context() const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    if (!authorization.empty()) ctx->AddMetadata("authorization", authorization);
    return ctx;
  }
};

absl::Status ToAbsl(const grpc::Status& status, const std::string& what) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", StatusText(status)));
}

// Runs fn(i, conn) for i in [0, count) on `threads` threads; the first
// failure stops the rest and is returned.
absl::Status ParallelFor(int count, int threads, const std::vector<Conn>& conns,
                         const std::function<absl::Status(int, const Conn&)>& fn) {
  std::atomic<int> next{0};
  std::mutex mu;
  absl::Status first;
  std::vector<std::thread> pool;
  for (int t = 0; t < std::min(threads, count); ++t) {
    pool.emplace_back([&, t] {
      const Conn& conn = conns[t % conns.size()];
      for (int i = next++; i < count; i = next++) {
        absl::Status status = fn(i, conn);
        if (!status.ok()) {
          std::lock_guard<std::mutex> lock(mu);
          if (first.ok()) first = status;
          next = count;
        }
      }
    });
  }
  for (auto& thread : pool) thread.join();
  return first;
}

void EveryDay(google::protobuf::RepeatedPtrField<v1::WeeklyInterval>* out, int from_hour, int to_hour) {
  for (int day = v1::MONDAY; day <= v1::SUNDAY; ++day) {
    v1::WeeklyInterval* w = out->Add();
    w->set_day(static_cast<v1::DayOfWeek>(day));
    w->mutable_start()->set_hours(from_hour);
    w->mutable_end()->set_hours(to_hour);
  }
}

absl::Status CreateLocation(const Conn& conn, const std::string& org,
                            const std::string& id) {
  v1::CreateLocationRequest req;
  req.set_parent(org);
  req.set_location_id(id);
  v1::Location* l = req.mutable_location();
  l->set_display_name(absl::StrCat("Bench ", id));
  l->set_time_zone(kZone);
  l->set_currency_code("USD");
  EveryDay(l->mutable_opening_hours(), 0, 24);
  *l->mutable_booking_policy()->mutable_min_lead_time() = Dur(absl::ZeroDuration());
  *l->mutable_booking_policy()->mutable_max_advance() = Dur(absl::Hours(24 * 400));
  *l->mutable_booking_policy()->mutable_slot_interval() = Dur(absl::Minutes(15));
  v1::Location out;
  return ToAbsl(v1::LocationService::NewStub(conn.channel)->CreateLocation(conn.Context().get(), req, &out),
                absl::StrCat("CreateLocation ", id));
}

absl::Status CreateRoom(const Conn& conn, const std::string& location,
                        const std::string& id) {
  v1::CreateRoomRequest req;
  req.set_parent(location);
  req.set_room_id(id);
  req.mutable_room()->set_display_name(id);
  v1::Room out;
  return ToAbsl(v1::LocationService::NewStub(conn.channel)->CreateRoom(conn.Context().get(), req, &out),
                absl::StrCat("CreateRoom ", id));
}

absl::Status CreateStaff(const Conn& conn, const std::string& org,
                         const std::string& location, const std::string& id, int from_hour,
                         int to_hour) {
  v1::CreateStaffMemberRequest req;
  req.set_parent(org);
  req.set_staff_member_id(id);
  v1::StaffMember* s = req.mutable_staff_member();
  s->set_display_name(id);
  s->add_qualifications()->set_code("LMT");
  s->add_locations(location);
  google::protobuf::RepeatedPtrField<v1::WeeklyInterval> week;
  EveryDay(&week, from_hour, to_hour);
  for (const auto& interval : week) {
    v1::Shift* shift = s->add_shifts();
    shift->set_location(location);
    *shift->mutable_interval() = interval;
  }
  v1::StaffMember out;
  return ToAbsl(v1::StaffService::NewStub(conn.channel)->CreateStaffMember(conn.Context().get(), req, &out),
                absl::StrCat("CreateStaffMember ", id));
}

absl::Status CreateClient(const Conn& conn, const std::string& org,
                          const std::string& id) {
  v1::CreateClientRequest req;
  req.set_parent(org);
  req.set_client_id(id);
  req.mutable_client()->set_given_name("Bench");
  req.mutable_client()->set_family_name(id);
  v1::Client out;
  return ToAbsl(v1::ClientService::NewStub(conn.channel)->CreateClient(conn.Context().get(), req, &out),
                absl::StrCat("CreateClient ", id));
}

absl::Status CreateService(const Conn& conn, const std::string& org,
                           const std::string& id, const std::string& location,
                           absl::Duration duration, absl::Duration buffer) {
  v1::CreateServiceRequest req;
  req.set_parent(org);
  req.set_service_id(id);
  v1::Service* s = req.mutable_service();
  s->set_display_name(id);
  s->set_modality_code(id);
  *s->mutable_duration() = Dur(duration);
  if (buffer > absl::ZeroDuration()) {
    *s->mutable_buffer_before() = Dur(buffer);
    *s->mutable_buffer_after() = Dur(buffer);
  }
  v1::LocationPrice* price = s->add_prices();
  price->set_location(location);
  price->mutable_price()->set_currency_code("USD");
  price->mutable_price()->set_amount_minor(Chain().booking_price_minor);
  v1::Service out;
  return ToAbsl(v1::CatalogService::NewStub(conn.channel)->CreateService(conn.Context().get(), req, &out),
                absl::StrCat("CreateService ", id));
}

// One existing appointment of the fixed pattern (see chain_setup.h).
struct Candidate {
  int day;   // 0 = tomorrow
  int cell;  // 30-minute cell from 08:00 local: 0..23
  int room;
  int staff;
};

std::vector<Candidate> ExistingCandidates() {
  std::vector<Candidate> out;
  for (int d = 0; d < kWindowDays; ++d) {
    for (int r = 0; r < kSearchRooms; ++r) {
      const int shift = (3 * r + d) % 8;
      for (int c = 0; c < 24; ++c) {
        if ((c + shift) % 8 >= 5) continue;  // the 90-minute gap
        const int run = (c + shift) / 8;
        out.push_back({d, c, r, r + kSearchRooms * ((run + d) % 2)});
      }
    }
  }
  // Booked in a fixed random order so a run of fewer than all candidates
  // still covers every day, and concurrent setup writers spread out.
  std::shuffle(out.begin(), out.end(), std::mt19937(20240301));
  return out;
}

}  // namespace

v1::BookAppointmentRequest Chain::BookingRequest(int64_t k) const {
  const size_t i = static_cast<size_t>(k % kBookingResources);
  v1::BookAppointmentRequest req;
  req.set_parent(booking_location);
  v1::Appointment* a = req.mutable_appointment();
  a->set_client(booking_clients[i]);
  a->set_staff_member(booking_staff[i]);
  a->set_room(booking_rooms[i]);
  a->set_service(booking_service);
  *a->mutable_start_time() = Ts(booking_base + absl::Minutes(15) * (k / kBookingResources));
  return req;
}

v1::SearchAvailabilityRequest Chain::SearchRequest(int page_size) const {
  v1::SearchAvailabilityRequest req;
  req.set_location(search_location);
  req.set_service(search_service);
  *req.mutable_start_time() = Ts(window_start);
  *req.mutable_end_time() = Ts(window_end);
  req.set_page_size(page_size);
  return req;
}

absl::StatusOr<Chain> BuildChain(const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                                 const ChainOptions& options) {
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(kZone, &tz)) return absl::InternalError("cannot load America/New_York");
  const int threads = options.setup_threads;
  const std::vector<Candidate> candidates = ExistingCandidates();
  if (options.existing_appointments < 0 ||
      options.existing_appointments > static_cast<int>(candidates.size())) {
    return absl::InvalidArgumentError(absl::StrCat("existing appointments must be 0..",
                                                   candidates.size()));
  }

  std::vector<Conn> conns;
  for (const auto& channel : channels) {
    conns.push_back({channel, options.api_key.empty() ? "" : absl::StrCat("Bearer ", options.api_key)});
  }
  const std::string& p = options.id_prefix;
  Chain chain;
  chain.org = absl::StrCat("organizations/", options.org_id);
  chain.search_location = absl::StrCat(chain.org, "/locations/", p, "search");
  chain.booking_location = absl::StrCat(chain.org, "/locations/", p, "booking");
  chain.search_service = absl::StrCat(chain.org, "/services/", p, "massage");
  chain.booking_service = absl::StrCat(chain.org, "/services/", p, "quick");
  const std::string express = absl::StrCat(chain.org, "/services/", p, "express");
  chain.search_staff = kSearchStaff;
  chain.search_rooms = kSearchRooms;
  const absl::CivilDay tomorrow = absl::ToCivilDay(options.now, tz) + 1;
  chain.window_start = absl::FromCivil(tomorrow, tz);
  chain.window_end = absl::FromCivil(tomorrow + kWindowDays, tz);
  chain.booking_base = absl::FromCivil(tomorrow + kBookingFirstDay, tz);

  for (const char* id : {"search", "booking"}) {
    if (auto s = CreateLocation(conns[0], chain.org, p + id); !s.ok()) return s;
  }
  struct ServiceSpec {
    const char* id;
    const std::string& location;
    absl::Duration duration, buffer;
  };
  for (const ServiceSpec& s : {ServiceSpec{"massage", chain.search_location, absl::Minutes(60), absl::Minutes(15)},
                               ServiceSpec{"express", chain.search_location, absl::Minutes(30), absl::ZeroDuration()},
                               ServiceSpec{"quick", chain.booking_location, absl::Minutes(15), absl::ZeroDuration()}}) {
    if (auto st = CreateService(conns[0], chain.org, p + s.id, s.location, s.duration, s.buffer); !st.ok()) {
      return st;
    }
  }

  std::vector<std::string> a_staff, a_rooms, a_clients;
  for (int i = 0; i < kSearchStaff; ++i) a_staff.push_back(p + Id("a-staff", i, 2));
  for (int i = 0; i < kSearchRooms; ++i) a_rooms.push_back(p + Id("a-room", i, 2));
  for (int i = 0; i < kSearchRooms; ++i) a_clients.push_back(p + Id("a-client", i, 2));
  std::vector<std::string> b_staff, b_rooms, b_clients;
  for (int i = 0; i < kBookingResources; ++i) {
    b_staff.push_back(p + Id("b-staff", i, 3));
    b_rooms.push_back(p + Id("b-room", i, 3));
    b_clients.push_back(p + Id("b-client", i, 3));
  }
  // One flat list of creations so they all run concurrently.
  std::vector<std::function<absl::Status(const Conn&)>> creations;
  for (const auto& id : a_staff) {
    creations.push_back([&, id](const auto& ch) { return CreateStaff(ch, chain.org, chain.search_location, id, 8, 20); });
  }
  for (const auto& id : a_rooms) {
    creations.push_back([&, id](const auto& ch) { return CreateRoom(ch, chain.search_location, id); });
  }
  for (const auto& id : a_clients) {
    creations.push_back([&, id](const auto& ch) { return CreateClient(ch, chain.org, id); });
  }
  for (int i = 0; i < kBookingResources; ++i) {
    creations.push_back([&, i](const auto& ch) { return CreateStaff(ch, chain.org, chain.booking_location, b_staff[i], 0, 24); });
    creations.push_back([&, i](const auto& ch) { return CreateRoom(ch, chain.booking_location, b_rooms[i]); });
    creations.push_back([&, i](const auto& ch) { return CreateClient(ch, chain.org, b_clients[i]); });
  }
  absl::Status created = ParallelFor(static_cast<int>(creations.size()), threads, conns,
                                     [&](int i, const auto& ch) { return creations[i](ch); });
  if (!created.ok()) return created;
  for (const auto& id : b_staff) chain.booking_staff.push_back(absl::StrCat(chain.org, "/staff/", id));
  for (const auto& id : b_rooms) chain.booking_rooms.push_back(absl::StrCat(chain.booking_location, "/rooms/", id));
  for (const auto& id : b_clients) chain.booking_clients.push_back(absl::StrCat(chain.org, "/clients/", id));

  // Existing appointments: each worker owns one of the `remaining` bookings
  // at a time and tries candidates until one succeeds, so exactly the
  // requested number is booked even if the server refuses some candidate.
  std::atomic<int> remaining{options.existing_appointments};
  std::atomic<size_t> next_candidate{0};
  std::atomic<int> skipped{0};
  absl::Status booked = ParallelFor(threads, threads, conns, [&](int, const Conn& conn) {
    auto stub = v1::AppointmentService::NewStub(conn.channel);
    while (remaining.fetch_sub(1) > 0) {
      while (true) {
        const size_t i = next_candidate++;
        if (i >= candidates.size()) {
          return absl::FailedPreconditionError("ran out of existing-appointment candidates");
        }
        const Candidate& c = candidates[i];
        v1::BookAppointmentRequest req;
        req.set_parent(chain.search_location);
        v1::Appointment* a = req.mutable_appointment();
        a->set_client(absl::StrCat(chain.org, "/clients/", a_clients[c.room]));
        a->set_staff_member(absl::StrCat(chain.org, "/staff/", a_staff[c.staff]));
        a->set_room(absl::StrCat(chain.search_location, "/rooms/", a_rooms[c.room]));
        a->set_service(express);
        const absl::CivilMinute start = absl::CivilMinute(tomorrow + c.day) + (8 * 60 + 30 * c.cell);
        *a->mutable_start_time() = Ts(absl::FromCivil(start, tz));
        v1::Appointment out;
        grpc::Status status = stub->BookAppointment(conn.Context().get(), req, &out);
        if (status.ok()) break;
        if (status.error_code() != grpc::StatusCode::FAILED_PRECONDITION &&
            status.error_code() != grpc::StatusCode::ALREADY_EXISTS) {
          return ToAbsl(status, "BookAppointment (existing)");
        }
        skipped++;
      }
    }
    return absl::OkStatus();
  });
  if (!booked.ok()) return booked;
  chain.existing_appointments = options.existing_appointments;
  chain.existing_skipped = skipped.load();
  return chain;
}

}  // namespace fascia::bench
