// See health_watch.h.
#include "health_watch.h"

#include <algorithm>

#include "rpc_util.h"

namespace fascia::e2e {

using grpc::health::v1::HealthCheckResponse;

HealthWatch::HealthWatch(std::shared_ptr<grpc::Channel> channel)
    : stub_(grpc::health::v1::Health::NewStub(std::move(channel))) {
  SetDeadline(ctx_, absl::Seconds(60));
  thread_ = std::thread([this] {
    grpc::health::v1::HealthCheckRequest req;
    auto reader = stub_->Watch(&ctx_, req);
    HealthCheckResponse resp;
    while (reader->Read(&resp)) {
      std::lock_guard<std::mutex> lock(mu_);
      seen_.push_back(resp.status());
      cv_.notify_all();
    }
    grpc::Status status = reader->Finish();
    std::lock_guard<std::mutex> lock(mu_);
    finish_ = status;
    done_ = true;
    cv_.notify_all();
  });
}

HealthWatch::~HealthWatch() {
  Cancel();
  thread_.join();
}

bool HealthWatch::WaitFor(ServingStatus status, absl::Duration timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  auto seen = [&] { return std::find(seen_.begin(), seen_.end(), status) != seen_.end(); };
  cv_.wait_for(lock, absl::ToChronoMilliseconds(timeout), [&] { return done_ || seen(); });
  return seen();
}

bool HealthWatch::WaitDone(absl::Duration timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, absl::ToChronoMilliseconds(timeout), [&] { return done_; });
}

std::string HealthWatch::Summary() {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out = "statuses seen:";
  for (ServingStatus s : seen_) out += " " + HealthCheckResponse::ServingStatus_Name(s);
  if (done_) out += "; stream ended with " + Describe(finish_);
  return out;
}

}  // namespace fascia::e2e
