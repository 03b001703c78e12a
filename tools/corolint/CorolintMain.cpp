//===--- CorolintMain.cpp - the standalone corolint -----------------------===//
//
// `corolint` is clang-tidy's own command line (clangTidyMain) with every
// upstream module and the coro module linked in. Before handing over, it
// turns the inputs that clang-tidy would accept silently or half-handle into
// one clear error and a non-zero exit:
//   - a source file that does not exist;
//   - a --checks glob that names no known check;
//   - a -p build path without a usable compilation database;
//   - an unknown coro-* check or option in --config, --config-file or a
//     .clang-tidy file.
// It then adds what a project linted as it is needs:
//   - with no --checks and no configuration that sets Checks, the coro-*
//     checks (not clang-tidy's default set);
//   - lib/corolint/corolint-preinclude.h, force-included, so that asio and
//     Boost.Asio enable their C++20 coroutines under clang as under g++;
//   - installed, clang's builtin headers from lib/corolint/clang/<major>
//     (Layout.h);
//   - a compile database written for g++, and a g++ command given after
//     `--` (CMake's CMAKE_CXX_CLANG_TIDY), are read without the flags clang's
//     driver does not know (ClangCompatibleDatabase.h);
//   - a translation unit that is not C++20 is said once by corolint: an error
//     when its flags came from the command line (or there were none), a note
//     and a skip when they came from a compilation database (a C file or an
//     older target of a mixed project is no error of a project run).
//
//===----------------------------------------------------------------------===//

#include "ClangCompatibleDatabase.h"
#include "Layout.h"
#include "Version.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "utils/LanguageGuard.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

using namespace clang::tidy;

namespace {

constexpr llvm::StringLiteral CoroPrefix = "coro-";

// What corolint adds to clang-tidy's command line, after its own help.
llvm::cl::extrahelp CorolintHelp(R"(
corolint:
  With no --checks and no configuration that sets Checks, the coro-* checks
  run. The exit status is clang-tidy's: 0 when the files were analysed,
  findings or not, unless --warnings-as-errors='coro-*' makes a finding an
  error (then 1); 1 for bad input (a missing file, an unknown check or
  option, a file that is not C++20 given with no compile database).

  --export-clang-database=<dir>   with -p <build>: write <dir>/compile_commands.json,
                                  the build's database without the flags clang does
                                  not know (g++'s own), for clang-tidy-19 --load
)");

/// What the validation needs from the command line. clang-tidy parses it
/// again, fully, afterwards.
struct Arguments {
  std::vector<std::string> CheckLists;
  std::optional<std::string> BuildPath;
  std::optional<std::string> Config;
  std::optional<std::string> ConfigFile;
  std::vector<std::string> Sources;
  bool LoadsPlugins = false;
  /// Compiler flags follow `--`: a fixed compilation database.
  bool HasFixedFlags = false;
  /// ... and they are a whole compiler command (`-- /usr/bin/g++ ... -c
  /// f.cpp`, as CMake's CMAKE_CXX_CLANG_TIDY passes it): the build's own.
  bool FixedFlagsAreBuildCommand = false;
  /// --list-checks, --dump-config, --explain-config or --verify-config: no
  /// file is linted (run-clang-tidy probes with an empty file name).
  bool NoLinting = false;
};

/// clang-tidy options whose value may follow as the next argument.
bool takesValue(llvm::StringRef Name) {
  static const char *const Names[] = {
      "checks",        "config",           "config-file", "export-fixes",
      "extra-arg",     "extra-arg-before", "format-style", "header-filter",
      "exclude-header-filter", "line-filter", "load",     "p",
      "store-check-profile",   "vfsoverlay",  "warnings-as-errors"};
  return llvm::is_contained(Names, Name);
}

/// A compiler program as a build writes it (`/usr/bin/g++`, `c++`,
/// `clang++-19`, `x86_64-linux-gnu-gcc-12`), not a flag.
bool isCompilerProgram(llvm::StringRef Arg) {
  if (Arg.starts_with("-"))
    return false;
  llvm::StringRef Name = llvm::sys::path::filename(Arg);
  return Name.contains("g++") || Name.contains("gcc") || Name.contains("clang") ||
         Name == "c++" || Name == "cc" || Name.starts_with("c++-") ||
         Name.starts_with("cc-");
}

Arguments scanArguments(int Argc, const char **Argv) {
  Arguments Args;
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "--") {
      Args.HasFixedFlags = true;
      Args.FixedFlagsAreBuildCommand =
          I + 1 < Argc && isCompilerProgram(Argv[I + 1]) &&
          llvm::any_of(llvm::ArrayRef<const char *>(Argv + I + 1, Argv + Argc),
                       [](const char *A) { return llvm::StringRef(A) == "-c"; });
      break;
    }
    if (!Arg.starts_with("-") || Arg == "-") {
      Args.Sources.push_back(Arg.str());
      continue;
    }
    llvm::StringRef Name = Arg.ltrim('-');
    if (Name == "list-checks" || Name == "dump-config" ||
        Name == "explain-config" || Name == "verify-config")
      Args.NoLinting = true;
    std::optional<std::string> Value;
    if (size_t Eq = Name.find('='); Eq != llvm::StringRef::npos) {
      Value = Name.substr(Eq + 1).str();
      Name = Name.substr(0, Eq);
    } else if (takesValue(Name) && I + 1 < Argc) {
      Value = Argv[++I];
    }
    if (!Value)
      continue;
    if (Name == "checks")
      Args.CheckLists.push_back(*Value);
    else if (Name == "p")
      Args.BuildPath = *Value;
    else if (Name == "config")
      Args.Config = *Value;
    else if (Name == "config-file")
      Args.ConfigFile = *Value;
    else if (Name == "load")
      Args.LoadsPlugins = true;
  }
  return Args;
}

int fail(const llvm::Twine &Message) {
  llvm::errs() << "corolint: error: " << Message << "\n";
  return 1;
}

/// clang-tidy's glob syntax: `*` matches anything, the rest is literal.
llvm::Regex globToRegex(llvm::StringRef Glob) {
  std::string Pattern = "^";
  for (char C : Glob) {
    if (C == '*')
      Pattern += ".*";
    else
      Pattern += llvm::Regex::escape(llvm::StringRef(&C, 1));
  }
  Pattern += "$";
  return llvm::Regex(Pattern);
}

int validateChecks(const Arguments &Args, const ClangTidyCheckFactories &All) {
  if (Args.LoadsPlugins)
    return 0; // Plugins add checks we cannot see yet.
  for (const std::string &List : Args.CheckLists) {
    std::string Flat = List;
    std::replace(Flat.begin(), Flat.end(), '\n', ',');
    llvm::SmallVector<llvm::StringRef, 8> Globs;
    llvm::StringRef(Flat).split(Globs, ',');
    for (llvm::StringRef Glob : Globs) {
      Glob = Glob.trim(" \t\r\n");
      if (Glob.empty() || Glob.starts_with("-") ||
          Glob.starts_with("clang-diagnostic-") ||
          Glob.starts_with("clang-analyzer-"))
        continue;
      llvm::Regex Re = globToRegex(Glob);
      bool Matched = llvm::any_of(
          All, [&](const auto &Entry) { return Re.match(Entry.getKey()); });
      if (!Matched)
        return fail("--checks: '" + Glob + "' matches no check; " +
                    "'corolint --list-checks --checks=*' lists them all");
    }
  }
  return 0;
}

int validateBuildPath(const Arguments &Args) {
  if (!Args.BuildPath)
    return 0;
  const std::string &Dir = *Args.BuildPath;
  if (!llvm::sys::fs::is_directory(Dir))
    return fail("-p: build path '" + Dir + "' is not a directory");
  llvm::SmallString<256> Json(Dir);
  llvm::sys::path::append(Json, "compile_commands.json");
  if (llvm::sys::fs::exists(Json)) {
    // Parse it first with the JSON parser, which reports instead of printing.
    auto Buffer = llvm::MemoryBuffer::getFile(Json);
    if (!Buffer)
      return fail("-p: cannot read '" + Json + "': " + Buffer.getError().message());
    if (llvm::Expected<llvm::json::Value> Parsed =
            llvm::json::parse((*Buffer)->getBuffer());
        !Parsed)
      return fail("-p: '" + Json + "' is not valid JSON: " +
                  llvm::toString(Parsed.takeError()));
    std::string Error;
    if (!clang::tooling::JSONCompilationDatabase::loadFromFile(
            Json, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect))
      return fail("-p: '" + Json + "' is not a compilation database: " +
                  llvm::StringRef(Error).split('\n').first);
    return 0;
  }
  std::string Error;
  if (clang::tooling::CompilationDatabase::autoDetectFromDirectory(Dir, Error))
    return 0;
  return fail("-p: no compile_commands.json in '" + Dir +
              "' or its parents; configure the project with "
              "CMAKE_EXPORT_COMPILE_COMMANDS=ON");
}

int validateSources(const Arguments &Args) {
  if (Args.NoLinting)
    return 0;
  for (const std::string &Source : Args.Sources)
    if (!llvm::sys::fs::exists(Source))
      return fail("no such file: '" + Source + "'");
  return 0;
}

/// The options every coro check declares, as `coro-<check>.<Option>` keys.
llvm::StringSet<> knownCoroOptions(const ClangTidyCheckFactories &All,
                                   llvm::StringSet<> &CoroChecks) {
  ClangTidyContext Context(std::make_unique<DefaultOptionsProvider>(
      ClangTidyGlobalOptions(), ClangTidyOptions::getDefaults()));
  llvm::StringSet<> Known;
  for (const auto &Entry : All) {
    if (!Entry.getKey().starts_with(CoroPrefix))
      continue;
    CoroChecks.insert(Entry.getKey());
    std::unique_ptr<ClangTidyCheck> Check =
        Entry.getValue()(Entry.getKey(), &Context);
    ClangTidyOptions::OptionMap Options;
    Check->storeOptions(Options);
    for (const auto &Option : Options)
      Known.insert(Option.getKey());
  }
  return Known;
}

int validateConfig(llvm::StringRef Text, llvm::StringRef Source,
                   const llvm::StringSet<> &Known,
                   const llvm::StringSet<> &CoroChecks) {
  llvm::ErrorOr<ClangTidyOptions> Parsed =
      parseConfiguration(llvm::MemoryBufferRef(Text, Source));
  if (!Parsed)
    return fail("cannot parse the configuration in " + Source + ": " +
                Parsed.getError().message());
  for (const auto &Option : Parsed->CheckOptions) {
    llvm::StringRef Key = Option.getKey();
    if (!Key.starts_with(CoroPrefix) || Known.contains(Key))
      continue;
    auto [Check, Name] = Key.split('.');
    if (!CoroChecks.contains(Check))
      return fail("unknown check '" + Check + "' in option '" + Key + "' in " +
                  Source);
    std::vector<std::string> Names;
    for (const auto &K : Known)
      if (K.getKey().starts_with((Check + ".").str()))
        Names.push_back(K.getKey().drop_front(Check.size() + 1).str());
    llvm::sort(Names);
    std::string Choices = llvm::join(Names, ", ");
    return fail("unknown option '" + Key + "' in " + Source + " (" + Check +
                " has: " + (Choices.empty() ? "no options" : Choices) + ")");
  }
  return 0;
}

int validateConfigs(const Arguments &Args, const ClangTidyCheckFactories &All) {
  llvm::StringSet<> CoroChecks;
  llvm::StringSet<> Known = knownCoroOptions(All, CoroChecks);
  if (Args.Config && !Args.Config->empty())
    if (int RC = validateConfig(*Args.Config, "--config", Known, CoroChecks))
      return RC;
  std::vector<std::string> Files;
  if (Args.ConfigFile) {
    if (!llvm::sys::fs::exists(*Args.ConfigFile))
      return fail("--config-file: no such file: '" + *Args.ConfigFile + "'");
    Files.push_back(*Args.ConfigFile);
  } else if (!Args.Config) {
    // The .clang-tidy files clang-tidy would read for each source.
    llvm::StringSet<> Seen;
    for (const std::string &Source : Args.Sources) {
      llvm::SmallString<256> Dir(Source);
      llvm::sys::fs::make_absolute(Dir);
      llvm::sys::path::remove_filename(Dir);
      for (llvm::StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D)) {
        llvm::SmallString<256> Candidate(D);
        llvm::sys::path::append(Candidate, ".clang-tidy");
        if (Seen.insert(Candidate).second && llvm::sys::fs::is_regular_file(Candidate))
          Files.push_back(std::string(Candidate));
      }
    }
  }
  for (const std::string &File : Files) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    if (!Buffer)
      return fail("cannot read '" + File + "': " + Buffer.getError().message());
    if (int RC = validateConfig((*Buffer)->getBuffer(), File, Known, CoroChecks))
      return RC;
  }
  return 0;
}

int validateArguments(const Arguments &Args) {
  if (int RC = validateSources(Args))
    return RC;
  if (int RC = validateBuildPath(Args))
    return RC;
  ClangTidyCheckFactories All;
  for (const auto &Module : ClangTidyModuleRegistry::entries())
    Module.instantiate()->addCheckFactories(All);
  if (int RC = validateChecks(Args, All))
    return RC;
  return validateConfigs(Args, All);
}

/// Whether \p Text, a configuration, sets Checks; \p Inherits is set when it
/// asks for its parent directory's configuration too.
bool setsChecks(llvm::StringRef Text, llvm::StringRef Source, bool *Inherits) {
  llvm::ErrorOr<ClangTidyOptions> Parsed =
      parseConfiguration(llvm::MemoryBufferRef(Text, Source));
  if (!Parsed)
    return false; // validateConfigs() has said so already.
  if (Inherits)
    *Inherits = Parsed->InheritParentConfig.value_or(false);
  return Parsed->Checks.has_value();
}

bool fileSetsChecks(llvm::StringRef File, bool *Inherits) {
  auto Buffer = llvm::MemoryBuffer::getFile(File);
  return Buffer && setsChecks((*Buffer)->getBuffer(), File, Inherits);
}

/// Whether the user chose the checks: --checks, or a --config, --config-file
/// or .clang-tidy (the nearest one of each source, or of the current
/// directory, and the parents it inherits from) that sets Checks.
bool userChoosesChecks(const Arguments &Args) {
  if (!Args.CheckLists.empty())
    return true;
  if (Args.Config)
    return setsChecks(*Args.Config, "--config", nullptr);
  if (Args.ConfigFile)
    return fileSetsChecks(*Args.ConfigFile, nullptr);
  std::vector<std::string> Starts;
  for (const std::string &Source : Args.Sources)
    if (!Source.empty() && Source != "-")
      Starts.push_back(Source);
  if (Starts.empty())
    Starts.push_back("."); // clang-tidy looks from the current directory
  for (const std::string &Start : Starts) {
    llvm::SmallString<256> Dir(Start);
    llvm::sys::fs::make_absolute(Dir);
    if (!llvm::sys::fs::is_directory(Dir))
      llvm::sys::path::remove_filename(Dir);
    for (llvm::StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D)) {
      llvm::SmallString<256> Candidate(D);
      llvm::sys::path::append(Candidate, ".clang-tidy");
      if (!llvm::sys::fs::is_regular_file(Candidate))
        continue;
      bool Inherits = false;
      if (fileSetsChecks(Candidate, &Inherits))
        return true;
      if (!Inherits)
        break;
    }
  }
  return false;
}

/// The translation units that were not C++20, in the order they came, and
/// whether their flags came from a compilation database.
struct NotCxx20 {
  std::string File, Language;
  bool FromDatabase;
};
std::vector<NotCxx20> &notCxx20() {
  static std::vector<NotCxx20> Units;
  return Units;
}
/// The command line, for the handler below.
const Arguments *CurrentArguments = nullptr;

/// Whether the flags of \p File came from the project's build: a compilation
/// database that lists it (-p, or one found above the file), or a whole
/// compiler command after `--` (CMake's CMAKE_CXX_CLANG_TIDY); rather than
/// flags a user typed after `--`, nothing, or a guess from the database's
/// other entries.
bool flagsFromDatabase(const Arguments &Args, llvm::StringRef File) {
  if (Args.HasFixedFlags)
    return Args.FixedFlagsAreBuildCommand; // the build's own command
  llvm::SmallString<256> Path(File);
  llvm::sys::fs::make_absolute(Path);
  std::string Error;
  std::unique_ptr<clang::tooling::CompilationDatabase> Database =
      Args.BuildPath
          ? clang::tooling::CompilationDatabase::autoDetectFromDirectory(
                *Args.BuildPath, Error)
          : clang::tooling::CompilationDatabase::autoDetectFromSource(Path, Error);
  return Database && !Database->getCompileCommands(Path).empty();
}

/// A unit that is not C++20: a file given with no usable flags is an error,
/// said at once, before anything the compiler says, whose errors on it are
/// silenced; a project's file is skipped, said at the end.
bool recordNotCxx20(llvm::StringRef File, llvm::StringRef Language) {
  const bool Database = CurrentArguments && flagsFromDatabase(*CurrentArguments, File);
  notCxx20().push_back({File.str(), Language.str(), Database});
  if (Database)
    return false;
  llvm::errs() << "corolint: error: '" << File
               << "': the coro-* checks need C++20 or later, but it is "
                  "compiled as "
               << Language << "; compile it with -std=c++20\n";
  return true;
}

/// Says each skipped unit of a project once. Returns the exit status: a
/// file given with no usable flags fails the run.
int reportNotCxx20(int Status) {
  bool Failed = false;
  for (const NotCxx20 &Unit : notCxx20()) {
    Failed |= !Unit.FromDatabase;
    if (Unit.FromDatabase)
      llvm::errs() << "corolint: note: skipped '" << Unit.File
                   << "': compiled as " << Unit.Language
                   << ", and the coro-* checks need C++20\n";
  }
  return Failed ? std::max(Status, 1) : Status;
}

void printVersion(llvm::raw_ostream &OS) {
  OS << "corolint version " COROLINT_VERSION " (built on LLVM "
        COROLINT_LLVM_VERSION ")\n";
}

} // namespace

int main(int Argc, const char **Argv) {
  llvm::cl::AddExtraVersionPrinter(printVersion);
  // Expand @response files first, so that what is validated and completed
  // below is the whole command line.
  llvm::BumpPtrAllocator Alloc;
  llvm::SmallVector<const char *, 64> Expanded(Argv, Argv + Argc);
  llvm::cl::ExpansionContext ECtx(Alloc, llvm::cl::TokenizeGNUCommandLine);
  if (llvm::Error E = ECtx.expandResponseFiles(Expanded))
    return fail(llvm::toString(std::move(E)));
  // --export-clang-database=DIR: the -p database without the flags clang
  // does not know, for clang-tidy-19 --load (the plugin cannot change a
  // compile command). corolint's own option, taken out before clang-tidy's.
  std::optional<std::string> ExportDir;
  for (auto It = Expanded.begin() + 1; It != Expanded.end(); ++It) {
    llvm::StringRef Arg = *It;
    if (Arg == "--")
      break;
    if (Arg.consume_front("--export-clang-database=")) {
      ExportDir = Arg.str();
      Expanded.erase(It);
      break;
    }
  }
  Arguments Args = scanArguments(Expanded.size(), Expanded.data());
  if (ExportDir) {
    if (!Args.BuildPath)
      return fail("--export-clang-database needs -p <build directory>");
    if (int RC = validateBuildPath(Args))
      return RC;
    if (std::string Error = corolint::exportClangDatabase(*Args.BuildPath, *ExportDir);
        !Error.empty())
      return fail("--export-clang-database: " + Error);
    llvm::outs() << "corolint: wrote " << *ExportDir
                 << "/compile_commands.json without the flags clang does not know\n";
    return 0;
  }
  if (int RC = validateArguments(Args))
    return RC;

  std::vector<std::string> Added;
  if (!userChoosesChecks(Args))
    Added.push_back("--checks=-*,coro-*");
  const std::string Root =
      corolint::installRoot(Argv[0], reinterpret_cast<void *>(&printVersion));
  if (std::optional<std::string> Preinclude = corolint::findPreinclude(Root))
    Added.push_back("--extra-arg-before=-include" + *Preinclude);
  // Installed: clang's builtin headers from the installation's copy.
  if (std::optional<std::string> Resources =
          corolint::findResourceDir(Root, COROLINT_LLVM_MAJOR))
    Added.push_back("--extra-arg-before=-resource-dir=" + *Resources);
  std::optional<std::string> Compatible;
  if (!Args.HasFixedFlags && !Args.NoLinting)
    Compatible = corolint::writeClangCompatibleDatabase(
        Args.BuildPath.value_or(""), Args.Sources);
  if (Compatible)
    Added.push_back("-p=" + *Compatible);

  std::vector<const char *> Final{Expanded[0]};
  for (const std::string &A : Added)
    Final.push_back(A.c_str());
  for (size_t I = 1; I < Expanded.size(); ++I) {
    llvm::StringRef Arg = Expanded[I];
    if (Arg == "--") {
      // The compile command after `--` (CMake's CMAKE_CXX_CLANG_TIDY passes
      // the g++ command there) without the flags clang's driver refuses, as
      // for a compile database.
      std::vector<std::string> Command{"clang++"};
      Command.insert(Command.end(), Expanded.begin() + I + 1, Expanded.end());
      std::vector<size_t> Unknown = corolint::unknownArguments(Command);
      Final.push_back(Expanded[I]);
      for (size_t J = I + 1; J < Expanded.size(); ++J)
        if (!llvm::is_contained(Unknown, J - I))
          Final.push_back(Expanded[J]);
      break;
    }
    if (Compatible && (Arg == "-p" || Arg == "--p")) {
      ++I; // the compatible copy replaces the user's -p and its value
      continue;
    }
    if (Compatible && (Arg.starts_with("-p=") || Arg.starts_with("--p=")))
      continue;
    Final.push_back(Expanded[I]);
  }

  CurrentArguments = &Args;
  clang::tidy::coro::utils::setNonCxx20Handler(recordNotCxx20);
  int Status = clangTidyMain(static_cast<int>(Final.size()), Final.data());
  if (Compatible)
    llvm::sys::fs::remove_directories(*Compatible);
  return reportNotCxx20(Status);
}
