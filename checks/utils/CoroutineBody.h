//===--- CoroutineBody.h - what runs as part of a coroutine ----*- C++ -*-===//
//
// The checks that look for work blocking the event loop (coro-blocking-call,
// coro-blocking-loop) share one notion of "the body of a coroutine": the
// coroutine's own statements at any depth, but
//   - not the body of a nested lambda that the coroutine only defines (it may
//     run elsewhere), unless the lambda is called on the spot;
//   - not local classes, nested functions or blocks;
// and a coroutine lambda handed to an offload (`co_spawn(pool, ...)`, an entry
// of OffloadFunctions) runs on that pool, not on the loop. What runs after
// the coroutine moved itself onto a pool (`co_await pool.schedule()`, or a
// project's own awaiter whose await_suspend hands the coroutine to a pool or
// a thread) is a flow question: utils/SuspensionFlow.h's mayRunOnLoop, with
// OffloadModel::isPoolHop as the hop.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_COROUTINEBODY_H
#define COROLINT_UTILS_COROUTINEBODY_H

#include "utils/Options.h"
#include "utils/PoolType.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::coro::utils {

/// Default OffloadFunctions: calls whose callable arguments run on another
/// thread. `co_spawn` counts only when its first argument is a pool or a
/// pool's executor.
extern const char DefaultOffloadFunctions[];
extern const char OffloadFunctionsOptionName[];
/// Default ScheduleFunctions: `co_await x.schedule()`, `co_await
/// asio::post(pool, use_awaitable)` move the coroutine onto a pool (a free
/// function with two or more arguments only when the first is a pool).
extern const char DefaultScheduleFunctions[];
extern const char ScheduleFunctionsOptionName[];

/// Knows which calls hand work to another thread.
class OffloadModel {
public:
  /// \p OffloadFunctions and \p ScheduleFunctions: `;`-separated lists.
  OffloadModel(llvm::StringRef OffloadFunctions, const PoolTypeClassifier &Pools,
               llvm::StringRef ScheduleFunctions = DefaultScheduleFunctions);

  /// The call hands its callable arguments to another thread.
  bool isOffloadCall(const CallExpr &Call) const;
  /// isOffloadCall, or a member call not resolved in a template's own code
  /// whose name is an offload's (its instances tell for sure).
  bool mayBeOffloadCall(const CallExpr &Call) const;
  /// `co_await` of \p Operand (as written) moves the coroutine onto a pool:
  /// a ScheduleFunctions call (also in a template's own code, where the call
  /// is not resolved yet), or an awaiter that resumesElsewhere.
  bool isPoolHop(const Expr &Operand) const;
  /// The awaiter's await_suspend hands the coroutine handle to another
  /// thread: it constructs a std::thread with it, or passes it (or a lambda
  /// that captured it and resumes it) to an offload call, to a member of a
  /// pool or a pool's executor, or to a member of a class that owns several
  /// worker threads; through its own helpers, two calls deep; on every path
  /// through await_suspend. An awaiter that hands the pool work and posts the
  /// handle back to the loop (corort's `pool.run(fn)`), or that resumes the
  /// coroutine on the loop on one of its branches, does not. Memoised per
  /// class.
  bool resumesElsewhere(const CXXRecordDecl &Awaiter) const {
    return resumption(Awaiter) == Resumption::Elsewhere;
  }
  /// Where an awaiter resumes its coroutine: where it was (no hand-off), on
  /// another thread (resumesElsewhere), or on the object it was given and
  /// keeps by reference or pointer (yaclib's `On(executor)`: a hop when that
  /// object is a pool, which the co_await's operand tells).
  enum class Resumption { Here, Elsewhere, OnGiven };
  Resumption resumption(const CXXRecordDecl &Awaiter) const;
  /// The expression is a pool, a pointer to one, or a pool's executor.
  bool isPoolOrExecutor(const Expr &E) const;
  /// isPoolOrExecutor, or an object of a class that owns several worker
  /// threads (a project's own pool).
  bool isPoolLike(const Expr &E) const;
  /// Forgets the answers kept per declaration, its pool classifier's too.
  void forgetTranslationUnit() const {
    OffloadFunctions.clear();
    HandsOff.clear();
    Pools.forgetTranslationUnit();
  }

private:
  /// namedInSet(Callee, Offloads), memoised: the matcher asks for every call.
  bool isOffloadFunction(const FunctionDecl &Callee) const;

  QualifiedNameSet Offloads;
  QualifiedNameSet Schedules;
  /// To whom a hand-off goes: another thread, or an object the awaiter was
  /// given.
  enum class Target { Thread, Given };
  /// Whether every path through \p S hands \p Handle (or a local made from
  /// it) to \p To.
  bool handsOff(const Stmt &S, const ValueDecl &Handle,
                const llvm::SmallPtrSetImpl<const ValueDecl *> &Aliases,
                Target To, unsigned Depth) const;
  /// Whether \p S itself (a call, a construction) hands it over.
  bool handsOffHere(const Stmt &S, const ValueDecl &Handle,
                    const llvm::SmallPtrSetImpl<const ValueDecl *> &Aliases,
                    Target To, unsigned Depth) const;

  const PoolTypeClassifier &Pools;
  mutable llvm::DenseMap<const FunctionDecl *, bool> OffloadFunctions;
  mutable llvm::DenseMap<const CXXRecordDecl *, Resumption> HandsOff;
};

/// A check's offload options, read locally or globally: OffloadFunctions,
/// ScheduleFunctions and PoolTypes (each value replaces its default), with the pool
/// classifier and the offload model they configure; shared by the checks
/// that ask where code runs, as TaskTypeOptions is by those that ask what a
/// task is.
class OffloadOptions {
public:
  explicit OffloadOptions(const ClangTidyCheck::OptionsView &Options);
  void store(const ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Opts) const;
  const OffloadModel &model() const { return Offload; }
  /// Forgets the answers kept per declaration.
  void forgetTranslationUnit() const { Offload.forgetTranslationUnit(); }

private:
  const std::string OffloadFunctions;
  const std::string ScheduleFunctions;
  const std::string PoolTypes;
  PoolTypeClassifier Pools;
  OffloadModel Offload;
};

/// Calls \p Visit on every statement that runs as part of \p Body itself,
/// in source order, as described at the top of this file.
void forEachOwnStatement(const Stmt &Body,
                         llvm::function_ref<void(const Stmt &)> Visit);
/// The same walk; \p Visit also gets the statement directly above the one
/// it visits (null for \p Body itself), which spares a parent map.
void forEachOwnStatementWithParent(
    const Stmt &Body,
    llvm::function_ref<void(const Stmt &, const Stmt *Parent)> Visit);

/// The coroutine lambdas handed to an offload (on their own, or called on
/// the spot), or whose task a member call starts on a pool
/// (`coro().ToFuture(pool)`, `std::move(lazy()).via(pool)`): their bodies
/// run on a pool. An offload call that hands over a
/// lambda is written where the lambda is, so for a coroutine lambda it is
/// enough to note the offload calls of the function (or the initialiser) it
/// is written in, once per function: no matcher on every call of the
/// translation unit, no parent map.
class OffLoopLambdas {
public:
  /// Remembers the lambdas \p Call hands to another thread, if it is an
  /// offload call.
  void noteCall(const CallExpr &Call, const OffloadModel &Offload);
  /// Whether the lambda of closure type \p LambdaClass is handed to an
  /// offload: notes first the offload calls of the code the lambda is
  /// written in, unless already done.
  bool isHandedToOffload(const CXXRecordDecl &LambdaClass,
                         const OffloadModel &Offload, ASTContext &Ctx);
  /// Whether the named coroutine \p Coroutine runs off the loop: it takes
  /// an executor tag (concurrencpp: it starts on the executor its caller
  /// gives), or every call of it in the translation unit hands the task to
  /// an offload (`co_spawn(pool, hash(s), use_awaitable)`). The calls are
  /// counted in one walk of the user's code, on the first question: the
  /// checks ask only for a coroutine they would report.
  bool runsOffLoop(const FunctionDecl &Coroutine, const OffloadModel &Offload,
                   ASTContext &Ctx);
  void clear() {
    Lambdas.clear();
    Walked.clear();
    Met.clear();
    WalkedAll = false;
    Calls.clear();
    OffloadedCalls.clear();
    CountedCalls = false;
  }
  /// How calls of \p F are counted: an instance of a template with its
  /// template.
  static const FunctionDecl *callKey(const FunctionDecl &F) {
    if (const FunctionDecl *Pattern = F.getTemplateInstantiationPattern())
      return Pattern->getCanonicalDecl();
    return F.getCanonicalDecl();
  }

private:
  /// The closure types of the lambdas handed to an offload.
  llvm::SmallPtrSet<const CXXRecordDecl *, 8> Lambdas;
  /// The functions and initialisers whose offload calls are noted.
  llvm::SmallPtrSet<const Decl *, 8> Walked;
  /// The closure types of the lambdas met on those walks.
  llvm::SmallPtrSet<const CXXRecordDecl *, 16> Met;
  /// The whole translation unit's offload calls are noted.
  bool WalkedAll = false;
  /// Per function (canonical), the calls of it in the user's code, and
  /// those whose result an offload call takes as an argument.
  llvm::DenseMap<const FunctionDecl *, unsigned> Calls;
  llvm::DenseMap<const FunctionDecl *, unsigned> OffloadedCalls;
  bool CountedCalls = false;
  bool CountingCalls = false;
};

/// Registers, for a check that looks at coroutine bodies, the matcher that
/// yields each coroutine definition (function or lambda): a matcher on the
/// few coroutine bodies, not on every function of the translation unit.
void registerCoroutineMatchers(ast_matchers::MatchFinder &Finder,
                               ast_matchers::MatchFinder::MatchCallback *Check);

/// For a match of those matchers: the coroutine whose body runs on the
/// loop, or null (a coroutine lambda started on a pool, as \p OffLoop
/// tells).
const FunctionDecl *
coroutineToCheck(const ast_matchers::MatchFinder::MatchResult &Result,
                 const OffloadModel &Offload, OffLoopLambdas &OffLoop);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_COROUTINEBODY_H
