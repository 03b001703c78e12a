//===--- ClangCompatibleDatabase.cpp - g++ flags clang does not know ------===//

#include "ClangCompatibleDatabase.h"
#include "clang/Driver/Options.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using clang::tooling::CompileCommand;
using clang::tooling::JSONCompilationDatabase;

namespace corolint {

std::vector<size_t> unknownArguments(llvm::ArrayRef<std::string> CommandLine) {
  std::vector<size_t> Unknown;
  if (CommandLine.size() < 2)
    return Unknown;
  std::vector<const char *> Args;
  for (const std::string &A : CommandLine.drop_front())
    Args.push_back(A.c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::InputArgList Parsed = clang::driver::getDriverOptTable().ParseArgs(
      Args, MissingIndex, MissingCount,
      llvm::opt::Visibility(clang::driver::options::ClangOption));
  for (const llvm::opt::Arg *A :
       Parsed.filtered(clang::driver::options::OPT_UNKNOWN))
    Unknown.push_back(A->getIndex() + 1); // +1: the program
  return Unknown;
}

namespace {

/// compile_commands.json in \p Dir, else in the nearest parent of the first
/// source that has one (as clang-tidy looks for it).
std::string findDatabase(llvm::StringRef BuildDir,
                         llvm::ArrayRef<std::string> Sources) {
  auto In = [](llvm::StringRef D) {
    llvm::SmallString<256> Json(D);
    llvm::sys::path::append(Json, "compile_commands.json");
    return llvm::sys::fs::is_regular_file(Json) ? std::string(Json) : "";
  };
  if (!BuildDir.empty())
    return In(BuildDir);
  for (const std::string &Source : Sources) {
    if (Source.empty() || Source == "-")
      continue;
    llvm::SmallString<256> Dir(Source);
    llvm::sys::fs::make_absolute(Dir);
    for (llvm::StringRef D = llvm::sys::path::parent_path(Dir); !D.empty();
         D = llvm::sys::path::parent_path(D))
      if (std::string Found = In(D); !Found.empty())
        return Found;
    break; // clang-tidy takes the first source's database
  }
  return "";
}

} // namespace

namespace {

/// The commands of the database at \p Json without the flags clang does not
/// know; \p Changed says whether any was removed. Empty when it cannot be
/// read.
std::vector<CompileCommand> compatibleCommands(llvm::StringRef Json, bool &Changed) {
  Changed = false;
  std::string Error;
  std::unique_ptr<JSONCompilationDatabase> Database =
      JSONCompilationDatabase::loadFromFile(
          Json, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Database)
    return {};
  std::vector<CompileCommand> Commands = Database->getAllCompileCommands();
  for (CompileCommand &Command : Commands) {
    std::vector<size_t> Unknown = unknownArguments(Command.CommandLine);
    for (auto I = Unknown.rbegin(); I != Unknown.rend(); ++I)
      Command.CommandLine.erase(Command.CommandLine.begin() + *I);
    Changed |= !Unknown.empty();
  }
  return Commands;
}

/// Writes \p Commands as DIR/compile_commands.json.
bool writeDatabase(llvm::ArrayRef<CompileCommand> Commands, llvm::StringRef Dir) {
  llvm::json::Array Entries;
  for (const CompileCommand &Command : Commands) {
    llvm::json::Array Arguments;
    for (const std::string &A : Command.CommandLine)
      Arguments.push_back(A);
    llvm::json::Object Entry{{"directory", Command.Directory},
                             {"file", Command.Filename},
                             {"arguments", std::move(Arguments)}};
    if (!Command.Output.empty())
      Entry["output"] = Command.Output;
    Entries.push_back(std::move(Entry));
  }
  llvm::SmallString<256> Out(Dir);
  llvm::sys::path::append(Out, "compile_commands.json");
  std::error_code EC;
  llvm::raw_fd_ostream OS(Out, EC);
  if (EC)
    return false;
  OS << llvm::json::Value(std::move(Entries));
  return true;
}

} // namespace

std::optional<std::string>
writeClangCompatibleDatabase(llvm::StringRef BuildDir,
                             llvm::ArrayRef<std::string> Sources) {
  std::string Json = findDatabase(BuildDir, Sources);
  if (Json.empty())
    return std::nullopt;
  bool Changed = false;
  std::vector<CompileCommand> Commands = compatibleCommands(Json, Changed);
  if (!Changed)
    return std::nullopt;
  llvm::SmallString<256> Dir;
  if (llvm::sys::fs::createUniqueDirectory("corolint-database", Dir))
    return std::nullopt;
  if (!writeDatabase(Commands, Dir)) {
    llvm::sys::fs::remove_directories(Dir);
    return std::nullopt;
  }
  return std::string(Dir);
}

std::string exportClangDatabase(llvm::StringRef BuildDir, llvm::StringRef OutDir) {
  std::string Json = findDatabase(BuildDir, {});
  if (Json.empty())
    return "no compile_commands.json in '" + BuildDir.str() + "'";
  bool Changed = false;
  std::vector<CompileCommand> Commands = compatibleCommands(Json, Changed);
  if (Commands.empty())
    return "cannot read '" + Json + "' as a compilation database";
  if (std::error_code EC = llvm::sys::fs::create_directories(OutDir))
    return "cannot create '" + OutDir.str() + "': " + EC.message();
  if (!writeDatabase(Commands, OutDir))
    return "cannot write '" + OutDir.str() + "/compile_commands.json'";
  return "";
}

} // namespace corolint
