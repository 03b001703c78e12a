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

/// Whether \p F is a function defined here, not a coroutine, whose own body
/// (utils/OwnBody.h) calls a function of \p Waits, or a call \p IsRunner
/// accepts (a synchronous runner such as `sync_wait`): a caller's task handed
/// to it is done by the time it returns. What it waits for is not checked.
bool waitsBeforeReturning(const FunctionDecl &F, const QualifiedNameSet &Waits,
                          llvm::function_ref<bool(const CallExpr &)> IsRunner);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_WAITS_H
