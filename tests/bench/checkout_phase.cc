// The checkout phase; see checkout_phase.h.
#include "checkout_phase.h"

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "fascia/v1/appointment_service.grpc.pb.h"
#include "fascia/v1/billing_service.grpc.pb.h"

namespace fascia::bench {
namespace {

namespace v1 = fascia::v1;

std::chrono::system_clock::time_point Deadline() {
  return std::chrono::system_clock::now() + std::chrono::seconds(60);
}

// A fixed number of calls with `lanes` outstanding at a time. The state is
// shared with the callbacks, so it outlives the last of them.
struct CountState {
  StartFn start;
  int64_t count = 0;
  std::atomic<int64_t> next{0};
  std::atomic<int64_t> errors{0};
  std::mutex mu;
  std::condition_variable idle;
  int lanes = 0;            // guarded by mu
  std::string first_error;  // guarded by mu
};

void LaunchCounted(const std::shared_ptr<CountState>& state) {
  const int64_t k = state->next++;
  if (k >= state->count) {
    std::lock_guard<std::mutex> lock(state->mu);
    if (--state->lanes == 0) state->idle.notify_all();
    return;
  }
  state->start(k, [state](const grpc::Status& status) {
    if (!status.ok() && state->errors++ == 0) {
      std::lock_guard<std::mutex> lock(state->mu);
      state->first_error = StatusText(status);
    }
    LaunchCounted(state);
  });
}

// Runs start(k, done) for k in [0, count) with `in_flight` outstanding at a
// time; returns the number of failures and the first one.
std::pair<int64_t, std::string> RunCount(int in_flight, int64_t count, const StartFn& start) {
  auto state = std::make_shared<CountState>();
  state->start = start;
  state->count = count;
  state->lanes = in_flight;
  for (int i = 0; i < in_flight; ++i) LaunchCounted(state);
  std::unique_lock<std::mutex> lock(state->mu);
  state->idle.wait(lock, [&] { return state->lanes == 0; });
  return {state->errors.load(), state->first_error};
}

template <typename Req, typename Resp>
struct Call {
  grpc::ClientContext ctx;
  Req req;
  Resp resp;
};

}  // namespace

absl::StatusOr<LoopResult> RunCheckoutPhase(const Chain& chain,
                                            const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                                            const CheckoutOptions& o) {
  std::vector<std::unique_ptr<v1::AppointmentService::Stub>> appointments;
  std::vector<std::unique_ptr<v1::BillingService::Stub>> billing;
  for (const auto& ch : channels) {
    appointments.push_back(v1::AppointmentService::NewStub(ch));
    billing.push_back(v1::BillingService::NewStub(ch));
  }
  auto stub = [&](int64_t k) { return static_cast<size_t>(k) % channels.size(); };

  if (o.progress) o.progress("checkout: booking the pool");
  std::vector<std::string> names(static_cast<size_t>(o.pool));
  auto [book_errors, book_error] = RunCount(o.in_flight, o.pool, [&](int64_t k, DoneFn done) {
    auto* call = new Call<v1::BookAppointmentRequest, v1::Appointment>;
    call->ctx.set_deadline(Deadline());
    call->ctx.AddMetadata("authorization", o.authorization);
    call->req = chain.BookingRequest(o.first_k + k);
    appointments[stub(k)]->async()->BookAppointment(
        &call->ctx, &call->req, &call->resp, [call, k, &names, done](grpc::Status status) {
          names[static_cast<size_t>(k)] = call->resp.name();
          delete call;
          done(status);
        });
  });
  if (book_errors > 0) return absl::InternalError(absl::StrCat("checkout pool booking: ", book_error));
  if (o.progress) o.progress("checkout: checking the pool in");
  auto [in_errors, in_error] = RunCount(o.in_flight, o.pool, [&](int64_t k, DoneFn done) {
    auto* call = new Call<v1::AppointmentTransitionRequest, v1::Appointment>;
    call->ctx.set_deadline(Deadline());
    call->ctx.AddMetadata("authorization", o.authorization);
    call->req.set_name(names[static_cast<size_t>(k)]);
    appointments[stub(k)]->async()->CheckInAppointment(&call->ctx, &call->req, &call->resp,
                                                       [call, done](grpc::Status status) {
                                                         delete call;
                                                         done(status);
                                                       });
  });
  if (in_errors > 0) return absl::InternalError(absl::StrCat("checkout pool check-in: ", in_error));

  if (o.progress) o.progress("checkout: CompleteAppointment + CreatePayment");
  return RunClosedLoop(o.in_flight, o.warmup, o.window, [&](int64_t k, DoneFn done) {
    if (k >= o.pool) {
      done(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, "the checkout pool ran out: raise --checkout_pool"));
      return;
    }
    auto* complete = new Call<v1::AppointmentTransitionRequest, v1::Appointment>;
    complete->ctx.set_deadline(Deadline());
    complete->ctx.AddMetadata("authorization", o.authorization);
    complete->req.set_name(names[static_cast<size_t>(k)]);
    appointments[stub(k)]->async()->CompleteAppointment(
        &complete->ctx, &complete->req, &complete->resp,
        [&, complete, k, done](grpc::Status status) {
          if (!status.ok() || complete->resp.invoice().empty()) {
            delete complete;
            done(status.ok() ? grpc::Status(grpc::StatusCode::INTERNAL, "no invoice") : status);
            return;
          }
          auto* pay = new Call<v1::CreatePaymentRequest, v1::Payment>;
          pay->ctx.set_deadline(Deadline());
          pay->ctx.AddMetadata("authorization", o.authorization);
          pay->req.set_parent(complete->resp.invoice());
          pay->req.set_request_id(absl::StrCat("checkout-", k));
          pay->req.mutable_payment()->set_method(v1::Payment::CASH);
          // The booking service's price at the booking location, which has
          // no taxes: the invoice's total.
          pay->req.mutable_payment()->mutable_amount()->set_amount_minor(chain.booking_price_minor);
          delete complete;
          billing[stub(k)]->async()->CreatePayment(&pay->ctx, &pay->req, &pay->resp,
                                                   [pay, done](grpc::Status paid) {
                                                     delete pay;
                                                     done(paid);
                                                   });
        });
  });
}

}  // namespace fascia::bench
