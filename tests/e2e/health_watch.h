// A grpc.health.v1 Watch stream on fasciad, read on its own thread, so a test
// can wait for a status change (e.g. NOT_SERVING after SIGTERM) while it does
// other things.
//
//   HealthWatch watch(server.NewChannel());
//   ASSERT_TRUE(watch.WaitFor(HealthCheckResponse::SERVING, absl::Seconds(10)));
//   server.process().Terminate();
//   EXPECT_TRUE(watch.WaitFor(HealthCheckResponse::NOT_SERVING, absl::Seconds(5)));
//   watch.Cancel();   // an open Watch is an in-flight call; it holds shutdown up
//
// The stream has a 60s deadline. The destructor cancels it and joins the
// thread. Thread-safe.
#ifndef FASCIA_TESTS_E2E_HEALTH_WATCH_H_
#define FASCIA_TESTS_E2E_HEALTH_WATCH_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace fascia::e2e {

class HealthWatch {
 public:
  using ServingStatus = grpc::health::v1::HealthCheckResponse::ServingStatus;

  explicit HealthWatch(std::shared_ptr<grpc::Channel> channel);
  ~HealthWatch();

  // True once `status` has been received (now or within `timeout`).
  bool WaitFor(ServingStatus status, absl::Duration timeout);
  // Waits up to `timeout` for the stream to end; true if it did.
  bool WaitDone(absl::Duration timeout);
  void Cancel() { ctx_.TryCancel(); }
  // The statuses received and, once ended, how the stream ended.
  std::string Summary();

 private:
  std::unique_ptr<grpc::health::v1::Health::Stub> stub_;
  grpc::ClientContext ctx_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<ServingStatus> seen_;
  bool done_ = false;
  grpc::Status finish_;
  std::thread thread_;
};

}  // namespace fascia::e2e

#endif  // FASCIA_TESTS_E2E_HEALTH_WATCH_H_
