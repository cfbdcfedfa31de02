// Server reflection as grpcurl uses it: served to any client, without an API
// key, and at most four streams at once (a quarter of limits.max_threads if
// that is fewer), so that idle streams (each holds a server thread while
// open) cannot take the threads every other RPC needs
// (server/app/stream_limit_interceptor.h).
//
// Debian's gRPC does not install the reflection protos, so the one request
// used here is encoded by hand and responses are searched as bytes.
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "fasciad_process.h"
#include "json_log.h"
#include "rpc_util.h"

namespace fascia::e2e {
namespace {

constexpr char kReflectionMethod[] =
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
constexpr int kMaxReflectionStreams = 4;  // server/app/app.cc

// ServerReflectionRequest { list_services: "" }: field 7, length 0.
grpc::ByteBuffer ListServicesRequest() {
  static const char kBytes[] = {0x3a, 0x00};
  grpc::Slice slice(kBytes, sizeof(kBytes));
  return grpc::ByteBuffer(&slice, 1);
}

std::string BytesOf(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  for (const grpc::Slice& s : slices) out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return out;
}

// One reflection stream on its own completion queue, one operation at a
// time. Every wait is bounded by the call's deadline.
class ReflectionStream {
 public:
  explicit ReflectionStream(grpc::GenericStub& stub) {
    SetDeadline(ctx_);
    call_ = stub.PrepareCall(&ctx_, kReflectionMethod, &cq_);
    call_->StartCall(this);
    started_ = Await();
  }
  ~ReflectionStream() {
    if (!finished_) {
      ctx_.TryCancel();
      Finish();
    }
    cq_.Shutdown();
    void* tag;
    bool ok;
    while (cq_.Next(&tag, &ok)) {
    }
  }

  // Sends list_services and reads one response: "" if the stream ended.
  std::string ListServices() {
    if (!started_) return "";
    call_->Write(ListServicesRequest(), this);
    if (!Await()) return "";
    grpc::ByteBuffer response;
    call_->Read(&response, this);
    if (!Await()) return "";
    return BytesOf(response);
  }

  grpc::Status Finish() {
    if (started_ && !finished_) {
      call_->WritesDone(this);
      Await();
    }
    finished_ = true;
    call_->Finish(&status_, this);
    Await();
    return status_;
  }

 private:
  bool Await() {
    void* tag = nullptr;
    bool ok = false;
    return cq_.Next(&tag, &ok) && ok;
  }

  grpc::ClientContext ctx_;
  grpc::CompletionQueue cq_;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call_;
  grpc::Status status_;
  bool started_ = false;
  bool finished_ = false;
};

class ReflectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FasciadOptions options;
    options.work_dir = dir_.path();
    options.log_level = "info";  // per-RPC lines
    server_ = std::make_unique<Fasciad>(options);
    ASSERT_TRUE(server_->StartServing());
    // No API key: reflection must not need one.
    channel_ = NewChannel(server_->address());
    stub_ = std::make_unique<grpc::GenericStub>(channel_);
  }

  TempDir dir_;
  std::unique_ptr<Fasciad> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<grpc::GenericStub> stub_;
};

TEST_F(ReflectionTest, ListsTheApiWithoutAKey) {
  ReflectionStream stream(*stub_);
  const std::string services = stream.ListServices();
  EXPECT_NE(services.find("fascia.v1.AppointmentService"), std::string::npos);
  EXPECT_NE(services.find("grpc.health.v1.Health"), std::string::npos);
  grpc::Status status = stream.Finish();
  EXPECT_TRUE(status.ok()) << Describe(status);
}

TEST_F(ReflectionTest, AtMostFourStreamsAtOnceAndTheRestOfTheServerKeepsServing) {
  std::vector<std::unique_ptr<ReflectionStream>> open;
  for (int i = 0; i < kMaxReflectionStreams; ++i) {
    open.push_back(std::make_unique<ReflectionStream>(*stub_));
    ASSERT_NE(open.back()->ListServices(), "") << "stream " << i << " was refused";
  }

  // One more, while those stay open: ended before it answers.
  {
    ReflectionStream extra(*stub_);
    EXPECT_EQ(extra.ListServices(), "");
    grpc::Status status = extra.Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED) << Describe(status);
  }
  grpc::health::v1::HealthCheckResponse::ServingStatus serving;
  grpc::Status health = CheckHealth(*channel_, kRpcTimeout, &serving);
  ASSERT_TRUE(health.ok()) << Describe(health);
  EXPECT_EQ(serving, grpc::health::v1::HealthCheckResponse::SERVING);
  // Its log line says so (the handler itself saw a stream end and said OK).
  // The server may log it just after the client has heard.
  std::vector<std::string> codes;
  for (absl::Time give_up = absl::Now() + absl::Seconds(5); codes.empty() && absl::Now() < give_up;
       absl::SleepFor(absl::Milliseconds(20))) {
    for (const auto& line : ParseJsonLog(server_->Stderr()).lines) {
      if (StringField(line, "event") == "rpc" && StringField(line, "method") == kReflectionMethod) {
        codes.push_back(StringField(line, "code"));
      }
    }
  }
  EXPECT_EQ(codes, std::vector<std::string>{"CANCELLED"});

  // A stream that ends gives its place back (once the server has finished
  // the call, shortly after the client has).
  EXPECT_TRUE(open.back()->Finish().ok());
  open.pop_back();
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  bool admitted = false;
  while (!admitted && absl::Now() < give_up) {
    ReflectionStream again(*stub_);
    admitted = again.ListServices() != "";
    if (!admitted) absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_TRUE(admitted) << "a freed place was never reused";
}

// With few threads, reflection gets a quarter of them: four idle streams
// must not be able to take all of max_threads 4.
TEST(SmallReflectionTest, AQuarterOfFewThreads) {
  TempDir dir;
  const std::string config = dir.path() + "/fasciad.textproto";
  std::ofstream(config) << "limits { max_threads: 4 spare_threads: 1 }\n";
  FasciadOptions options;
  options.work_dir = dir.path();
  options.args = {"--config=" + config};
  Fasciad server(options);
  ASSERT_TRUE(server.StartServing());
  auto channel = NewChannel(server.address());
  grpc::GenericStub stub(channel);
  ReflectionStream first(stub);
  ASSERT_NE(first.ListServices(), "");
  ReflectionStream second(stub);
  EXPECT_EQ(second.ListServices(), "");
  grpc::health::v1::HealthCheckResponse::ServingStatus serving;
  grpc::Status health = CheckHealth(*channel, kRpcTimeout, &serving);
  EXPECT_TRUE(health.ok()) << Describe(health);
}

}  // namespace
}  // namespace fascia::e2e
