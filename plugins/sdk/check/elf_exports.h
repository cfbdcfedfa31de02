// The dynamic exports of a 64-bit ELF shared object, read from its .dynsym
// with <elf.h> (no dlopen: nothing of the file runs).
//
//   absl::StatusOr<std::vector<ElfExport>> e = ReadElfExports("prenatal.so");
//
// An export is a .dynsym entry that is defined (not SHN_UNDEF), not an
// absolute symbol (SHN_ABS: the linker's version-node names, which address
// nothing), bound GLOBAL, WEAK or GNU_UNIQUE, visible (DEFAULT or PROTECTED),
// and of a kind that another object could bind to: FUNC, OBJECT, TLS,
// GNU_IFUNC or COMMON. NOTYPE markers (_edata, _end, __bss_start) are left
// out: older linkers emit them into every .so and no code can call them.
//
// Fails (INVALID_ARGUMENT) for a file that is not a 64-bit ELF shared object
// for this machine, or whose tables point outside the file: every offset is
// bounds-checked, so a corrupt file is an error, never a crash.
// Thread-safe (no shared state).
#ifndef FASCIA_PLUGIN_CHECK_ELF_EXPORTS_H_
#define FASCIA_PLUGIN_CHECK_ELF_EXPORTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace fascia::plugin_check {

struct ElfExport {
  std::string name;
  bool function = false;  // STT_FUNC or STT_GNU_IFUNC
  bool weak = false;      // STB_WEAK
};

absl::StatusOr<std::vector<ElfExport>> ReadElfExports(const std::string& path);

}  // namespace fascia::plugin_check

#endif  // FASCIA_PLUGIN_CHECK_ELF_EXPORTS_H_
