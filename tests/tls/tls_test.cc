// TLS and mutual TLS, end to end. Each test makes certificates with the
// shipped deploy/tls/make-dev-ca.sh (one CA fasciad trusts, plus an unrelated
// one for the negative cases), starts a real server (App) on 127.0.0.1:0 with
// tls.cert_file/key_file (and tls.client_ca_file for mTLS) over a fresh
// SQLite database, and checks who gets in:
//   TLS:  a client trusting the CA gets health SERVING and an authenticated
//         GetOrganization; a plaintext client or one trusting another CA
//         gets UNAVAILABLE (the handshake fails before any RPC runs).
//   mTLS: only a client presenting a certificate signed by client_ca_file
//         gets in; no certificate, or one from another CA, is UNAVAILABLE.
//         A client certificate does not replace the API key.
// Also: ResolveSettings rejects incomplete tls blocks, and the script's
// contract (0600 keys, SANs, refusing to overwrite, printed config block).
// Every call has a 5 s deadline so a regression fails instead of hanging.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <google/protobuf/text_format.h>
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <stdlib.h>

#include <gtest/gtest.h>

#include "api/auditing_database.h"
#include "app/app.h"
#include "app/bootstrap.h"
#include "app/settings.h"
#include "fascia/config/v1/server_config.pb.h"
#include "fascia/v1/organization_service.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "storage/database.h"

namespace fascia::tls_test {
namespace {

namespace fs = std::filesystem;
using ::grpc::health::v1::Health;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::testing::HasSubstr;

constexpr absl::Duration kDeadline = absl::Seconds(5);

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

CommandResult RunShell(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Run with bash explicitly: the test must not depend on the executable bit
// surviving however the tree was copied.
CommandResult MakeDevCa(const fs::path& dir, bool force = false) {
  return RunShell("bash " + ShellQuote(FASCIA_MAKE_DEV_CA) + (force ? " --force " : " ") +
             ShellQuote(dir.string()));
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// What a client holds: the roots it trusts and, for mTLS, its own pair.
struct ClientIdentity {
  std::string ca;    // PEM roots
  std::string cert;  // PEM chain; empty: no client certificate
  std::string key;
};

// Certificates for one test: dev/ (the CA fasciad uses, the server pair and
// a client pair) and other/ (an unrelated CA with its own client pair).
class CertificatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // mkdtemp: unique even when a later test process reuses this one's pid.
    std::string pattern = (fs::temp_directory_path() / "fascia-tls-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    dev_ = root_ / "dev";
    other_ = root_ / "other";
    dev_run_ = MakeDevCa(dev_);
    ASSERT_EQ(dev_run_.exit_code, 0) << dev_run_.output;
    const CommandResult other = MakeDevCa(other_);
    ASSERT_EQ(other.exit_code, 0) << other.output;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }

  ClientIdentity Trusting(const fs::path& ca_dir) const { return {ReadFile(ca_dir / "ca.pem"), "", ""}; }
  ClientIdentity WithClientCert(const fs::path& cert_dir) const {
    return {ReadFile(dev_ / "ca.pem"), ReadFile(cert_dir / "client.pem"),
            ReadFile(cert_dir / "client.key")};
  }

  fs::path root_, dev_, other_;
  CommandResult dev_run_;
};

// A server with the dev certificates; organizations/acme has an OWNER key.
class TlsServerTest : public CertificatesTest {
 protected:
  void TearDown() override {
    if (app_) app_->Shutdown();
    CertificatesTest::TearDown();
  }

  void StartServer(bool mutual) {
    app::Settings settings;
    settings.listen_address = "127.0.0.1:0";
    // A fresh SQLite database inside the test's directory, removed with it.
    settings.database_url = "sqlite:" + (root_ / "fascia.db").string();
    settings.log_level = LogLevel::kWarning;
    settings.shutdown_grace = absl::Seconds(1);
    settings.sqlite_synchronous_full = false;
    settings.tls_cert_file = (dev_ / "server.pem").string();
    settings.tls_key_file = (dev_ / "server.key").string();
    if (mutual) settings.tls_client_ca_file = (dev_ / "ca.pem").string();
    owner_key_ = BootstrapOrganization(settings.database_url, "acme");
    auto app = app::App::Start(settings);
    ASSERT_TRUE(app.ok()) << app.status();
    app_ = std::move(*app);
  }

  // Same code path as `fasciad bootstrap` (and TestServer::BootstrapOrganization).
  static std::string BootstrapOrganization(const std::string& url, const std::string& id) {
    storage::DatabaseOptions options;
    auto inner = storage::OpenDatabase(url, options);
    EXPECT_TRUE(inner.ok()) << inner.status();
    if (!inner.ok()) return "";
    api::AuditingDatabase db(std::move(*inner));
    EXPECT_TRUE(db.Migrate().ok());
    api::ApiContext ctx;
    ctx.db = ctx.audit = &db;
    ctx.clock = [] { return absl::Now(); };
    auto token = app::BootstrapOwnerKey(ctx, id, "", "tls test owner key");
    EXPECT_TRUE(token.ok()) << token.status();
    db.Close();
    return token.value_or("");
  }

  std::string Target() const { return "127.0.0.1:" + std::to_string(app_->port()); }

  // `name_override`: the name to check the server certificate against
  // instead of the target's host (here 127.0.0.1, matched by the IP SAN).
  std::shared_ptr<grpc::Channel> Channel(std::shared_ptr<grpc::ChannelCredentials> credentials,
                                         const std::string& name_override = "") const {
    grpc::ChannelArguments args;
    // Never share a connection with another channel of this process: each
    // channel must do its own handshake with its own credentials.
    args.SetInt("fascia.test.unique", std::rand());
    if (!name_override.empty()) args.SetSslTargetNameOverride(name_override);
    return grpc::CreateCustomChannel(Target(), credentials, args);
  }
  std::shared_ptr<grpc::Channel> Channel(const ClientIdentity& id, const std::string& name_override = "") const {
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = id.ca;
    options.pem_private_key = id.key;
    options.pem_cert_chain = id.cert;
    return Channel(grpc::SslCredentials(options), name_override);
  }

  static grpc::Status CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                                  HealthCheckResponse* response) {
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + kDeadline));
    return Health::NewStub(channel)->Check(&ctx, HealthCheckRequest(), response);
  }

  // GetOrganization on organizations/acme, with `key` as the bearer ("" for none).
  static grpc::Status GetAcme(const std::shared_ptr<grpc::Channel>& channel, const std::string& key,
                              fascia::v1::Organization* org) {
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + kDeadline));
    if (!key.empty()) ctx.AddMetadata("authorization", "Bearer " + key);
    fascia::v1::GetOrganizationRequest request;
    request.set_name("organizations/acme");
    return fascia::v1::OrganizationService::NewStub(channel)->GetOrganization(&ctx, request, org);
  }

  // The client gets everything: SERVING, and the organization with the key.
  void ExpectAdmitted(const std::shared_ptr<grpc::Channel>& channel) {
    HealthCheckResponse health;
    grpc::Status status = CheckHealth(channel, &health);
    ASSERT_TRUE(status.ok()) << status.error_code() << ": " << status.error_message();
    EXPECT_EQ(health.status(), HealthCheckResponse::SERVING);
    fascia::v1::Organization org;
    status = GetAcme(channel, owner_key_, &org);
    ASSERT_TRUE(status.ok()) << status.error_code() << ": " << status.error_message();
    EXPECT_EQ(org.name(), "organizations/acme");
  }

  // The connection itself is refused: even health (which needs no key) and
  // a call with a valid key fail at the transport, before reaching a service.
  void ExpectRefused(const std::shared_ptr<grpc::Channel>& channel) {
    HealthCheckResponse health;
    grpc::Status status = CheckHealth(channel, &health);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
    fascia::v1::Organization org;
    status = GetAcme(channel, owner_key_, &org);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  }

  std::unique_ptr<app::App> app_;
  std::string owner_key_;
};

// --- TLS (server certificate only) ---

TEST_F(TlsServerTest, ClientTrustingTheCaIsServed) {
  StartServer(/*mutual=*/false);
  ExpectAdmitted(Channel(Trusting(dev_)));
}

TEST_F(TlsServerTest, ServerCertificateAlsoMatchesLocalhost) {
  // The DNS:localhost SAN, for clients that dial "localhost:PORT".
  StartServer(/*mutual=*/false);
  ExpectAdmitted(Channel(Trusting(dev_), "localhost"));
}

TEST_F(TlsServerTest, ServerCertificateDoesNotMatchOtherNames) {
  // Hostname verification is on: a valid chain for the wrong name is refused.
  StartServer(/*mutual=*/false);
  ExpectRefused(Channel(Trusting(dev_), "fascia.example.com"));
}

TEST_F(TlsServerTest, PlaintextClientIsRefused) {
  StartServer(/*mutual=*/false);
  ExpectRefused(Channel(grpc::InsecureChannelCredentials()));
}

TEST_F(TlsServerTest, ClientTrustingAnotherCaIsRefused) {
  StartServer(/*mutual=*/false);
  ExpectRefused(Channel(Trusting(other_)));
}

TEST_F(TlsServerTest, ClientCertificateIsNotRequiredWithoutClientCa) {
  // Plain TLS ignores whatever client certificate is offered.
  StartServer(/*mutual=*/false);
  ExpectAdmitted(Channel(WithClientCert(other_)));
}

TEST_F(TlsServerTest, ApiKeyIsStillRequiredOverTls) {
  StartServer(/*mutual=*/false);
  fascia::v1::Organization org;
  const grpc::Status status = GetAcme(Channel(Trusting(dev_)), "", &org);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
}

// --- mutual TLS (tls.client_ca_file set) ---

TEST_F(TlsServerTest, MutualClientWithCaSignedCertificateIsServed) {
  StartServer(/*mutual=*/true);
  ExpectAdmitted(Channel(WithClientCert(dev_)));
}

TEST_F(TlsServerTest, MutualClientWithoutCertificateIsRefused) {
  StartServer(/*mutual=*/true);
  ExpectRefused(Channel(Trusting(dev_)));
}

TEST_F(TlsServerTest, MutualClientWithCertificateFromAnotherCaIsRefused) {
  StartServer(/*mutual=*/true);
  ExpectRefused(Channel(WithClientCert(other_)));
}

TEST_F(TlsServerTest, MutualPlaintextClientIsRefused) {
  StartServer(/*mutual=*/true);
  ExpectRefused(Channel(grpc::InsecureChannelCredentials()));
}

TEST_F(TlsServerTest, MutualClientCertificateDoesNotReplaceApiKey) {
  // The certificate proves which machine connects; the API key still decides
  // which organization and role the call acts as.
  StartServer(/*mutual=*/true);
  fascia::v1::Organization org;
  const grpc::Status status = GetAcme(Channel(WithClientCert(dev_)), "", &org);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
}

// --- settings ---

class TlsSettingsTest : public CertificatesTest {
 protected:
  // The resolve error message, or "" if the config resolved.
  static std::string ResolveError(const config::v1::ServerConfig& config) {
    auto settings = app::ResolveSettings(config);
    if (settings.ok()) return "";
    EXPECT_EQ(settings.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(settings.status().message());
  }
};

TEST_F(TlsSettingsTest, CompleteTlsBlockResolves) {
  config::v1::ServerConfig config;
  config.mutable_tls()->set_cert_file((dev_ / "server.pem").string());
  config.mutable_tls()->set_key_file((dev_ / "server.key").string());
  config.mutable_tls()->set_client_ca_file((dev_ / "ca.pem").string());
  auto settings = app::ResolveSettings(config);
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->tls_cert_file, (dev_ / "server.pem").string());
  EXPECT_EQ(settings->tls_key_file, (dev_ / "server.key").string());
  EXPECT_EQ(settings->tls_client_ca_file, (dev_ / "ca.pem").string());
}

TEST_F(TlsSettingsTest, NoTlsBlockMeansPlaintext) {
  auto settings = app::ResolveSettings(config::v1::ServerConfig());
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->tls_cert_file, "");
  EXPECT_EQ(settings->tls_key_file, "");
  EXPECT_EQ(settings->tls_client_ca_file, "");
}

TEST_F(TlsSettingsTest, ClientCaWithoutServerCertificateIsRejected) {
  // mTLS without TLS would silently serve plaintext: refuse to start instead.
  config::v1::ServerConfig config;
  config.mutable_tls()->set_client_ca_file((dev_ / "ca.pem").string());
  EXPECT_THAT(ResolveError(config), HasSubstr("tls.client_ca_file needs tls.cert_file and tls.key_file"));
}

TEST_F(TlsSettingsTest, CertificateWithoutKeyIsRejected) {
  config::v1::ServerConfig config;
  config.mutable_tls()->set_cert_file((dev_ / "server.pem").string());
  EXPECT_THAT(ResolveError(config), HasSubstr("tls.cert_file and tls.key_file must be set together"));
}

TEST_F(TlsSettingsTest, KeyWithoutCertificateIsRejected) {
  config::v1::ServerConfig config;
  config.mutable_tls()->set_key_file((dev_ / "server.key").string());
  EXPECT_THAT(ResolveError(config), HasSubstr("tls.cert_file and tls.key_file must be set together"));
}

TEST_F(TlsSettingsTest, UnreadableFileIsRejected) {
  config::v1::ServerConfig config;
  const std::string missing = (dev_ / "missing.key").string();
  config.mutable_tls()->set_cert_file((dev_ / "server.pem").string());
  config.mutable_tls()->set_key_file(missing);
  EXPECT_THAT(ResolveError(config), HasSubstr("cannot read " + missing));
}

// --- deploy/tls/make-dev-ca.sh ---

using MakeDevCaTest = CertificatesTest;

TEST_F(MakeDevCaTest, KeysAreReadableByTheOwnerOnly) {
  for (const char* name : {"ca.key", "server.key", "client.key"}) {
    const fs::perms perms = fs::status(dev_ / name).permissions() & fs::perms::all;
    EXPECT_EQ(perms, fs::perms::owner_read | fs::perms::owner_write) << name;
  }
}

TEST_F(MakeDevCaTest, CertificatesChainToTheCaWithTheDocumentedNames) {
  const std::string ca = ShellQuote((dev_ / "ca.pem").string());
  for (const char* name : {"server.pem", "client.pem"}) {
    const CommandResult verify =
        RunShell("openssl verify -CAfile " + ca + " " + ShellQuote((dev_ / name).string()));
    EXPECT_EQ(verify.exit_code, 0) << name << ": " << verify.output;
  }
  const CommandResult server =
      RunShell("openssl x509 -noout -text -in " + ShellQuote((dev_ / "server.pem").string()));
  EXPECT_THAT(server.output, HasSubstr("DNS:localhost"));
  EXPECT_THAT(server.output, HasSubstr("IP Address:127.0.0.1"));
  const CommandResult client =
      RunShell("openssl x509 -noout -subject -in " + ShellQuote((dev_ / "client.pem").string()));
  EXPECT_THAT(client.output, HasSubstr("CN = fasciactl"));
  // The two CAs really are unrelated.
  const CommandResult cross = RunShell("openssl verify -CAfile " + ca + " " +
                                  ShellQuote((other_ / "client.pem").string()));
  EXPECT_NE(cross.exit_code, 0) << cross.output;
}

TEST_F(MakeDevCaTest, RefusesToOverwriteWithoutForce) {
  const std::string ca_before = ReadFile(dev_ / "ca.pem");
  const CommandResult again = MakeDevCa(dev_);
  EXPECT_NE(again.exit_code, 0);
  EXPECT_THAT(again.output, HasSubstr("--force"));
  EXPECT_EQ(ReadFile(dev_ / "ca.pem"), ca_before);

  const CommandResult forced = MakeDevCa(dev_, /*force=*/true);
  ASSERT_EQ(forced.exit_code, 0) << forced.output;
  EXPECT_NE(ReadFile(dev_ / "ca.pem"), ca_before);
}

TEST_F(MakeDevCaTest, PrintedConfigBlockResolves) {
  // The snippet operators paste must be valid config pointing at the files.
  const std::string& out = dev_run_.output;
  const size_t begin = out.find("tls {");
  ASSERT_NE(begin, std::string::npos) << out;
  const size_t end = out.find("\n}", begin);
  ASSERT_NE(end, std::string::npos) << out;
  config::v1::ServerConfig config;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(out.substr(begin, end + 2 - begin), &config))
      << out;
  EXPECT_EQ(config.tls().cert_file(), (fs::canonical(dev_) / "server.pem").string());
  EXPECT_EQ(config.tls().key_file(), (fs::canonical(dev_) / "server.key").string());
  EXPECT_EQ(config.tls().client_ca_file(), (fs::canonical(dev_) / "ca.pem").string());
  auto settings = app::ResolveSettings(config);
  EXPECT_TRUE(settings.ok()) << settings.status();
}

}  // namespace
}  // namespace fascia::tls_test
