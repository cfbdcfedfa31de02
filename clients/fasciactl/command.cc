// See command.h.
#include "command.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace fasciactl {

const Command* ResourceGroup::Find(const std::string& verb) const {
  for (const Command& c : commands) {
    if (c.verb == verb) return &c;
  }
  return nullptr;
}

bool ResourceGroup::HasVerbGroup(const std::string& word) const {
  const std::string prefix = word + " ";
  return std::any_of(commands.begin(), commands.end(),
                     [&](const Command& c) { return c.verb.rfind(prefix, 0) == 0; });
}

const Command* ResourceGroup::FindWords(const std::vector<std::string>& words) const {
  if (words.empty()) return nullptr;
  if (!HasVerbGroup(words[0])) return Find(words[0]);
  return words.size() >= 2 ? Find(words[0] + " " + words[1]) : nullptr;
}

const ResourceGroup* Registry::Find(const std::string& name) const {
  for (const ResourceGroup& g : groups_) {
    if (g.name == name || std::find(g.aliases.begin(), g.aliases.end(), name) != g.aliases.end()) {
      return &g;
    }
  }
  return nullptr;
}

const std::vector<FlagSpec>& GlobalFlags() {
  static const std::vector<FlagSpec> kFlags = {
      {"output", "FORMAT", "table (default), wide, json, yaml or name", false, 'o'},
      {"server", "HOST:PORT", "fasciad address (env FASCIA_SERVER; default 127.0.0.1:50051)"},
      {"context", "NAME", "context from the config file (env FASCIA_CONTEXT; default: current)"},
      {"config", "FILE", "config file (env FASCIA_CONFIG; default ~/.config/fascia/config.json)"},
      {"api-key-file", "FILE",
       "file holding an API key, sent as 'authorization: Bearer' "
       "(env FASCIA_API_KEY_FILE)"},
      {"ca", "FILE", "PEM CA bundle to verify the server (turns TLS on)"},
      {"cert", "FILE", "PEM client certificate for mTLS (with --key)"},
      {"key", "FILE", "PEM private key of --cert"},
      {"insecure", "", "plaintext even to a non-loopback server"},
      {"timeout", "DURATION", "deadline of each RPC, e.g. 30s (default 10s)"},
  };
  return kFlags;
}

namespace {

std::string FlagTable(const std::vector<FlagSpec>& flags) {
  std::vector<std::pair<std::string, std::string>> rows;
  size_t width = 0;
  for (const FlagSpec& f : flags) {
    std::string left = f.short_name != 0
                           ? absl::StrCat("-", std::string(1, f.short_name), ", --", f.name)
                           : absl::StrCat("    --", f.name);
    if (!f.IsSwitch()) absl::StrAppend(&left, " ", f.value_name);
    std::string help = f.help;
    if (f.repeated) absl::StrAppend(&help, " (repeatable)");
    width = std::max(width, left.size());
    rows.emplace_back(std::move(left), std::move(help));
  }
  std::string out;
  for (const auto& [left, help] : rows) {
    absl::StrAppend(&out, "  ", left, std::string(width - left.size() + 3, ' '), help, "\n");
  }
  return out;
}

std::string Examples(const std::vector<std::string>& examples) {
  if (examples.empty()) return "";
  std::string out = "\nExamples:\n";
  for (const std::string& e : examples) absl::StrAppend(&out, "  ", e, "\n");
  return out;
}

constexpr char kExitCodes[] =
    "Exit codes: 0 ok, 1 the server refused (error printed with its reason),\n"
    "2 usage error, 3 server unreachable or deadline exceeded.\n";

}  // namespace

std::string TopHelp(const Registry& registry) {
  std::string out =
      "fasciactl: the admin CLI of Fascia, practice management for massage clinic chains.\n"
      "\n"
      "Usage:\n"
      "  fasciactl <resource> <verb> [arguments] [flags]\n"
      "  fasciactl <resource> --help          the resource's verbs\n"
      "  fasciactl <resource> <verb> --help   the verb's flags and examples\n"
      "\n"
      "Resources:\n";
  size_t width = 0;
  for (const ResourceGroup& g : registry.groups()) width = std::max(width, g.name.size());
  for (const ResourceGroup& g : registry.groups()) {
    std::vector<std::string> verbs;
    for (const Command& c : g.commands) verbs.push_back(c.verb);
    absl::StrAppend(&out, "  ", g.name, std::string(width - g.name.size() + 3, ' '), g.summary,
                    "\n", std::string(width + 5, ' '), "(", absl::StrJoin(verbs, ", "), ")\n");
  }
  absl::StrAppend(&out, "\nGlobal flags:\n", FlagTable(GlobalFlags()));
  absl::StrAppend(&out,
                  Examples({
                      "fasciactl config set-context local --server 127.0.0.1:50051 --org demo",
                      "fasciactl locations list",
                      "fasciactl availability search --location london --service swedish-60 "
                      "--from 2026-12-01",
                      "fasciactl appointments book --location london --client dana "
                      "--service swedish-60 --start 2026-12-01T10:00",
                      "fasciactl appointments list --from 2026-12-01 --to 2026-12-02 -o json",
                  }));
  absl::StrAppend(&out, "\n", kExitCodes);
  return out;
}

std::string GroupHelp(const ResourceGroup& group) {
  std::string out = absl::StrCat(group.summary, "\n\nUsage:\n  fasciactl ", group.name,
                                 " <verb> [arguments] [flags]\n");
  if (!group.aliases.empty()) {
    absl::StrAppend(&out, "\nAliases: ", absl::StrJoin(group.aliases, ", "), "\n");
  }
  if (!group.details.empty()) absl::StrAppend(&out, "\n", group.details, "\n");
  absl::StrAppend(&out, "\nVerbs:\n");
  size_t width = 0;
  for (const Command& c : group.commands) width = std::max(width, c.verb.size());
  for (const Command& c : group.commands) {
    absl::StrAppend(&out, "  ", c.verb, std::string(width - c.verb.size() + 3, ' '), c.summary,
                    "\n");
  }
  absl::StrAppend(&out, "\nRun 'fasciactl ", group.name, " <verb> --help' for a verb's flags.\n");
  return out;
}

std::string UsageLine(const ResourceGroup& group, const Command& command) {
  std::string out = absl::StrCat("fasciactl ", group.name, " ", command.verb);
  if (!command.arguments.empty()) absl::StrAppend(&out, " ", command.arguments);
  return out + " [flags]";
}

std::string CommandHelp(const ResourceGroup& group, const Command& command) {
  std::string out =
      absl::StrCat(command.summary, "\n\nUsage:\n  ", UsageLine(group, command), "\n");
  if (!command.details.empty()) absl::StrAppend(&out, "\n", command.details, "\n");
  if (!command.flags.empty()) absl::StrAppend(&out, "\nFlags:\n", FlagTable(command.flags));
  if (command.uses_server) {
    absl::StrAppend(&out, "\nGlobal flags:\n", FlagTable(GlobalFlags()));
  } else {
    absl::StrAppend(&out, "\nGlobal flags:\n",
                    FlagTable({GlobalFlags()[0], GlobalFlags()[3]}));  // -o, --config
  }
  absl::StrAppend(&out, Examples(command.examples));
  return out;
}

}  // namespace fasciactl
