// See isolated_plugin.h. Locking: mu_ guards the connection's state, its
// table of pending calls and the restart schedule; a connection's write_mu
// serializes frames onto its socket.
//
// Restarts run on a thread of their own (restarter_), one at a time, and
// callers wait for one no longer than their call's deadline: a host can take
// up to start_timeout_ (StartTimeout, by default at least 5 s) to load, and
// the deadline on every call must hold while it does. Concurrent callers
// share the one restart.
//
// Only the reader thread of a connection reaps its process, and it marks the
// connection dead (under mu_) before reaping, so a kill() issued under mu_
// on a live connection can never hit a recycled pid.
//
// A connection becomes current_ before its reader starts, and its reader
// retires it when the process ends; so current_ is never a dead connection,
// even for a host that dies the instant it has loaded, and every death
// leads to a restart after backoff.
#include "plugins/isolated_plugin.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "plugins/abi_call.h"
#include "plugins/frame.h"
#include "plugins/handshake.h"
#include "plugins/process_launcher.h"

namespace fascia::plugins {
namespace {

constexpr absl::Duration kFirstBackoff = absl::Milliseconds(50);
constexpr absl::Duration kMaxBackoff = absl::Seconds(5);

std::atomic<void (*)(pid_t)> g_connected_hook{nullptr};

struct Pending {
  std::condition_variable cv;
  bool done = false;
  absl::Status status;  // non-OK: the process died before answering
  RawResult result;
};

// Kills and reaps a process no reader thread owns (failed handshakes).
void KillAndReap(pid_t pid) {
  kill(pid, SIGKILL);
  while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

struct IsolatedPlugin::Connection {
  pid_t pid = -1;
  int fd = -1;
  std::mutex write_mu;
  std::thread reader;
  // GUARDED_BY(IsolatedPlugin::mu_):
  bool dead = false;            // reaped (or about to be); never kill() it
  bool killed = false;          // we sent SIGKILL
  bool reader_done = false;     // the reader thread has finished
  std::string kill_reason;      // why we killed it
  std::map<uint64_t, std::shared_ptr<Pending>> pending;

  ~Connection() {
    if (fd >= 0) close(fd);
  }
};

IsolatedPlugin::IsolatedPlugin()
    : launcher_(std::make_unique<ProcessLauncher>()), backoff_(kFirstBackoff) {}

absl::StatusOr<std::unique_ptr<IsolatedPlugin>> IsolatedPlugin::Start(const PluginSpec& spec) {
  std::unique_ptr<IsolatedPlugin> plugin(new IsolatedPlugin());
  plugin->spec_ = spec;
  plugin->executable_ = spec.host_executable.empty() ? DefaultHostExecutable() : spec.host_executable;
  plugin->start_timeout_ = StartTimeout(spec);
  absl::StatusOr<std::shared_ptr<Connection>> conn =
      plugin->Connect(absl::Now() + plugin->start_timeout_);
  if (!conn.ok()) return conn.status();
  return plugin;
}

void IsolatedPlugin::SetConnectedHookForTesting(void (*hook)(pid_t)) {
  g_connected_hook.store(hook);
}

IsolatedPlugin::~IsolatedPlugin() {
  std::vector<std::shared_ptr<Connection>> all;
  std::thread restarter;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
    restarter = std::move(restarter_);
  }
  // A restart in progress finishes its load (bounded by start_timeout_) and,
  // seeing closing_, kills what it started.
  if (restarter.joinable()) restarter.join();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (current_ != nullptr) {
      KillLocked(*current_, "plugin unloaded");
      RetireLocked(current_);
    }
    all = retired_;
    retired_.clear();
  }
  for (auto& conn : all) {
    if (conn->reader.joinable()) conn->reader.join();
  }
}

absl::StatusOr<std::shared_ptr<IsolatedPlugin::Connection>> IsolatedPlugin::Connect(
    absl::Time deadline) {
  absl::StatusOr<HostProcess> process = launcher_->Spawn(executable_, spec_.path);
  if (!process.ok()) {
    return absl::UnavailableError(absl::StrCat("plugin ", spec_.path, ": ", process.status().message()));
  }
  auto conn = std::make_shared<Connection>();
  conn->pid = process->pid;
  conn->fd = process->fd;
  const std::string who = absl::StrCat("plugin ", spec_.path);

  pb::PluginConfig config;
  config.mutable_settings()->insert(spec_.settings.begin(), spec_.settings.end());
  Frame load;
  load.type = FrameType::kLoad;
  load.body = config.SerializeAsString();
  absl::Status sent = WriteFrame(conn->fd, load, deadline);
  absl::StatusOr<Frame> reply = sent.ok() ? ReadFrame(conn->fd, deadline) : absl::StatusOr<Frame>(sent);
  // Any outcome but kLoadOk ends this process; reap it before judging, so
  // that an exit is described by how it ended.
  if (!reply.ok() || reply->type != FrameType::kLoadOk) {
    // SIGKILL does not alter the status of a process that already exited
    // or is exiting (e.g. after a crash in create()).
    const bool exited_on_its_own = !reply.ok() && absl::IsUnavailable(reply.status());
    kill(conn->pid, SIGKILL);
    int wait_status = 0;
    pid_t r;
    while ((r = waitpid(conn->pid, &wait_status, 0)) < 0 && errno == EINTR) {
    }
    if (reply.ok() && reply->type == FrameType::kLoadError) {
      // The loader's own message, e.g. "plugin /x.so: ABI major 2, host speaks 1".
      const auto code = static_cast<absl::StatusCode>(reply->aux);
      return absl::Status(code == absl::StatusCode::kOk ? absl::StatusCode::kInternal : code,
                          reply->body);
    }
    if (reply.ok()) return absl::DataLossError(absl::StrCat(who, ": plugin host sent an unexpected frame while loading"));
    if (absl::IsDeadlineExceeded(reply.status())) {
      return absl::DeadlineExceededError(absl::StrCat(
          who, ": plugin host did not finish loading within ", absl::FormatDuration(start_timeout_)));
    }
    if (exited_on_its_own && r == conn->pid) {
      return absl::UnavailableError(
          absl::StrCat(who, ": plugin host ", DescribeWaitStatus(wait_status), " while loading"));
    }
    return absl::UnavailableError(
        absl::StrCat(who, ": plugin host failed while loading: ", reply.status().message()));
  }
  absl::StatusOr<LoadOk> loaded = DecodeLoadOk(reply->body);
  if (!loaded.ok()) {
    KillAndReap(conn->pid);
    return absl::DataLossError(absl::StrCat(who, ": ", loaded.status().message()));
  }

  std::string descriptor_bytes = loaded->descriptor.SerializeAsString();
  if (!loaded_once_) {
    loaded_once_ = true;
    info_ = loaded->info;
    info_.mode = Mode::kIsolated;
    info_.path = spec_.path;
    // Set before the first reader thread starts, never changed after, so
    // every thread may read it without mu_.
    who_ = absl::StrCat("plugin ", info_.plugin_id);
    descriptor_ = std::move(loaded->descriptor);
    descriptor_bytes_ = std::move(descriptor_bytes);
  } else if (loaded->info.plugin_id != info_.plugin_id || loaded->info.version != info_.version ||
             loaded->info.abi_major != info_.abi_major ||
             loaded->info.abi_minor != info_.abi_minor ||
             loaded->info.concurrent != info_.concurrent || descriptor_bytes != descriptor_bytes_) {
    // The .so changed on disk since fasciad validated it: refuse to serve
    // forms and rules fasciad has not seen.
    KillAndReap(conn->pid);
    return absl::FailedPreconditionError(absl::StrCat(
        who, ": restarted host loaded ", loaded->info.plugin_id, " ", loaded->info.version,
        ", expected ", info_.plugin_id, " ", info_.version, " with the same Descriptor"));
  }
  {
    // Current before the reader can run: a host that dies at once must find
    // itself current, or its reader would not retire it and callers would be
    // handed a dead connection for good.
    std::lock_guard<std::mutex> lock(mu_);
    current_ = conn;
    conn->reader = std::thread(&IsolatedPlugin::ReadReplies, this, conn);
  }
  if (auto hook = g_connected_hook.load()) hook(conn->pid);
  return conn;
}

absl::StatusOr<std::shared_ptr<IsolatedPlugin::Connection>> IsolatedPlugin::Acquire(
    absl::Time deadline) {
  std::thread finished_restarter;
  std::unique_lock<std::mutex> lock(mu_);
  if (current_ == nullptr && !restarting_ && !closing_) {
    const absl::Time now = absl::Now();
    if (now < next_start_) {
      return absl::UnavailableError(absl::StrCat(
          who_, ": host process down (", last_failure_, "); restart in ",
          absl::FormatDuration(absl::Ceil(next_start_ - now, absl::Milliseconds(1)))));
    }
    restarting_ = true;
    // The previous restart's thread has done its work (restarting_ was
    // false); it is joined outside the lock it may still be releasing.
    finished_restarter = std::move(restarter_);
    restarter_ = std::thread(&IsolatedPlugin::Restart, this);
  }
  if (finished_restarter.joinable()) {
    lock.unlock();
    finished_restarter.join();
    lock.lock();
  }
  const auto steady_deadline =
      std::chrono::steady_clock::now() + absl::ToChronoNanoseconds(deadline - absl::Now());
  restart_done_.wait_until(lock, steady_deadline,
                           [&] { return current_ != nullptr || !restarting_ || closing_; });
  if (closing_) return absl::UnavailableError(absl::StrCat(who_, ": unloading"));
  // Possibly dead and retired already: Invoke then fails UNAVAILABLE.
  if (current_ != nullptr) return current_;
  if (restarting_) {
    return absl::DeadlineExceededError(
        absl::StrCat(who_, ": host process restarting, not ready within the call's deadline"));
  }
  return absl::UnavailableError(absl::StrCat(who_, ": restart failed: ", last_failure_));
}

void IsolatedPlugin::Restart() {
  JoinFinishedReaders();
  absl::StatusOr<std::shared_ptr<Connection>> conn = Connect(absl::Now() + start_timeout_);
  std::lock_guard<std::mutex> lock(mu_);
  restarting_ = false;
  restart_done_.notify_all();
  if (!conn.ok()) {
    last_failure_ = std::string(conn.status().message());
    next_start_ = absl::Now() + backoff_;
    backoff_ = std::min(backoff_ * 2, kMaxBackoff);
    Log(LogLevel::kError, "plugin_restart_failed",
        {{"plugin", info_.plugin_id}, {"reason", conn.status().message()}});
    return;
  }
  restarts_.fetch_add(1);
  Log(LogLevel::kInfo, "plugin_host_restarted", {{"plugin", info_.plugin_id}},
      {{"pid", (*conn)->pid}, {"restarts", restarts_.load()}});
  if (closing_ && current_ == *conn) {
    KillLocked(**conn, "plugin unloaded");
    RetireLocked(*conn);
  }
}

void IsolatedPlugin::JoinFinishedReaders() {
  std::vector<std::shared_ptr<Connection>> finished;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = std::partition(retired_.begin(), retired_.end(),
                             [](const std::shared_ptr<Connection>& c) { return !c->reader_done; });
    finished.assign(it, retired_.end());
    retired_.erase(it, retired_.end());
  }
  for (auto& conn : finished) {
    if (conn->reader.joinable()) conn->reader.join();
  }
}

void IsolatedPlugin::KillLocked(Connection& conn, const std::string& reason) {
  if (conn.dead || conn.killed) return;
  conn.killed = true;
  conn.kill_reason = reason;
  kill(conn.pid, SIGKILL);
}

void IsolatedPlugin::RetireLocked(std::shared_ptr<Connection> conn) {  // by value: callers pass current_
  if (current_ != conn) return;
  current_ = nullptr;
  retired_.push_back(conn);
  next_start_ = absl::Now() + backoff_;
  backoff_ = std::min(backoff_ * 2, kMaxBackoff);
}

void IsolatedPlugin::ReadReplies(std::shared_ptr<Connection> conn) {
  absl::Status ended;
  for (;;) {
    absl::StatusOr<Frame> frame = ReadFrame(conn->fd, absl::InfiniteFuture());
    if (!frame.ok()) {
      ended = frame.status();
      break;
    }
    if (frame->type != FrameType::kReply) {
      ended = absl::DataLossError("unexpected frame from the plugin host");
      break;
    }
    std::lock_guard<std::mutex> lock(mu_);
    auto it = conn->pending.find(frame->call_id);
    if (it == conn->pending.end()) continue;  // its caller gave up
    Pending& p = *it->second;
    p.result.rc = static_cast<int32_t>(frame->aux);
    p.result.allocated = (frame->flags & kReplyAllocated) != 0;
    p.result.refused = (frame->flags & kReplyRefused) != 0;
    p.result.bytes = std::move(frame->body);
    p.done = true;
    p.cv.notify_one();
    conn->pending.erase(it);
  }

  // The process is gone or broke the protocol. Make sure it is dead, wait
  // for it WITHOUT reaping, mark the connection dead, and only then reap:
  // no kill() can reach a recycled pid.
  kill(conn->pid, SIGKILL);
  siginfo_t info;
  while (waitid(P_PID, conn->pid, &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
  }
  std::lock_guard<std::mutex> lock(mu_);
  conn->dead = true;
  int wait_status = 0;
  const bool reaped = waitpid(conn->pid, &wait_status, WNOHANG) == conn->pid;
  std::string reason;
  if (conn->killed) {
    reason = conn->kill_reason;
  } else if (absl::IsDataLoss(ended)) {
    reason = absl::StrCat("host process broke the protocol (", ended.message(), ")");
  } else if (reaped) {
    reason = absl::StrCat("host process ", DescribeWaitStatus(wait_status));
  } else {
    reason = "host process exited";
  }
  for (auto& [id, p] : conn->pending) {
    p->status = absl::UnavailableError(absl::StrCat(who_, ": ", reason));
    p->done = true;
    p->cv.notify_one();
  }
  conn->pending.clear();
  if (current_ == conn) {
    last_failure_ = reason;
    RetireLocked(conn);
  }
  if (!closing_ && !conn->killed) {
    Log(LogLevel::kError, "plugin_host_died", {{"plugin", info_.plugin_id}, {"reason", reason}},
        {{"pid", conn->pid}});
  }
  conn->reader_done = true;
}

bool IsolatedPlugin::healthy() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_ != nullptr;
}

pid_t IsolatedPlugin::host_pid() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_ != nullptr ? current_->pid : -1;
}

absl::StatusOr<std::string> IsolatedPlugin::Invoke(uint32_t method, const std::string& request) {
  RETURN_IF_ERROR(CheckRequestSize(request, who_));
  // One deadline for the whole call, a restart it waits for included.
  const absl::Time deadline = absl::Now() + spec_.call_timeout;
  const auto steady_deadline =
      std::chrono::steady_clock::now() + absl::ToChronoNanoseconds(spec_.call_timeout);
  absl::StatusOr<std::shared_ptr<Connection>> acquired = Acquire(deadline);
  if (!acquired.ok()) return acquired.status();
  std::shared_ptr<Connection> conn = std::move(*acquired);
  const uint64_t id = next_call_id_.fetch_add(1);
  auto pending = std::make_shared<Pending>();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (conn->dead || conn->killed) {
      return absl::UnavailableError(absl::StrCat(who_, ": host process down"));
    }
    conn->pending.emplace(id, pending);
  }

  Frame call;
  call.type = FrameType::kCall;
  call.aux = method;
  call.call_id = id;
  call.body = request;
  absl::Status sent;
  {
    std::lock_guard<std::mutex> lock(conn->write_mu);
    sent = WriteFrame(conn->fd, call, deadline);
  }
  std::unique_lock<std::mutex> lock(mu_);
  if (!sent.ok() && !pending->done) {
    // A half-written frame corrupts the stream; a full socket means the host
    // stopped reading. Either way this process is finished.
    conn->pending.erase(id);
    KillLocked(*conn, absl::StrCat("killed after a failed send: ", sent.message()));
    RetireLocked(conn);
    return absl::UnavailableError(absl::StrCat(who_, ": cannot send to host process: ", sent.message()));
  }
  if (!pending->cv.wait_until(lock, steady_deadline, [&] { return pending->done; })) {
    conn->pending.erase(id);
    KillLocked(*conn, absl::StrCat("host process killed after a ", MethodName(method),
                                   " call missed its deadline"));
    last_failure_ = conn->kill_reason;
    RetireLocked(conn);
    lock.unlock();
    Log(LogLevel::kWarning, "plugin_deadline_exceeded",
        {{"plugin", info_.plugin_id}, {"method", MethodName(method)}, {"mode", "isolated"}},
        {{"timeout_ms", absl::ToInt64Milliseconds(spec_.call_timeout)}});
    return absl::DeadlineExceededError(absl::StrCat(who_, ": no ", MethodName(method),
                                                    " answer within ",
                                                    absl::FormatDuration(spec_.call_timeout)));
  }
  if (!pending->status.ok()) return pending->status;
  backoff_ = kFirstBackoff;  // this process works: the next failure starts afresh
  lock.unlock();
  return InterpretResult(std::move(pending->result), who_);
}

}  // namespace fascia::plugins
