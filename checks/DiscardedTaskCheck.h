//===--- DiscardedTaskCheck.h - coro-discarded-task ------------*- C++ -*-===//

#ifndef COROLINT_DISCARDEDTASKCHECK_H
#define COROLINT_DISCARDEDTASKCHECK_H

#include "utils/CoroCheck.h"
#include "utils/CoroutineModel.h"
#include "utils/TaskType.h"

namespace clang::tidy::coro {

/// Finds calls whose task result is used as a statement and dropped: a lazy
/// task then never runs, an eager one loses its result and its errors.
///
/// How it works: it matches each user function once and walks its own body
/// (utils::OwnBodyVisitor) for expressions whose value nobody reads, then
/// asks utils::TaskTypeClassifier whether the value is a task.
/// Why a walk: whether a value is discarded depends on the node above it,
/// which a matcher on calls would read from the parent map (a fifth of the
/// parse); one match per function costs less (docs/performance.md).
///
/// For the user-facing documentation see: docs/checks/coro-discarded-task.md
class DiscardedTaskCheck : public utils::CoroCheck {
public:
  DiscardedTaskCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Tasks.classifier().forgetTranslationUnit();
    Models.clear();
    Drops.clear();
  }
  void onEndOfTranslationUnit() override;

private:
  /// \p Ignore: the value is assigned to std::ignore.
  void checkDiscarded(const Expr &Discarded, bool Ignore,
                      const FunctionDecl &Enclosing, const SourceManager &SM);

  /// A dropped task, reported at the end of the translation unit: a
  /// template and its instantiations share their places, and each place is
  /// reported once, by the template's own code when it has the task, else by
  /// the instantiation whose task type reads first (so the line does not
  /// depend on the order of the instantiations).
  struct Drop {
    SourceLocation Loc;
    const CallExpr *Call;
    /// Cast to void, or assigned to std::ignore.
    bool Cast, Ignore;
    const FunctionDecl *Enclosing;
    utils::TaskTypeInfo Info;
    utils::DropOutcome Outcome;
  };
  void report(const Drop &D);
  utils::OncePerPlace<Drop> Drops;

  const utils::TaskTypeOptions Tasks;
  /// The coroutines whose dropped task is asked about.
  utils::CoroutineModels Models;
  const bool AllowCastToVoid;
};

} // namespace clang::tidy::coro

#endif // COROLINT_DISCARDEDTASKCHECK_H
