// Where fasciactl connects and how: named contexts in a config file (like a
// kubeconfig), environment variables and flags, turned into a gRPC channel
// with the right credentials.
//
// Precedence, highest first:
//   flags (--server, --ca, --cert, --key, --api-key-file, --insecure, --org)
//   environment (FASCIA_SERVER, FASCIA_API_KEY_FILE, FASCIA_ORG)
//   the context named by --context, else $FASCIA_CONTEXT, else the file's
//   current_context
//   defaults (server 127.0.0.1:50051, no API key)
// The file is --config, else $FASCIA_CONFIG, else
// $XDG_CONFIG_HOME/fascia/config.json, else ~/.config/fascia/config.json.
//
// Config file (JSON; relative paths are relative to the file's directory):
//   {
//     "current_context": "prod",
//     "contexts": {
//       "local": {"server": "127.0.0.1:50051", "organization": "demo"},
//       "prod":  {"server": "fascia.example.com:443", "ca": "ca.pem",
//                 "cert": "me.pem", "key": "me.key",
//                 "api_key_file": "prod.key", "organization": "acme"}
//     }
//   }
//
// Transport: TLS (grpc::SslCredentials) when any of ca/cert/key is set (cert
// and key together, for mTLS); plaintext with --insecure (or "insecure": true)
// or for a loopback server (127.0.0.1, localhost, [::1], unix:); otherwise TLS
// with the system's root certificates, so a remote server is never spoken to
// in plaintext by accident. With an API key file, every RPC carries
// `authorization: Bearer <key>`.
//
// Thread-safety: plain functions and values.
#ifndef FASCIA_CLIENTS_FASCIACTL_CONNECTION_H_
#define FASCIA_CLIENTS_FASCIACTL_CONNECTION_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "args.h"

namespace fasciactl {

inline constexpr char kDefaultServer[] = "127.0.0.1:50051";

// One named context of the config file. Empty strings mean "not set".
struct Context {
  std::string server;
  std::string ca;
  std::string cert;
  std::string key;
  std::string api_key_file;
  std::string organization;  // default for --org
  bool insecure = false;
};

struct ConfigFile {
  std::string current_context;
  std::map<std::string, Context> contexts;
};

// getenv, injectable for tests.
using EnvFn = std::function<const char*(const char*)>;
EnvFn SystemEnv();

// The config file path from --config, $FASCIA_CONFIG, XDG or $HOME.
std::string ConfigPath(const ParsedArgs& args, const EnvFn& env);

// Loads `path`. A missing file is an empty config; malformed JSON, a value of
// the wrong type or an unknown key is InvalidArgumentError naming it.
// Relative paths inside are made absolute against the file's directory.
absl::StatusOr<ConfigFile> LoadConfig(const std::string& path);
// Writes `config` to `path` atomically (temp file + rename), mode 0600,
// creating the directory (0700) if needed.
absl::Status SaveConfig(const std::string& path, const ConfigFile& config);
// The file's JSON text (keys sorted, two-space indent).
std::string ConfigToJson(const ConfigFile& config);

// "~/x" -> "$HOME/x"; a relative path -> absolute against `base_dir` (the
// working directory when empty).
std::string AbsolutePath(const std::string& path, const std::string& base_dir = "");

// The settings one command runs with, after precedence.
struct ConnectionSettings {
  std::string context_name;  // the context used, "" for none
  std::string config_path;
  std::string server;
  std::string ca;
  std::string cert;
  std::string key;
  std::string api_key_file;
  std::string organization;
  bool insecure = false;
  absl::Duration timeout = absl::Seconds(10);
};

// Applies the precedence above. A --context (or $FASCIA_CONTEXT) naming a
// context the file lacks, a bad --timeout, or --cert without --key is
// InvalidArgumentError.
absl::StatusOr<ConnectionSettings> ResolveSettings(const ParsedArgs& args, const EnvFn& env);

// True for 127.0.0.1, ::1, localhost and unix: targets.
bool IsLoopback(const std::string& server);

// The channel and the bearer token (empty without an API key file). Fails
// with InvalidArgumentError when a CA/cert/key/API key file cannot be read or
// the API key file is empty.
struct Connection {
  std::shared_ptr<grpc::Channel> channel;
  std::string bearer_token;
  bool tls = false;
};
absl::StatusOr<Connection> Connect(const ConnectionSettings& settings);

}  // namespace fasciactl

#endif  // FASCIA_CLIENTS_FASCIACTL_CONNECTION_H_
