// ReadElfExports (plugins/sdk/check/elf_exports.h) on real plugins and on
// files that are not, or no longer, well-formed shared objects: a corrupt
// file must be an error, never a crash or an out-of-bounds read.
#include "elf_exports.h"

#include <elf.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

namespace fascia::plugin_check {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A temporary file holding `bytes`, removed with the object.
class TempFile {
 public:
  explicit TempFile(const std::string& bytes) {
    char name[] = "/tmp/fascia_elf_test_XXXXXX";
    const int fd = mkstemp(name);
    EXPECT_GE(fd, 0);
    EXPECT_EQ(write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    close(fd);
    path_ = name;
  }
  ~TempFile() { unlink(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(ElfExportsTest, SdkBuiltPluginExportsOnlyTheEntry) {
  absl::StatusOr<std::vector<ElfExport>> exports = ReadElfExports(FASCIA_TOY_SO);
  ASSERT_TRUE(exports.ok()) << exports.status();
  EXPECT_THAT(*exports, ElementsAre(Field(&ElfExport::name, "fascia_plugin_entry")));
  EXPECT_TRUE(exports->front().function);
}

TEST(ElfExportsTest, LeakyPluginShowsItsExtraSymbol) {
  absl::StatusOr<std::vector<ElfExport>> exports = ReadElfExports(FASCIA_LEAKY_SO);
  ASSERT_TRUE(exports.ok()) << exports.status();
  EXPECT_THAT(*exports, Contains(Field(&ElfExport::name, "leaky_debug_counter")));
  EXPECT_THAT(*exports, Contains(Field(&ElfExport::name, "fascia_plugin_entry")));
}

TEST(ElfExportsTest, MissingFileIsNotFound) {
  EXPECT_EQ(ReadElfExports("/nonexistent/x.so").status().code(), absl::StatusCode::kNotFound);
}

TEST(ElfExportsTest, NotElfIsInvalid) {
  TempFile file("this is a text file, not a shared object\n");
  EXPECT_EQ(ReadElfExports(file.path()).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ElfExportsTest, EveryTruncationIsAnErrorNotACrash) {
  const std::string bytes = ReadAll(FASCIA_TOY_SO);
  ASSERT_GT(bytes.size(), sizeof(Elf64_Ehdr));
  // Cut inside the header, and at points across the file up to one byte
  // short: the section headers sit at the end, so every cut loses them.
  for (size_t size : {size_t{0}, size_t{10}, sizeof(Elf64_Ehdr) - 1, sizeof(Elf64_Ehdr),
                      bytes.size() / 2, bytes.size() - 1}) {
    TempFile file(bytes.substr(0, size));
    EXPECT_FALSE(ReadElfExports(file.path()).ok()) << "cut at " << size;
  }
}

TEST(ElfExportsTest, HugeOffsetsAreRejected) {
  std::string bytes = ReadAll(FASCIA_TOY_SO);
  ASSERT_GT(bytes.size(), sizeof(Elf64_Ehdr));
  Elf64_Ehdr header;
  std::memcpy(&header, bytes.data(), sizeof(header));
  header.e_shoff = ~uint64_t{0} - 8;  // would overflow offset + size
  std::memcpy(bytes.data(), &header, sizeof(header));
  TempFile file(bytes);
  EXPECT_EQ(ReadElfExports(file.path()).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ElfExportsTest, SymbolNameOutsideStringTableIsRejected) {
  std::string bytes = ReadAll(FASCIA_TOY_SO);
  Elf64_Ehdr header;
  std::memcpy(&header, bytes.data(), sizeof(header));
  // Point every .dynsym name far past the end of .dynstr.
  for (uint32_t i = 0; i < header.e_shnum; ++i) {
    Elf64_Shdr section;
    std::memcpy(&section, bytes.data() + header.e_shoff + i * sizeof(Elf64_Shdr), sizeof(section));
    if (section.sh_type != SHT_DYNSYM) continue;
    for (uint64_t off = section.sh_offset; off < section.sh_offset + section.sh_size;
         off += sizeof(Elf64_Sym)) {
      Elf64_Sym sym;
      std::memcpy(&sym, bytes.data() + off, sizeof(sym));
      sym.st_name = 0x7fffffff;
      std::memcpy(bytes.data() + off, &sym, sizeof(sym));
    }
  }
  TempFile file(bytes);
  EXPECT_EQ(ReadElfExports(file.path()).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace fascia::plugin_check
