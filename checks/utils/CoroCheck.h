//===--- CoroCheck.h - the base of the coro checks -------------*- C++ -*-===//

#ifndef COROLINT_UTILS_COROCHECK_H
#define COROLINT_UTILS_COROCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/Instantiation.h"
#include "clang/AST/Decl.h"
#include <functional>

namespace clang::tidy::coro::utils {

/// What every coro check shares: it runs on C++20 code (coroutines) only,
/// and it names a function the same way from a template and its instances
/// (each place is reported once: utils/Instantiation.h's OncePerPlace).
class CoroCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

protected:
  /// How a diagnostic names a function: an instance of a template by its
  /// template, so that the one report reads the same whichever came first.
  static const FunctionDecl *nameForReport(const FunctionDecl &F) {
    if (const FunctionDecl *Pattern = F.getTemplateInstantiationPattern())
      return Pattern;
    return &F;
  }

  /// Proposes the report that \p Emit emits at \p Loc (see OncePerPlace);
  /// the kept ones are emitted by flushReports, at the end of the
  /// translation unit.
  void proposeReport(SourceLocation Loc, const FunctionDecl &From,
                     QualType About, std::function<void()> Emit) {
    Deferred.propose(Loc, From, About, std::move(Emit));
  }
  void flushReports() {
    Deferred.flush([](const std::function<void()> &Emit) { Emit(); });
  }
  /// Forgets the reports proposed: at the start of each translation unit.
  void forgetReports() { Deferred.clear(); }

private:
  OncePerPlace<std::function<void()>> Deferred;
};

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_COROCHECK_H
