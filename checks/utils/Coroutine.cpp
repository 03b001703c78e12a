//===--- Coroutine.cpp - coroutine structure helpers ----------------------===//

#include "utils/Coroutine.h"
#include "utils/TaskType.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::coro::utils {

const CoroutineBodyStmt *getCoroutineBody(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  return dyn_cast_or_null<CoroutineBodyStmt>(FD->getBody());
}

bool cannotReportOn(const FunctionDecl &Function) {
  return Function.isInvalidDecl() ||
         Function.getASTContext().getDiagnostics().hasUncompilableErrorOccurred();
}

bool canAwaitTaskIn(const FunctionDecl &Coroutine, const CXXRecordDecl &Task) {
  const CoroutineBodyStmt *Body = getCoroutineBody(&Coroutine);
  if (!Body)
    return false;
  if (const CXXRecordDecl *Own =
          Coroutine.getReturnType()->getAsCXXRecordDecl())
    if (templatePattern(Own) == templatePattern(&Task))
      return true;
  const VarDecl *PromiseVar = Body->getPromiseDecl();
  const CXXRecordDecl *Promise =
      PromiseVar ? PromiseVar->getType()->getAsCXXRecordDecl() : nullptr;
  if (Promise) {
    ASTContext &Ctx = Promise->getASTContext();
    DeclarationName AwaitTransform(&Ctx.Idents.get("await_transform"));
    for (const CXXRecordDecl *R = Promise; R;) {
      if (!R->lookup(AwaitTransform).empty())
        return false;
      // Single inheritance chains are the common shape of promise bases.
      R = R->getNumBases() == 1
              ? R->bases_begin()->getType()->getAsCXXRecordDecl()
              : nullptr;
    }
  }
  return isAwaitableRecord(&Task);
}

} // namespace clang::tidy::coro::utils
