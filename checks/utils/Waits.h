//===--- Waits.h - functions that wait for other work to finish -*- C++ -*-===//
//
// The standard library's ways for a thread to wait until other work is done
// (a future, a join, a condition variable, a latch, a barrier, a semaphore):
// coro-blocking-call reports them in a coroutine, and coro-dangling-reference
// takes a function that calls one as waiting for the task it was handed
// (a test's `run(task)` that starts the task and waits on a promise before
// returning: the task is done within the caller's full-expression).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_WAITS_H
#define COROLINT_UTILS_WAITS_H

#include "utils/Options.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::coro::utils {

/// The standard waiting functions, as a `;`-separated list of fully
/// qualified names.
extern const char WaitingFunctionNames[];

/// The synchronous runners of the libraries corolint knows: each runs the
/// task (or sender) it is given to completion before it returns, blocking
/// the calling thread. Functions or function objects (folly's blockingWait,
/// stdexec's and unifex's sync_wait are objects), as a `;`-separated list.
extern const char SynchronousRunnerNames[];

/// Whether \p Call calls a function, or a function object (a variable), of
/// \p Runners.
bool callsRunner(const CallExpr &Call, const QualifiedNameSet &Runners);

/// Whether \p F is a function defined here, not a coroutine, whose own body
/// (utils/OwnBody.h) calls a function of \p Waits, or a call \p IsRunner
/// accepts (a synchronous runner such as `sync_wait`): a caller's task handed
/// to it is done by the time it returns. What it waits for is not checked.
bool waitsBeforeReturning(const FunctionDecl &F, const QualifiedNameSet &Waits,
                          llvm::function_ref<bool(const CallExpr &)> IsRunner);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_WAITS_H
