//===--- Exceptions.cpp - where a coroutine's exception goes --------------===//

#include "utils/Exceptions.h"
#include "utils/Coroutine.h"
#include "utils/Options.h"
#include "utils/OwnBody.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::coro::utils {
namespace {

bool isNothrow(const FunctionDecl *FD) {
  if (!FD)
    return false;
  // A C function throws no C++ exception (puts, memcpy, close).
  if (FD->isExternC())
    return true;
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

/// The class template (or class) name of \p T, unqualified.
llvm::StringRef patternName(QualType T) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return "";
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    RD = Spec->getSpecializedTemplate()->getTemplatedDecl();
  return RD->getIdentifier() ? RD->getName() : "";
}

/// An error reported as a value: an error code, a status, an expected; a
/// tuple or pair that starts with one (asio's as_tuple results).
bool isErrorValue(QualType T, unsigned Depth = 0) {
  if (T.isNull() || Depth > 2)
    return false;
  const llvm::StringRef Name = patternName(T);
  if (Name.empty())
    return false;
  if (Name == "error_code" || Name == "error_condition" || Name == "expected" ||
      Name == "Expected" || Name == "Status" || Name == "StatusOr" ||
      Name == "status" || Name.ends_with("Status") || Name.ends_with("_status") ||
      Name.ends_with("ErrorCode") || Name.ends_with("error_code"))
    return true;
  if (Name == "tuple" || Name == "pair") {
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(
        T.getNonReferenceType()->getAsCXXRecordDecl());
    if (!Spec || Spec->getTemplateArgs().size() == 0)
      return false;
    TemplateArgument First = Spec->getTemplateArgs()[0];
    // std::tuple<Types...>: the first of the pack.
    if (First.getKind() == TemplateArgument::Pack) {
      if (First.pack_size() == 0)
        return false;
      First = First.pack_elements()[0];
    }
    if (First.getKind() == TemplateArgument::Type)
      return isErrorValue(First.getAsType(), Depth + 1);
  }
  return false;
}

/// A completion token that turns an operation's error into a value:
/// asio's redirect_error, as_tuple, as_single.
bool isErrorValueToken(const Expr *Arg) {
  const llvm::StringRef Name = patternName(Arg->getType());
  return Name == "redirect_error_t" || Name == "as_tuple_t" || Name == "as_single_t";
}

/// A call that reports its errors as values: it returns an error code, a
/// status or an expected, or takes (or makes) a token that turns the error
/// into one.
/// It still may throw std::bad_alloc: that is not the coroutine's error.
bool reportsErrorsAsValues(const CallExpr &Call) {
  return isErrorValue(Call.getType()) || isErrorValueToken(&Call) ||
         llvm::any_of(Call.arguments(), isErrorValueToken);
}

/// cannotThrow, where \p AllowConstruction lets constructors throw.
bool cannotThrowImpl(const Stmt &S, bool AllowConstruction) {
  if (isa<CXXThrowExpr, CXXNewExpr, CXXTryStmt>(S))
    return false;
  if (const auto *Return = dyn_cast<CoreturnStmt>(&S))
    // The promise's return_value/return_void: what can throw is the operand.
    return !Return->getOperand() ||
           cannotThrowImpl(*Return->getOperand(), AllowConstruction);
  auto Arguments = [&](const CallExpr &Call) {
    return llvm::all_of(Call.arguments(), [&](const Expr *Arg) {
      return cannotThrowImpl(*Arg, AllowConstruction);
    });
  };
  // An await whose result is an error value (`auto [ec, n] = co_await
  // s.async_read_some(buf, as_tuple(use_awaitable))`, or an I/O object whose
  // default token is as_tuple): only the operation's arguments can throw.
  if (const auto *Await = dyn_cast<CoawaitExpr>(&S);
      Await && !Await->isImplicit() &&
      (isErrorValue(Await->getType()) ||
       (isa<CallExpr>(Await->getOperand()->IgnoreImplicit()) &&
        reportsErrorsAsValues(*cast<CallExpr>(Await->getOperand()->IgnoreImplicit()))))) {
    const Expr *Operand = Await->getOperand()->IgnoreImplicit();
    if (const auto *Call = dyn_cast<CallExpr>(Operand)) {
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
        if (const Expr *Object = Member->getImplicitObjectArgument();
            Object && !cannotThrowImpl(*Object, AllowConstruction))
          return false;
      return Arguments(*Call);
    }
    return cannotThrowImpl(*Operand, AllowConstruction);
  }
  if (const auto *Call = dyn_cast<CallExpr>(&S);
      Call && !isNothrow(Call->getDirectCallee())) {
    if (!reportsErrorsAsValues(*Call))
      return false;
  }
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

bool cannotThrowAll(std::initializer_list<const Stmt *> Parts) {
  return llvm::all_of(Parts, [](const Stmt *S) { return !S || cannotThrow(*S); });
}
} // namespace

bool cannotThrow(const Stmt &S) {
  return cannotThrowImpl(S, /*AllowConstruction=*/false);
}

bool coveredByCatchAll(const Stmt &S) {
  if (cannotThrow(S))
    return true;
  if (const auto *Try = dyn_cast<CXXTryStmt>(&S)) {
    if (catchesEverything(*Try))
      return true;
    // A narrower try: what its block lets through, and its handlers.
    if (!coveredByCatchAll(*Try->getTryBlock()))
      return false;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      if (!coveredByCatchAll(*Try->getHandler(I)->getHandlerBlock()))
        return false;
    return true;
  }
  if (const auto *Compound = dyn_cast<CompoundStmt>(&S)) {
    // Locals that are only constructed may stand before a catch-all of the
    // same block (a timer the guarded code uses), not after it, nor in a
    // block without one.
    auto IsGuard = [](const Stmt *Child) {
      const auto *Try = dyn_cast<CXXTryStmt>(Child);
      return Try && catchesEverything(*Try);
    };
    const auto *FirstGuard = llvm::find_if(Compound->body(), IsGuard);
    bool BeforeGuard = FirstGuard != Compound->body_end();
    for (const Stmt *Child : Compound->body()) {
      if (BeforeGuard && Child == *FirstGuard) {
        BeforeGuard = false;
        continue;
      }
      if (!coveredByCatchAll(*Child) && !(BeforeGuard && onlyConstructs(*Child)))
        return false;
    }
    return true;
  }
  if (const auto *If = dyn_cast<IfStmt>(&S))
    return cannotThrowAll({If->getInit(), If->getConditionVariableDeclStmt(),
                           If->getCond()}) &&
           (!If->getThen() || coveredByCatchAll(*If->getThen())) &&
           (!If->getElse() || coveredByCatchAll(*If->getElse()));
  if (const auto *While = dyn_cast<WhileStmt>(&S))
    return cannotThrowAll({While->getConditionVariableDeclStmt(), While->getCond()}) &&
           coveredByCatchAll(*While->getBody());
  if (const auto *Do = dyn_cast<DoStmt>(&S))
    return cannotThrowAll({Do->getCond()}) && coveredByCatchAll(*Do->getBody());
  if (const auto *For = dyn_cast<ForStmt>(&S))
    return (!For->getInit() || coveredByCatchAll(*For->getInit())) &&
           cannotThrowAll({For->getConditionVariableDeclStmt(), For->getCond(),
                           For->getInc()}) &&
           coveredByCatchAll(*For->getBody());
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&S))
    return cannotThrowAll({Range->getInit(), Range->getRangeStmt(),
                           Range->getBeginStmt(), Range->getEndStmt(),
                           Range->getCond(), Range->getInc(),
                           Range->getLoopVarStmt()}) &&
           coveredByCatchAll(*Range->getBody());
  if (const auto *Switch = dyn_cast<SwitchStmt>(&S))
    return cannotThrowAll({Switch->getInit(), Switch->getConditionVariableDeclStmt(),
                           Switch->getCond()}) &&
           coveredByCatchAll(*Switch->getBody());
  if (const auto *Case = dyn_cast<SwitchCase>(&S))
    return coveredByCatchAll(*Case->getSubStmt());
  if (const auto *Label = dyn_cast<LabelStmt>(&S))
    return coveredByCatchAll(*Label->getSubStmt());
  if (const auto *Attributed = dyn_cast<AttributedStmt>(&S))
    return coveredByCatchAll(*Attributed->getSubStmt());
  return false;
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

bool letsExceptionsEscape(const FunctionDecl &Function) {
  const Stmt *Body = visibleBody(Function);
  return !Body || !coveredByCatchAll(*Body);
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
