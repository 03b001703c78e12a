//===--- BlockingLoopCheck.h - coro-blocking-loop --------------*- C++ -*-===//

#ifndef COROLINT_BLOCKINGLOOPCHECK_H
#define COROLINT_BLOCKINGLOOPCHECK_H

#include "utils/CoroutineBody.h"
#include "utils/Options.h"
#include "utils/PoolType.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang::tidy::coro {

/// Finds CPU-bound loops that hold the thread of a coroutine: loops with a
/// large constant iteration count and no suspension point, busy waits, and
/// calls to functions of the same file that run such a loop.
///
/// For the user-facing documentation see:
/// docs/checks/coro-blocking-loop.md
class BlockingLoopCheck : public ClangTidyCheck {
public:
  BlockingLoopCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Offload.forgetTranslationUnit();
    Loops.clear();
    Functions.clear();
    Heavy.clear();
    Eligible.clear();
    OffLoop.clear();
  }
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

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
    /// ... this one, quoted (empty when it has no name).
    std::string Spinning;
    /// A nested loop is reported on its own (long or busy waiting).
    bool HasReportableInside = false;
  };
  /// A loop of kind 1 found through calls of functions of the file.
  struct HeavyLoop {
    const Stmt *Loop = nullptr;
    uint64_t Work = 0;
    /// 1: in the called function itself; N: through N - 1 more calls.
    unsigned Distance = 0;
  };
  /// Per function of the file: its first long loop, and what it calls.
  struct FunctionFacts {
    const Stmt *Loop = nullptr;
    uint64_t Work = 0;
    llvm::SmallVector<const FunctionDecl *, 4> Callees;
  };

  /// \p Parent: the statement directly above \p Loop (a `while` counter is
  /// declared before the loop in that block).
  LoopInfo analyzeLoop(const Stmt *Loop, const Stmt *Parent, ASTContext &Ctx);
  void scanLoopPart(const Stmt *S, const Stmt *Parent, LoopInfo &Info,
                    uint64_t &InnerWork, ASTContext &Ctx);
  bool isLong(const LoopInfo &Info) const {
    return Info.Trip && !Info.Suspends && Info.Work >= MinIterations;
  }
  const FunctionFacts &factsOf(const FunctionDecl *Function, ASTContext &Ctx);
  const FunctionDecl *eligibleCallee(const CallExpr &Call, ASTContext &Ctx);
  std::optional<HeavyLoop> heavyThrough(const FunctionDecl *Function,
                                        ASTContext &Ctx);
  void checkCoroutine(const FunctionDecl &Coroutine, ASTContext &Ctx);

  const uint64_t MinIterations;
  const bool ReportUnknownBounds;
  const unsigned MaxCallDepth;
  const std::string OffloadFunctions;
  const std::string PoolTypes;

  utils::PoolTypeClassifier Pools;
  utils::OffloadModel Offload;
  /// Coroutine lambdas started on a pool, noted as the matcher reaches them.
  utils::OffLoopLambdas OffLoop;

  llvm::DenseMap<const Stmt *, LoopInfo> Loops;
  /// Keyed by the definition of each function looked at.
  llvm::DenseMap<const FunctionDecl *, FunctionFacts> Functions;
  /// eligibleCallee's answer per callee.
  llvm::DenseMap<const FunctionDecl *, const FunctionDecl *> Eligible;
  /// Per function of the file: the nearest long loop it runs, within
  /// MaxCallDepth calls. Each function is summarised once.
  llvm::DenseMap<const FunctionDecl *, std::optional<HeavyLoop>> Heavy;
};

} // namespace clang::tidy::coro

#endif // COROLINT_BLOCKINGLOOPCHECK_H
