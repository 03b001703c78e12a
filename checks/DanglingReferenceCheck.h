//===--- DanglingReferenceCheck.h - coro-dangling-reference ----*- C++ -*-===//

#ifndef COROLINT_DANGLINGREFERENCECHECK_H
#define COROLINT_DANGLINGREFERENCECHECK_H

#include "utils/CoroCheck.h"
#include "utils/CoroutineModel.h"
#include "utils/Options.h"
#include "utils/TaskType.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang::tidy::coro {

/// Finds a coroutine frame that outlives what it refers to: a capturing
/// lambda coroutine called on a temporary (or on a local lambda that the
/// task outlives), and a reference or view parameter of a coroutine bound to
/// a temporary (or to a local of a function that returns the task), when
/// the task is not finished within the same full-expression.
///
/// How it works: it matches each user function once and walks its own body
/// for coroutine calls with such an argument or callee; utils/Escape says
/// what becomes of the task by the end of the full-expression (awaited,
/// run by a synchronous runner, stored, returned, handed on, dropped).
/// Why: CP.51/CP.53 flag every capturing lambda coroutine and every
/// reference parameter; only the uses whose task outlives the referent are
/// bugs, and those are undefined behaviour at the first resumption.
///
/// For the user-facing documentation see: docs/checks/coro-dangling-reference.md
class DanglingReferenceCheck : public utils::CoroCheck {
public:
  DanglingReferenceCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Tasks.classifier().forgetTranslationUnit();
    forgetReports();
    Functions.clear();
    Waiting.clear();
    Models.clear();
    MayDangle = false;
    Context = nullptr;
  }
  void onEndOfTranslationUnit() override;

  /// Visits the coroutine calls of one function body (in the .cpp).
  friend class CoroutineCallFinder;

private:
  void checkCall(const CallExpr &Call, llvm::ArrayRef<const Stmt *> Chain,
                 const FunctionDecl &Enclosing, ASTContext &Ctx);
  /// A call that finishes the task it is handed before it returns: a
  /// synchronous runner, or a function of this file that waits
  /// (utils/Waits.h).
  bool isRunner(const CallExpr &Call);
  bool isListedRunner(const CallExpr &Call) const;
  bool isView(QualType T) const;
  /// True when a call of \p F can dangle: a coroutine with a reference or
  /// view parameter, or the call operator of a capturing lambda coroutine.
  bool mayDangle(const FunctionDecl &F) const;

  /// The user functions of the translation unit, walked at its end, and
  /// only when one of its coroutines may dangle (a definition met, or a
  /// declaration found then): most files have none, and the walk costs.
  std::vector<const FunctionDecl *> Functions;
  bool MayDangle = false;
  ASTContext *Context = nullptr;

  const std::string ViewTypes;
  const std::string SynchronousFunctions;
  const utils::TaskTypeOptions Tasks;
  utils::QualifiedNameSet Views;
  utils::QualifiedNameSet Runners;
  const utils::QualifiedNameSet Waits;
  /// waitsBeforeReturning's answer per canonical function.
  llvm::DenseMap<const FunctionDecl *, bool> Waiting;
  /// The models of the coroutines called with a danger.
  utils::CoroutineModels Models;
};

} // namespace clang::tidy::coro

#endif // COROLINT_DANGLINGREFERENCECHECK_H
