// fascia-plugin-host: runs ONE plugin .so on behalf of fasciad, so that a
// crash or hang in the plugin is contained in this process.
//
//   fascia-plugin-host --fd=3 --parent-pid=<fasciad pid> /path/plugin.so
//
// Started only by fasciad (process_launcher.cc). Protocol (frame.h): read a
// kLoad with the PluginConfig, load the plugin with fasciad's own loader,
// answer kLoadOk or kLoadError; then serve kCall frames until the socket
// closes, answering each with a kReply carrying the plugin's raw result
// (fasciad interprets it, exactly as in-process). Calls run on a worker
// pool: one worker unless the plugin declared FASCIA_PLUGIN_CONCURRENT.
// The process dies with fasciad (PR_SET_PDEATHSIG) and exits at once when
// fasciad closes the socket, without waiting for calls still running and
// without destroying the plugin under them.
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "fascia/plugin/v1/plugin.pb.h"
#include "plugins/abi_call.h"
#include "plugins/frame.h"
#include "plugins/handshake.h"
#include "plugins/loader.h"
#include "plugins/worker_pool.h"

namespace fascia::plugins {
namespace {

constexpr size_t kMaxQueue = 1 << 16;

[[noreturn]] void Usage() {
  std::fprintf(stderr,
               "usage: fascia-plugin-host --fd=N --parent-pid=PID PLUGIN.so\n"
               "(started by fasciad for plugins in isolated mode)\n");
  _exit(2);
}

int Serve(int fd, const std::string& path) {
  absl::StatusOr<Frame> load = ReadFrame(fd, absl::InfiniteFuture());
  if (!load.ok() || load->type != FrameType::kLoad) return 1;
  pb::PluginConfig config;
  if (!config.ParseFromString(load->body)) return 1;
  std::map<std::string, std::string> settings(config.settings().begin(), config.settings().end());

  absl::StatusOr<std::unique_ptr<LoadedLibrary>> lib = LoadedLibrary::Open(path, settings);
  if (!lib.ok()) {
    Frame error;
    error.type = FrameType::kLoadError;
    error.aux = static_cast<uint32_t>(lib.status().code());
    error.body = std::string(lib.status().message());
    (void)WriteFrame(fd, error, absl::InfiniteFuture());
    return 0;
  }
  // Leaked on purpose, like pool and write_mu below: destroying it calls the
  // plugin's destroy(), and every return from here on may leave calls
  // running in workers that are never joined; the ABI forbids destroy()
  // while invoke() runs. The process _exits without destroying it instead.
  const LoadedLibrary& plugin = *lib->release();
  Frame ok;
  ok.type = FrameType::kLoadOk;
  ok.body = EncodeLoadOk(plugin.info(), plugin.descriptor());
  if (!WriteFrame(fd, ok, absl::InfiniteFuture()).ok()) return 1;

  // Leaked on purpose: at exit a call may still be running in a worker.
  auto* pool = new WorkerPool(plugin.info().concurrent ? ConcurrentPoolSize() : 1, kMaxQueue);
  auto* write_mu = new std::mutex;
  for (;;) {
    absl::StatusOr<Frame> frame = ReadFrame(fd, absl::InfiniteFuture());
    if (!frame.ok()) return 0;  // fasciad closed the socket (or is gone)
    if (frame->type != FrameType::kCall) return 1;
    auto call = std::make_shared<Frame>(std::move(*frame));
    const bool queued = pool->Submit([&plugin, fd, write_mu, call] {
      RawResult result = RawCall(plugin.table(), plugin.instance(), call->aux, call->body);
      Frame reply;
      reply.type = FrameType::kReply;
      reply.call_id = call->call_id;
      reply.aux = static_cast<uint32_t>(result.rc);
      reply.flags = (result.allocated ? kReplyAllocated : 0) | (result.refused ? kReplyRefused : 0);
      reply.body = std::move(result.bytes);
      std::lock_guard<std::mutex> lock(*write_mu);
      if (!WriteFrame(fd, reply, absl::InfiniteFuture()).ok()) _exit(0);
    });
    // Fail closed: fasciad sees the exit and fails the calls in flight.
    if (!queued) return 3;
  }
}

}  // namespace
}  // namespace fascia::plugins

int main(int argc, char** argv) {
  int fd = -1;
  long parent = -1;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (absl::StartsWith(arg, "--fd=")) {
      if (!absl::SimpleAtoi(arg.substr(5), &fd)) fascia::plugins::Usage();
    } else if (absl::StartsWith(arg, "--parent-pid=")) {
      if (!absl::SimpleAtoi(arg.substr(13), &parent)) fascia::plugins::Usage();
    } else if (path.empty() && !absl::StartsWith(arg, "--")) {
      path = arg;
    } else {
      fascia::plugins::Usage();
    }
  }
  if (fd < 0 || parent <= 0 || path.empty()) fascia::plugins::Usage();

  // Die with fasciad. The request only covers deaths from now on: if fasciad
  // already died, we have been re-parented and must go by ourselves.
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) return 1;
  if (getppid() != static_cast<pid_t>(parent)) return 1;
  // A write to a closed socket must be an error, not a silent death.
  signal(SIGPIPE, SIG_IGN);
  // fasciad's stop signal reaches its whole process group (systemd's stop,
  // Ctrl-C): the host must outlive it while fasciad drains the screenings
  // in flight. It ends with fasciad anyway (PDEATHSIG, or the socket's EOF).
  signal(SIGTERM, SIG_IGN);
  signal(SIGINT, SIG_IGN);

  const int rc = fascia::plugins::Serve(fd, path);
  // _exit: skip static destructors, which could race calls still running.
  std::fflush(stderr);
  _exit(rc);
}
