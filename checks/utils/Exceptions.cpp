//===--- Exceptions.cpp - where a coroutine's exception goes --------------===//

#include "utils/Exceptions.h"
#include "utils/Coroutine.h"
#include "utils/Options.h"
#include "utils/OwnBody.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::coro::utils {
namespace {

bool isNothrow(const FunctionDecl *FD) {
  if (!FD)
    return false;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD); Ctor && Ctor->isTrivial())
    return true;
  if (isa<CXXDestructorDecl>(FD) && cast<CXXDestructorDecl>(FD)->isTrivial())
    return true;
  const auto *Proto = FD->getType()->getAs<FunctionProtoType>();
  return Proto && Proto->isNothrow();
}

} // namespace

bool catchesEverything(const CXXTryStmt &Try) {
  for (unsigned I = 0; I < Try.getNumHandlers(); ++I) {
    const CXXCatchStmt *Handler = Try.getHandler(I);
    if (!Handler->getExceptionDecl())
      return true; // catch (...)
    const QualType Caught = Handler->getCaughtType();
    if (!Caught->isReferenceType())
      continue;
    const CXXRecordDecl *Record =
        Caught.getNonReferenceType()->getAsCXXRecordDecl();
    if (Record && Record->getIdentifier() && Record->getName() == "exception" &&
        qualifiedName(Record) == "std::exception")
      return true;
  }
  return false;
}

namespace {
/// cannotThrow, where \p AllowConstruction lets constructors throw.
bool cannotThrowImpl(const Stmt &S, bool AllowConstruction) {
  if (isa<CXXThrowExpr, CXXNewExpr, CXXTryStmt>(S))
    return false;
  if (const auto *Return = dyn_cast<CoreturnStmt>(&S))
    // The promise's return_value/return_void: what can throw is the operand.
    return !Return->getOperand() ||
           cannotThrowImpl(*Return->getOperand(), AllowConstruction);
  if (const auto *Call = dyn_cast<CallExpr>(&S);
      Call && !isNothrow(Call->getDirectCallee()))
    return false;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S);
      Construct && !AllowConstruction && !isNothrow(Construct->getConstructor()))
    return false;
  return forEachOwnChild(S, [&](const Stmt &Child) {
    return cannotThrowImpl(Child, AllowConstruction);
  });
}

/// A declaration of locals that only constructs them (`steady_timer
/// timer(ex);`, `char data[1024];`): what stands before the try of a body
/// guarded as a whole. A constructor that fails is out of resources, not
/// the coroutine's error; a function call or an await that can throw is.
bool onlyConstructs(const Stmt &S) {
  return isa<DeclStmt>(S) && cannotThrowImpl(S, /*AllowConstruction=*/true);
}
} // namespace

bool cannotThrow(const Stmt &S) {
  return cannotThrowImpl(S, /*AllowConstruction=*/false);
}

namespace {
/// The body \p Function's user wrote, from its definition or its
/// template's; null when not visible.
const Stmt *visibleBody(const FunctionDecl &Function) {
  const FunctionDecl *Definition = nullptr;
  if (!Function.hasBody(Definition))
    if (const FunctionDecl *Pattern = Function.getTemplateInstantiationPattern())
      Pattern->hasBody(Definition);
  return Definition ? writtenBody(*Definition) : nullptr;
}
} // namespace

const CXXTryStmt *guardingTry(const FunctionDecl &Function) {
  const Stmt *Body = visibleBody(Function);
  if (!Body)
    return nullptr;
  if (const auto *Try = dyn_cast<CXXTryStmt>(Body)) // a function-try-block
    return catchesEverything(*Try) ? Try : nullptr;
  const auto *Compound = dyn_cast<CompoundStmt>(Body);
  if (!Compound)
    return nullptr;
  const CXXTryStmt *Guard = nullptr;
  for (const Stmt *Child : Compound->body()) {
    if (const auto *Try = dyn_cast<CXXTryStmt>(Child);
        Try && !Guard && catchesEverything(*Try)) {
      Guard = Try;
      continue;
    }
    if (!cannotThrow(*Child) && (Guard || !onlyConstructs(*Child)))
      return nullptr;
  }
  return Guard;
}

bool letsExceptionsEscape(const FunctionDecl &Function) {
  const Stmt *Body = visibleBody(Function);
  return !Body || (!guardingTry(Function) && !cannotThrow(*Body));
}

bool isIgnored(const ParmVarDecl &Param) {
  const ParmVarDecl *Written = &Param;
  if (const auto *Owner = dyn_cast<FunctionDecl>(Param.getDeclContext()))
    if (const FunctionDecl *Pattern = Owner->getTemplateInstantiationPattern();
        Pattern && Param.getFunctionScopeIndex() < Pattern->getNumParams())
      Written = Pattern->getParamDecl(Param.getFunctionScopeIndex());
  return !Written->getIdentifier() || !Written->isReferenced();
}

} // namespace clang::tidy::coro::utils
