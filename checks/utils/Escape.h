//===--- Escape.h - where an object goes: returned, stored, passed on -*- C++ -*-===//
//
// Escape analysis on the AST as written, for one function at a time: whether
// an object made or declared in a function outlives the call (it is
// returned, stored in a member, a static or an out-parameter, moved into one
// of those), and whether a use of a local object may hand it on (pass it,
// move it, capture it, await it) or only looks at it.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_ESCAPE_H
#define COROLINT_UTILS_ESCAPE_H

#include "utils/Ancestors.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <initializer_list>

namespace clang::tidy::coro::utils {

/// \p FD is one of the functions \p Names of namespace `std`.
bool isStdFunction(const FunctionDecl *FD,
                   std::initializer_list<llvm::StringRef> Names);

/// True when the function that owns the local variable \p Var returns it or
/// stores it somewhere longer-lived (directly, moved, released or wrapped in
/// a smart pointer): the object outlives the call.
bool isHandedOver(const VarDecl &Var);

/// Where an object made by an expression (`new`, a factory call, a
/// temporary) ends up.
struct Sink {
  enum Kind {
    Local,      // dies with the call (or leaks)
    HandedOver, // returned (a factory), or kept in a local that is
    Kept,       // stored in a member, a static, an out-parameter
  } What = Local;
  /// The local variable it initialises, if any.
  const VarDecl *Var = nullptr;
};

/// Follows the object that \p Created makes up through \p Above (its
/// ancestors) to where it is kept.
Sink findSink(const Expr &Created, Ancestors Above);

/// Whether the use of a local object at the end of \p Chain (the
/// statements from the function body down to a reference to the object)
/// may hand the object on or change it: anything but a const member call
/// (`t.is_ready()`), an unevaluated operand (`sizeof t`) or the initialiser
/// of a local reference or pointer (whose own uses tell).
bool mayHandOn(llvm::ArrayRef<const Stmt *> Chain);

/// What becomes of a task that a call makes, by the end of the
/// full-expression the call is in: whether it is done with by then (what the
/// full-expression's temporaries must outlive) or lives on.
struct TaskFate {
  enum Kind {
    /// `co_await`ed in the full-expression, directly or through what it is
    /// handed to (`co_await when_all(t(), ...)`), run to completion by a
    /// synchronous runner there (`sync_wait(t())`), or `co_yield`ed: done
    /// by its end.
    Awaited,
    /// The value of an expression statement: destroyed at its end (a lazy
    /// task never runs; an eager one may run on).
    Dropped,
    /// Initialises (or is assigned to) a variable.
    Stored,
    /// Returned (or co_returned) from the function.
    Returned,
    /// Handed to a call that keeps or starts it (`spawn(t())`,
    /// `tasks.push_back(t())`, `co_spawn(ex, t(), detached)`).
    HandedOn,
  } What = Dropped;
  /// Where it goes: the declaration statement, the return, the call.
  const Stmt *Where = nullptr;
  /// The variable it initialises, or the function it is handed to.
  const NamedDecl *Into = nullptr;
  /// Stored by an assignment or into a container (`tasks.push_back(t())`):
  /// the object stored into, as written.
  const Expr *Target = nullptr;
};

/// Whether an object stored into, \p Target as written, outlives the
/// function it is written in: its root, through members, subscripts and
/// `->`, is `this`, a global or static, or a reference or pointer parameter
/// or variable. A local object, or a root it cannot tell, is not.
bool outlivesFunction(const Expr &Target);

/// The fate of the task made by the call at the end of \p Chain (the
/// statements from a function body down to the call, as
/// OwnBodyVisitor::stack() gives them). \p IsRunner tells the calls that
/// run a task to completion before they return (`sync_wait(t)`, also
/// through a function object: folly's `blockingWait` is one). A `co_yield`
/// counts as awaited: the generator is suspended within the full-expression
/// while its consumer uses the value.
TaskFate fateInFullExpression(
    llvm::ArrayRef<const Stmt *> Chain,
    llvm::function_ref<bool(const CallExpr &)> IsRunner);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_ESCAPE_H
