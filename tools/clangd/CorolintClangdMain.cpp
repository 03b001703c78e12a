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
// A file that is not C++20 (C, an older target) is left alone silently. A
// file for which clangd finds no compile command gets one warning at its top
// that says how to give it one (a build directory outside the project is
// common), instead of a wall of errors from guessed flags.
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
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <cstdlib>
#include <mutex>
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

/// --compile-commands-dir, when given.
std::string CompileCommandsDir;

/// The files a compile_commands.json lists (absolute, as clangd resolves
/// them against each entry's directory), read once per database.
const llvm::StringSet<> &listedFiles(const std::string &Json) {
  static llvm::StringMap<llvm::StringSet<>> Databases; // under the caller's lock
  auto [It, New] = Databases.try_emplace(Json);
  if (!New)
    return It->second;
  std::string Error;
  if (auto Database = clang::tooling::JSONCompilationDatabase::loadFromFile(
          Json, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect))
    for (const clang::tooling::CompileCommand &Command :
         Database->getAllCompileCommands()) {
      llvm::SmallString<256> Path(Command.Filename);
      if (!llvm::sys::path::is_absolute(Path))
        llvm::sys::fs::make_absolute(Command.Directory, Path);
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      It->second.insert(Path);
    }
  return It->second;
}

/// Whether clangd finds a compile command of the file's own for \p File:
/// a compile database (the --compile-commands-dir one, else the nearest
/// compile_commands.json in one of the file's directories or in a build/
/// below one of them) that lists it, or, for a header, any such database
/// (clangd borrows a neighbour's command, as it should); a
/// compile_flags.txt; or a .clangd (or the user's clangd configuration)
/// that names a CompilationDatabase. A source file that the nearest database
/// does not list (the build directory is elsewhere, and a database above it
/// is another project's) gets a guessed command: no.
bool hasCompileCommand(llvm::StringRef File) {
  static std::mutex Lock;
  // Per directory: the nearest thing clangd would take its flags from.
  struct Source {
    enum { None, Database, Flags } What = None;
    std::string Json;
  };
  static llvm::StringMap<Source> Known;
  auto Exists = [](llvm::StringRef Dir, llvm::StringRef Name) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, Name);
    return llvm::sys::fs::is_regular_file(Path) ? std::string(Path) : std::string();
  };
  auto NamesDatabase = [](llvm::StringRef Path) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    return Buffer && (*Buffer)->getBuffer().contains("CompilationDatabase");
  };
  llvm::SmallString<256> Absolute(File);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  const llvm::StringRef Extension = llvm::sys::path::extension(Absolute);
  const bool Header = llvm::is_contained(
      {llvm::StringRef(".h"), llvm::StringRef(".hh"), llvm::StringRef(".hpp"),
       llvm::StringRef(".hxx"), llvm::StringRef(".inc"), llvm::StringRef(".ipp"),
       llvm::StringRef(".tcc"), llvm::StringRef("")},
      Extension);
  std::lock_guard<std::mutex> Guard(Lock);
  auto Listed = [&](const std::string &Json) {
    return Header || listedFiles(Json).contains(Absolute);
  };
  if (!CompileCommandsDir.empty()) {
    std::string Json = Exists(CompileCommandsDir, "compile_commands.json");
    return !Json.empty() && Listed(Json);
  }
  llvm::SmallVector<std::string, 8> Visited;
  Source Found;
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(Absolute); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    if (auto It = Known.find(Dir); It != Known.end()) {
      Found = It->second;
      break;
    }
    Visited.push_back(Dir.str());
    llvm::SmallString<256> Clangd(Dir);
    llvm::sys::path::append(Clangd, ".clangd");
    if (std::string Json = Exists(Dir, "compile_commands.json"); !Json.empty()) {
      Found = {Source::Database, Json};
      break;
    }
    if (std::string Json = Exists(Dir, "build/compile_commands.json"); !Json.empty()) {
      Found = {Source::Database, Json};
      break;
    }
    if (!Exists(Dir, "compile_flags.txt").empty() ||
        (llvm::sys::fs::is_regular_file(Clangd) && NamesDatabase(Clangd))) {
      Found = {Source::Flags, ""};
      break;
    }
  }
  for (const std::string &Dir : Visited)
    Known[Dir] = Found;
  if (Found.What == Source::Flags || (Found.What == Source::Database && Listed(Found.Json)))
    return true;
  // The configuration corolint-clangd wrote: the user's follows its own.
  if (const char *Config = std::getenv("XDG_CONFIG_HOME")) {
    llvm::SmallString<256> Path(Config);
    llvm::sys::path::append(Path, "clangd", "config.yaml");
    return NamesDatabase(Path);
  }
  return false;
}

} // namespace

int main(int Argc, char *Argv[]) {
  (void)CoroModuleAnchorSource;
  clang::tidy::coro::utils::setNonCxx20Handler(ignoreNotCxx20);
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg.consume_front("--compile-commands-dir=") ||
        Arg.consume_front("-compile-commands-dir="))
      CompileCommandsDir = Arg.str();
    else if ((Arg == "--compile-commands-dir" || Arg == "-compile-commands-dir") &&
             I + 1 < Argc)
      CompileCommandsDir = Argv[I + 1];
  }
  clang::tidy::coro::utils::setCompileCommandProbe(hasCompileCommand);
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
