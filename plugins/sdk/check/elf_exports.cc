// .dynsym reader for ReadElfExports; see elf_exports.h. The whole file is
// read into memory (plugins are a few MiB at most) and every header, table
// and string is checked against its size before it is touched.
#include "elf_exports.h"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <iterator>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace fascia::plugin_check {
namespace {

#if defined(__x86_64__)
constexpr uint16_t kHostMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr uint16_t kHostMachine = EM_AARCH64;
#else
#error "fascia-plugin-check: add this machine's EM_* constant"
#endif

absl::Status Bad(const std::string& path, const std::string& why) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", why));
}

// True when [offset, offset + count * size) lies inside a file of `total`
// bytes, without overflow.
bool Inside(uint64_t offset, uint64_t count, uint64_t size, uint64_t total) {
  if (size != 0 && count > total / size) return false;
  const uint64_t length = count * size;
  return offset <= total && length <= total - offset;
}

template <typename T>
T Read(const std::string& bytes, uint64_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

}  // namespace

absl::StatusOr<std::vector<ElfExport>> ReadElfExports(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const uint64_t total = bytes.size();

  if (!Inside(0, 1, sizeof(Elf64_Ehdr), total)) return Bad(path, "too short for an ELF header");
  const auto eh = Read<Elf64_Ehdr>(bytes, 0);
  if (std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) return Bad(path, "not an ELF file");
  if (eh.e_ident[EI_CLASS] != ELFCLASS64) return Bad(path, "not a 64-bit ELF file");
  if (eh.e_ident[EI_DATA] != ELFDATA2LSB) return Bad(path, "not little-endian");
  if (eh.e_type != ET_DYN) return Bad(path, "not a shared object (ET_DYN)");
  if (eh.e_machine != kHostMachine) return Bad(path, "built for another machine");
  if (eh.e_shentsize != sizeof(Elf64_Shdr) ||
      !Inside(eh.e_shoff, eh.e_shnum, sizeof(Elf64_Shdr), total)) {
    return Bad(path, "section header table out of bounds");
  }

  auto section = [&](uint32_t index) {
    return Read<Elf64_Shdr>(bytes, eh.e_shoff + index * sizeof(Elf64_Shdr));
  };
  std::vector<ElfExport> exports;
  bool found = false;
  for (uint32_t i = 0; i < eh.e_shnum; ++i) {
    const Elf64_Shdr symtab = section(i);
    if (symtab.sh_type != SHT_DYNSYM) continue;
    found = true;
    if (symtab.sh_entsize != sizeof(Elf64_Sym) || symtab.sh_size % sizeof(Elf64_Sym) != 0 ||
        !Inside(symtab.sh_offset, symtab.sh_size, 1, total) || symtab.sh_link >= eh.e_shnum) {
      return Bad(path, ".dynsym out of bounds");
    }
    const Elf64_Shdr strtab = section(symtab.sh_link);
    if (strtab.sh_type != SHT_STRTAB || !Inside(strtab.sh_offset, strtab.sh_size, 1, total)) {
      return Bad(path, ".dynstr out of bounds");
    }
    const uint64_t count = symtab.sh_size / sizeof(Elf64_Sym);
    for (uint64_t k = 0; k < count; ++k) {
      const auto sym = Read<Elf64_Sym>(bytes, symtab.sh_offset + k * sizeof(Elf64_Sym));
      const unsigned bind = ELF64_ST_BIND(sym.st_info);
      const unsigned type = ELF64_ST_TYPE(sym.st_info);
      const unsigned visibility = ELF64_ST_VISIBILITY(sym.st_other);
      if (sym.st_shndx == SHN_UNDEF || sym.st_shndx == SHN_ABS) continue;
      if (bind != STB_GLOBAL && bind != STB_WEAK && bind != STB_GNU_UNIQUE) continue;
      if (visibility != STV_DEFAULT && visibility != STV_PROTECTED) continue;
      if (type != STT_FUNC && type != STT_OBJECT && type != STT_TLS && type != STT_GNU_IFUNC &&
          type != STT_COMMON) {
        continue;
      }
      if (sym.st_name >= strtab.sh_size) return Bad(path, "symbol name out of bounds");
      const char* name = bytes.data() + strtab.sh_offset + sym.st_name;
      const size_t max_length = strtab.sh_size - sym.st_name;
      const size_t length = strnlen(name, max_length);
      if (length == max_length) return Bad(path, "unterminated symbol name");
      exports.push_back(
          {std::string(name, length), type == STT_FUNC || type == STT_GNU_IFUNC, bind == STB_WEAK});
    }
  }
  if (!found) return Bad(path, "no .dynsym section");
  return exports;
}

}  // namespace fascia::plugin_check
