//===--- UnawaitedTaskCheck.h - coro-unawaited-task ------------*- C++ -*-===//

#ifndef COROLINT_UNAWAITEDTASKCHECK_H
#define COROLINT_UNAWAITEDTASKCHECK_H

#include "utils/CoroCheck.h"
#include "utils/CoroutineModel.h"
#include "utils/Instantiation.h"
#include "utils/TaskType.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::coro {

/// Finds local task variables (and structured bindings) initialised from a
/// coroutine call (utils::isCoroutineCall) that nothing consumes: the task is
/// destroyed at the end of its scope without having run. Any member call on
/// the variable counts as a use.
///
/// How it works: it matches each user function once, walks it only when its
/// declarations hold such a variable, and asks utils::mayHandOn of each use
/// (with the CFG for StrictPaths).
/// Why a walk: most functions declare no task variable and are never walked
/// (their decls() tell), and what a use does depends on the nodes above it,
/// which the parent map would cost a fifth of the parse to give.
///
/// For the user-facing documentation see: docs/checks/coro-unawaited-task.md
class UnawaitedTaskCheck : public utils::CoroCheck {
public:
  UnawaitedTaskCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Tasks.classifier().forgetTranslationUnit();
    Models.clear();
    Kept.clear();
  }
  void onEndOfTranslationUnit() override;

private:
  /// Reports \p Var, destroyed at the end of \p Scope; \p Partial when it
  /// is consumed on some paths.
  void report(const ValueDecl &Var, const Stmt *Scope, bool Partial,
              utils::DropOutcome Outcome, const FunctionDecl &Function,
              ASTContext &Ctx);

  /// A task variable to report, at the end of the translation unit: a
  /// template and its instantiations share their places, and each place is
  /// reported once (utils::OncePerPlace).
  struct Unawaited {
    const ValueDecl *Var;
    const Stmt *Scope;
    bool Partial;
    const FunctionDecl *Function;
    utils::DropOutcome Outcome;
  };
  utils::OncePerPlace<Unawaited> Kept;
  ASTContext *Context = nullptr;

  const utils::TaskTypeOptions Tasks;
  /// The coroutines whose kept task is asked about.
  utils::CoroutineModels Models;
  const bool StrictPaths;
};

} // namespace clang::tidy::coro

#endif // COROLINT_UNAWAITEDTASKCHECK_H
