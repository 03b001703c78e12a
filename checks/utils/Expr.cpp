//===--- Expr.cpp - expression helpers ------------------------------------===//

#include "utils/Expr.h"

namespace clang::tidy::coro::utils {

const Expr *ignoreCopiesAndMoves(const Expr *E) {
  for (;;) {
    E = ignoreImplicitAndParens(E);
    if (const auto *Cast = dyn_cast_or_null<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
    } else if (const auto *Copy = dyn_cast_or_null<CXXConstructExpr>(E);
               Copy && Copy->getNumArgs() == 1 &&
               Copy->getConstructor()->isCopyOrMoveConstructor()) {
      E = Copy->getArg(0);
    } else if (const auto *Call = dyn_cast_or_null<CallExpr>(E);
               Call && Call->getNumArgs() == 1) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier() ||
          (FD->getName() != "move" && FD->getName() != "forward"))
        return E;
      E = Call->getArg(0);
    } else {
      return E;
    }
  }
}

const LambdaExpr *lambdaOf(const Expr *E) {
  E = ignoreCopiesAndMoves(E);
  if (const auto *Lambda = dyn_cast_or_null<LambdaExpr>(E))
    return Lambda;
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && Var->getInit())
      return dyn_cast<LambdaExpr>(ignoreImplicitAndParens(Var->getInit()));
  return nullptr;
}

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

const ValueDecl *objectRoot(const Expr *E, bool &IsThis) {
  IsThis = false;
  for (;;) {
    E = ignoreImplicitAndParens(E);
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      E = Member->getBase();
    else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
      E = Subscript->getBase();
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
             Op && Op->getNumArgs() > 0 &&
             (Op->getOperator() == OO_Subscript ||
              Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star))
      E = Op->getArg(0);
    else if (const auto *Unary = dyn_cast<UnaryOperator>(E);
             Unary && (Unary->getOpcode() == UO_Deref ||
                       Unary->getOpcode() == UO_AddrOf))
      E = Unary->getSubExpr();
    else
      break;
  }
  if (isa<CXXThisExpr>(E)) {
    IsThis = true;
    return nullptr;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  return nullptr;
}

bool isStdIgnore(const Expr &E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(ignoreImplicitAndParens(&E));
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->getIdentifier() && Var->getName() == "ignore" &&
         Var->isInStdNamespace();
}

} // namespace clang::tidy::coro::utils
