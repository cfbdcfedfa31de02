// fasciad settings: the documented example config parses and resolves to the
// defaults it claims; bad files and bad values are refused with every problem
// named.
#include <fstream>

#include <gtest/gtest.h>

#include "app/settings.h"

namespace fascia::app {
namespace {

std::string WriteTemp(const std::string& text) {
  std::string path = ::testing::TempDir() + "/fasciad-test.textproto";
  std::ofstream(path) << text;
  return path;
}

TEST(SettingsTest, DocumentedExampleResolves) {
  auto file = ReadConfigFile(FASCIA_EXAMPLE_CONFIG);
  ASSERT_TRUE(file.ok()) << file.status();
  auto settings = ResolveSettings(*file);
  ASSERT_TRUE(settings.ok()) << settings.status();
  Settings defaults;
  EXPECT_EQ(settings->listen_address, defaults.listen_address);
  EXPECT_EQ(settings->database_url, "sqlite:/var/lib/fascia/fascia.db");
  EXPECT_EQ(settings->max_receive_message_bytes, defaults.max_receive_message_bytes);
  EXPECT_EQ(settings->max_concurrent_streams, defaults.max_concurrent_streams);
  EXPECT_EQ(settings->database_call_timeout, defaults.database_call_timeout);
  EXPECT_EQ(settings->shutdown_grace, defaults.shutdown_grace);
  EXPECT_EQ(settings->database_pool_size, defaults.database_pool_size);
}

TEST(SettingsTest, DefaultDatabaseLivesInTheDataDir) {
  fascia::config::v1::ServerConfig config;
  config.set_data_dir("/srv/fascia");
  auto settings = ResolveSettings(config);
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->database_url, "sqlite:/srv/fascia/fascia.db");
}

TEST(SettingsTest, UnknownFieldNamesTheLine) {
  auto file = ReadConfigFile(WriteTemp("listen_address: \"x:1\"\nlisten_adress: \"y:2\"\n"));
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("line 2"), absl::string_view::npos) << file.status();
  EXPECT_NE(file.status().message().find("listen_adress"), absl::string_view::npos);
}

TEST(SettingsTest, EveryBadValueIsReported) {
  fascia::config::v1::ServerConfig config;
  config.set_database_url("mysql://nope");
  config.set_log_level("loud");
  config.mutable_limits()->set_max_threads(1);
  config.mutable_limits()->set_spare_threads(0);
  config.mutable_database()->set_pool_size(0);
  config.set_data_dir("");
  auto settings = ResolveSettings(config);
  ASSERT_FALSE(settings.ok());
  for (const char* field :
       {"database_url", "log level", "max_threads", "spare_threads", "pool_size", "data_dir"}) {
    EXPECT_NE(settings.status().message().find(field), absl::string_view::npos)
        << field << " in " << settings.status();
  }
}

TEST(SettingsTest, SpareThreadsMayNotExceedMaxThreads) {
  fascia::config::v1::ServerConfig config;
  config.mutable_limits()->set_max_threads(8);
  config.mutable_limits()->set_spare_threads(9);
  auto settings = ResolveSettings(config);
  ASSERT_FALSE(settings.ok());
  EXPECT_NE(settings.status().message().find("limits.spare_threads"), absl::string_view::npos)
      << settings.status();
  config.mutable_limits()->set_spare_threads(8);
  ASSERT_TRUE(ResolveSettings(config).ok());
}

TEST(SettingsTest, UnsetSpareThreadsFollowALowMaxThreads) {
  fascia::config::v1::ServerConfig config;
  config.mutable_limits()->set_max_threads(8);
  auto settings = ResolveSettings(config);
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->spare_threads, 8);
  EXPECT_EQ(ResolveSettings({})->spare_threads, 64);
}

}  // namespace
}  // namespace fascia::app
