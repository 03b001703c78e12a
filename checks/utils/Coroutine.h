//===--- Coroutine.h - coroutine structure helpers -------------*- C++ -*-===//
//
// Coroutine structure: whether a function is a coroutine, the code its user
// wrote, whether the checks may report on it, and whether a task could be
// `co_await`ed there.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_COROUTINE_H
#define COROLINT_UTILS_COROUTINE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::coro::utils {

/// The coroutine body of \p FD when \p FD is a coroutine (its body contains
/// `co_await`, `co_yield` or `co_return`), else null.
const CoroutineBodyStmt *getCoroutineBody(const FunctionDecl *FD);
inline bool isCoroutine(const FunctionDecl *FD) {
  return getCoroutineBody(FD) != nullptr;
}

/// True when the checks must stay quiet about \p Function: it is invalid,
/// or the translation unit has errors. The compiler's recovery drops what it
/// could not build (a statement of a coroutine with a broken promise
/// vanishes), so what is left could look like a mistake the user never made.
bool cannotReportOn(const FunctionDecl &Function);

/// The statements the user wrote in \p Function: a coroutine's body without
/// the coroutine machinery around it, any other function's body.
inline const Stmt *writtenBody(const FunctionDecl &Function) {
  if (const CoroutineBodyStmt *Coro = getCoroutineBody(&Function))
    return Coro->getBody();
  return Function.getBody();
}

/// True when \p Function is a lambda's call operator.
inline bool isLambdaCallOperator(const FunctionDecl &Function) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
  return Method && Method->getParent()->isLambda();
}

/// True when `co_await` of a task of class \p Task compiles inside the
/// coroutine \p Coroutine: the coroutine returns the same task template, or
/// its promise has no `await_transform` and the task is awaitable by itself.
bool canAwaitTaskIn(const FunctionDecl &Coroutine, const CXXRecordDecl &Task);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_COROUTINE_H
