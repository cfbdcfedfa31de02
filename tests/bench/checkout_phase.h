// The benchmark's checkout phase: throughput of the completed-visit checkout,
// CompleteAppointment (which creates the visit's invoice in its transaction)
// followed by a CreatePayment of that invoice in full (which issues and pays
// it), as one unit: a checkout counts once both RPCs succeeded.
//
// Unmeasured preparation books `pool` appointments at the booking location
// (Chain::BookingRequest from `first_k` on, so they never collide with the
// booking phase's) and checks each in; checkout k then completes and pays
// appointment k. A loop that outruns the pool counts the extra calls as
// errors, so a pool too small shows, never inflates the figure.
//
//   CheckoutOptions o{...};
//   absl::StatusOr<LoopResult> r = RunCheckoutPhase(chain, channels, o);
//   r->rate()  // checkouts per second
//
// Thread-safety: called from one thread; calls run on gRPC's callback threads.
#ifndef FASCIA_TESTS_BENCH_CHECKOUT_PHASE_H_
#define FASCIA_TESTS_BENCH_CHECKOUT_PHASE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "chain_setup.h"
#include "load_loop.h"

namespace fascia::bench {

struct CheckoutOptions {
  std::string authorization;  // "Bearer <OWNER key>"
  int in_flight = 64;
  absl::Duration warmup, window;
  int64_t first_k = 0;  // the first BookingRequest index the pool may use
  int64_t pool = 0;     // appointments booked and checked in beforehand
  std::function<void(const std::string&)> progress;
};

absl::StatusOr<LoopResult> RunCheckoutPhase(const Chain& chain,
                                            const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                                            const CheckoutOptions& options);

}  // namespace fascia::bench

#endif  // FASCIA_TESTS_BENCH_CHECKOUT_PHASE_H_
