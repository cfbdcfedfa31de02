// A server interceptor that writes one JSON log line per finished RPC:
// method, status code and latency; at debug level also one ("rpc.started",
// method) when the call begins. It never reads messages, so request and
// response bodies (health data, keys) cannot reach the log.
#ifndef FASCIA_APP_RPC_LOG_INTERCEPTOR_H_
#define FASCIA_APP_RPC_LOG_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

namespace fascia::app {

class RpcLogInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace fascia::app

#endif  // FASCIA_APP_RPC_LOG_INTERCEPTOR_H_
