//===--- Escape.cpp - where an object goes: returned, stored, passed on ---===//

#include "utils/Escape.h"
#include "utils/Coroutine.h"
#include "utils/Expr.h"
#include "utils/OwnBody.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/StringSwitch.h"
#include <optional>

namespace clang::tidy::coro::utils {

bool isStdFunction(const FunctionDecl *FD,
                   std::initializer_list<llvm::StringRef> Names) {
  if (!FD || !FD->getIdentifier() || !FD->isInStdNamespace())
    return false;
  return llvm::is_contained(Names, FD->getName());
}

/// A call to `std::move` or `std::forward`.
namespace {

bool isStdMove(const CallExpr &Call) {
  return Call.getNumArgs() == 1 &&
         isStdFunction(Call.getDirectCallee(), {"move", "forward"});
}

/// A class type that owns what it points to: `std::unique_ptr`,
/// `std::shared_ptr`.
bool isSmartPointer(QualType T) {
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  return RD && RD->getIdentifier() && RD->isInStdNamespace() &&
         (RD->getName() == "unique_ptr" || RD->getName() == "shared_ptr");
}

/// Whether \p E hands over the variable \p Var: `Var`, `std::move(Var)`,
/// `Var.release()`, or a conversion or smart pointer built from it.
bool refersTo(const Expr *E, const VarDecl &Var) {
  while (E) {
    E = ignoreImplicitAndParens(E);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl() == &Var;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      E = Construct->getNumArgs() > 0 ? Construct->getArg(0) : nullptr;
    } else if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      E = Cast->getSubExpr();
    } else if (const auto *Call = dyn_cast<CallExpr>(E); Call && isStdMove(*Call)) {
      E = Call->getArg(0);
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
               Member && Member->getMethodDecl() &&
               Member->getMethodDecl()->getIdentifier() &&
               Member->getMethodDecl()->getName() == "release") {
      E = Member->getImplicitObjectArgument();
    } else if (const auto *List = dyn_cast<InitListExpr>(E);
               List && List->getNumInits() == 1) {
      E = List->getInit(0);
    } else {
      return false;
    }
  }
  return false;
}

/// True when storing into \p Target keeps the value beyond the call: a
/// member, a static, a reference parameter, `*out`, `table[key]`; not a
/// local variable.
bool isLongLivedTarget(const Expr *Target) {
  Target = ignoreImplicitAndParens(Target);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Target))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      return !Var->hasLocalStorage() || Var->getType()->isReferenceType();
  return true;
}

/// The object that \p Store stores \p Value in, when \p Store is an
/// assignment (`Target = Value`) or a call that keeps its argument
/// (`Target.reset(Value)`, `Target.push_back(Value)`, ...); else null.
const Expr *storedInto(const Expr &Store, const Expr *Value) {
  if (const auto *Assign = dyn_cast<BinaryOperator>(&Store))
    return Assign->getOpcode() == BO_Assign && Assign->getRHS() == Value
               ? Assign->getLHS()
               : nullptr;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Store))
    return Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
                   Op->getArg(1) == Value
               ? Op->getArg(0)
               : nullptr;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&Store)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (!Method || !Method->getIdentifier() ||
        !llvm::is_contained(Call->arguments(), Value))
      return nullptr;
    const bool Keeps =
        llvm::StringSwitch<bool>(Method->getName())
            .Cases("reset", "push_back", "emplace_back", "push_front",
                   "emplace_front", true)
            .Cases("insert", "emplace", "try_emplace", "insert_or_assign", true)
            .Default(false);
    return Keeps ? Call->getImplicitObjectArgument() : nullptr;
  }
  return nullptr;
}

/// True when \p S (not a nested lambda) hands \p Var over to something that
/// outlives the call: a `return` or `co_return` of it, or a store of it
/// into a member, a static or an out-parameter.
bool handsOver(const Stmt *S, const VarDecl &Var) {
  if (!S)
    return false;
  if (const auto *Return = dyn_cast<ReturnStmt>(S))
    return refersTo(Return->getRetValue(), Var);
  if (const auto *Return = dyn_cast<CoreturnStmt>(S))
    return refersTo(Return->getOperand(), Var);
  if (const auto *Store = dyn_cast<Expr>(S))
    for (const Stmt *Child : S->children())
      if (const auto *Value = dyn_cast_or_null<Expr>(Child))
        if (const Expr *Target = storedInto(*Store, Value);
            Target && isLongLivedTarget(Target) && refersTo(Value, Var))
          return true;
  return !forEachOwnChild(
      *S, [&](const Stmt &Child) { return !handsOver(&Child, Var); });
}

} // namespace

bool isHandedOver(const VarDecl &Var) {
  const auto *Owner = dyn_cast<FunctionDecl>(Var.getDeclContext());
  return Owner && handsOver(writtenBody(*Owner), Var);
}

namespace {

/// The sink of a pool that initialises \p Var.
Sink sinkOfInitialised(const VarDecl &Var) {
  if (!Var.hasLocalStorage())
    return {Sink::Kept};
  // A default argument or a lambda capture: made anew, but nameless here.
  if (isa<ParmVarDecl>(Var) || Var.isInitCapture())
    return {Sink::Local};
  if (isHandedOver(Var))
    return {Sink::HandedOver};
  return {Sink::Local, &Var};
}

/// The sink of a pool stored into \p Target.
Sink sinkOfTarget(const Expr *Target) {
  if (isLongLivedTarget(Target))
    return {Sink::Kept};
  const auto *Ref = cast<DeclRefExpr>(ignoreImplicitAndParens(Target));
  return {isHandedOver(*cast<VarDecl>(Ref->getDecl())) ? Sink::HandedOver
                                                       : Sink::Local};
}

/// True when \p Parent passes the value of \p Child on unchanged, or wraps
/// it in a smart pointer.
bool passesOn(const Expr &Parent, const Expr *Child) {
  if (isa<ImplicitCastExpr, ParenExpr, ExprWithCleanups, CXXBindTemporaryExpr,
          MaterializeTemporaryExpr, ExplicitCastExpr>(&Parent))
    return true;
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(&Parent))
    return Cond->getCond() != Child;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Parent)) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    return isSmartPointer(Construct->getType()) ||
           (Ctor && Ctor->isCopyOrMoveConstructor());
  }
  if (const auto *Call = dyn_cast<CallExpr>(&Parent))
    return isStdMove(*Call);
  return false;
}

} // namespace

Sink findSink(const Expr &Created, Ancestors Above) {
  DynTypedNode Child = DynTypedNode::create(Created);
  for (size_t I = Above.size(); I-- > 0;) {
    const DynTypedNode &P = Above[I];
    if (const auto *E = P.get<Expr>()) {
      if (passesOn(*E, Child.get<Expr>())) {
        Child = P;
        continue;
      }
      if (const Expr *Target = storedInto(*E, Child.get<Expr>()))
        return sinkOfTarget(Target);
      return {};
    }
    if (P.get<ReturnStmt>() || P.get<CoreturnStmt>())
      return {Sink::HandedOver};
    if (const auto *Var = P.get<VarDecl>())
      return sinkOfInitialised(*Var);
    if (P.get<CXXCtorInitializer>() || P.get<FieldDecl>())
      return {Sink::Kept};
    // The parent map skips the CXXCtorInitializer of a member or base.
    if (const auto *Ctor = P.get<CXXConstructorDecl>())
      if (llvm::any_of(Ctor->inits(), [&](const CXXCtorInitializer *Init) {
            return Init->getInit() == Child.get<Expr>();
          }))
        return {Sink::Kept};
    return {};
  }
  return {};
}


bool mayHandOn(llvm::ArrayRef<const Stmt *> Chain) {
  for (size_t I = Chain.size() - 1; I-- > 0;) {
    const Stmt *P = Chain[I];
    if (isa<ImplicitCastExpr, ParenExpr>(P))
      continue;
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(P);
        AddrOf && AddrOf->getOpcode() == UO_AddrOf)
      continue;
    if (const auto *Member = dyn_cast<MemberExpr>(P)) {
      const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
      return !(Method && Method->isConst() && !Method->isOverloadedOperator());
    }
    if (isa<UnaryExprOrTypeTraitExpr, CXXNoexceptExpr>(P))
      return false;
    if (const auto *Typeid = dyn_cast<CXXTypeidExpr>(P))
      return Typeid->isPotentiallyEvaluated();
    if (const auto *Declaration = dyn_cast<DeclStmt>(P)) {
      // The initialiser of a local alias: its own uses are followed.
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && Var->hasLocalStorage() &&
            (Var->getType()->isReferenceType() || Var->getType()->isPointerType()))
          return false;
    }
    return true;
  }
  return true;
}

bool outlivesFunction(const Expr &Target) {
  bool IsThis = false;
  const auto *Var = dyn_cast_or_null<VarDecl>(objectRoot(&Target, IsThis));
  if (IsThis)
    return true;
  if (!Var)
    return false;
  const QualType T = Var->getType();
  return !Var->hasLocalStorage() || T->isReferenceType() || T->isPointerType();
}

TaskFate fateInFullExpression(
    llvm::ArrayRef<const Stmt *> Chain,
    llvm::function_ref<bool(const CallExpr &)> IsRunner) {
  if (Chain.empty())
    return {};
  // The first call the task is handed to, if any: its fate unless an
  // enclosing `co_await` or runner finishes it within the full-expression.
  std::optional<TaskFate> Handed;
  for (size_t I = Chain.size() - 1; I-- > 0;) {
    const Stmt *P = Chain[I];
    const Stmt *Child = Chain[I + 1];
    if (isa<CoawaitExpr, DependentCoawaitExpr>(P))
      return {TaskFate::Awaited, P};
    if (isa<CoyieldExpr>(P))
      return {TaskFate::Awaited, P};
    if (isa<ReturnStmt, CoreturnStmt>(P))
      return Handed ? *Handed : TaskFate{TaskFate::Returned, P};
    if (const auto *Declaration = dyn_cast<DeclStmt>(P)) {
      if (Handed)
        return *Handed;
      const VarDecl *Into = nullptr;
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && (Var->getInit() == Child || Declaration->isSingleDecl()))
          Into = Var;
      return {TaskFate::Stored, P, Into};
    }
    const auto *E = dyn_cast<Expr>(P);
    if (!E)
      // A statement whose value nobody reads.
      return Handed ? *Handed : TaskFate{TaskFate::Dropped, Child};
    if (const auto *Value = dyn_cast<Expr>(Child); Value && passesOn(*E, Value))
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      if (IsRunner(*Call))
        return {TaskFate::Awaited, P};
      // The promise's own calls around a co_yield or co_await operand.
      if (const auto *Method =
              dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee());
          Method && Method->getIdentifier() &&
          (Method->getName() == "yield_value" ||
           Method->getName() == "await_transform"))
        continue;
      if (const Expr *Target = storedInto(*E, dyn_cast<Expr>(Child)))
        // `std::ignore = t();` keeps nothing: the task is dropped.
        return isStdIgnore(*Target) ? TaskFate{TaskFate::Dropped, P}
                                    : TaskFate{TaskFate::Stored, P, nullptr, Target};
      if (!Handed)
        Handed = TaskFate{TaskFate::HandedOn, P, calleeDecl(*Call)};
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (!Handed)
        Handed = TaskFate{TaskFate::HandedOn, P, Construct->getConstructor()};
      continue;
    }
    if (const auto *Assign = dyn_cast<BinaryOperator>(E);
        Assign && Assign->isAssignmentOp())
      return {TaskFate::Stored, P, nullptr, Assign->getLHS()};
    if (const auto *Comma = dyn_cast<BinaryOperator>(E);
        Comma && Comma->getOpcode() == BO_Comma && Comma->getLHS() == Child)
      return Handed ? *Handed : TaskFate{TaskFate::Dropped, Child};
    // Member access, conditional, ...: the value goes on up.
  }
  return Handed ? *Handed : TaskFate{TaskFate::Dropped, Chain.front()};
}

} // namespace clang::tidy::coro::utils
