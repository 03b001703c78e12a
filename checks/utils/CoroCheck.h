//===--- CoroCheck.h - the base of the coro checks -------------*- C++ -*-===//

#ifndef COROLINT_UTILS_COROCHECK_H
#define COROLINT_UTILS_COROCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::coro::utils {

/// What every coro check shares: it runs on C++20 code (coroutines) only,
/// and it reports a place once.
class CoroCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

protected:
  /// True the first time the check reports at \p Loc in this translation
  /// unit. A template's body is visited once for the template and once per
  /// instance; each place is reported once.
  bool firstReportAt(SourceLocation Loc) {
    return Reported.insert(Loc.getRawEncoding()).second;
  }
  /// Forgets the places reported: at the start of each translation unit.
  void forgetReports() { Reported.clear(); }

  /// How a diagnostic names a function: an instance of a template by its
  /// template, so that the one report reads the same whichever came first.
  static const FunctionDecl *nameForReport(const FunctionDecl &F) {
    if (const FunctionDecl *Pattern = F.getTemplateInstantiationPattern())
      return Pattern;
    return &F;
  }

private:
  llvm::DenseSet<SourceLocation::UIntTy> Reported;
};

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_COROCHECK_H
