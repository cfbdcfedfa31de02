// fasciactl: the admin CLI of Fascia. `fasciactl --help` lists the resources;
// cli.h runs the command line, commands.h lists the command groups.
#include <iostream>
#include <string>
#include <vector>

#include "cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> args(argv + 1, argv + argc);
  const int code = fasciactl::RunCli(args, std::cout, std::cerr, fasciactl::SystemEnv());
  std::cout.flush();
  return code;
}
