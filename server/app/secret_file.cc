// See secret_file.h. The checks run on the opened descriptor (fstat), not on
// the path, so the file that is checked is the file that is read.
#include "app/secret_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "absl/cleanup/cleanup.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace fascia::app {

absl::StatusOr<std::string> ReadSecretFile(const std::string& path) {
  // O_NONBLOCK: a FIFO planted at the path must not hang start-up in open();
  // it is refused below as not a regular file.
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return absl::ErrnoToStatus(errno, absl::StrCat("cannot open ", path));
  absl::Cleanup closer = [fd] { close(fd); };
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    return absl::ErrnoToStatus(errno, absl::StrCat("cannot stat ", path));
  }
  if (!S_ISREG(st.st_mode)) {
    return absl::FailedPreconditionError(absl::StrCat(path, " is not a regular file"));
  }
  if ((st.st_mode & 0007) != 0) {
    char mode[8];
    snprintf(mode, sizeof(mode), "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return absl::FailedPreconditionError(absl::StrCat(
        path, " is readable or writable by other users (mode ", mode, "); chmod o-rwx it"));
  }

  std::string content;
  char buf[1024];
  for (;;) {
    const ssize_t n = read(fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return absl::ErrnoToStatus(errno, absl::StrCat("cannot read ", path));
    if (n == 0) break;
    content.append(buf, static_cast<size_t>(n));
    // One byte past the limit is enough to know, whatever the file's size.
    if (content.size() > kMaxSecretBytes + 1) break;
  }
  if (!content.empty() && content.back() == '\n') content.pop_back();
  if (content.size() > kMaxSecretBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, " is larger than ", kMaxSecretBytes, " bytes"));
  }
  if (content.empty()) return absl::InvalidArgumentError(absl::StrCat(path, " is empty"));
  if (content.find('\0') != std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(path, " holds a NUL byte"));
  }
  return content;
}

}  // namespace fascia::app
