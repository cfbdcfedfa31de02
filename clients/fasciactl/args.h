// Command-line parsing for `fasciactl <resource> <verb> [args] [flags]`.
//
// Why hand-written rather than absl flags: absl flags are process-global and
// flat, while fasciactl's flags depend on the command (`--reason` exists for
// `appointments cancel`, not for `rooms list`), and a flag a command does not
// know must be a usage error that names the command.
//
//   CommandLine line;
//   absl::Status s = ParseCommandLine(argv, FlagsFor, &line);
//   // line.words == {"locations", "create"}, line.args.Get("time-zone") ...
//
// Syntax: `--name value`, `--name=value`, `-o value`, `-ovalue`; a switch is
// `--insecure` or `--insecure=false`; `--` ends flags; `-h`/`--help` anywhere
// sets `help`. A flag not declared `repeated` may be given once.
#ifndef FASCIA_CLIENTS_FASCIACTL_ARGS_H_
#define FASCIA_CLIENTS_FASCIACTL_ARGS_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace fasciactl {

// One flag a command accepts.
struct FlagSpec {
  std::string name;        // long name without dashes, e.g. "display-name"
  std::string value_name;  // e.g. "NAME"; empty for a switch (no value)
  std::string help;
  bool repeated = false;  // may be given more than once (values accumulate)
  char short_name = 0;    // e.g. 'o' for -o; 0 for none

  bool IsSwitch() const { return value_name.empty(); }
};

// The flag values and positional arguments of one command line.
class ParsedArgs {
 public:
  bool Has(const std::string& flag) const { return values_.count(flag) > 0; }
  // The value of `flag`, or nullopt when it was not given.
  std::optional<std::string> Find(const std::string& flag) const;
  // The (last) value of `flag`, or `fallback` when it was not given.
  std::string Get(const std::string& flag, const std::string& fallback = "") const;
  // Every value of a repeated flag, in order.
  std::vector<std::string> GetAll(const std::string& flag) const;
  // Every value, each also split at commas, trimmed, empties dropped:
  // `--features a,b --features c` -> {a, b, c}.
  std::vector<std::string> GetList(const std::string& flag) const;
  // A switch: true when given as --flag or --flag=true.
  bool GetBool(const std::string& flag) const;

  const std::vector<std::string>& positionals() const { return positionals_; }

  void Add(const std::string& flag, const std::string& value) { values_[flag].push_back(value); }
  void AddPositional(const std::string& value) { positionals_.push_back(value); }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positionals_;
};

struct CommandLine {
  // Leading words: resource, verb; later positionals go to args.positionals().
  std::vector<std::string> words;
  ParsedArgs args;
  bool help = false;
};

// Returns the flags known once the leading words so far are `words` (global
// flags, plus the command's own once resource and verb are known), and how
// many leading words the command line has before positionals start (2 for
// `<resource> <verb>`, 1 for a bare resource).
struct FlagScope {
  std::vector<FlagSpec> flags;
  size_t command_words = 2;
};
using FlagScopeFn = std::function<FlagScope(const std::vector<std::string>& words)>;

// Parses `argv` (without the program name) into `out`. An unknown flag, a
// missing value, a non-repeated flag given twice or a bad switch value is an
// InvalidArgumentError whose message names the flag.
absl::Status ParseCommandLine(const std::vector<std::string>& argv, const FlagScopeFn& scope,
                              CommandLine* out);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_ARGS_H_
