//===--- Expr.h - expression helpers ---------------------------*- C++ -*-===//

#ifndef COROLINT_UTILS_EXPR_H
#define COROLINT_UTILS_EXPR_H

#include "clang/AST/Expr.h"

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

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_EXPR_H
