//===--- PoolPerCallCheck.h - coro-pool-per-call ---------------*- C++ -*-===//

#ifndef COROLINT_POOLPERCALLCHECK_H
#define COROLINT_POOLPERCALLCHECK_H

#include "utils/CoroCheck.h"
#include "utils/Options.h"
#include "utils/PoolType.h"
#include "utils/Repetition.h"
#include "clang/AST/ASTTypeTraits.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::coro {

/// Finds thread pools built inside a function (other than `main`) that lives
/// no longer than one call: a local pool variable or temporary, or a pool made
/// with `new`, `std::make_unique`, `std::make_shared` that the function does
/// not return and does not store in a member or a static. Every call then
/// starts and joins the pool's threads. Reported when the function runs
/// repeatedly (utils::Repetition: a named coroutine, a callback, a call in
/// a loop, ...) or builds the pool in a loop; never in `main` or a
/// macro-generated function (a test body).
///
/// How it works: it matches each user function once and walks its own body
/// for pool variables and creations; where a created pool goes is asked of
/// utils/Escape, with the nodes above it from utils::findAncestors.
/// Why a walk: matchers on every call, variable and temporary cost more than
/// this walk, since they run on system headers too (measured, see
/// docs/performance.md), and the parent map would cost a fifth of the parse.
///
/// For the user-facing documentation see: docs/checks/coro-pool-per-call.md
class PoolPerCallCheck : public utils::CoroCheck {
public:
  PoolPerCallCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Classifier.forgetTranslationUnit();
    Pending.clear();
    PendingSet.clear();
    Reports.clear();
  }
  void onEndOfTranslationUnit() override;

private:
  void checkVariable(const VarDecl &Var, ASTContext &Ctx);
  void noteCreation(const Expr &E, QualType Pool, ASTContext &Ctx);
  void checkCreation(const Expr &E, QualType Pool,
                     llvm::ArrayRef<DynTypedNode> Above,
                     const SourceManager &SM);
  bool isExempt(const FunctionDecl &Function) const;
  void propose(SourceLocation Loc, const NamedDecl *Var, QualType Pool,
               const FunctionDecl &Function, const Stmt *Loop);
  void report(SourceLocation Loc, const NamedDecl *Var, QualType Pool,
              const FunctionDecl &Function, const Stmt *Loop,
              const SourceManager &SM);

  const std::string PoolTypes;
  const std::string AllowedFunctions;
  utils::PoolTypeClassifier Classifier;
  utils::QualifiedNameSet Allowed;

  /// A pool made by `new`, a `make_*` call or as a temporary in user code:
  /// where it goes depends on the nodes above it, looked up at the end of
  /// the translation unit for all of them at once.
  struct Creation {
    const Expr *E;
    QualType Pool;
  };
  llvm::SmallVector<Creation, 4> Pending;
  llvm::SmallPtrSet<const Expr *, 4> PendingSet;
  ASTContext *PendingContext = nullptr;

  /// A pool built per call of its function: reported at the end of the
  /// translation unit when the function runs repeatedly (utils::Repetition)
  /// or the pool is built in a loop.
  struct Proposed {
    SourceLocation Loc;
    const NamedDecl *Var;
    QualType Pool;
    const FunctionDecl *Function;
    const Stmt *Loop;
  };
  llvm::SmallVector<Proposed, 4> Reports;
};

} // namespace clang::tidy::coro

#endif // COROLINT_POOLPERCALLCHECK_H
