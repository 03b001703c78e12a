//===--- CorolintClangdMain.cpp - clangd with the coro checks built in ----===//
//
// Stock clangd cannot load clang-tidy plugins, so `corolint-clangd` is
// clangd's own entry point (libclangdMain.a) linked together with the coro
// module. clangd's library already force-links the upstream clang-tidy
// modules (except the static analyzer and MPI, which clangd never runs), so
// the result is a drop-in replacement for clangd-19: the same flags, the same
// .clangd configuration, plus the `coro-*` checks and their fix-its as code
// actions.
//
//===----------------------------------------------------------------------===//

#include "Version.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

// Declared in clang-tools-extra/clangd/tool/ClangdMain.h, which Debian does
// not install; defined in libclangdMain.a.
namespace clang::clangd {
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

// Defined in CoroTidyModule.cpp; referencing it keeps the module's static
// registration in the link whatever the linker decides about the objects.
extern volatile int CoroModuleAnchorSource;

int main(int Argc, char *Argv[]) {
  (void)CoroModuleAnchorSource;
  // clangd installs its own version printer, which replaces any extra one;
  // name ourselves first, clangd then prints its version and exits.
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "--")
      break;
    if (Arg == "--version" || Arg == "-version") {
      llvm::outs() << "corolint-clangd version " COROLINT_VERSION
                      " (built on LLVM " COROLINT_LLVM_VERSION
                      "; clang-tidy module: coro)\n";
      llvm::outs().flush();
      break;
    }
  }
  return clang::clangd::clangdMain(Argc, Argv);
}
