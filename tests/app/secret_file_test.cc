// The PostgreSQL password file: ReadSecretFile's rules (mode, file type,
// content) and how ResolveSettings applies database.password_file (refused
// for SQLite and next to a URL that has its own password). No error message
// may carry the password.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/secret_file.h"
#include "app/settings.h"

namespace fascia::app {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSecret[] = "s3cr3t-canary";

class SecretFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/fascia_secret_file_XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A file named `name` holding `content`, with `mode`.
  std::string Write(const std::string& name, const std::string& content, mode_t mode = 0600) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    EXPECT_EQ(chmod(path.c_str(), mode), 0);
    return path;
  }

  std::string dir_;
};

TEST_F(SecretFileTest, OneTrailingNewlineIsNotPartOfTheSecret) {
  EXPECT_EQ(ReadSecretFile(Write("a", "pw\n")).value(), "pw");
  EXPECT_EQ(ReadSecretFile(Write("b", "pw")).value(), "pw");
  // Only one: the rest, and any other whitespace, is the operator's.
  EXPECT_EQ(ReadSecretFile(Write("c", " pw \n\n")).value(), " pw \n");
  EXPECT_EQ(ReadSecretFile(Write("d", "pw\r\n")).value(), "pw\r");
}

TEST_F(SecretFileTest, OwnerAndGroupModesAreAccepted) {
  for (mode_t mode : {0400, 0600, 0440, 0640, 0660}) {
    absl::StatusOr<std::string> secret = ReadSecretFile(Write("f", kSecret, mode));
    ASSERT_TRUE(secret.ok()) << std::oct << mode << ": " << secret.status();
    EXPECT_EQ(*secret, kSecret);
  }
}

TEST_F(SecretFileTest, AnyAccessForOthersIsRefusedWithoutTheContent) {
  for (mode_t mode : {0644, 0604, 0602, 0601, 0666}) {
    absl::StatusOr<std::string> secret = ReadSecretFile(Write("f", kSecret, mode));
    ASSERT_FALSE(secret.ok()) << std::oct << mode;
    EXPECT_EQ(secret.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(std::string(secret.status().message()),
                AllOf(HasSubstr(dir_ + "/f"), HasSubstr("other users"), Not(HasSubstr(kSecret))));
  }
}

TEST_F(SecretFileTest, ASymlinkToAGoodFileIsFollowed) {
  // Kubernetes secret volumes: name -> ..data/name -> ..2024_xx/name.
  const std::string target = Write("target", kSecret, 0440);
  const std::string link = dir_ + "/link";
  ASSERT_EQ(symlink(target.c_str(), link.c_str()), 0);
  EXPECT_EQ(ReadSecretFile(link).value(), kSecret);
}

TEST_F(SecretFileTest, AMissingFileIsNotFound) {
  absl::StatusOr<std::string> secret = ReadSecretFile(dir_ + "/nope");
  EXPECT_EQ(secret.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(secret.status().message()), HasSubstr(dir_ + "/nope"));
}

TEST_F(SecretFileTest, OnlyARegularFileWillDo) {
  const std::string sub = dir_ + "/sub";
  ASSERT_EQ(mkdir(sub.c_str(), 0700), 0);
  EXPECT_THAT(std::string(ReadSecretFile(sub).status().message()),
              HasSubstr("not a regular file"));
  // A FIFO with no writer must not hang start-up.
  const std::string fifo = dir_ + "/fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_THAT(std::string(ReadSecretFile(fifo).status().message()),
              HasSubstr("not a regular file"));
}

TEST_F(SecretFileTest, ContentMustBeAUsablePassword) {
  for (const char* empty : {"", "\n"}) {
    absl::StatusOr<std::string> secret = ReadSecretFile(Write("e", empty));
    EXPECT_EQ(secret.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(secret.status().message()), HasSubstr("is empty"));
  }
  absl::StatusOr<std::string> nul = ReadSecretFile(Write("n", std::string("ab\0cd", 5)));
  EXPECT_THAT(std::string(nul.status().message()), HasSubstr("NUL"));

  const std::string largest(kMaxSecretBytes, 'x');
  EXPECT_EQ(ReadSecretFile(Write("l", largest + "\n")).value(), largest);
  absl::StatusOr<std::string> large = ReadSecretFile(Write("L", largest + "x"));
  EXPECT_THAT(std::string(large.status().message()), HasSubstr("larger than"));
}

// ResolveSettings with database.password_file.
class DatabasePasswordSettingsTest : public SecretFileTest {
 protected:
  fascia::config::v1::ServerConfig Config(const std::string& url, const std::string& file) {
    fascia::config::v1::ServerConfig config;
    if (!url.empty()) config.set_database_url(url);
    config.mutable_database()->set_password_file(file);
    return config;
  }
};

TEST_F(DatabasePasswordSettingsTest, APostgresUrlGetsThePasswordFromTheFile) {
  absl::StatusOr<Settings> s = ResolveSettings(
      Config("postgresql://fascia@db:5432/fascia", Write("pw", std::string(kSecret) + "\n")));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->database_password, kSecret);
  EXPECT_EQ(s->database_url, "postgresql://fascia@db:5432/fascia");
}

TEST_F(DatabasePasswordSettingsTest, NoFileNoPassword) {
  fascia::config::v1::ServerConfig config;
  config.set_database_url("postgresql://fascia@db/fascia");
  absl::StatusOr<Settings> s = ResolveSettings(config);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->database_password, "");
}

TEST_F(DatabasePasswordSettingsTest, RefusedForSqlite) {
  const std::string file = Write("pw", kSecret);
  for (const char* url : {"", "sqlite:/tmp/x.db"}) {  // "": the default, sqlite:
    absl::StatusOr<Settings> s = ResolveSettings(Config(url, file));
    ASSERT_FALSE(s.ok()) << url;
    EXPECT_THAT(std::string(s.status().message()),
                AllOf(HasSubstr("database.password_file is for PostgreSQL"),
                      Not(HasSubstr(kSecret))));
  }
}

TEST_F(DatabasePasswordSettingsTest, RefusedNextToAPasswordInTheUrl) {
  const std::string file = Write("pw", kSecret);
  for (const char* url : {"postgresql://fascia:url-canary@db/fascia",
                          "postgres://fascia@db/fascia?sslmode=require&password=url-canary"}) {
    absl::StatusOr<Settings> s = ResolveSettings(Config(url, file));
    ASSERT_FALSE(s.ok()) << url;
    EXPECT_THAT(std::string(s.status().message()),
                AllOf(HasSubstr("database_url carries a password"), Not(HasSubstr("url-canary")),
                      Not(HasSubstr(kSecret))));
  }
}

TEST_F(DatabasePasswordSettingsTest, AnUnparsableUrlIsNamedButNotQuoted) {
  absl::StatusOr<Settings> s = ResolveSettings(
      Config("postgresql://fascia:url-canary@db/fascia?bogus=1", Write("pw", kSecret)));
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.status().message()),
              AllOf(HasSubstr("database_url: not a valid PostgreSQL URL"),
                    Not(HasSubstr("url-canary")), Not(HasSubstr("bogus"))));
}

TEST_F(DatabasePasswordSettingsTest, ABadFileIsReportedWithTheField) {
  absl::StatusOr<Settings> s =
      ResolveSettings(Config("postgresql://fascia@db/fascia", Write("pw", kSecret, 0644)));
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.status().message()),
              AllOf(HasSubstr("database.password_file: "), HasSubstr("other users"),
                    Not(HasSubstr(kSecret))));
  s = ResolveSettings(Config("postgresql://fascia@db/fascia", dir_ + "/missing"));
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.status().message()),
              AllOf(HasSubstr("database.password_file: "), HasSubstr("missing")));
}

TEST_F(DatabasePasswordSettingsTest, EveryProblemAtOnce) {
  absl::StatusOr<Settings> s = ResolveSettings(
      Config("postgresql://fascia:url-canary@db/fascia", Write("pw", kSecret, 0666)));
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.status().message()),
              AllOf(HasSubstr("database_url carries a password"), HasSubstr("other users")));
}

}  // namespace
}  // namespace fascia::app
