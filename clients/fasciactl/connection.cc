// See connection.h.
#include "connection.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "output.h"
#include "times.h"

namespace fasciactl {

EnvFn SystemEnv() {
  return [](const char* name) { return std::getenv(name); };
}

namespace {

std::string EnvOr(const EnvFn& env, const char* name, const std::string& fallback = "") {
  const char* value = env(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot read ", what, " \"", path, "\": ", std::strerror(errno)));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

std::string AbsolutePath(const std::string& path, const std::string& base_dir) {
  if (path.empty()) return path;
  if (path == "~" || path.rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    return std::string(home != nullptr ? home : "") + path.substr(1);
  }
  std::filesystem::path p(path);
  if (p.is_absolute()) return path;
  std::filesystem::path base =
      base_dir.empty() ? std::filesystem::current_path() : std::filesystem::path(base_dir);
  return (base / p).lexically_normal().string();
}

std::string ConfigPath(const ParsedArgs& args, const EnvFn& env) {
  if (args.Has("config")) return AbsolutePath(args.Get("config"));
  std::string path = EnvOr(env, "FASCIA_CONFIG");
  if (!path.empty()) return AbsolutePath(path);
  std::string xdg = EnvOr(env, "XDG_CONFIG_HOME");
  if (!xdg.empty()) return xdg + "/fascia/config.json";
  return EnvOr(env, "HOME", ".") + "/.config/fascia/config.json";
}

absl::StatusOr<ConfigFile> LoadConfig(const std::string& path) {
  ConfigFile config;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return config;
  absl::StatusOr<std::string> text = ReadWholeFile(path, "config file");
  if (!text.ok()) return text.status();
  if (absl::StripAsciiWhitespace(*text).empty()) return config;

  // google.protobuf.Struct is a ready-made JSON object model; order does not
  // matter when reading.
  google::protobuf::Struct root;
  auto parsed = google::protobuf::util::JsonStringToMessage(*text, &root);
  const std::string where = absl::StrCat("config file ", path, ": ");
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, "not a JSON object (", std::string(parsed.message()), ")"));
  }
  const std::string base_dir = std::filesystem::path(path).parent_path().string();
  for (const auto& [key, value] : root.fields()) {
    if (key == "current_context") {
      if (value.kind_case() != google::protobuf::Value::kStringValue) {
        return absl::InvalidArgumentError(where + "current_context must be a string");
      }
      config.current_context = value.string_value();
    } else if (key == "contexts") {
      if (value.kind_case() != google::protobuf::Value::kStructValue) {
        return absl::InvalidArgumentError(where + "contexts must be an object of named contexts");
      }
      for (const auto& [name, body] : value.struct_value().fields()) {
        if (body.kind_case() != google::protobuf::Value::kStructValue) {
          return absl::InvalidArgumentError(
              absl::StrCat(where, "context \"", name, "\" must be an object"));
        }
        Context c;
        for (const auto& [field, v] : body.struct_value().fields()) {
          const std::string at = absl::StrCat(where, "contexts.", name, ".", field);
          if (field == "insecure") {
            if (v.kind_case() != google::protobuf::Value::kBoolValue) {
              return absl::InvalidArgumentError(at + " must be true or false");
            }
            c.insecure = v.bool_value();
            continue;
          }
          std::string* target = field == "server"         ? &c.server
                                : field == "ca"           ? &c.ca
                                : field == "cert"         ? &c.cert
                                : field == "key"          ? &c.key
                                : field == "api_key_file" ? &c.api_key_file
                                : field == "organization" ? &c.organization
                                                          : nullptr;
          if (target == nullptr) {
            return absl::InvalidArgumentError(
                absl::StrCat(at,
                             " is not a known setting (server, ca, cert, key, api_key_file, "
                             "organization, insecure)"));
          }
          if (v.kind_case() != google::protobuf::Value::kStringValue) {
            return absl::InvalidArgumentError(at + " must be a string");
          }
          *target = v.string_value();
        }
        for (std::string* file : {&c.ca, &c.cert, &c.key, &c.api_key_file}) {
          *file = AbsolutePath(*file, base_dir);
        }
        config.contexts[name] = c;
      }
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(where, "unknown key \"", key, "\" (expected current_context, contexts)"));
    }
  }
  return config;
}

std::string ConfigToJson(const ConfigFile& config) {
  std::string out = "{\n";
  absl::StrAppend(&out, "  \"current_context\": ", JsonQuote(config.current_context), ",\n");
  absl::StrAppend(&out, "  \"contexts\": {");
  bool first = true;
  for (const auto& [name, c] : config.contexts) {
    absl::StrAppend(&out, first ? "\n" : ",\n", "    ", JsonQuote(name), ": {");
    first = false;
    std::vector<std::string> fields;
    auto add = [&](const char* key, const std::string& value) {
      if (!value.empty()) fields.push_back(absl::StrCat("\"", key, "\": ", JsonQuote(value)));
    };
    add("api_key_file", c.api_key_file);
    add("ca", c.ca);
    add("cert", c.cert);
    if (c.insecure) fields.push_back("\"insecure\": true");
    add("key", c.key);
    add("organization", c.organization);
    add("server", c.server);
    for (size_t i = 0; i < fields.size(); ++i) {
      absl::StrAppend(&out, i == 0 ? "\n" : ",\n", "      ", fields[i]);
    }
    absl::StrAppend(&out, fields.empty() ? "}" : "\n    }");
  }
  absl::StrAppend(&out, config.contexts.empty() ? "}\n" : "\n  }\n", "}\n");
  return out;
}

absl::Status SaveConfig(const std::string& path, const ConfigFile& config) {
  std::filesystem::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) {
    std::filesystem::create_directories(target.parent_path(), ec);
    if (!ec) ::chmod(target.parent_path().c_str(), 0700);
  }
  const std::string temp = path + ".tmp";
  {
    // The file names key material, so only its owner may read it.
    const mode_t old_mask = ::umask(077);
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    ::umask(old_mask);
    if (!out) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot write config file \"", temp, "\": ", std::strerror(errno)));
    }
    out << ConfigToJson(config);
    out.flush();
    if (!out) return absl::InvalidArgumentError(absl::StrCat("cannot write \"", temp, "\""));
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot replace config file \"", path, "\": ", ec.message()));
  }
  return absl::OkStatus();
}

absl::StatusOr<ConnectionSettings> ResolveSettings(const ParsedArgs& args, const EnvFn& env) {
  ConnectionSettings s;
  s.config_path = ConfigPath(args, env);
  absl::StatusOr<ConfigFile> config = LoadConfig(s.config_path);
  if (!config.ok()) return config.status();

  Context context;
  std::string name = args.Get("context", EnvOr(env, "FASCIA_CONTEXT"));
  const bool explicit_name = !name.empty();
  if (name.empty()) name = config->current_context;
  if (!name.empty()) {
    auto it = config->contexts.find(name);
    if (it != config->contexts.end()) {
      context = it->second;
      s.context_name = name;
    } else if (explicit_name) {
      return absl::InvalidArgumentError(absl::StrCat("no context \"", name, "\" in ", s.config_path,
                                                     " (see 'fasciactl config get-contexts')"));
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("current_context \"", name, "\" is not defined in ", s.config_path));
    }
  }

  s.server = args.Get("server", EnvOr(env, "FASCIA_SERVER", context.server));
  if (s.server.empty()) s.server = kDefaultServer;
  s.api_key_file = args.Has("api-key-file")
                       ? AbsolutePath(args.Get("api-key-file"))
                       : AbsolutePath(EnvOr(env, "FASCIA_API_KEY_FILE", context.api_key_file));
  s.ca = args.Has("ca") ? AbsolutePath(args.Get("ca")) : context.ca;
  s.cert = args.Has("cert") ? AbsolutePath(args.Get("cert")) : context.cert;
  s.key = args.Has("key") ? AbsolutePath(args.Get("key")) : context.key;
  s.insecure = args.Has("insecure") ? args.GetBool("insecure") : context.insecure;
  s.organization = EnvOr(env, "FASCIA_ORG", context.organization);
  if (s.cert.empty() != s.key.empty()) {
    return absl::InvalidArgumentError(
        "--cert and --key go together (a client certificate and its key)");
  }
  if (args.Has("timeout")) {
    absl::StatusOr<absl::Duration> timeout = ParseDurationFlag(args.Get("timeout"));
    if (!timeout.ok())
      return absl::InvalidArgumentError("--timeout: " + std::string(timeout.status().message()));
    if (*timeout <= absl::ZeroDuration())
      return absl::InvalidArgumentError("--timeout must be positive");
    s.timeout = *timeout;
  }
  return s;
}

bool IsLoopback(const std::string& server) {
  std::string target = server;
  if (target.rfind("unix:", 0) == 0 || target.rfind("unix-abstract:", 0) == 0) return true;
  for (const char* scheme : {"dns:///", "dns:", "ipv4:", "ipv6:"}) {
    if (target.rfind(scheme, 0) == 0) {
      target = target.substr(std::strlen(scheme));
      break;
    }
  }
  std::string host;
  if (!target.empty() && target[0] == '[') {
    host = target.substr(1, target.find(']') - 1);
  } else {
    host = target.substr(0, target.rfind(':'));
  }
  host = absl::AsciiStrToLower(host);
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

absl::StatusOr<Connection> Connect(const ConnectionSettings& s) {
  Connection c;
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  const bool tls_files = !s.ca.empty() || !s.cert.empty() || !s.key.empty();
  if (s.insecure || (!tls_files && IsLoopback(s.server))) {
    credentials = grpc::InsecureChannelCredentials();
  } else {
    grpc::SslCredentialsOptions options;
    if (!s.ca.empty()) {
      absl::StatusOr<std::string> ca = ReadWholeFile(s.ca, "CA file");
      if (!ca.ok()) return ca.status();
      options.pem_root_certs = *ca;
    }
    if (!s.cert.empty()) {
      absl::StatusOr<std::string> cert = ReadWholeFile(s.cert, "certificate file");
      if (!cert.ok()) return cert.status();
      absl::StatusOr<std::string> key = ReadWholeFile(s.key, "key file");
      if (!key.ok()) return key.status();
      options.pem_cert_chain = *cert;
      options.pem_private_key = *key;
    }
    credentials = grpc::SslCredentials(options);
    c.tls = true;
  }
  if (!s.api_key_file.empty()) {
    absl::StatusOr<std::string> key = ReadWholeFile(s.api_key_file, "API key file");
    if (!key.ok()) return key.status();
    c.bearer_token = std::string(absl::StripAsciiWhitespace(*key));
    if (c.bearer_token.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("API key file \"", s.api_key_file, "\" is empty"));
    }
  }
  grpc::ChannelArguments channel_args;
  // One attempt per command: fail fast (exit 3) rather than wait out the
  // whole deadline reconnecting to a server that is not there.
  channel_args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
  c.channel = grpc::CreateCustomChannel(s.server, credentials, channel_args);
  return c;
}

}  // namespace fasciactl
