//===--- ExitPaths.cpp - statements that run only on the way out ----------===//

#include "utils/ExitPaths.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::coro::utils {

bool isNoReturnCall(const Stmt &S) {
  const Stmt *Inner = &S;
  if (const auto *E = dyn_cast<Expr>(Inner))
    Inner = E->IgnoreImplicit()->IgnoreParens();
  const auto *Call = dyn_cast<CallExpr>(Inner);
  if (!Call)
    return false;
  if (const FunctionDecl *Callee = Call->getDirectCallee())
    return Callee->isNoReturn();
  return false;
}

ExitPaths::ExitPaths(const Stmt &Body) {
  llvm::SmallVector<const Stmt *, 32> Work{&Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    // A block that calls a [[noreturn]] function among its own statements:
    // everything in it ends the program (what comes before the call leads
    // to it; nothing comes after).
    if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
      if (llvm::any_of(Block->body(),
                       [](const Stmt *Child) { return Child && isNoReturnCall(*Child); })) {
        mark(Block);
        continue;
      }
    }
    // Lambdas and local classes are functions of their own.
    if (isa<LambdaExpr>(S) || isa<DeclStmt>(S))
      continue;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
}

void ExitPaths::mark(const Stmt *Root) {
  llvm::SmallVector<const Stmt *, 32> Work{Root};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || !OnExitPath.insert(S).second)
      continue;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
}

} // namespace clang::tidy::coro::utils
