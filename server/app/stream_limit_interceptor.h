// A server interceptor that caps how many calls of one streaming service run
// at once. gRPC's sync server gives a streaming call a thread for as long as
// the stream stays open, so idle server-reflection streams (which any client
// may open, unauthenticated, to browse the API with grpcurl) could otherwise
// take every thread up to limits.max_threads and starve every other RPC.
//
//   interceptors.push_back(std::make_unique<StreamLimitInterceptorFactory>(
//       "/grpc.reflection.", 4));  // every reflection version, one count
//
// A call over the cap is cancelled as soon as it starts: its handler sees the
// stream end and returns its thread, and the client gets CANCELLED (a server
// interceptor cannot choose the status of a call it ends). The refusal is
// logged ("stream_refused", method, limit), and interceptors registered after
// this one see the call end RESOURCE_EXHAUSTED (the per-RPC log line, which
// shows it as CANCELLED, never OK). Calls of methods outside the
// prefix are not counted or touched. Thread-safe.
#ifndef FASCIA_APP_STREAM_LIMIT_INTERCEPTOR_H_
#define FASCIA_APP_STREAM_LIMIT_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

#include <atomic>
#include <memory>
#include <string>

namespace fascia::app {

class StreamLimitInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // Calls whose full method name ("/package.Service/Method") starts with
  // `method_prefix` share one count.
  StreamLimitInterceptorFactory(std::string method_prefix, int max_concurrent);

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  const std::string method_prefix_;
  const int max_concurrent_;
  // Shared with the interceptors, which may outlive the factory while gRPC
  // finishes their calls during shutdown.
  std::shared_ptr<std::atomic<int>> running_ = std::make_shared<std::atomic<int>>(0);
};

}  // namespace fascia::app

#endif  // FASCIA_APP_STREAM_LIMIT_INTERCEPTOR_H_
