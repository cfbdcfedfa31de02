// The command model: resource groups ("locations") holding commands
// ("create"), each with its flags, help text and a function that runs it;
// plus the registry main() dispatches through and the help renderer.
//
// Each cmd_*.cc file adds its groups in a Register*Commands(Registry&)
// function (listed in commands.h); main() calls them all. Help is generated
// from the same data the parser uses, so `--help` cannot drift from what is
// accepted.
//
// Thread-compatible.
#ifndef FASCIA_CLIENTS_FASCIACTL_COMMAND_H_
#define FASCIA_CLIENTS_FASCIACTL_COMMAND_H_

#include <functional>
#include <string>
#include <vector>

#include "args.h"

namespace fasciactl {

class Invocation;

struct Command {
  // One word ("create"), or two for a sub-resource ("health get": typed as
  // `fasciactl clients health get ...`).
  std::string verb;
  std::string summary;    // one line, shown in the group's help
  std::string arguments;  // synopsis after the verb, e.g. "ID|NAME"
  size_t min_args = 0;    // positional arguments accepted
  size_t max_args = 0;
  std::vector<FlagSpec> flags;  // the command's own flags (globals come on top)
  std::string details;          // paragraphs for `--help`
  std::vector<std::string> examples;
  bool uses_server = true;              // false: runs without a connection (config ...)
  std::function<int(Invocation&)> run;  // returns the exit code
};

struct ResourceGroup {
  std::string name;                  // "locations"
  std::vector<std::string> aliases;  // "location", "loc"
  std::string summary;
  std::string details;
  std::vector<Command> commands;

  const Command* Find(const std::string& verb) const;
  // True when `word` starts two-word verbs ("health" for "health get").
  bool HasVerbGroup(const std::string& word) const;
  // The command the leading words name (after the group's name), or nullptr.
  const Command* FindWords(const std::vector<std::string>& words) const;
};

class Registry {
 public:
  void Add(ResourceGroup group) { groups_.push_back(std::move(group)); }
  // By name or alias; nullptr if none.
  const ResourceGroup* Find(const std::string& name) const;
  const std::vector<ResourceGroup>& groups() const { return groups_; }

 private:
  std::vector<ResourceGroup> groups_;
};

// Flags every command accepts (connection, output, timeout).
const std::vector<FlagSpec>& GlobalFlags();

std::string TopHelp(const Registry& registry);
std::string GroupHelp(const ResourceGroup& group);
std::string CommandHelp(const ResourceGroup& group, const Command& command);
// "fasciactl locations create [ID] [flags]"
std::string UsageLine(const ResourceGroup& group, const Command& command);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_COMMAND_H_
