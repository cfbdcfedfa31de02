// WriteKeyFile: an owner key file is the owner's alone, whatever was at the
// path before: an existing file with a looser mode, or a symlink planted to
// redirect the write.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "app/bootstrap.h"

namespace fascia::app {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/fascia_key_file_XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(lstat(path.c_str(), &st), 0);
  return st.st_mode;
}

TEST_F(KeyFileTest, ReplacesAnExistingLooserFileWithAnOwnerOnlyOne) {
  const std::string path = dir_ + "/owner.key";
  std::ofstream(path) << "old\n";
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  ASSERT_TRUE(WriteKeyFile(path, "fsk_new").ok());
  EXPECT_EQ(ModeOf(path) & 0777, 0600u);
  EXPECT_EQ(Read(path), "fsk_new\n");
}

TEST_F(KeyFileTest, DoesNotWriteThroughASymlink) {
  const std::string target = dir_ + "/elsewhere";
  std::ofstream(target) << "untouched\n";
  const std::string path = dir_ + "/owner.key";
  ASSERT_EQ(symlink(target.c_str(), path.c_str()), 0);
  ASSERT_TRUE(WriteKeyFile(path, "fsk_new").ok());
  EXPECT_TRUE(S_ISREG(ModeOf(path)));
  EXPECT_EQ(ModeOf(path) & 0777, 0600u);
  EXPECT_EQ(Read(target), "untouched\n");
  EXPECT_EQ(Read(path), "fsk_new\n");
}

TEST_F(KeyFileTest, LeavesNoTemporaryFileBehind) {
  ASSERT_TRUE(WriteKeyFile(dir_ + "/owner.key", "fsk_new").ok());
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 1);
}

}  // namespace
}  // namespace fascia::app
