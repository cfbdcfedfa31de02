// Per-RPC structured log line; see rpc_log_interceptor.h.
#include "app/rpc_log_interceptor.h"

#include <grpcpp/server_context.h>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "common/log.h"

namespace fascia::app {
namespace {

using grpc::experimental::InterceptionHookPoints;

class RpcLogInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit RpcLogInterceptor(grpc::experimental::ServerRpcInfo* info)
      : info_(info), method_(info->method() ? info->method() : ""), start_(absl::Now()) {
    // Created once gRPC has accepted the call and given it a thread: from
    // here on a shutdown waits for it. At debug level this shows which calls
    // are in flight when one hangs.
    if (LogEnabled(LogLevel::kDebug)) Log(LogLevel::kDebug, "rpc.started", {{"method", method_}});
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      auto code = static_cast<absl::StatusCode>(status.error_code());
      // A call the client cancelled (a load balancer ending a health Watch,
      // say) is normal; gRPC's built-in services report it as UNKNOWN.
      // IsCancelled() is costly (it polls the call's queue): only for failures.
      if (!status.ok() && info_->server_context() != nullptr &&
          info_->server_context()->IsCancelled()) {
        code = absl::StatusCode::kCancelled;
      }
      LogLevel level = status.ok() || code == absl::StatusCode::kCancelled ? LogLevel::kInfo
                                                                            : LogLevel::kWarning;
      if (code == absl::StatusCode::kInternal || code == absl::StatusCode::kDataLoss ||
          code == absl::StatusCode::kUnknown) {
        level = LogLevel::kError;
      }
      if (LogEnabled(level)) {
        Log(level, "rpc", {{"method", method_}, {"code", absl::StatusCodeToString(code)}},
            {{"latency_us", absl::ToInt64Microseconds(absl::Now() - start_)}});
      }
    }
    methods->Proceed();
  }

 private:
  grpc::experimental::ServerRpcInfo* info_;
  std::string method_;
  absl::Time start_;
};

}  // namespace

grpc::experimental::Interceptor* RpcLogInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RpcLogInterceptor(info);
}

}  // namespace fascia::app
