//===--- CoroutineModel.h - when a coroutine runs and suspends -*- C++ -*-===//
//
// One model of a coroutine that every check asks, instead of reading the
// shape of the code each in its own way:
//   - when it starts: eagerly, at the call (the promise's initial_suspend
//     never suspends: `suspend_never`, or an awaiter whose await_ready is a
//     constant `true`), lazily, when it is awaited or started, or later on
//     its own (the initial suspension's await_suspend hands the coroutine
//     handle on: to an executor, a simulation's queue);
//   - where it can suspend: the `co_await`s and `co_yield`s of its own body
//     (not those of nested lambdas) whose awaiter may suspend; a coroutine
//     with none, that starts eagerly, runs to its end inside the call;
//   - what dropping its task does, read from the task type's destructor
//     rather than assumed: it destroys the frame (a lazy task never runs, an
//     eager one is cut off at the suspension it sits in), lets the frame be
//     (an eager coroutine runs on), resumes it, or waits for it;
//   - the flow of its body on clang's CFG (utils/SuspensionFlow.h), built
//     only when a flow question is asked: what is used after a suspension,
//     what may run before a hop onto a pool.
// Facts about a coroutine definition come from the promise Sema chose for
// it (std::coroutine_traits can depend on the parameters); facts about a
// task type, for a call whose coroutine is not visible, come from the
// promise utils/TaskType.h finds for the type.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_COROUTINEMODEL_H
#define COROLINT_UTILS_COROUTINEMODEL_H

#include "utils/SuspensionFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>
#include <string>

namespace clang::tidy::coro::utils {

/// When a coroutine's body starts running.
enum class Start {
  Lazy,      // when its task is awaited or started
  Eager,     // at the call, up to its first suspension
  Scheduled, // later, without being awaited: the initial suspension hands
             // the coroutine to a scheduler (a simulation's event queue, an
             // executor) that resumes it
  Unknown,   // the promise's initial_suspend is not visible
};

/// What destroying a task does with the coroutine it owns.
enum class DropEffect {
  DestroysFrame, // destroys the frame: what has not run never will
  Releases,      // leaves the frame alone: a started coroutine runs on
  Resumes,       // resumes the coroutine from the destructor
  Waits,         // blocks until the coroutine is done
  Unknown,       // the destructor is not visible
};

/// Whether `co_await` of an object of class \p Awaiter never suspends: its
/// await_ready returns a constant `true` (std::suspend_never). Null and
/// unknown awaiters may suspend.
bool neverSuspends(const CXXRecordDecl *Awaiter);

/// Whether the suspension expression \p E (a `co_await` or `co_yield` as
/// the compiler built it) may suspend: its await_ready is not a constant
/// `true`. A `co_await` not resolved in a template may suspend.
bool maySuspend(const Stmt &E);

/// A suspension point the user wrote: a `co_await` or `co_yield` that may
/// suspend (not the implicit initial and final suspension), or a `co_await`
/// not resolved in a template.
bool isSuspensionPoint(const Stmt &S);

/// The operand, as written, of a `co_await` the user wrote (also one not
/// resolved in a template); null for any other statement.
const Expr *awaitedOperand(const Stmt &S);

/// Whether \p S holds a suspension point in its own code (not in a nested
/// lambda's body).
bool suspendsWithin(const Stmt *S);

/// When coroutines whose promise is \p Promise start.
Start startOfPromise(const CXXRecordDecl &Promise);

/// What destroying a task of class \p Task does with its coroutine: what
/// its destructor reaches, through the member functions and the member
/// destructors it calls (a few calls deep), of coroutine_handle's
/// destroy() and resume(), and of the standard waiting functions.
DropEffect dropEffectOf(const CXXRecordDecl &Task);

/// Whether the promise's unhandled_exception() rethrows (`throw;`,
/// `std::rethrow_exception`) or ends the program: an exception of the body
/// then reaches the caller (or nobody), it is not kept in the task.
bool rethrowsUnhandled(const CXXRecordDecl &Promise);

/// The model of one coroutine definition (a function or a lambda's call
/// operator). Cheap facts are read from the AST on construction; the flow is
/// built on the first flow question.
class CoroutineModel {
public:
  CoroutineModel(const FunctionDecl &Coroutine, const CoroutineBodyStmt &Body,
                 ASTContext &Ctx);

  const FunctionDecl &function() const { return Coroutine; }
  /// The promise Sema chose for this coroutine, or null.
  const CXXRecordDecl *promise() const { return Promise; }
  Start start() const { return StartKind; }
  bool isEager() const { return StartKind == Start::Eager; }
  /// It runs whether or not its task is awaited: eager or scheduled.
  bool startsOnItsOwn() const {
    return StartKind == Start::Eager || StartKind == Start::Scheduled;
  }
  /// Its own body has a suspension point.
  bool canSuspend() const { return !Suspensions.empty(); }
  /// It starts at the call and cannot suspend: its body runs to the end
  /// (or to an exception) before the call returns.
  bool runsToCompletionInCall() const { return isEager() && !canSuspend(); }
  /// The final suspension never suspends: the frame is gone when the body
  /// ends.
  bool finalNeverSuspends() const { return FinalNeverSuspends; }
  /// The suspension points of its own body, in source order.
  llvm::ArrayRef<const Stmt *> suspensions() const { return Suspensions; }
  /// Its body returns a value (`co_return expr;` with a non-void operand).
  bool returnsValue() const { return ReturnsValue; }
  /// It hands a result out through a parameter: it uses a parameter of
  /// non-const lvalue reference type, or a pointer to non-const.
  bool handsResultOut() const;

  /// The flow of the body; \p IsHop tells the `co_await` operands that move
  /// the coroutine onto a pool (none when it is not given). Built once, on
  /// the first call; later calls return the same flow.
  const SuspensionFlow &
  flow(llvm::function_ref<bool(const Expr &)> IsHop = nullptr) const;

  /// Whether the coroutine may read or change \p D (a parameter, a captured
  /// variable, a local) at a point that comes after a suspension point on
  /// some path, directly, through a local reference, pointer or view made
  /// from it, or through a nested lambda that captures it by reference.
  bool usesAfterSuspension(const ValueDecl &D) const;
  /// The same for the object a lambda coroutine's captures live in: some
  /// capture (or `this`) is used after a suspension point.
  bool usesCapturesAfterSuspension() const;
  /// Whether the body uses \p D at all (directly, through an alias, or a
  /// lambda capturing it).
  bool uses(const ValueDecl &D) const;

  /// A textual summary for tests: start, whether it can suspend, the
  /// suspension points' lines, the final suspension.
  std::string dump() const;

private:
  const FunctionDecl &Coroutine;
  const CoroutineBodyStmt &Body;
  ASTContext &Ctx;
  const CXXRecordDecl *Promise = nullptr;
  Start StartKind = Start::Unknown;
  bool FinalNeverSuspends = false;
  bool ReturnsValue = false;
  llvm::SmallVector<const Stmt *, 4> Suspensions;
  mutable std::unique_ptr<SuspensionFlow> Flow;
};

class TaskTypeClassifier;
class CoroutineModels;

/// What becomes of a coroutine whose task is dropped (destroyed without
/// being awaited), as the diagnostics tell it.
enum class DropOutcome {
  NeverRuns,    // lazy: it never starts
  RunsDetached, // eager, the frame left alone: it runs on, result and errors lost
  CutOff,       // eager, the frame destroyed: stopped at its first suspension
  HasRun,       // eager, cannot suspend: done, its result and errors lost
  Blocks,       // the destructor waits for it: the thread blocks
  Started,      // lazy, resumed by the destructor: runs, result and errors lost
  LosesNothing, // eager, no result, no error that escapes, not cut off
};

/// The outcome of dropping the task \p Call makes: from the coroutine's
/// model when its definition is visible (its start, whether it can suspend,
/// returns a value, lets an exception reach its promise, and whether the
/// promise rethrows it), else from the task type; and from what the task
/// type's destructor does.
DropOutcome dropOutcome(const CallExpr &Call, const TaskTypeClassifier &Tasks,
                        CoroutineModels &Models);

/// The models of one translation unit's coroutines, built on the first
/// question about each: one store per check, cleared when a translation
/// unit starts.
class CoroutineModels {
public:
  /// The model of the coroutine \p F defines (its definition, or its
  /// template's), or null when \p F is not a coroutine with a visible body.
  const CoroutineModel *get(const FunctionDecl &F);
  void clear() { Models.clear(); }

private:
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<CoroutineModel>> Models;
};

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_COROUTINEMODEL_H
