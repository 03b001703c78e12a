//===--- BlockingLoopCheck.h - coro-blocking-loop --------------*- C++ -*-===//

#ifndef COROLINT_BLOCKINGLOOPCHECK_H
#define COROLINT_BLOCKINGLOOPCHECK_H

#include "utils/CoroCheck.h"
#include "utils/TaskType.h"
#include "utils/CoroutineBody.h"
#include "utils/CoroutineModel.h"
#include "utils/FunctionSummary.h"
#include "utils/Options.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang::tidy::coro {

/// Finds CPU-bound loops that hold the thread of a coroutine: loops with a
/// large constant iteration count and no suspension point, busy waits, and
/// calls to functions of the same file that run such a loop.
///
/// How it works: it matches coroutine bodies only, walks each one's own body,
/// sizes each loop nest with utils::tripCount and utils::busyWait, and asks
/// utils::FunctionSummaries for the nearest long loop a called function of
/// the file runs.
/// Why a walk: a loop's trip count needs the statement above it and the
/// loops inside it, which a matcher on loops would get from the parent map,
/// a fifth of the parse on a large file (docs/performance.md).
///
/// For the user-facing documentation see: docs/checks/coro-blocking-loop.md
class BlockingLoopCheck : public utils::CoroCheck {
public:
  BlockingLoopCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Offloads.forgetTranslationUnit();
    Loops.clear();
    Summaries.clear();
    OffLoop.clear();
    Tasks.forgetTranslationUnit();
    Models.clear();
    forgetReports();
  }
  void onEndOfTranslationUnit() override { flushReports(); }

private:
  /// What one loop does, with the loops nested in it; computed once per loop.
  struct LoopInfo {
    /// A `co_await` or `co_yield` somewhere inside (not in a nested lambda).
    bool Suspends = false;
    /// Its own iteration count, when constants bound it.
    std::optional<uint64_t> Trip;
    /// Iterations of the whole nest: Trip (1 when unknown) times the work of
    /// the loops nested in it (their sum, at least 1). Saturates.
    uint64_t Work = 1;
    /// It only polls an atomic, a volatile or a flag ...
    bool BusyWait = false;
    /// ... this one (null when it has no name).
    const NamedDecl *Spinning = nullptr;
    /// A nested loop is reported on its own (long or busy waiting).
    bool HasReportableInside = false;
    /// Calls that do work (not an operator, not one that makes a task, not
    /// one that starts a task on an executor), in the loop and its nest.
    unsigned WorkingCalls = 0;
    /// Calls that start a task (a task or coroutine lambda argument, or an
    /// offload of a callable to a pool).
    unsigned TaskStarts = 0;
    /// Loops nested in it.
    unsigned NestedLoops = 0;
    /// No call that does work and no nested loop: a store, arithmetic, a
    /// subscript, about a nanosecond an iteration.
    bool Cheap = false;
  };
  /// A cheap loop needs this many times MinIterations to be long.
  static constexpr uint64_t CheapLoopFactor = 10;
  /// \p Parent: the statement directly above \p Loop (a `while` counter is
  /// declared before the loop in that block).
  LoopInfo analyzeLoop(const Stmt *Loop, const Stmt *Parent, ASTContext &Ctx);
  void scanLoopPart(const Stmt *S, const Stmt *Parent, LoopInfo &Info,
                    uint64_t &InnerWork, ASTContext &Ctx);
  bool isLong(const LoopInfo &Info) const {
    return Info.Trip && !Info.Suspends && !isFanOut(Info) &&
           Info.Work >= (Info.Cheap ? llvm::SaturatingMultiply(MinIterations,
                                                               CheapLoopFactor)
                                    : MinIterations);
  }
  /// A loop that only starts tasks is no CPU work: the tasks run elsewhere.
  static bool isFanOut(const LoopInfo &Info) {
    return Info.TaskStarts > 0 && Info.WorkingCalls == 0;
  }
  void countCall(const CallExpr &Call, LoopInfo &Info) const;
  void checkCoroutine(const FunctionDecl &Coroutine, ASTContext &Ctx);

  const uint64_t MinIterations;
  const bool ReportUnknownBounds;
  const unsigned MaxCallDepth;

  const utils::OffloadOptions Offloads;
  /// What a task is, by corolint's default list and the shape of the class
  /// (the calls that make or start one are no CPU work).
  const utils::TaskTypeClassifier Tasks{"", ""};
  /// Coroutine lambdas started on a pool, noted as the matcher reaches them.
  utils::OffLoopLambdas OffLoop;

  llvm::DenseMap<const Stmt *, LoopInfo> Loops;
  /// The translation unit being checked (for the summaries' classifier).
  ASTContext *AST = nullptr;
  /// Per function of the file: the nearest long loop it runs, through the
  /// calls of the file's functions (the site's value is the loop's work).
  utils::FunctionSummaries Summaries;
  /// The coroutines whose flow is asked (a hop on one branch).
  utils::CoroutineModels Models;
};

} // namespace clang::tidy::coro

#endif // COROLINT_BLOCKINGLOOPCHECK_H
