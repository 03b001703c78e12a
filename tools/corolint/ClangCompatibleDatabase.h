//===--- ClangCompatibleDatabase.h - g++ flags clang does not know --------===//
//
// A compile database written for g++ holds flags that clang's driver refuses
// ("error: unknown argument: '-fconcepts-diagnostics-depth=3'", and
// -fno-gnu-unique, -fanalyzer, -fext-numeric-literals, ...): clang-tidy would
// report the file as not compiling, and a project run would fail on code
// that builds. corolint lints the project as it is built: when the database
// that will be read has such flags, it writes a copy without them (with
// clang's own option table as the judge, so nothing clang knows is touched)
// and lints with that copy.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOLS_CLANGCOMPATIBLEDATABASE_H
#define COROLINT_TOOLS_CLANGCOMPATIBLEDATABASE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// The arguments of \p CommandLine (a compiler command, its program first)
/// that clang's driver does not know, by index.
std::vector<size_t> unknownArguments(llvm::ArrayRef<std::string> CommandLine);

/// A compile database to read instead of the one in \p BuildDir (or, with an
/// empty \p BuildDir, the nearest one above the first of \p Sources), without
/// the flags clang does not know, written into a new temporary directory
/// that is returned; nullopt when there is nothing to remove or no database.
std::optional<std::string>
writeClangCompatibleDatabase(llvm::StringRef BuildDir,
                             llvm::ArrayRef<std::string> Sources);

/// The same copy, written into \p OutDir (created if need be) whether or
/// not anything was removed: for `clang-tidy-19 --load` users, whose
/// clang-tidy cannot change a compile command. Returns an error message, or
/// an empty string.
std::string exportClangDatabase(llvm::StringRef BuildDir, llvm::StringRef OutDir);

} // namespace corolint

#endif // COROLINT_TOOLS_CLANGCOMPATIBLEDATABASE_H
