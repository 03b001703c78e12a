//===--- Loops.h - what a loop does: trip counts, busy waits ---*- C++ -*-===//
//
// Loop analyses on the AST as written, without a CFG or a parent map: the
// iteration count of a loop that constants bound, and whether a loop is a
// busy wait. Each looks at one loop (the caller gives the statement directly
// above it, which its walk knows).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_LOOPS_H
#define COROLINT_UTILS_LOOPS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>

namespace clang::tidy::coro::utils {

/// A `for`, range-based `for`, `while` or `do` statement.
bool isLoop(const Stmt *S);

/// The loop's own iteration count (not that of loops nested in it), when
/// constants bound it: `for (int i = A; i < B; i += C)` and its variants
/// (`<=`, `>`, `>=`, `!=`, a decreasing counter, an assignment as
/// initialiser), a `while`/`do` counter declared with a constant in the
/// block just before the loop and stepped once at the top level of its body,
/// a range-based `for` over a constant-size array. The body must not
/// otherwise change the counter. \p Parent is the statement directly above
/// \p Loop (a `while` counter is declared before the loop in that block).
std::optional<uint64_t> tripCount(const Stmt &Loop, const Stmt *Parent,
                                  ASTContext &Ctx);

/// The variables that change from one iteration of a `for` or range-based
/// `for` loop to the next: a range-based `for`'s loop variable (or its
/// structured bindings), a `for`'s variables declared in its init statement
/// and those its increment steps or assigns (`for (; i < n; ++i)`). Empty
/// for any other statement.
llvm::SmallVector<const ValueDecl *, 2> loopVariables(const Stmt &Loop);

/// A busy wait: a `while`, `do` or header-less `for` whose condition only
/// reads something another thread may change (an atomic, a volatile, a
/// flag), is not constant, and whose body does nothing but poll the same
/// way or tell the CPU that it spins (a pause, `std::this_thread::yield`).
/// The caller checks that the loop does not suspend.
struct BusyWait {
  /// What it spins on, when that has a name; else null.
  const NamedDecl *Target = nullptr;
};
std::optional<BusyWait> busyWait(const Stmt &Loop, const ASTContext &Ctx);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_LOOPS_H
