//===--- BlockingCallCheck.h - coro-blocking-call --------------*- C++ -*-===//

#ifndef COROLINT_BLOCKINGCALLCHECK_H
#define COROLINT_BLOCKINGCALLCHECK_H

#include "utils/CoroCheck.h"
#include "utils/CoroutineBody.h"
#include "utils/CoroutineModel.h"
#include "utils/FunctionSummary.h"
#include "utils/Options.h"
#include "utils/TaskType.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::coro {

/// Finds calls that park the thread (sleeping, waiting on threads, futures
/// and locks, synchronous I/O, bridging back to synchronous code) inside the
/// body of a coroutine, directly or through functions of the same file.
///
/// How it works: it matches coroutine bodies only, walks each one's own body
/// (utils::forEachOwnStatement), names each call's family from the option
/// lists, and asks utils::FunctionSummaries for the nearest blocking call a
/// called function of the file reaches.
/// Why a walk: a matcher on every call runs on system headers too, at about
/// two thousand instructions a match, and finding a call's coroutine from it
/// needs the parent map, a fifth of the parse (docs/performance.md).
///
/// For the user-facing documentation see: docs/checks/coro-blocking-call.md
class BlockingCallCheck : public utils::CoroCheck {
public:
  BlockingCallCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Tasks.classifier().forgetTranslationUnit();
    Offloads.forgetTranslationUnit();
    Summaries.clear();
    MayBeNamed.clear();
    Awaitable.clear();
    OffLoop.clear();
    Models.clear();
    forgetReports();
  }
  void onEndOfTranslationUnit() override { flushReports(); }

  /// The kinds of blocking call, each with its own advice.
  /// (Bridge: a synchronous runner of a task; Drive: running an event loop.)
  enum class Family { Sleep, Process, Wait, Bridge, Drive, Network, Console, Custom };

private:
  std::optional<Family> blockingFamily(const CallExpr &Call) const;
  /// Some family's list has a name that ends like \p Callee's: a cheap
  /// first filter, memoised, since it is asked for every call.
  bool mayBeNamed(const FunctionDecl &Callee) const;
  /// utils::isAwaitableRecord, memoised per class.
  bool isAwaitable(const CXXRecordDecl &Result) const;
  void checkCoroutine(const FunctionDecl &Coroutine, ASTContext &Ctx);
  /// Some path reaches \p S in \p Coroutine without a hop onto a pool.
  bool runsOnLoop(const FunctionDecl &Coroutine, const Stmt &S);

  const std::string BlockingFunctions;
  const std::string AllowedFunctions;
  const unsigned MaxCallDepth;

  /// One name set per family, after BlockingFunctions and AllowedFunctions.
  std::vector<std::pair<utils::QualifiedNameSet, Family>> Families;
  const utils::TaskTypeOptions Tasks;
  const utils::OffloadOptions Offloads;
  /// Coroutine lambdas started on a pool, noted as the matcher reaches them.
  utils::OffLoopLambdas OffLoop;
  /// Per function of the file: the nearest blocking call it makes, through
  /// the calls of the file's functions (the site's value is its Family).
  utils::FunctionSummaries Summaries;
  /// The coroutines whose flow is asked (a hop on one branch).
  utils::CoroutineModels Models;
  mutable llvm::DenseMap<const FunctionDecl *, bool> MayBeNamed;
  mutable llvm::DenseMap<const CXXRecordDecl *, bool> Awaitable;
};

} // namespace clang::tidy::coro

#endif // COROLINT_BLOCKINGCALLCHECK_H
