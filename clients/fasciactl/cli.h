// The whole command line, from argv to exit code: parse, show help, resolve
// the connection, run the command. main() is a one-line wrapper so that
// tests can run commands in-process with their own streams and environment.
//
//   std::ostringstream out, err;
//   int code = RunCli({"locations", "list", "--org", "demo"}, out, err, SystemEnv());
//
// Help goes to `out` with exit 0 when asked for (--help, -h, `help`), and to
// `err` with exit 2 when a resource or verb is missing or unknown.
#ifndef FASCIA_CLIENTS_FASCIACTL_CLI_H_
#define FASCIA_CLIENTS_FASCIACTL_CLI_H_

#include <ostream>
#include <string>
#include <vector>

#include "connection.h"

namespace fasciactl {

int RunCli(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err,
           const EnvFn& env);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_CLI_H_
