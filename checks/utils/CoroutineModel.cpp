//===--- CoroutineModel.cpp - when a coroutine runs and suspends ----------===//

#include "utils/CoroutineModel.h"
#include "utils/Coroutine.h"
#include "utils/Exceptions.h"
#include "utils/OwnBody.h"
#include "utils/TaskType.h"
#include "utils/Waits.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::coro::utils {
namespace {

/// The definition whose body the user wrote for \p F: its own, or its
/// template's.
const FunctionDecl *definitionOf(const FunctionDecl &F) {
  const FunctionDecl *Definition = nullptr;
  if (!F.hasBody(Definition))
    if (const FunctionDecl *Pattern = F.getTemplateInstantiationPattern())
      Pattern->hasBody(Definition);
  if (!Definition)
    if (const FunctionDecl *Member = F.getInstantiatedFromMemberFunction())
      Member->hasBody(Definition);
  return Definition;
}

const Stmt *definedBody(const FunctionDecl &F) {
  const FunctionDecl *Definition = definitionOf(F);
  return Definition ? Definition->getBody() : nullptr;
}

/// The value a function's body returns when it is one `return` of a
/// constant boolean (`constexpr bool await_ready() { return true; }`).
std::optional<bool> constantReturn(const FunctionDecl *F) {
  if (!F)
    return std::nullopt;
  const FunctionDecl *Definition = nullptr;
  if (!F->hasBody(Definition))
    if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern())
      Pattern->hasBody(Definition);
  if (!Definition)
    if (const FunctionDecl *Member = F->getInstantiatedFromMemberFunction())
      Member->hasBody(Definition);
  const auto *Body =
      Definition ? dyn_cast_or_null<CompoundStmt>(Definition->getBody()) : nullptr;
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  const Expr *Value = Return ? Return->getRetValue() : nullptr;
  if (!Value || Value->isValueDependent())
    return std::nullopt;
  bool Result = false;
  if (!Value->EvaluateAsBooleanCondition(Result, Definition->getASTContext()))
    return std::nullopt;
  return Result;
}

/// How an awaiter suspends.
enum class Suspend { Never, Always, Maybe, Unknown };

/// From an awaiter class's await_ready and await_suspend.
Suspend suspendOfAwaiter(const CXXRecordDecl *Awaiter) {
  if (!Awaiter)
    return Suspend::Unknown;
  const NamedDecl *ReadyMember = findMember(Awaiter, "await_ready");
  const FunctionDecl *Ready = ReadyMember ? ReadyMember->getAsFunction() : nullptr;
  if (!Ready)
    return Suspend::Unknown;
  std::optional<bool> IsReady = constantReturn(Ready);
  if (IsReady && *IsReady)
    return Suspend::Never;
  // `bool await_suspend(handle) { return false; }` resumes at once.
  if (const NamedDecl *S = findMember(Awaiter, "await_suspend"))
    if (const FunctionDecl *SuspendFn = S->getAsFunction();
        SuspendFn && SuspendFn->getReturnType()->isBooleanType())
      if (std::optional<bool> Suspends = constantReturn(SuspendFn);
          Suspends && !*Suspends)
        return Suspend::Never;
  if (IsReady)
    return Suspend::Always;
  const FunctionDecl *Definition = nullptr;
  return Ready->hasBody(Definition) ? Suspend::Maybe : Suspend::Unknown;
}

/// How the suspension expression \p E suspends, from the await_ready and
/// await_suspend calls the compiler built for it.
Suspend suspendOfExpr(const CoroutineSuspendExpr &E) {
  const Expr *Ready = E.getReadyExpr();
  const auto *Call =
      Ready ? dyn_cast<CXXMemberCallExpr>(Ready->IgnoreImplicit()) : nullptr;
  if (!Call || !Call->getMethodDecl())
    return Suspend::Unknown;
  std::optional<bool> IsReady = constantReturn(Call->getMethodDecl());
  if (IsReady && *IsReady)
    return Suspend::Never;
  if (const Expr *SuspendCall = E.getSuspendExpr())
    if (const auto *Suspending =
            dyn_cast<CXXMemberCallExpr>(SuspendCall->IgnoreImplicit()))
      if (const CXXMethodDecl *Method = Suspending->getMethodDecl();
          Method && Method->getReturnType()->isBooleanType())
        if (std::optional<bool> Suspends = constantReturn(Method);
            Suspends && !*Suspends)
          return Suspend::Never;
  if (IsReady)
    return Suspend::Always;
  return Suspend::Maybe;
}

/// Whether \p AwaitSuspend hands its coroutine handle on: passes it (or its
/// promise, or its address) to a call, or stores it, so that someone else
/// resumes it later. suspend_always's await_suspend does nothing.
bool handsHandleOn(const FunctionDecl *AwaitSuspend) {
  const FunctionDecl *Definition = AwaitSuspend ? definitionOf(*AwaitSuspend) : nullptr;
  if (!Definition || Definition->getNumParams() == 0)
    return false;
  const Stmt *Body = Definition->getBody();
  const ParmVarDecl &Handle = *Definition->getParamDecl(0);
  auto Mentions = [&](auto &Self, const Stmt *S) -> bool {
    if (!S)
      return false;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == &Handle)
      return true;
    return llvm::any_of(S->children(), [&](const Stmt *C) { return Self(Self, C); });
  };
  auto Walk = [&](auto &Self, const Stmt &S) -> bool {
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      for (const Expr *Arg : Call->arguments())
        if (Mentions(Mentions, Arg))
          return true;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S);
        Construct && !Construct->getConstructor()->isCopyOrMoveConstructor())
      for (const Expr *Arg : Construct->arguments())
        if (Mentions(Mentions, Arg))
          return true;
    if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
        Assign && Assign->isAssignmentOp() && Mentions(Mentions, Assign->getRHS()))
      return true;
    return !forEachOwnChild(S, [&](const Stmt &Child) { return !Self(Self, Child); });
  };
  return Walk(Walk, *Body);
}

Start startOf(Suspend S, const FunctionDecl *AwaitSuspend) {
  switch (S) {
  case Suspend::Never:
    return Start::Eager;
  case Suspend::Always:
  case Suspend::Maybe:
    return handsHandleOn(AwaitSuspend) ? Start::Scheduled : Start::Lazy;
  case Suspend::Unknown:
    break;
  }
  return Start::Unknown;
}

/// The await_suspend an awaiter class declares (through its bases).
const FunctionDecl *awaitSuspendOf(const CXXRecordDecl *Awaiter) {
  const NamedDecl *D = Awaiter ? findMember(Awaiter, "await_suspend") : nullptr;
  if (const auto *Template = dyn_cast_or_null<FunctionTemplateDecl>(D))
    return Template->getTemplatedDecl();
  return D ? D->getAsFunction() : nullptr;
}

/// The await_suspend the compiler calls for the suspension \p E.
const FunctionDecl *awaitSuspendOf(const CoroutineSuspendExpr &E) {
  const Expr *Suspend = E.getSuspendExpr();
  const auto *Call =
      Suspend ? dyn_cast<CXXMemberCallExpr>(Suspend->IgnoreImplicit()) : nullptr;
  return Call ? Call->getMethodDecl() : nullptr;
}

/// The awaiter class a promise's \p Member (initial_suspend,
/// final_suspend) returns; a template parameter of an uninstantiated
/// specialization is read from its arguments.
const CXXRecordDecl *awaiterOf(const CXXRecordDecl &Promise, llvm::StringRef Member) {
  const ClassTemplateSpecializationDecl *Via = nullptr;
  const auto *Method =
      dyn_cast_or_null<CXXMethodDecl>(findMember(&Promise, Member, &Via));
  if (!Method)
    return nullptr;
  QualType Result = Method->getReturnType().getNonReferenceType();
  if (const auto *Param = Result->getAs<TemplateTypeParmType>()) {
    if (!Via || Param->getDepth() != 0 ||
        Param->getIndex() >= Via->getTemplateArgs().size())
      return nullptr;
    const TemplateArgument &Arg = Via->getTemplateArgs()[Param->getIndex()];
    if (Arg.getKind() != TemplateArgument::Type)
      return nullptr;
    Result = Arg.getAsType();
  }
  return Result->getAsCXXRecordDecl();
}

const CoroutineSuspendExpr *suspendExprOf(const Stmt *S) {
  if (const auto *Cleanups = dyn_cast_or_null<ExprWithCleanups>(S))
    S = Cleanups->getSubExpr();
  return dyn_cast_or_null<CoroutineSuspendExpr>(S);
}

bool isCoroutineHandle(QualType T) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier() || RD->getName() != "coroutine_handle")
    return false;
  for (const DeclContext *DC = RD->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}


/// What a destructor reaches: the strongest effect found, through the
/// functions it calls and the destructors of the members it destroys.
class DropWalker {
public:
  explicit DropWalker(const QualifiedNameSet &Waits) : Waits(Waits) {}

  void destructor(const CXXRecordDecl &Class, unsigned Depth) {
    const CXXRecordDecl *Def = Class.getDefinition();
    if (!Def || Depth > MaxDepth || !Seen.insert(Def->getCanonicalDecl()).second)
      return;
    if (const CXXDestructorDecl *Dtor = Def->getDestructor()) {
      if (const Stmt *Body = definedBody(*Dtor)) {
        Visible = true;
        walk(*Body, Depth);
      } else if (!Dtor->isImplicit() && !Dtor->isDefaulted()) {
        return; // declared, defined elsewhere
      } else {
        Visible = true;
      }
    } else {
      Visible = true;
    }
    // The members are destroyed after the body.
    for (const FieldDecl *Field : Def->fields())
      if (const CXXRecordDecl *Member =
              Field->getType()->getBaseElementTypeUnsafe()->getAsCXXRecordDecl())
        destructor(*Member, Depth + 1);
    for (const CXXBaseSpecifier &Base : Def->bases())
      if (const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl())
        destructor(*B, Depth + 1);
  }

  bool Visible = false;
  bool Destroys = false, Resumes = false, Waiting = false;

private:
  static constexpr unsigned MaxDepth = 5;
  static constexpr unsigned MaxBodies = 48;

  void walk(const Stmt &S, unsigned Depth) {
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      call(*Call, Depth);
    if (const auto *Delete = dyn_cast<CXXDeleteExpr>(&S))
      if (const CXXRecordDecl *Deleted =
              Delete->getDestroyedType()->getAsCXXRecordDecl())
        destructor(*Deleted, Depth + 1);
    forEachOwnChild(S, [&](const Stmt &Child) {
      walk(Child, Depth);
      return true;
    });
  }

  void call(const CallExpr &Call, unsigned Depth) {
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (!Callee)
      return;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
        Member && Callee->getIdentifier() &&
        isCoroutineHandle(Member->getImplicitObjectArgument()->getType())) {
      const llvm::StringRef Name = Callee->getName();
      if (Name == "destroy")
        Destroys = true;
      else if (Name == "resume")
        Resumes = true;
      return;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
        Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0 &&
        isCoroutineHandle(Op->getArg(0)->getType())) {
      Resumes = true;
      return;
    }
    if (callsNamed(Waits, Call, *Callee)) {
      Waiting = true;
      return;
    }
    if (Depth >= MaxDepth || Bodies >= MaxBodies ||
        !Walked.insert(Callee->getCanonicalDecl()).second)
      return;
    if (const Stmt *Body = definedBody(*Callee)) {
      ++Bodies;
      walk(*Body, Depth + 1);
    }
  }

  const QualifiedNameSet &Waits;
  llvm::SmallPtrSet<const Decl *, 16> Seen;
  llvm::SmallPtrSet<const FunctionDecl *, 16> Walked;
  unsigned Bodies = 0;
};

/// The variables a lambda written in \p Body captures by reference.
void collectByReferenceCaptures(const Stmt &S,
                                llvm::SmallPtrSetImpl<const ValueDecl *> &Out,
                                bool &CapturesThis) {
  if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
    for (const LambdaCapture &C : Lambda->captures()) {
      if (C.capturesThis())
        CapturesThis = true;
      else if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
        Out.insert(C.getCapturedVar());
    }
  }
  forEachOwnChild(S, [&](const Stmt &Child) {
    collectByReferenceCaptures(Child, Out, CapturesThis);
    return true;
  });
}

/// A local that refers to what it is initialised from: a reference, a
/// pointer, a view, a span, an iterator.
bool isReferringType(QualType T) {
  if (T->isReferenceType() || T->isPointerType())
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return false;
  const llvm::StringRef Name = templatePattern(RD)->getName();
  return Name.contains_insensitive("view") || Name.contains_insensitive("span") ||
         Name.contains_insensitive("iterator");
}

/// Whether \p S names \p D in its own code.
bool names(const Stmt *S, const ValueDecl &D) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == &D)
    return true;
  return !forEachOwnChild(*S, [&](const Stmt &Child) { return !names(&Child, D); });
}

/// The locals of \p Body that refer to \p D (initialised from an expression
/// that names it), and theirs in turn.
void collectAliases(const Stmt &Body, const ValueDecl &D,
                    llvm::SmallVectorImpl<const ValueDecl *> &Aliases) {
  llvm::SmallVector<const VarDecl *, 8> Referring;
  auto Walk = [&](auto &Self, const Stmt &S) -> void {
    if (const auto *Declaration = dyn_cast<DeclStmt>(&S))
      for (const Decl *Child : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(Child);
            Var && Var->getInit() && isReferringType(Var->getType()))
          Referring.push_back(Var);
    forEachOwnChild(S, [&](const Stmt &Child) {
      Self(Self, Child);
      return true;
    });
  };
  Walk(Walk, Body);
  Aliases.push_back(&D);
  // A few rounds reach aliases of aliases.
  for (unsigned Round = 0; Round < 3; ++Round) {
    bool Grew = false;
    for (const VarDecl *Var : Referring)
      if (!llvm::is_contained(Aliases, Var) &&
          llvm::any_of(Aliases, [&](const ValueDecl *A) {
            return names(Var->getInit(), *A);
          })) {
        Aliases.push_back(Var);
        Grew = true;
      }
    if (!Grew)
      break;
  }
}

} // namespace

bool neverSuspends(const CXXRecordDecl *Awaiter) {
  return suspendOfAwaiter(Awaiter) == Suspend::Never;
}

bool maySuspend(const Stmt &E) {
  if (isa<DependentCoawaitExpr>(E))
    return true;
  const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(&E);
  return Suspend && suspendOfExpr(*Suspend) != Suspend::Never;
}

bool isSuspensionPoint(const Stmt &S) {
  if (isa<DependentCoawaitExpr>(S))
    return true;
  if (const auto *Await = dyn_cast<CoawaitExpr>(&S))
    return !Await->isImplicit() && maySuspend(S);
  if (isa<CoyieldExpr>(S))
    return maySuspend(S);
  return false;
}

const Expr *awaitedOperand(const Stmt &S) {
  if (const auto *Await = dyn_cast<CoawaitExpr>(&S))
    return Await->isImplicit() ? nullptr : Await->getOperand();
  if (const auto *Dependent = dyn_cast<DependentCoawaitExpr>(&S))
    return Dependent->getOperand();
  return nullptr;
}

bool suspendsWithin(const Stmt *S) {
  if (!S)
    return false;
  if (isSuspensionPoint(*S))
    return true;
  return !forEachOwnChild(*S, [](const Stmt &Child) { return !suspendsWithin(&Child); });
}

Start startOfPromise(const CXXRecordDecl &Promise) {
  const CXXRecordDecl *Awaiter = awaiterOf(Promise, "initial_suspend");
  return Awaiter ? startOf(suspendOfAwaiter(Awaiter), awaitSuspendOf(Awaiter))
                 : Start::Unknown;
}

DropEffect dropEffectOf(const CXXRecordDecl &Task) {
  static const QualifiedNameSet Waits(parseNameList(WaitingFunctionNames));
  DropWalker Walker(Waits);
  Walker.destructor(Task, 0);
  if (Walker.Waiting)
    return DropEffect::Waits;
  if (Walker.Resumes)
    return DropEffect::Resumes;
  if (Walker.Destroys)
    return DropEffect::DestroysFrame;
  return Walker.Visible ? DropEffect::Releases : DropEffect::Unknown;
}

bool rethrowsUnhandled(const CXXRecordDecl &Promise) {
  const NamedDecl *Member = findMember(&Promise, "unhandled_exception");
  const FunctionDecl *Handler = Member ? Member->getAsFunction() : nullptr;
  const Stmt *Body = Handler ? definedBody(*Handler) : nullptr;
  if (!Body)
    return false;
  auto Rethrows = [](auto &Self, const Stmt &S) -> bool {
    if (const auto *Throw = dyn_cast<CXXThrowExpr>(&S); Throw && !Throw->getSubExpr())
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      if (const FunctionDecl *Callee = Call->getDirectCallee()) {
        if (Callee->isNoReturn() || Callee->hasAttr<NoReturnAttr>() ||
            Callee->hasAttr<CXX11NoReturnAttr>())
          return true;
        if (Callee->getIdentifier() && Callee->isInStdNamespace() &&
            Callee->getName() == "rethrow_exception")
          return true;
      }
    return !forEachOwnChild(S, [&](const Stmt &Child) { return !Self(Self, Child); });
  };
  return Rethrows(Rethrows, *Body);
}

CoroutineModel::CoroutineModel(const FunctionDecl &Coroutine,
                               const CoroutineBodyStmt &Body, ASTContext &Ctx)
    : Coroutine(Coroutine), Body(Body), Ctx(Ctx) {
  if (const VarDecl *PromiseVar = Body.getPromiseDecl())
    Promise = PromiseVar->getType()->getAsCXXRecordDecl();
  if (const CoroutineSuspendExpr *Initial = suspendExprOf(Body.getInitSuspendStmt()))
    StartKind = startOf(suspendOfExpr(*Initial), awaitSuspendOf(*Initial));
  else if (Promise)
    StartKind = startOfPromise(*Promise);
  if (const CoroutineSuspendExpr *Final = suspendExprOf(Body.getFinalSuspendStmt()))
    FinalNeverSuspends = suspendOfExpr(*Final) == Suspend::Never;
  else if (Promise)
    FinalNeverSuspends = neverSuspends(awaiterOf(*Promise, "final_suspend"));
  auto Walk = [&](auto &Self, const Stmt &S) -> void {
    if (isSuspensionPoint(S))
      Suspensions.push_back(&S);
    if (const auto *Return = dyn_cast<CoreturnStmt>(&S))
      if (const Expr *Operand = Return->getOperand();
          Operand && !Operand->getType()->isVoidType())
        ReturnsValue = true;
    forEachOwnChild(S, [&](const Stmt &Child) {
      Self(Self, Child);
      return true;
    });
  };
  if (const Stmt *Written = Body.getBody())
    Walk(Walk, *Written);
}

const SuspensionFlow &
CoroutineModel::flow(llvm::function_ref<bool(const Expr &)> IsHop) const {
  if (!Flow)
    Flow = std::make_unique<SuspensionFlow>(Coroutine, *Body.getBody(), Ctx, IsHop);
  return *Flow;
}

bool CoroutineModel::uses(const ValueDecl &D) const {
  const Stmt *Written = Body.getBody();
  if (!Written)
    return true;
  llvm::SmallPtrSet<const ValueDecl *, 8> ByReference;
  bool CapturesThis = false;
  collectByReferenceCaptures(*Written, ByReference, CapturesThis);
  return ByReference.contains(&D) || names(Written, D);
}

bool CoroutineModel::handsResultOut() const {
  return llvm::any_of(Coroutine.parameters(), [&](const ParmVarDecl *P) {
    const QualType T = P->getType();
    const bool Out =
        (T->isLValueReferenceType() && !T.getNonReferenceType().isConstQualified()) ||
        (T->isPointerType() && !T->getPointeeType().isConstQualified());
    return Out && uses(*P);
  });
}

bool CoroutineModel::usesAfterSuspension(const ValueDecl &D) const {
  if (!canSuspend())
    return false;
  const Stmt *Written = Body.getBody();
  const SuspensionFlow &F = flow();
  if (!Written || !F.valid())
    return true;
  llvm::SmallPtrSet<const ValueDecl *, 8> ByReference;
  bool CapturesThis = false;
  collectByReferenceCaptures(*Written, ByReference, CapturesThis);
  llvm::SmallVector<const ValueDecl *, 4> Aliases;
  collectAliases(*Written, D, Aliases);
  return llvm::any_of(Aliases, [&](const ValueDecl *A) {
    // A lambda that holds it by reference may run at any later point.
    return F.isReferencedAfterSuspension(*A) || ByReference.contains(A);
  });
}

bool CoroutineModel::usesCapturesAfterSuspension() const {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Coroutine);
  if (!Method || !Method->getParent()->isLambda())
    return false;
  if (!canSuspend())
    return false;
  const SuspensionFlow &F = flow();
  if (!F.valid())
    return true;
  for (const LambdaCapture &C : Method->getParent()->captures()) {
    if (C.capturesThis() ? F.usesThisAfterSuspension()
                         : C.capturesVariable() &&
                               usesAfterSuspension(*C.getCapturedVar()))
      return true;
  }
  return false;
}

std::string CoroutineModel::dump() const {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  const SourceManager &SM = Ctx.getSourceManager();
  OS << "start: "
     << (StartKind == Start::Eager       ? "eager"
         : StartKind == Start::Lazy      ? "lazy"
         : StartKind == Start::Scheduled ? "scheduled"
                                         : "unknown")
     << "\n";
  OS << "can suspend: " << (canSuspend() ? "yes" : "no") << "\n";
  OS << "suspensions:";
  for (const Stmt *S : Suspensions)
    OS << " " << SM.getPresumedLineNumber(S->getBeginLoc());
  OS << "\n";
  OS << "final suspends: " << (FinalNeverSuspends ? "no" : "yes") << "\n";
  OS << "returns value: " << (ReturnsValue ? "yes" : "no") << "\n";
  return Out;
}

DropOutcome dropOutcome(const CallExpr &Call, const TaskTypeClassifier &Tasks,
                        CoroutineModels &Models) {
  const DropEffect Effect = Tasks.dropEffect(Call.getType());
  const FunctionDecl *Callee = Call.getDirectCallee();
  const CoroutineModel *Model = Callee ? Models.get(*Callee) : nullptr;
  const TaskTypeInfo Info = Tasks.classify(Call.getType());
  const bool OnItsOwn =
      Model ? Model->startsOnItsOwn() : Info.IsEager || Info.IsScheduled;
  if (!OnItsOwn)
    return Effect == DropEffect::Resumes ? DropOutcome::Started
           : Effect == DropEffect::Waits ? DropOutcome::Blocks
                                         : DropOutcome::NeverRuns;
  if (Effect == DropEffect::Waits)
    return DropOutcome::Blocks;
  // A scheduled coroutine suspends at its start, and runs later.
  const bool CanSuspend = !Model || Model->canSuspend() || !Model->isEager();
  if (Effect == DropEffect::DestroysFrame && CanSuspend)
    return DropOutcome::CutOff;
  if (Model && !Model->returnsValue()) {
    // Done inside the call, with its result handed out through a parameter.
    if (!CanSuspend && Model->handsResultOut())
      return DropOutcome::LosesNothing;
    const CXXRecordDecl *Promise = Model->promise();
    const bool ErrorsKept = letsExceptionsEscape(Model->function()) &&
                            !(Promise && rethrowsUnhandled(*Promise));
    if (!ErrorsKept)
      return DropOutcome::LosesNothing;
  }
  return CanSuspend ? DropOutcome::RunsDetached : DropOutcome::HasRun;
}

const CoroutineModel *CoroutineModels::get(const FunctionDecl &F) {
  const FunctionDecl *Definition = nullptr;
  if (!F.hasBody(Definition))
    if (const FunctionDecl *Pattern = F.getTemplateInstantiationPattern())
      Pattern->hasBody(Definition);
  const CoroutineBodyStmt *Body = getCoroutineBody(Definition);
  if (!Body || !Body->getBody())
    return nullptr;
  auto [It, New] = Models.try_emplace(Definition, nullptr);
  if (New)
    It->second = std::make_unique<CoroutineModel>(*Definition, *Body,
                                                  Definition->getASTContext());
  return It->second.get();
}

} // namespace clang::tidy::coro::utils
