// fasciactl over TLS and mutual TLS to a real fasciad, with certificates from
// the shipped deploy/tls/make-dev-ca.sh: --ca (or a context's "ca") turns TLS
// on, --cert/--key present a client certificate, and a client that cannot
// complete the handshake fails with exit 3 (UNAVAILABLE).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "absl/time/clock.h"
#include "cli_harness.h"

namespace fascia::cli_test {
namespace {

using ::testing::HasSubstr;

TEST(CliTlsTest, MutualTlsWithFlagsAndContext) {
  e2e::TempDir certs;
  const std::string script =
      std::string(FASCIA_MAKE_DEV_CA) + " " + certs.path() + "/tls > /dev/null";
  ASSERT_EQ(std::system(script.c_str()), 0) << script;
  const std::string tls = certs.path() + "/tls";
  const std::string config = certs.path() + "/fasciad.textproto";
  std::ofstream(config) << "tls {\n  cert_file: \"" << tls << "/server.pem\"\n  key_file: \"" << tls
                        << "/server.key\"\n  client_ca_file: \"" << tls << "/ca.pem\"\n}\n";

  CliServer server({"--config=" + config});
  ASSERT_TRUE(server.StartNoWait());
  Cli cli(server.dir());
  const std::vector<std::string> mtls = {
      "--server",       server.address(),    "--ca",      tls + "/ca.pem",
      "--cert",         tls + "/client.pem", "--key",     tls + "/client.key",
      "--api-key-file", server.demo_key(),   "--timeout", "5s"};
  auto with = [](std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };

  // The harness's health check speaks plaintext, so wait with fasciactl.
  CliResult r;
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  do {
    r = cli.Run(with({"organizations", "get", "demo"}, mtls));
    if (r.code == 0) break;
    absl::SleepFor(absl::Milliseconds(200));
  } while (absl::Now() < deadline);
  ASSERT_EQ(r.code, 0) << r << "\nfasciad stderr:\n" << server.Stderr();
  EXPECT_THAT(r.out, HasSubstr("Demo Massage Co."));

  // Plaintext to a TLS server, or TLS without the client certificate mTLS
  // requires: the handshake fails, exit 3.
  r = cli.Run({"organizations", "get", "demo", "--server", server.address(), "--api-key-file",
               server.demo_key(), "--timeout", "5s"});
  EXPECT_EQ(r.code, 3) << r;
  r = cli.Run({"organizations", "get", "demo", "--server", server.address(), "--ca",
               tls + "/ca.pem", "--api-key-file", server.demo_key(), "--timeout", "5s"});
  EXPECT_EQ(r.code, 3) << r;

  // The same settings stored in a context.
  r = cli.Run({"config", "set-context", "secure", "--server", server.address(), "--ca",
               tls + "/ca.pem", "--cert", tls + "/client.pem", "--key", tls + "/client.key",
               "--api-key-file", server.demo_key(), "--org", "demo"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_THAT(cli.Run({"config", "get-contexts"}).out, HasSubstr("mtls + api key"));
  r = cli.Run({"staff", "list"});
  EXPECT_EQ(r.code, 0) << r;
  EXPECT_THAT(r.out, HasSubstr("alice"));
}

}  // namespace
}  // namespace fascia::cli_test
