//===--- CoroCheck.h - the base of the coro checks -------------*- C++ -*-===//

#ifndef COROLINT_UTILS_COROCHECK_H
#define COROLINT_UTILS_COROCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::coro::utils {

/// What every coro check shares: it runs on C++20 code (coroutines) only.
class CoroCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
};

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_COROCHECK_H
