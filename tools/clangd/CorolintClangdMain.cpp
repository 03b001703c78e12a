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
// With no set-up it behaves as corolint does on a project: clangd reads the
// user's configuration (clangd/config.yaml under $XDG_CONFIG_HOME), and
// corolint-clangd puts its own defaults in front of it, which the user's and
// the project's configuration (.clangd) override:
//   - the coro-* checks enabled, and FastCheckFilter Loose (clangd's default,
//     Strict, runs only the upstream checks it has measured as fast);
//   - installed, clang's builtin headers from lib/corolint/clang/<major>
//     (tools/corolint/Layout.h);
//   - lib/corolint/corolint-preinclude.h force-included, so that asio and
//     Boost.Asio coroutines parse under clang as under g++;
//   - g++'s own flags that clang's driver refuses removed from the compile
//     command (corolint does this with clang's option table; clangd's
//     configuration only takes a list, kept below).
// A file that is not C++20 (C, an older target) is left alone silently.
//
//===----------------------------------------------------------------------===//

#include "Layout.h"
#include "Version.h"
#include "utils/LanguageGuard.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA1.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/ADT/StringExtras.h"
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

// Declared in clang-tools-extra/clangd/tool/ClangdMain.h, which Debian does
// not install; defined in libclangdMain.a.
namespace clang::clangd {
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

// Defined in CoroTidyModule.cpp; referencing it keeps the module's static
// registration in the link whatever the linker decides about the objects.
extern volatile int CoroModuleAnchorSource;

namespace {

bool ignoreNotCxx20(llvm::StringRef, llvm::StringRef) { return false; }

/// g++ flags found in compile databases that clang 19's driver rejects as
/// unknown arguments (an error on the first line of every file in the
/// editor). A trailing * removes every flag with that prefix.
constexpr const char *GccOnlyFlags[] = {
    "-fanalyzer*",       "-fno-analyzer*",          "-fcompare-debug*",
    "-fconcepts",        "-fconcepts-diagnostics-depth=*",
    "-fdeps-*",          "-fdevirtualize-at-ltrans", "-fdiagnostics-urls=*",
    "-fext-numeric-literals", "-fno-ext-numeric-literals", "-fimplicit-constexpr",
    "-fipa-*",           "-fno-ipa-*",              "-fno-gnu-unique",
    "-fno-keep-inline-dllexport", "-fno-lifetime-dse", "-flifetime-dse*",
    "-fmodule-mapper=*", "-fmodules-ts",            "-fno-var-tracking*",
    "-fvar-tracking*",   "-mno-direct-extern-access"};

/// Writes corolint-clangd's defaults followed by the user's own clangd
/// configuration into a file of corolint-clangd's cache (named by its
/// content, so that nothing is left behind per run) and points
/// XDG_CONFIG_HOME there. On any failure clangd runs with the user's
/// configuration alone.
void installDefaults(llvm::StringRef Root) {
  std::string Defaults = "# corolint-clangd's defaults; the user's configuration "
                         "follows and overrides them.\n"
                         "Diagnostics:\n  ClangTidy:\n    Add: [coro-*]\n"
                         "    FastCheckFilter: Loose\n";
  Defaults += "CompileFlags:\n  Remove: [";
  for (const char *Flag : GccOnlyFlags)
    Defaults += std::string(Flag == GccOnlyFlags[0] ? "" : ", ") + "'" + Flag + "'";
  Defaults += "]\n";
  if (std::optional<std::string> Preinclude = corolint::findPreinclude(Root))
    Defaults += "  Add: ['-include" + *Preinclude + "']\n";

  std::string User;
  llvm::SmallString<256> UserDir;
  if (llvm::sys::path::user_config_directory(UserDir)) {
    llvm::SmallString<256> UserConfig(UserDir);
    llvm::sys::path::append(UserConfig, "clangd", "config.yaml");
    if (auto Buffer = llvm::MemoryBuffer::getFile(UserConfig))
      User = (*Buffer)->getBuffer().str();
  }
  std::string Text = Defaults;
  if (!llvm::StringRef(User).trim().empty())
    Text += "---\n" + User + (llvm::StringRef(User).ends_with("\n") ? "" : "\n");

  llvm::SmallString<256> Dir;
  if (!llvm::sys::path::cache_directory(Dir))
    return;
  llvm::sys::path::append(Dir, "corolint-clangd",
                          "config-" + llvm::toHex(llvm::SHA1::hash(
                                          llvm::arrayRefFromStringRef(Text))));
  llvm::SmallString<256> ConfigDir(Dir);
  llvm::sys::path::append(ConfigDir, "clangd");
  llvm::SmallString<256> Config(ConfigDir);
  llvm::sys::path::append(Config, "config.yaml");
  if (!llvm::sys::fs::is_regular_file(Config)) {
    if (llvm::sys::fs::create_directories(ConfigDir))
      return;
    llvm::SmallString<256> Temp;
    int FD;
    if (llvm::sys::fs::createUniqueFile(Config + ".%%%%%%", FD, Temp))
      return;
    {
      llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
      OS << Text;
    }
    if (llvm::sys::fs::rename(Temp, Config)) {
      llvm::sys::fs::remove(Temp);
      return;
    }
  }
  ::setenv("XDG_CONFIG_HOME", Dir.c_str(), /*overwrite=*/1);
}

} // namespace

int main(int Argc, char *Argv[]) {
  (void)CoroModuleAnchorSource;
  clang::tidy::coro::utils::setNonCxx20Handler(ignoreNotCxx20);
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
  const std::string Root =
      corolint::installRoot(Argv[0], reinterpret_cast<void *>(&ignoreNotCxx20));
  installDefaults(Root);
  // Installed: clang's builtin headers from the installation's copy, unless
  // the user chose a resource directory.
  std::vector<char *> Args(Argv, Argv + Argc);
  std::string ResourceFlag;
  const bool UserChose = llvm::any_of(Args, [](const char *A) {
    return llvm::StringRef(A).contains("resource-dir");
  });
  if (std::optional<std::string> Resources =
          corolint::findResourceDir(Root, COROLINT_LLVM_MAJOR);
      Resources && !UserChose) {
    ResourceFlag = "--resource-dir=" + *Resources;
    Args.insert(Args.begin() + 1, ResourceFlag.data());
  }
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size() - 1),
                                   Args.data());
}
