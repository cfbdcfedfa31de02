// ProbeAbi: see abi_probe.h. The child writes one record per check to a
// pipe, "P<TAB>name<TAB>detail\n" or "F<TAB>...", and exits; the parent turns
// the records into CheckResults and adds a failure if the child died early.
#include "abi_probe.h"

#include <dlfcn.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "fascia_plugin.h"
#include "plugins/loader.h"

namespace fascia::plugin_check {
namespace {

bool ValidPluginId(const char* id) {
  if (id == nullptr || *id == '\0') return false;
  for (const char* c = id; *c != '\0'; ++c) {
    const bool ok = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-';
    if (!ok) return false;
  }
  return true;
}

// Why `table` (from entry(major, minor)) is not a table serving that host;
// empty when it is.
std::string TableProblem(const fascia_plugin_table* table, uint32_t major, uint32_t minor) {
  if (table == nullptr) return "entry returned NULL";
  // ABI 1.0's table ends at invoke. A later minor may add fields after it,
  // and this header's sizeof with them; a 1.0 plugin stays valid, as the
  // loader (server/plugins/loader.cc) accepts it.
  constexpr size_t kTable10End = offsetof(fascia_plugin_table, invoke) + sizeof(void*);
  if (table->struct_size < kTable10End) {
    return absl::StrCat("struct_size ", table->struct_size, " < ", kTable10End);
  }
  if (table->abi_major != major) return absl::StrCat("abi_major ", table->abi_major, " != ", major);
  if (table->abi_minor > minor) return absl::StrCat("abi_minor ", table->abi_minor, " > ", minor);
  if (!ValidPluginId(table->plugin_id)) return "plugin_id is not [a-z0-9_-]+";
  if (table->plugin_version == nullptr || *table->plugin_version == '\0')
    return "no plugin_version";
  if (table->create == nullptr || table->destroy == nullptr || table->invoke == nullptr) {
    return "a table function is NULL";
  }
  return "";
}

// Runs in the child: every check, one record each, then _exit.
void ChildProbe(const std::string& path, int fd) {
  auto record = [fd](bool passed, const std::string& name, const std::string& detail) {
    const std::string line = absl::StrCat(passed ? "P\t" : "F\t", name, "\t", detail, "\n");
    (void)!write(fd, line.data(), line.size());
  };
  void* handle = dlopen(plugins::DlopenPath(path).c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    record(false, "abi[host]", absl::StrCat("dlopen failed: ", why ? why : "unknown"));
    return;
  }
  auto entry = reinterpret_cast<fascia_plugin_entry_fn>(dlsym(handle, FASCIA_PLUGIN_ENTRY_SYMBOL));
  if (entry == nullptr) {
    record(false, "abi[host]", "no " FASCIA_PLUGIN_ENTRY_SYMBOL " symbol");
    return;
  }
  const uint32_t major = FASCIA_PLUGIN_ABI_MAJOR;
  const uint32_t minor = FASCIA_PLUGIN_ABI_MINOR;

  // The foreign major first: a plugin must answer it without side effects
  // that would spoil the real negotiation that follows.
  const fascia_plugin_table* next = entry(major + 1, 0);
  if (next != nullptr && next->abi_major == major + 1) {
    record(false, "abi[next-major]", absl::StrCat("claims to serve ABI major ", major + 1));
  } else {
    record(true, "abi[next-major]", next == nullptr ? "refused (NULL)" : "table of another major");
  }

  const std::string newer = TableProblem(entry(major, minor + 1), major, minor + 1);
  record(newer.empty(), "abi[newer-minor]", newer);

  const fascia_plugin_table* table = entry(major, minor);
  const std::string problem = TableProblem(table, major, minor);
  record(problem.empty(), "abi[host]",
         problem.empty() ? absl::StrCat("plugin ", table->plugin_id, " ", table->plugin_version,
                                        ", ABI ", table->abi_major, ".", table->abi_minor)
                         : problem);
}

}  // namespace

std::vector<CheckResult> ProbeAbi(const std::string& path, absl::Duration timeout) {
  int fds[2];
  if (pipe(fds) != 0) return {Fail("abi[host]", absl::StrCat("pipe: ", std::strerror(errno)))};
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return {Fail("abi[host]", absl::StrCat("fork: ", std::strerror(errno)))};
  }
  if (pid == 0) {
    close(fds[0]);
    ChildProbe(path, fds[1]);
    _exit(0);  // no static destructors of the parent's state in the child
  }
  close(fds[1]);

  std::string out;
  const absl::Time deadline = absl::Now() + timeout;
  bool timed_out = false;
  for (;;) {
    const int64_t left = absl::ToInt64Milliseconds(deadline - absl::Now());
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;  // re-evaluates the deadline
    char buffer[4096];
    const ssize_t n = read(fds[0], buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF: the child is done (or dead)
    out.append(buffer, static_cast<size_t>(n));
  }
  close(fds[0]);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }

  std::vector<CheckResult> results;
  for (absl::string_view line : absl::StrSplit(out, '\n', absl::SkipEmpty())) {
    std::vector<std::string> parts = absl::StrSplit(line, absl::MaxSplits('\t', 2));
    if (parts.size() != 3) continue;
    results.push_back({parts[1], parts[0] == "P", parts[2]});
  }
  if (timed_out) {
    results.push_back(Fail(
        "abi[host]", absl::StrCat("probe did not finish within ", absl::FormatDuration(timeout))));
  } else if (WIFSIGNALED(status)) {
    results.push_back(
        Fail("abi[host]", absl::StrCat("probe process died of signal ", WTERMSIG(status), " (",
                                       strsignal(WTERMSIG(status)), ")")));
  } else if (results.empty()) {
    results.push_back(Fail("abi[host]", "probe reported nothing"));
  }
  return results;
}

}  // namespace fascia::plugin_check
