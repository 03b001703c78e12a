//===--- LanguageGuard.h - one clear error for non-C++20 input -*- C++ -*-===//
//
// The coro checks need C++20. Upstream clang-tidy silently drops a check whose
// isLanguageVersionSupported() is false, which would turn a C or C++17 file
// into a silent pass. The guard wraps the factories of the coro checks: on
// such input the first enabled coro check is replaced by one that reports a
// single error at the top of the main file, so the run fails loudly and says
// why. On C++20 input the factories create the checks unchanged.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_LANGUAGEGUARD_H
#define COROLINT_UTILS_LANGUAGEGUARD_H

#include "clang-tidy/ClangTidyModule.h"

namespace clang::tidy::coro::utils {

/// Wraps every factory in \p Factories whose name starts with \p Prefix.
void guardLanguage(ClangTidyCheckFactories &Factories, llvm::StringRef Prefix);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_LANGUAGEGUARD_H
