//===--- Exceptions.h - where a coroutine's exception goes -----*- C++ -*-===//
//
// A coroutine started with nobody to receive its result loses its exception
// unless the coroutine handles it itself. These analyses answer, on the AST
// as written:
//   - whether a function's whole body is inside a `try` whose handlers catch
//     everything (`catch (...)`, or `std::exception` by reference, const or
//     not): what it then does (log, rethrow) is handling;
//   - whether a statement can throw at all (no call of a function that is
//     not `noexcept`, no `throw`, no `new`, no `co_await` whose resumption
//     can throw): what may stand beside such a `try`;
//   - whether a callback ignores the parameter that carries the error
//     (unnamed, or never referenced).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_EXCEPTIONS_H
#define COROLINT_UTILS_EXCEPTIONS_H

#include "clang/AST/Decl.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::coro::utils {

/// True when one of \p Try's handlers catches every exception: `catch (...)`
/// or a catch of `std::exception` by (const or non-const) reference.
bool catchesEverything(const CXXTryStmt &Try);

/// True when \p S cannot throw: it calls no function that is not
/// `noexcept` (trivial constructors and destructors and C functions count as
/// `noexcept`),
/// but for calls and awaits that report their errors as values (see the top
/// of this file), throws nothing, allocates nothing and awaits nothing whose
/// resumption can throw. Conservative: anything unknown can throw.
bool cannotThrow(const Stmt &S);

/// True when every statement of \p S that can throw is inside a `try`
/// that catches everything (catchesEverything): one around the whole body,
/// one per statement, one inside a loop; the conditions of the statements
/// around them cannot throw; locals that are only constructed (`steady_timer
/// timer(ex);`: a constructor that fails is out of resources) may stand
/// before the first such `try` of a block. A function-try-block counts.
bool coveredByCatchAll(const Stmt &S);

/// True when an exception thrown in \p Function's body can leave it: its
/// definition is not visible, or its written body is not coveredByCatchAll.
bool letsExceptionsEscape(const FunctionDecl &Function);

/// True when a callback's parameter \p Param is ignored: unnamed, or never
/// referenced in its function (for a generic lambda, in its template).
bool isIgnored(const ParmVarDecl &Param);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_EXCEPTIONS_H
