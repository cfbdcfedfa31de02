// Reading a secret (the PostgreSQL password) from a file that fasciad's
// configuration names, so that the secret itself never sits in the config,
// on a command line (/proc/<pid>/cmdline, `ps`) or in an environment
// variable (which child processes inherit).
//
//   absl::StatusOr<std::string> password = ReadSecretFile("/run/secrets/pg");
//
// Contract:
// - The path must name a regular file; a symlink to one is followed, because
//   Kubernetes mounts secret volumes through symlinks.
// - "Other" may neither read nor write it (mode & 0007 == 0). Group read is
//   allowed on purpose: Kubernetes (with fsGroup) and compose-style secret
//   mounts hand a non-root server its secret as 0440 or 0640 for a group it is
//   in, and a group whose members may read the file is a choice the operator
//   made, unlike a world-readable file.
// - The content less ONE trailing "\n" is the secret (an editor's or
//   `echo`'s final newline is not part of a password; any other whitespace
//   is). It must not be empty, hold a NUL byte, or exceed kMaxSecretBytes.
// - Errors name the path and the problem, never any of the content.
// - Reads the file once, with no state kept; thread-safe.
#ifndef FASCIA_APP_SECRET_FILE_H_
#define FASCIA_APP_SECRET_FILE_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"

namespace fascia::app {

// Far above any real password; a larger file is most likely the wrong one.
inline constexpr size_t kMaxSecretBytes = 4096;

// NOT_FOUND (or the errno's code) if the file cannot be opened;
// FAILED_PRECONDITION if it is not a regular file or "other" may access it;
// INVALID_ARGUMENT if its content is empty, holds a NUL or is too large.
absl::StatusOr<std::string> ReadSecretFile(const std::string& path);

}  // namespace fascia::app

#endif  // FASCIA_APP_SECRET_FILE_H_
