//===--- LanguageGuard.h - non-C++20 input is said, not passed -*- C++ -*-===//
//
// The coro checks need C++20, and a compile command. Upstream clang-tidy
// silently drops a check whose
// isLanguageVersionSupported() is false, which would turn a C or C++17 file
// into a silent pass. The guard wraps the factories of the coro checks and,
// once per translation unit that is not C++20 and has a coro check enabled:
//   - calls the handler a driver installed (corolint prints one line of its
//     own, first, and silences the unit's compiler errors, or skips the file
//     of a project run; corolint-clangd stays quiet);
//   - without a handler (the plugin in clang-tidy-19), reports one compiler
//     error at the top of the main file, attributed to no check.
// On C++20 input the factories create the checks unchanged.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_LANGUAGEGUARD_H
#define COROLINT_UTILS_LANGUAGEGUARD_H

#include "clang-tidy/ClangTidyModule.h"
#include "clang/Basic/LangOptions.h"
#include <string>

namespace clang::tidy::coro::utils {

/// Called once per translation unit that is not C++20 while a coro check is
/// enabled: the main file and the language it is compiled as ("C",
/// "C++17", ...). Returns true when the unit's own diagnostics are to be
/// silenced: the handler has said in one line what is wrong, and the
/// compiler's errors on code it cannot parse as C++20 would bury it.
using NonCxx20Handler = bool (*)(llvm::StringRef File, llvm::StringRef Language);

/// Installs \p Handler for the whole process (nullptr: the plugin's error).
void setNonCxx20Handler(NonCxx20Handler Handler);

/// Asked once per translation unit while a coro check is enabled, before
/// its language: whether the file has a compile command of its project.
/// corolint-clangd installs one that finds what clangd would find; without
/// one, clangd guesses flags (no include paths, C++17) and the file shows a
/// wall of errors. A file without a command gets one warning at the top of
/// the main file that says how to give it one, and no other diagnostic.
using CompileCommandProbe = bool (*)(llvm::StringRef File);
void setCompileCommandProbe(CompileCommandProbe Probe);

/// The name of the language \p LO compiles, as the messages say it.
std::string languageName(const LangOptions &LO);

/// Wraps every factory in \p Factories whose name starts with \p Prefix.
void guardLanguage(ClangTidyCheckFactories &Factories, llvm::StringRef Prefix);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_LANGUAGEGUARD_H
