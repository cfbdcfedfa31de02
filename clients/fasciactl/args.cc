// See args.h.
#include "args.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace fasciactl {

std::optional<std::string> ParsedArgs::Find(const std::string& flag) const {
  auto it = values_.find(flag);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string ParsedArgs::Get(const std::string& flag, const std::string& fallback) const {
  return Find(flag).value_or(fallback);
}

std::vector<std::string> ParsedArgs::GetAll(const std::string& flag) const {
  auto it = values_.find(flag);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> ParsedArgs::GetList(const std::string& flag) const {
  std::vector<std::string> out;
  for (const std::string& value : GetAll(flag)) {
    for (absl::string_view part : absl::StrSplit(value, ',')) {
      std::string item(absl::StripAsciiWhitespace(part));
      if (!item.empty()) out.push_back(item);
    }
  }
  return out;
}

bool ParsedArgs::GetBool(const std::string& flag) const { return Get(flag, "false") == "true"; }

namespace {

const FlagSpec* Lookup(const std::vector<FlagSpec>& flags, const std::string& name,
                       char short_name) {
  for (const FlagSpec& f : flags) {
    if (short_name != 0 ? f.short_name == short_name : f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace

absl::Status ParseCommandLine(const std::vector<std::string>& argv, const FlagScopeFn& scope,
                              CommandLine* out) {
  FlagScope current = scope(out->words);
  bool flags_done = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& token = argv[i];
    const bool is_flag = !flags_done && token.size() > 1 && token[0] == '-';
    if (!is_flag) {
      if (!flags_done && token == "--") continue;
      if (out->words.size() < current.command_words) {
        // `fasciactl help locations create` is `fasciactl locations create --help`.
        if (out->words.empty() && token == "help" && !out->help) {
          out->help = true;
          continue;
        }
        out->words.push_back(token);
        current = scope(out->words);
      } else {
        out->args.AddPositional(token);
      }
      continue;
    }
    if (token == "--") {
      flags_done = true;
      continue;
    }
    if (token == "-h" || token == "--help") {
      out->help = true;
      continue;
    }
    std::string name;
    std::optional<std::string> inline_value;
    char short_name = 0;
    std::string shown;  // the flag as the user typed it, for messages
    if (token.rfind("--", 0) == 0) {
      std::string body = token.substr(2);
      size_t eq = body.find('=');
      name = body.substr(0, eq);
      if (eq != std::string::npos) inline_value = body.substr(eq + 1);
      shown = "--" + name;
    } else {
      short_name = token[1];
      if (token.size() > 2) inline_value = token.substr(token[2] == '=' ? 3 : 2);
      shown = std::string("-") + short_name;
    }
    const FlagSpec* spec = Lookup(current.flags, name, short_name);
    if (spec == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag ", shown));
    }
    std::string value;
    if (spec->IsSwitch()) {
      value = inline_value.value_or("true");
      if (value != "true" && value != "false") {
        return absl::InvalidArgumentError(absl::StrCat(
            "--", spec->name, " takes no value (or =true / =false), not \"", value, "\""));
      }
    } else if (inline_value) {
      value = *inline_value;
    } else if (i + 1 < argv.size()) {
      value = argv[++i];
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("flag --", spec->name, " needs a value (", spec->value_name, ")"));
    }
    if (!spec->repeated && out->args.Has(spec->name)) {
      return absl::InvalidArgumentError(absl::StrCat("flag --", spec->name, " given twice"));
    }
    out->args.Add(spec->name, value);
  }
  return absl::OkStatus();
}

}  // namespace fasciactl
