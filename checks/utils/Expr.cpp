//===--- Expr.cpp - expression helpers ------------------------------------===//

#include "utils/Expr.h"

namespace clang::tidy::coro::utils {

bool callsOpaqueCallable(const CallExpr &Call) {
  const Expr *Object = calledObject(Call);
  if (!Object)
    return false;
  const ValueDecl *Held = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Object))
    Held = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(Object))
    Held = Member->getMemberDecl();
  if (!Held)
    return false;
  // The type as declared keeps the substitution's sugar: `F cb` in an
  // instance of `template <class F>` is a SubstTemplateTypeParmType.
  QualType T = Held->getType().getNonReferenceType();
  if (T->getAs<SubstTemplateTypeParmType>())
    return true;
  // Behind an alias (`std::decay_t<F> cb`) the sugar is gone: ask the
  // parameter of the function the instance was made from.
  if (const auto *Parm = dyn_cast<ParmVarDecl>(Held))
    if (const auto *Function = dyn_cast<FunctionDecl>(Parm->getDeclContext()))
      if (const FunctionDecl *Pattern = Function->getTemplateInstantiationPattern())
        if (Parm->getFunctionScopeIndex() < Pattern->getNumParams())
          return Pattern->getParamDecl(Parm->getFunctionScopeIndex())
              ->getType()
              ->isDependentType();
  return false;
}

bool isBridgeCall(const CallExpr &Call, const SourceManager &SM) {
  return callsOpaqueCallable(Call) &&
         !SM.isInMainFile(SM.getExpansionLoc(Call.getBeginLoc()));
}

} // namespace clang::tidy::coro::utils
