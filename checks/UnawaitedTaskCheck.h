//===--- UnawaitedTaskCheck.h - coro-unawaited-task ------------*- C++ -*-===//

#ifndef COROLINT_UNAWAITEDTASKCHECK_H
#define COROLINT_UNAWAITEDTASKCHECK_H

#include "utils/TaskType.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::coro {

/// Finds local task variables (and structured bindings) initialised from a
/// call that nothing consumes: the task is destroyed at the end of its scope
/// without having run.
///
/// How it works: it matches each user function once, walks it only when its
/// declarations hold such a variable, and asks utils::mayHandOn of each use
/// (with the CFG for StrictPaths).
/// It walks bodies instead of matching their nodes: a matcher runs on every
/// node of its kind, system headers included, at about two thousand
/// instructions a match, and looking up from a matched node needs the parent
/// map, a fifth of the parse (measured: docs/performance.md).
///
/// For the user-facing documentation see: docs/checks/coro-unawaited-task.md
class UnawaitedTaskCheck : public ClangTidyCheck {
public:
  UnawaitedTaskCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Tasks.classifier().forgetTranslationUnit();
  }
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

private:
  /// Reports \p Var, destroyed at the end of \p Scope; \p Partial when it
  /// is consumed on some paths.
  void report(const ValueDecl &Var, const Stmt *Scope, bool Partial,
              const FunctionDecl &Function, ASTContext &Ctx);

  const utils::TaskTypeOptions Tasks;
  const bool StrictPaths;
};

} // namespace clang::tidy::coro

#endif // COROLINT_UNAWAITEDTASKCHECK_H
