// See stream_limit_interceptor.h. A call is counted from the moment gRPC
// creates its interceptors (it has been accepted and given a thread) until
// gRPC destroys them (it has finished), so the count is of threads held.
#include "app/stream_limit_interceptor.h"

#include <grpcpp/server_context.h>

#include <utility>

#include "absl/strings/match.h"
#include "common/log.h"

namespace fascia::app {
namespace {

using grpc::experimental::InterceptionHookPoints;

class StreamLimitInterceptor : public grpc::experimental::Interceptor {
 public:
  StreamLimitInterceptor(grpc::experimental::ServerRpcInfo* info,
                         std::shared_ptr<std::atomic<int>> running, int max_concurrent,
                         const std::string& method)
      : info_(info), running_(std::move(running)) {
    over_limit_ = running_->fetch_add(1) >= max_concurrent;
    if (over_limit_) {
      Log(LogLevel::kWarning, "stream_refused", {{"method", method}},
          {{"limit", max_concurrent}});
    }
  }
  ~StreamLimitInterceptor() override { running_->fetch_sub(1); }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (over_limit_) {
      // The first hook of a server call: cancel before the handler reads.
      if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
        info_->server_context()->TryCancel();
      }
      // The handler sees a stream that ended and returns OK; the client gets
      // CANCELLED either way, but interceptors after this one (the RPC log)
      // must not see OK.
      if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
        methods->ModifySendStatus(
            grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, "too many streams of this service"));
      }
    }
    methods->Proceed();
  }

 private:
  grpc::experimental::ServerRpcInfo* info_;
  std::shared_ptr<std::atomic<int>> running_;
  bool over_limit_ = false;
};

}  // namespace

StreamLimitInterceptorFactory::StreamLimitInterceptorFactory(std::string method_prefix,
                                                             int max_concurrent)
    : method_prefix_(std::move(method_prefix)), max_concurrent_(max_concurrent) {}

grpc::experimental::Interceptor* StreamLimitInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  // Returning nullptr leaves a call of any other method uninterrupted.
  if (info->method() == nullptr || !absl::StartsWith(info->method(), method_prefix_)) {
    return nullptr;
  }
  return new StreamLimitInterceptor(info, running_, max_concurrent_, info->method());
}

}  // namespace fascia::app
