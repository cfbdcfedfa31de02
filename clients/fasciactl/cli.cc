// See cli.h.
#include "cli.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "commands.h"
#include "errors.h"
#include "invocation.h"
#include "output.h"
#include "rpc.h"

namespace fasciactl {

int RunCli(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err,
           const EnvFn& env) {
  Registry registry;
  RegisterAllCommands(registry);

  auto command_of = [&registry](const std::vector<std::string>& words) -> const Command* {
    const ResourceGroup* group = words.empty() ? nullptr : registry.Find(words[0]);
    return group != nullptr && words.size() >= 2
               ? group->FindWords({words.begin() + 1, words.end()})
               : nullptr;
  };
  // `clients health get`: a two-word verb makes three leading words.
  auto has_verb_group = [&registry](const std::vector<std::string>& words) {
    const ResourceGroup* group = words.empty() ? nullptr : registry.Find(words[0]);
    return group != nullptr && words.size() >= 2 && group->HasVerbGroup(words[1]);
  };
  FlagScopeFn scope = [&](const std::vector<std::string>& words) {
    FlagScope s;
    s.flags = GlobalFlags();
    if (has_verb_group(words)) s.command_words = 3;
    if (const Command* c = command_of(words))
      s.flags.insert(s.flags.end(), c->flags.begin(), c->flags.end());
    return s;
  };
  CommandLine line;
  const absl::Status parsed = ParseCommandLine(argv, scope, &line);

  const ResourceGroup* group = line.words.empty() ? nullptr : registry.Find(line.words[0]);
  const Command* command = command_of(line.words);
  if (!parsed.ok()) {
    err << "Error: " << parsed.message() << "\n";
    if (command != nullptr) {
      err << "Usage: " << UsageLine(*group, *command) << "\n"
          << "Run 'fasciactl " << group->name << " " << command->verb
          << " --help' for the flags.\n";
    } else {
      err << "Usage: fasciactl <resource> <verb> [flags]; run 'fasciactl --help'.\n";
    }
    return kExitUsage;
  }
  if (line.words.empty()) {
    (line.help ? out : err) << TopHelp(registry);
    return line.help ? kExitOk : kExitUsage;
  }
  if (group == nullptr) {
    err << "Error: unknown resource \"" << line.words[0] << "\"\n\n" << TopHelp(registry);
    return kExitUsage;
  }
  if (line.words.size() == 1) {
    if (line.help) {
      out << GroupHelp(*group);
      return kExitOk;
    }
    err << "Error: " << group->name << " needs a verb\n\n" << GroupHelp(*group);
    return kExitUsage;
  }
  if (command == nullptr && line.words.size() == 2 && has_verb_group(line.words)) {
    if (line.help) {
      out << GroupHelp(*group);
      return kExitOk;
    }
    err << "Error: " << group->name << " " << line.words[1] << " needs a verb\n\n"
        << GroupHelp(*group);
    return kExitUsage;
  }
  if (command == nullptr) {
    err << "Error: unknown verb \"" << absl::StrJoin(line.words.begin() + 1, line.words.end(), " ")
        << "\" for " << group->name << "\n\n"
        << GroupHelp(*group);
    return kExitUsage;
  }
  if (line.help) {
    out << CommandHelp(*group, *command);
    return kExitOk;
  }

  auto usage = [&](const std::string& message) {
    err << "Error: " << message << "\nUsage: " << UsageLine(*group, *command) << "\n"
        << "Run 'fasciactl " << group->name << " " << command->verb << " --help' for more.\n";
    return kExitUsage;
  };
  const size_t positionals = line.args.positionals().size();
  if (positionals < command->min_args) {
    return usage(command->arguments.empty()
                     ? "missing argument"
                     : absl::StrCat("missing argument ", command->arguments));
  }
  if (positionals > command->max_args) {
    return usage(
        absl::StrCat("unexpected argument \"", line.args.positionals()[command->max_args], "\""));
  }
  absl::StatusOr<Format> format = ParseFormat(line.args.Get("output"));
  if (!format.ok()) return usage(std::string(format.status().message()));

  ConnectionSettings settings;
  std::unique_ptr<ApiClient> api;
  if (command->uses_server) {
    absl::StatusOr<ConnectionSettings> resolved = ResolveSettings(line.args, env);
    if (!resolved.ok()) return usage(std::string(resolved.status().message()));
    settings = *resolved;
    absl::StatusOr<Connection> connection = Connect(settings);
    if (!connection.ok()) return usage(std::string(connection.status().message()));
    if (!connection->bearer_token.empty() && !connection->tls && !IsLoopback(settings.server)) {
      err << "Warning: sending the API key in plaintext to " << settings.server
          << " (--insecure); use TLS (--ca) outside a trusted network.\n";
    }
    api = std::make_unique<ApiClient>(std::move(*connection), settings.timeout);
  }
  Invocation inv(*group, *command, line.args, settings, std::move(api), *format, out, err);
  return command->run(inv);
}

}  // namespace fasciactl
