//===--- SequentialAwaitCheck.h - coro-sequential-await --------*- C++ -*-===//

#ifndef COROLINT_SEQUENTIALAWAITCHECK_H
#define COROLINT_SEQUENTIALAWAITCHECK_H

#include "utils/CoroCheck.h"
#include "utils/Options.h"
#include "utils/TaskType.h"
#include <cstdint>
#include <string>

namespace clang::tidy::coro {

/// Finds independent tasks awaited one by one in a loop: a `for` or
/// range-based `for` in a coroutine whose body's only suspension point is
/// `co_await f(args)`, `f` a coroutine that is no member of an object, its
/// arguments depending on the loop variable, and its result dropped or
/// stored per iteration.
///
/// How it works: it walks each coroutine's own body for such loops, and
/// takes the iterations as independent when nothing jumps out of the loop,
/// no argument is an object shared across iterations (a non-const
/// reference, a pointer, `this`, a variable the body changes) and the result
/// is not read by the next call.
/// Why: the guide's "sequential await": N awaits in a row take N times as
/// long as one, where starting them together takes about one.
///
/// For the user-facing documentation see: docs/checks/coro-sequential-await.md
class SequentialAwaitCheck : public utils::CoroCheck {
public:
  SequentialAwaitCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Tasks.classifier().forgetTranslationUnit();
    forgetReports();
  }
  void onEndOfTranslationUnit() override { flushReports(); }

private:
  void checkLoop(const Stmt &Loop, const Stmt *Parent,
                 const FunctionDecl &Coroutine, ASTContext &Ctx);

  const uint64_t MinIterations;
  const std::string PacingFunctions;
  const utils::TaskTypeOptions Tasks;
  utils::QualifiedNameSet Pacing;
};

} // namespace clang::tidy::coro

#endif // COROLINT_SEQUENTIALAWAITCHECK_H
