//===--- ExitPaths.h - statements that run only on the way out -*- C++ -*-===//
//
// A blocking call or a long loop on a path that ends the program (a stack
// dump before std::exit, a diagnostic before std::abort) stalls nothing that
// matters: the process is going away. Loggers do exactly that on their fatal
// level, and without this every log line in a coroutine read as a blocking
// call. A statement is on an exit path when the block (or the branch) that
// holds it, or one around it, also calls a [[noreturn]] function.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_EXITPATHS_H
#define COROLINT_UTILS_EXITPATHS_H

#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::coro::utils {

/// A call of a function that never returns (std::exit, std::abort,
/// std::terminate, a project's own [[noreturn]] fatal handler).
bool isNoReturnCall(const Stmt &S);

/// The statements of a function body that run only on a path that ends in a
/// [[noreturn]] call. Built in one walk of the body; callers build it only
/// when the body has such a call (isNoReturnCall seen in their own walk).
class ExitPaths {
public:
  explicit ExitPaths(const Stmt &Body);
  bool contains(const Stmt *S) const { return OnExitPath.contains(S); }

private:
  void mark(const Stmt *S);
  llvm::DenseSet<const Stmt *> OnExitPath;
};

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_EXITPATHS_H
