//===--- Expr.h - expression helpers ---------------------------*- C++ -*-===//

#ifndef COROLINT_UTILS_EXPR_H
#define COROLINT_UTILS_EXPR_H

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::coro::utils {

/// Strips what the compiler added around an expression the user wrote:
/// implicit casts, full-expression cleanups, temporaries and parentheses.
inline const Expr *ignoreImplicitAndParens(const Expr *E) {
  const Expr *Previous = nullptr;
  while (E && E != Previous) {
    Previous = E;
    E = E->IgnoreImplicit()->IgnoreParens();
  }
  return E;
}

/// The object a call `f(args)` calls through its `operator()`, as written (a
/// lambda, a variable), or null for any other call.
inline const Expr *calledObject(const CallExpr &Call) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
  if (!Op || Op->getOperator() != OO_Call || Op->getNumArgs() == 0)
    return nullptr;
  return ignoreImplicitAndParens(Op->getArg(0));
}

/// The lambda a call calls where it is written (`[&] { ... }()`), or null.
inline const LambdaExpr *lambdaCalledInPlace(const CallExpr &Call) {
  return dyn_cast_or_null<LambdaExpr>(calledObject(Call));
}

/// What a diagnostic names as what a call calls: a callable object by its
/// variable (`later()` calls 'later'), anything else by the function.
inline const NamedDecl *calleeDecl(const CallExpr &Call) {
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(calledObject(Call)))
    return Ref->getDecl();
  return Call.getDirectCallee();
}

/// Whether \p E names `std::ignore`: a value assigned to it is dropped.
bool isStdIgnore(const Expr &E);

/// \p E without what only copies or moves its value on: what the compiler
/// added, parentheses, a functional cast, a copy or move constructor (a
/// by-value parameter), `std::move` and `std::forward`.
const Expr *ignoreCopiesAndMoves(const Expr *E);

/// The object \p E is part of, through members, subscripts, `->`, `*` and
/// `&`: the declaration it starts from (a variable, a parameter), or null
/// for `this` (\p IsThis is then set) or for anything else (a call's result).
const ValueDecl *objectRoot(const Expr *E, bool &IsThis);

/// The lambda a callable argument is: written there, or the local variable
/// initialised with one (through copies and moves).
const LambdaExpr *lambdaOf(const Expr *E);

/// Whether \p Call calls an object whose type is a template parameter of
/// the function it is written in (`cb(x)` in `template <class F> ...(F cb)`,
/// also behind an alias such as `std::decay_t<F>`): in an instance, the
/// callable a caller passed in.
bool callsOpaqueCallable(const CallExpr &Call);
/// A call of such a callable written in a header: in a header coroutine, a
/// library's bridge (`start(task, callback)` awaiting the task, then calling
/// the callback). What the user's callable does is not the bridge's doing;
/// the checks do not follow it from a coroutine's own body.
bool isBridgeCall(const CallExpr &Call, const SourceManager &SM);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_EXPR_H
