// `fasciactl config ...`: the contexts in the config file (see connection.h
// for the format and precedence). These commands only touch the file; they
// never connect.
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "commands.h"
#include "connection.h"
#include "invocation.h"

namespace fasciactl {

namespace {

std::string Path(const Invocation& inv) { return ConfigPath(inv.args(), SystemEnv()); }

// Loads the file or reports why not (exit 2).
bool Load(Invocation& inv, ConfigFile* config) {
  absl::StatusOr<ConfigFile> loaded = LoadConfig(Path(inv));
  if (!loaded.ok()) {
    inv.Fail(loaded.status());
    return false;
  }
  *config = std::move(*loaded);
  return true;
}

int Save(Invocation& inv, const ConfigFile& config) {
  absl::Status s = SaveConfig(Path(inv), config);
  return s.ok() ? kExitOk : inv.Fail(s);
}

std::string Transport(const Context& c) {
  std::string out = !c.cert.empty() ? "mtls"
                    : !c.ca.empty() ? "tls"
                    : c.insecure    ? "insecure"
                    : IsLoopback(c.server.empty() ? kDefaultServer : c.server)
                        ? "plaintext (loopback)"
                        : "tls (system roots)";
  if (!c.api_key_file.empty()) absl::StrAppend(&out, " + api key");
  return out;
}

int RunSetContext(Invocation& inv) {
  ConfigFile config;
  if (!Load(inv, &config)) return inv.exit_code();
  const std::string name = inv.Arg(0);
  const bool is_new = config.contexts.count(name) == 0;
  Context& c = config.contexts[name];
  const ParsedArgs& a = inv.args();
  // Only the flags given change; "" clears a setting.
  if (a.Has("server")) c.server = a.Get("server");
  for (auto [flag, field] :
       {std::make_pair("ca", &c.ca), std::make_pair("cert", &c.cert), std::make_pair("key", &c.key),
        std::make_pair("api-key-file", &c.api_key_file)}) {
    if (a.Has(flag)) *field = AbsolutePath(a.Get(flag));  // relative to where the command ran
  }
  if (a.Has("org")) c.organization = a.Get("org");
  if (a.Has("insecure")) c.insecure = a.GetBool("insecure");
  if (c.cert.empty() != c.key.empty()) {
    return inv.UsageError("--cert and --key go together");
  }
  if (a.GetBool("use") || config.current_context.empty()) config.current_context = name;
  if (int code = Save(inv, config); code != kExitOk) return code;
  inv.err() << "Context \"" << name << "\" " << (is_new ? "created" : "updated") << " in "
            << Path(inv) << (config.current_context == name ? " (current)" : "") << ".\n";
  return kExitOk;
}

int RunUseContext(Invocation& inv) {
  ConfigFile config;
  if (!Load(inv, &config)) return inv.exit_code();
  const std::string name = inv.Arg(0);
  if (config.contexts.count(name) == 0) {
    return inv.UsageError(absl::StrCat("no context \"", name, "\" in ", Path(inv)));
  }
  config.current_context = name;
  if (int code = Save(inv, config); code != kExitOk) return code;
  inv.err() << "Switched to context \"" << name << "\".\n";
  return kExitOk;
}

int RunDeleteContext(Invocation& inv) {
  ConfigFile config;
  if (!Load(inv, &config)) return inv.exit_code();
  const std::string name = inv.Arg(0);
  if (config.contexts.erase(name) == 0) {
    return inv.UsageError(absl::StrCat("no context \"", name, "\" in ", Path(inv)));
  }
  if (config.current_context == name) config.current_context.clear();
  return Save(inv, config);
}

int RunGetContexts(Invocation& inv) {
  ConfigFile config;
  if (!Load(inv, &config)) return inv.exit_code();
  switch (inv.format()) {
    case Format::kJson:
    case Format::kYaml:
      inv.out() << ConfigToJson(config);
      return kExitOk;
    case Format::kName:
      for (const auto& entry : config.contexts) inv.out() << entry.first << "\n";
      return kExitOk;
    default:
      break;
  }
  if (config.contexts.empty()) {
    inv.err() << "No contexts in " << Path(inv)
              << " (add one with 'fasciactl config set-context').\n";
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& [name, c] : config.contexts) {
    rows.push_back({name == config.current_context ? "*" : "", name,
                    c.server.empty() ? std::string(kDefaultServer) : c.server,
                    c.organization.empty() ? "-" : c.organization, Transport(c)});
  }
  inv.out() << RenderTable({"CURRENT", "NAME", "SERVER", "ORGANIZATION", "TRANSPORT"}, rows);
  return kExitOk;
}

int RunCurrentContext(Invocation& inv) {
  ConfigFile config;
  if (!Load(inv, &config)) return inv.exit_code();
  if (config.current_context.empty()) {
    inv.err() << "No current context.\n";
    return kExitUsage;
  }
  inv.out() << config.current_context << "\n";
  return kExitOk;
}

int RunView(Invocation& inv) {
  ConfigFile config;
  if (!Load(inv, &config)) return inv.exit_code();
  inv.err() << "# " << Path(inv) << "\n";
  inv.out() << ConfigToJson(config);
  return kExitOk;
}

Command ConfigCommand(std::string verb, std::string summary, std::string arguments,
                      std::function<int(Invocation&)> run, std::vector<std::string> examples) {
  Command c;
  c.verb = std::move(verb);
  c.summary = std::move(summary);
  c.arguments = std::move(arguments);
  c.min_args = c.max_args = c.arguments.empty() ? 0 : 1;
  c.uses_server = false;
  c.run = std::move(run);
  c.examples = std::move(examples);
  return c;
}

}  // namespace

void RegisterConfigCommands(Registry& registry) {
  ResourceGroup group;
  group.name = "config";
  group.summary = "Connection contexts in the config file (like a kubeconfig)";
  group.details =
      "The file is --config, else $FASCIA_CONFIG, else ~/.config/fascia/config.json. Settings\n"
      "come from flags first, then FASCIA_SERVER / FASCIA_API_KEY_FILE / FASCIA_ORG, then the\n"
      "context (--context, $FASCIA_CONTEXT, or the current one), then 127.0.0.1:50051.";

  Command set = ConfigCommand(
      "set-context", "Create or change a context (only the flags given change)", "NAME",
      RunSetContext,
      {"fasciactl config set-context local --server 127.0.0.1:50051 --org demo",
       "fasciactl config set-context prod --server fascia.example.com:443 --ca ca.pem "
       "--cert me.pem --key me.key --api-key-file prod.key --org acme --use"});
  set.flags = {
      {"server", "HOST:PORT", "fasciad address"},
      {"ca", "FILE", "PEM CA bundle (turns TLS on)"},
      {"cert", "FILE", "PEM client certificate (mTLS; with --key)"},
      {"key", "FILE", "PEM key of --cert"},
      {"api-key-file", "FILE", "file with the API key sent as a bearer token"},
      {"insecure", "", "plaintext even to a non-loopback server (--insecure=false to undo)"},
      {"org", "ORG", "default organization for commands in this context"},
      {"use", "", "also make it the current context"},
  };
  set.details = "File paths are stored absolute. The first context created becomes current.";
  group.commands.push_back(set);
  group.commands.push_back(ConfigCommand("use-context", "Make a context the current one", "NAME",
                                         RunUseContext, {"fasciactl config use-context prod"}));
  group.commands.push_back(ConfigCommand(
      "get-contexts", "List the contexts (* marks the current one)", "", RunGetContexts,
      {"fasciactl config get-contexts", "fasciactl config get-contexts -o name"}));
  group.commands.push_back(ConfigCommand("current-context", "Print the current context's name", "",
                                         RunCurrentContext, {"fasciactl config current-context"}));
  group.commands.push_back(ConfigCommand("delete-context", "Remove a context", "NAME",
                                         RunDeleteContext,
                                         {"fasciactl config delete-context old"}));
  group.commands.push_back(
      ConfigCommand("view", "Print the config file", "", RunView,
                    {"fasciactl config view", "FASCIA_CONFIG=./ci.json fasciactl config view"}));
  registry.Add(std::move(group));
}

}  // namespace fasciactl
