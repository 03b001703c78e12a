//===--- CoroutineBody.cpp - what runs as part of a coroutine -------------===//

#include "utils/CoroutineBody.h"
#include "utils/Coroutine.h"
#include "utils/Expr.h"
#include "utils/Matchers.h"
#include "utils/OwnBody.h"
#include "utils/TaskType.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::coro::utils {

const char DefaultOffloadFunctions[] =
    "corort::to_thread;corort::thread_pool::run;corort::thread_pool::submit;"
    "asio::post;asio::dispatch;asio::defer;asio::co_spawn;"
    "boost::asio::post;boost::asio::dispatch;boost::asio::defer;"
    "boost::asio::co_spawn;std::async;folly::via;"
    "folly::CPUThreadPoolExecutor::add;folly::IOThreadPoolExecutor::add;"
    "BS::thread_pool::submit_task;BS::thread_pool::detach_task;"
    "BS::thread_pool::submit;concurrencpp::executor::post;"
    "concurrencpp::executor::submit";
const char OffloadFunctionsOptionName[] = "OffloadFunctions";
const char ScheduleFunctionsOptionName[] = "ScheduleFunctions";
const char DefaultScheduleFunctions[] =
    "corort::thread_pool::schedule;cppcoro::static_thread_pool::schedule;"
    "coro::thread_pool::schedule;concurrencpp::executor::schedule;"
    "concurrencpp::resume_on;asio::post;asio::dispatch;boost::asio::post;"
    "boost::asio::dispatch";

namespace {

/// What \p Call calls; in a template's own code, a call not resolved yet
/// (`resume_on(ex)` with a dependent argument) by the function its name
/// finds.
const FunctionDecl *calleeOf(const CallExpr &Call) {
  if (const FunctionDecl *Direct = Call.getDirectCallee())
    return Direct;
  const auto *Lookup = dyn_cast_or_null<UnresolvedLookupExpr>(
      Call.getCallee() ? Call.getCallee()->IgnoreParenImpCasts() : nullptr);
  if (!Lookup)
    return nullptr;
  for (const NamedDecl *D : Lookup->decls()) {
    D = D->getUnderlyingDecl();
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      return Template->getTemplatedDecl();
    if (const auto *Function = dyn_cast<FunctionDecl>(D))
      return Function;
  }
  return nullptr;
}

bool isCoSpawn(const FunctionDecl &Callee) {
  return Callee.getIdentifier() && Callee.getName() == "co_spawn";
}

/// A member function named in \p Names, directly or through a base class
/// (`derived_pool::run` counts as `corort::thread_pool::run`).
bool namedInSet(const FunctionDecl &FD, const QualifiedNameSet &Names) {
  if (Names.contains(&FD))
    return true;
  const auto *Method = dyn_cast<CXXMethodDecl>(&FD);
  if (!Method || !Method->getIdentifier() || !Names.mayEndIn(Method->getName()))
    return false;
  const CXXRecordDecl *Class = Method->getParent()->getDefinition();
  if (!Class)
    return false;
  bool Found = false;
  Class->forallBases([&](const CXXRecordDecl *Base) {
    if (!Found && Names.contains(qualifiedName(Base) + "::" +
                                 Method->getName().str()))
      Found = true;
    return true;
  });
  return Found;
}

/// The walk of forEachOwnStatement: a direct recursion over each node's
/// children, which costs a fraction of a RecursiveASTVisitor's dispatch (it
/// runs over every coroutine body and every function the interprocedural
/// analyses follow). It visits what a RecursiveASTVisitor that skips
/// implicit code, types and nested declarations would, in the same
/// (pre-)order, with the exceptions described at the top of the header.
class OwnStatementWalker {
public:
  explicit OwnStatementWalker(
      llvm::function_ref<void(const Stmt &, const Stmt *)> Visit)
      : VisitWithParent(Visit) {}

  void walk(const Stmt *S, const Stmt *Parent) {
    if (!S || isa<BlockExpr>(S))
      return;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      // A nested lambda runs where it is called: only the captures are
      // evaluated here, unless it is called on the spot.
      VisitWithParent(*Lambda, Parent);
      for (const Expr *Init : Lambda->capture_inits())
        walk(Init, Lambda);
      if (ImmediatelyCalled.contains(Lambda) &&
          !getCoroutineBody(Lambda->getCallOperator()))
        walk(Lambda->getBody(), Lambda);
      return;
    }
    // A co_await by its operand as written (also in a template's own
    // code, where the await is not resolved).
    const Expr *Awaited = nullptr;
    if (const auto *Await = dyn_cast<CoawaitExpr>(S))
      Awaited = Await->getOperand();
    else if (const auto *Dependent = dyn_cast<DependentCoawaitExpr>(S))
      Awaited = Dependent->getOperand();
    if (Awaited) {
      VisitWithParent(*S, Parent);
      walk(Awaited, S);
      return;
    }
    if (const auto *Yield = dyn_cast<CoyieldExpr>(S)) {
      VisitWithParent(*Yield, Parent);
      walk(Yield->getOperand(), Yield);
      return;
    }
    if (const auto *Return = dyn_cast<CoreturnStmt>(S)) {
      VisitWithParent(*Return, Parent);
      walk(Return->getOperand(), Return);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const LambdaExpr *Lambda = lambdaCalledInPlace(*Call))
        ImmediatelyCalled.insert(Lambda);
    if (const auto *List = dyn_cast<InitListExpr>(S);
        List && List->isSemanticForm() && List->getSyntacticForm())
      S = List->getSyntacticForm(); // the form as written
    VisitWithParent(*S, Parent);
    forEachOwnChild(*S, [&](const Stmt &Child) {
      walk(&Child, S);
      return true;
    });
  }

private:
  llvm::function_ref<void(const Stmt &, const Stmt *)> VisitWithParent;
  llvm::SmallPtrSet<const LambdaExpr *, 4> ImmediatelyCalled;
};

/// The object a member call is made on, as written; also in a template's
/// own code, where the call may wait for its arguments' types (the base of
/// the unresolved member). Null for any other call, and for `this`.
const Expr *memberCallObject(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return Member->getImplicitObjectArgument();
  const Expr *Callee = Call.getCallee() ? Call.getCallee()->IgnoreParenImpCasts() : nullptr;
  if (const auto *Bound = dyn_cast_or_null<MemberExpr>(Callee))
    return Bound->getBase();
  if (const auto *Unresolved = dyn_cast_or_null<UnresolvedMemberExpr>(Callee))
    return Unresolved->isImplicitAccess() ? nullptr : Unresolved->getBase();
  if (const auto *Dependent = dyn_cast_or_null<CXXDependentScopeMemberExpr>(Callee))
    return Dependent->isImplicitAccess() ? nullptr : Dependent->getBase();
  return nullptr;
}

/// std::thread or std::jthread.
bool isThreadClass(const CXXRecordDecl *RD) {
  return RD && RD->getIdentifier() && RD->isInStdNamespace() &&
         (RD->getName() == "thread" || RD->getName() == "jthread");
}

/// A class that owns several worker threads: a field (or a base's) that is
/// a container or array of std::thread / std::jthread.
bool ownsWorkerThreads(const CXXRecordDecl *RD, unsigned Depth = 0) {
  RD = RD ? RD->getDefinition() : nullptr;
  if (!RD || Depth > 3)
    return false;
  for (const FieldDecl *Field : RD->fields()) {
    QualType T = Field->getType();
    if (const auto *Array = T->getAsArrayTypeUnsafe()) {
      if (isThreadClass(Array->getElementType()->getAsCXXRecordDecl()))
        return true;
      continue;
    }
    if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            T->getAsCXXRecordDecl()))
      for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
        if (Arg.getKind() == TemplateArgument::Type &&
            isThreadClass(Arg.getAsType()->getAsCXXRecordDecl()))
          return true;
  }
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (ownsWorkerThreads(Base.getType()->getAsCXXRecordDecl(), Depth + 1))
      return true;
  return false;
}

/// Whether \p S resumes the handle named by \p Handle itself (`h.resume()`,
/// `h()`), in its own code.
bool resumesDirectly(const Stmt &S, const ValueDecl &Handle) {
  auto Names = [&](const Expr *E) {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(ignoreImplicitAndParens(E));
    return Ref && Ref->getDecl() == &Handle;
  };
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&S);
      Member && Member->getMethodDecl() &&
      Member->getMethodDecl()->getIdentifier() &&
      Member->getMethodDecl()->getName() == "resume" &&
      Names(Member->getImplicitObjectArgument()))
    return true;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S);
      Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0 &&
      Names(Op->getArg(0)))
    return true;
  return !forEachOwnChild(S, [&](const Stmt &Child) {
    return !resumesDirectly(Child, Handle);
  });
}

/// Whether \p E, as written, carries the coroutine handle to whoever runs
/// it: names \p Handle or a local made from it (`auto &p = h.promise();`),
/// or is a lambda that captured one and resumes it itself (not one that only
/// posts it on, to the loop say).
bool carries(const Stmt *E, const ValueDecl &Handle,
             const llvm::SmallPtrSetImpl<const ValueDecl *> &Aliases) {
  if (!E)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E);
      Ref && (Ref->getDecl() == &Handle || Aliases.contains(Ref->getDecl())))
    return true;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    for (const LambdaCapture &C : Lambda->captures())
      if (C.capturesVariable() && C.getCapturedVar() == &Handle)
        return resumesDirectly(*Lambda->getBody(), Handle);
    return false;
  }
  return !forEachOwnChild(*E, [&](const Stmt &Child) {
    return !carries(&Child, Handle, Aliases);
  });
}

/// The locals of \p Body initialised from an expression that names \p
/// Handle (its promise, its address).
llvm::SmallPtrSet<const ValueDecl *, 4> handleAliases(const Stmt &Body,
                                                      const ValueDecl &Handle) {
  llvm::SmallPtrSet<const ValueDecl *, 4> Aliases;
  auto Names = [&](auto &Self, const Stmt *S) -> bool {
    if (!S)
      return false;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == &Handle)
      return true;
    return llvm::any_of(S->children(), [&](const Stmt *C) { return Self(Self, C); });
  };
  auto Walk = [&](auto &Self, const Stmt &S) -> void {
    if (const auto *Declaration = dyn_cast<DeclStmt>(&S))
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D); Var && Names(Names, Var->getInit()))
          Aliases.insert(Var);
    forEachOwnChild(S, [&](const Stmt &Child) {
      Self(Self, Child);
      return true;
    });
  };
  Walk(Walk, Body);
  return Aliases;
}

/// An object the awaiter was given and keeps by reference or pointer (a
/// member `IExecutor &executor_`), as \p E names it.
bool isGivenObject(const Expr *E) {
  E = E ? ignoreImplicitAndParens(E) : nullptr;
  if (const auto *Deref = dyn_cast_or_null<UnaryOperator>(E);
      Deref && Deref->getOpcode() == UO_Deref)
    E = ignoreImplicitAndParens(Deref->getSubExpr());
  const auto *Member = dyn_cast_or_null<MemberExpr>(E);
  if (!Member || !isa<CXXThisExpr>(ignoreImplicitAndParens(Member->getBase())))
    return false;
  const QualType T = Member->getMemberDecl()->getType();
  return T->isReferenceType() || T->isPointerType();
}

} // namespace

OffloadModel::Resumption
OffloadModel::resumption(const CXXRecordDecl &Awaiter) const {
  const CXXRecordDecl *Key = Awaiter.getCanonicalDecl();
  if (auto It = HandsOff.find(Key); It != HandsOff.end())
    return It->second;
  HandsOff[Key] = Resumption::Here; // a cycle through the helpers ends here
  Resumption Result = Resumption::Here;
  const NamedDecl *Member = findMember(&Awaiter, "await_suspend");
  const FunctionDecl *Suspend = Member ? Member->getAsFunction() : nullptr;
  const FunctionDecl *Definition = nullptr;
  if (Suspend && !Suspend->hasBody(Definition))
    if (const FunctionDecl *Pattern = Suspend->getTemplateInstantiationPattern())
      Pattern->hasBody(Definition);
  if (Definition && Definition->getNumParams() >= 1) {
    const Stmt &Body = *Definition->getBody();
    const ValueDecl &Handle = *Definition->getParamDecl(0);
    const auto Aliases = handleAliases(Body, Handle);
    if (handsOff(Body, Handle, Aliases, Target::Thread, 0))
      Result = Resumption::Elsewhere;
    else if (handsOff(Body, Handle, Aliases, Target::Given, 0))
      Result = Resumption::OnGiven;
  }
  HandsOff[Key] = Result;
  return Result;
}

bool OffloadModel::handsOffHere(
    const Stmt &S, const ValueDecl &Handle,
    const llvm::SmallPtrSetImpl<const ValueDecl *> &Aliases, Target To,
    unsigned Depth) const {
  auto Carried = [&](const Expr *Arg) { return carries(Arg, Handle, Aliases); };
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S);
      To == Target::Thread && Construct &&
      isThreadClass(Construct->getType()->getAsCXXRecordDecl()) &&
      llvm::any_of(Construct->arguments(), Carried))
    return true;
  const auto *Call = dyn_cast<CallExpr>(&S);
  if (!Call || llvm::none_of(Call->arguments(), Carried))
    return false;
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
  const Expr *Object = memberCallObject(*Call);
  if (To == Target::Given)
    return isGivenObject(Object);
  QualType ObjectType = Object ? Object->IgnoreImpCasts()->getType() : QualType();
  if (!ObjectType.isNull() && ObjectType->isPointerType())
    ObjectType = ObjectType->getPointeeType();
  if (isOffloadCall(*Call) || (Object && isPoolOrExecutor(*Object)) ||
      (!ObjectType.isNull() && ownsWorkerThreads(ObjectType->getAsCXXRecordDecl())))
    return true;
  // A helper of the awaiter's own that hands it on.
  const FunctionDecl *Callee = Call->getDirectCallee();
  const FunctionDecl *Definition = nullptr;
  if (!Callee || Depth >= 2 || Member || !Callee->hasBody(Definition))
    return false;
  for (unsigned I = 0; I < Call->getNumArgs() && I < Definition->getNumParams(); ++I) {
    const ValueDecl &Param = *Definition->getParamDecl(I);
    if (Carried(Call->getArg(I)) &&
        handsOff(*Definition->getBody(), Param,
                 handleAliases(*Definition->getBody(), Param), To, Depth + 1))
      return true;
  }
  return false;
}

namespace {
/// Whether \p S may leave the function on some path (a `return`, a
/// `throw`, a `goto`), in its own code.
bool mayLeave(const Stmt &S) {
  if (isa<ReturnStmt, CXXThrowExpr, GotoStmt, IndirectGotoStmt>(S))
    return true;
  return !forEachOwnChild(S, [](const Stmt &Child) { return !mayLeave(Child); });
}
} // namespace

bool OffloadModel::handsOff(const Stmt &S, const ValueDecl &Handle,
                            const llvm::SmallPtrSetImpl<const ValueDecl *> &Aliases,
                            Target To, unsigned Depth) const {
  // On every path through \p S: a branch that keeps the coroutine (libcoro's
  // scheduler resumes it on its own thread when it processes tasks inline)
  // or leaves first makes it no hop.
  auto Every = [&](const Stmt *Sub) {
    return Sub && handsOff(*Sub, Handle, Aliases, To, Depth);
  };
  if (handsOffHere(S, Handle, Aliases, To, Depth))
    return true;
  if (const auto *If = dyn_cast<IfStmt>(&S))
    return Every(If->getCond()) || (Every(If->getThen()) && Every(If->getElse()));
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(&S))
    return Every(Cond->getCond()) ||
           (Every(Cond->getTrueExpr()) && Every(Cond->getFalseExpr()));
  if (isa<SwitchStmt, WhileStmt, ForStmt, CXXForRangeStmt, DoStmt>(S))
    return false; // a body that may not run
  if (const auto *Logical = dyn_cast<BinaryOperator>(&S); Logical && Logical->isLogicalOp())
    return Every(Logical->getLHS());
  if (const auto *Compound = dyn_cast<CompoundStmt>(&S)) {
    for (const Stmt *Child : Compound->body()) {
      if (Every(Child))
        return true;
      if (mayLeave(*Child))
        return false;
    }
    return false;
  }
  bool Found = false;
  forEachOwnChild(S, [&](const Stmt &Child) {
    Found = Every(&Child);
    return !Found;
  });
  return Found;
}

OffloadModel::OffloadModel(llvm::StringRef OffloadFunctions,
                           const PoolTypeClassifier &Pools,
                           llvm::StringRef ScheduleFunctions)
    : Offloads(parseNameList(OffloadFunctions)),
      Schedules(parseNameList(ScheduleFunctions)), Pools(Pools) {}

OffloadOptions::OffloadOptions(const ClangTidyCheck::OptionsView &Options)
    : OffloadFunctions(listOptionLocalOrGlobal(Options, OffloadFunctionsOptionName,
                                                DefaultOffloadFunctions)),
      ScheduleFunctions(listOptionLocalOrGlobal(Options, ScheduleFunctionsOptionName,
                                                 DefaultScheduleFunctions)),
      PoolTypes(listOptionLocalOrGlobal(Options, PoolTypesOptionName, DefaultPoolTypes)),
      Pools(PoolTypes), Offload(OffloadFunctions, Pools, ScheduleFunctions) {}

void OffloadOptions::store(const ClangTidyCheck::OptionsView &Options,
                           ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, OffloadFunctionsOptionName, OffloadFunctions);
  Options.store(Opts, ScheduleFunctionsOptionName, ScheduleFunctions);
  Options.store(Opts, PoolTypesOptionName, PoolTypes);
}

bool OffloadModel::isPoolOrExecutor(const Expr &E) const {
  const Expr *Spelled = ignoreImplicitAndParens(&E);
  QualType T = Spelled->getType();
  if (T->isPointerType())
    T = T->getPointeeType();
  if (Pools.isPoolType(T))
    return true;
  // An executor type nested in a pool class (asio::thread_pool::executor_type).
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    for (const DeclContext *DC = RD->getDeclContext(); DC; DC = DC->getParent())
      if (const auto *Outer = dyn_cast<CXXRecordDecl>(DC))
        if (Pools.isPoolType(QualType(Outer->getTypeForDecl(), 0)))
          return true;
  // `pool.get_executor()` and friends.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Spelled))
    if (const Expr *Object = Member->getImplicitObjectArgument())
      return isPoolOrExecutor(*Object);
  return false;
}

bool OffloadModel::isPoolLike(const Expr &E) const {
  if (isPoolOrExecutor(E))
    return true;
  QualType T = ignoreImplicitAndParens(&E)->getType().getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return !T->isDependentType() && ownsWorkerThreads(T->getAsCXXRecordDecl());
}

bool OffloadModel::isOffloadFunction(const FunctionDecl &Callee) const {
  auto [It, Inserted] = OffloadFunctions.try_emplace(&Callee, false);
  if (Inserted)
    It->second = namedInSet(Callee, Offloads);
  return It->second;
}

bool OffloadModel::mayBeOffloadCall(const CallExpr &Call) const {
  if (isOffloadCall(Call))
    return true;
  // A member call not resolved in a template's own code
  // (`pool.submit_task(job)` with a dependent pool): by its name.
  const Expr *Callee = Call.getCallee() ? Call.getCallee()->IgnoreParenImpCasts() : nullptr;
  DeclarationName Name;
  if (const auto *Dependent = dyn_cast_or_null<CXXDependentScopeMemberExpr>(Callee))
    Name = Dependent->getMember();
  else if (const auto *Unresolved = dyn_cast_or_null<UnresolvedMemberExpr>(Callee))
    Name = Unresolved->getMemberName();
  const IdentifierInfo *Identifier = Name.getAsIdentifierInfo();
  return Identifier && Offloads.mayEndIn(Identifier->getName());
}

bool OffloadModel::isOffloadCall(const CallExpr &Call) const {
  const FunctionDecl *Callee = calleeOf(Call);
  if (!Callee || !isOffloadFunction(*Callee))
    return false;
  if (isCoSpawn(*Callee))
    return Call.getNumArgs() > 0 && isPoolOrExecutor(*Call.getArg(0));
  return true;
}

bool OffloadModel::isPoolHop(const Expr &Operand) const {
  const Expr *Spelled = ignoreImplicitAndParens(&Operand);
  const auto *Call = dyn_cast<CallExpr>(Spelled);
  const FunctionDecl *Callee = Call ? calleeOf(*Call) : nullptr;
  if (!Callee || !namedInSet(*Callee, Schedules)) {
    // A project's own awaiter whose await_suspend hands the coroutine to a
    // pool or a thread.
    const QualType T = Spelled->getType();
    const CXXRecordDecl *Awaiter =
        T.isNull() || T->isDependentType() ? nullptr : T->getAsCXXRecordDecl();
    if (!Awaiter)
      return false;
    switch (resumption(*Awaiter)) {
    case Resumption::Elsewhere:
      return true;
    case Resumption::OnGiven:
      // `co_await On(pool)`: resumed on the executor it was given, a pool.
      return llvm::any_of(Spelled->children(), [&](const Stmt *Child) {
        const auto *Arg = dyn_cast_or_null<Expr>(Child);
        return Arg && isPoolLike(*Arg);
      });
    case Resumption::Here:
      break;
    }
    return false;
  }
  // `co_await asio::post(where, use_awaitable)` hops to where: a pool only
  // when where is one (the loop's own executor is no hop off the loop).
  if (!isa<CXXMethodDecl>(Callee) && Call->getNumArgs() >= 2)
    return isPoolOrExecutor(*Call->getArg(0));
  return true;
}

void forEachOwnStatement(const Stmt &Body,
                         llvm::function_ref<void(const Stmt &)> Visit) {
  forEachOwnStatementWithParent(Body,
                                [&](const Stmt &S, const Stmt *) { Visit(S); });
}

void forEachOwnStatementWithParent(
    const Stmt &Body,
    llvm::function_ref<void(const Stmt &, const Stmt *)> Visit) {
  OwnStatementWalker(Visit).walk(&Body, nullptr);
}

void OffLoopLambdas::noteCall(const CallExpr &Call, const OffloadModel &Offload) {
  llvm::SmallVector<const Expr *, 4> Started;
  if (Offload.isOffloadCall(Call)) {
    Started.append(Call.arg_begin(), Call.arg_end());
  } else if (const Expr *Object = memberCallObject(Call);
             Object && llvm::any_of(Call.arguments(), [&](const Expr *Arg) {
               return Offload.isPoolLike(*Arg);
             })) {
    // `coro().ToFuture(pool)`, `std::move(make()).via(pool)`: a task
    // started on a pool.
    if (isa<CallExpr>(ignoreCopiesAndMoves(Object)))
      Started.push_back(Object);
  }
  for (const Expr *Arg : Started) {
    const Expr *E = ignoreCopiesAndMoves(Arg);
    // Through a conversion to std::function and the like.
    while (true) {
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
          Construct && Construct->getNumArgs() == 1)
        E = ignoreImplicitAndParens(Construct->getArg(0));
      else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
        E = ignoreImplicitAndParens(Cast->getSubExpr());
      else
        break;
    }
    // `[...]() -> task<> {...}()` or `lambda()`: the lambda called; a named
    // coroutine's task handed over.
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const Expr *Callee = Call->getCallee() ? Call->getCallee()->IgnoreParenImpCasts() : nullptr;
      if (const Expr *Object = calledObject(*Call))
        E = Object;
      else if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Callee);
               Ref && isa<VarDecl>(Ref->getDecl()))
        E = Ref; // a lambda variable called in a template's own code
      else if (const FunctionDecl *Callee = Call->getDirectCallee();
               Callee && CountingCalls)
        ++OffloadedCalls[callKey(*Callee)];
    }
    if (const LambdaExpr *Lambda = lambdaOf(E))
      Lambdas.insert(Lambda->getLambdaClass());
  }
}

namespace {

/// Notes the offload calls of one declaration (a function with its
/// parameters, initialisers and body; a variable or a field with its
/// initialiser), and the lambdas written there; not the bodies of nested
/// lambdas or local classes, whose lambdas belong to them.
class OffloadCallNoter : public RecursiveASTVisitor<OffloadCallNoter> {
public:
  OffloadCallNoter(const Decl &Root, const OffloadModel &Offload,
                   OffLoopLambdas &OffLoop,
                   llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Met)
      : Root(Root), Offload(Offload), OffLoop(OffLoop), Met(Met) {}

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseDecl(Decl *D) {
    if (D && D != &Root && startsOwnCode(*D))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool TraverseLambdaExpr(LambdaExpr *Lambda, DataRecursionQueue * = nullptr) {
    Met.insert(Lambda->getLambdaClass());
    for (Expr *Init : Lambda->capture_inits())
      TraverseStmt(Init);
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    OffLoop.noteCall(*Call, Offload);
    return true;
  }

private:
  const Decl &Root;
  const OffloadModel &Offload;
  OffLoopLambdas &OffLoop;
  llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Met;
};

/// Notes every offload call of the translation unit, as a matcher on every
/// call would: the fallback for a lambda whose surroundings are not found.
class AllOffloadCallsNoter : public RecursiveASTVisitor<AllOffloadCallsNoter> {
public:
  AllOffloadCallsNoter(const OffloadModel &Offload, OffLoopLambdas &OffLoop)
      : Offload(Offload), OffLoop(OffLoop) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool VisitCallExpr(CallExpr *Call) {
    OffLoop.noteCall(*Call, Offload);
    return true;
  }

private:
  const OffloadModel &Offload;
  OffLoopLambdas &OffLoop;
};

/// Counts the calls of each function in the user's code (not system
/// headers), and notes the offload calls there.
class CallCounter : public RecursiveASTVisitor<CallCounter> {
public:
  CallCounter(const OffloadModel &Offload, OffLoopLambdas &OffLoop,
              llvm::DenseMap<const FunctionDecl *, unsigned> &Calls,
              const SourceManager &SM)
      : Offload(Offload), OffLoop(OffLoop), Calls(Calls), SM(SM) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      ++Calls[OffLoopLambdas::callKey(*Callee)];
    OffLoop.noteCall(*Call, Offload);
    return true;
  }

private:
  const OffloadModel &Offload;
  OffLoopLambdas &OffLoop;
  llvm::DenseMap<const FunctionDecl *, unsigned> &Calls;
  const SourceManager &SM;
};

/// concurrencpp's executor_tag as a coroutine's first parameter: the
/// coroutine starts on the executor its caller passes next.
bool takesExecutorTag(const FunctionDecl &F) {
  if (F.getNumParams() == 0)
    return false;
  const CXXRecordDecl *Tag =
      F.getParamDecl(0)->getType().getNonReferenceType()->getAsCXXRecordDecl();
  return Tag && Tag->getName() == "executor_tag" &&
         qualifiedName(Tag) == "concurrencpp::executor_tag";
}

} // namespace

bool OffLoopLambdas::runsOffLoop(const FunctionDecl &Coroutine,
                                 const OffloadModel &Offload, ASTContext &Ctx) {
  if (takesExecutorTag(Coroutine))
    return true;
  if (isa<CXXMethodDecl>(Coroutine) &&
      cast<CXXMethodDecl>(Coroutine).getParent()->isLambda())
    return false; // lambdas: isHandedToOffload
  if (!CountedCalls) {
    // Both counts come from this one walk (the lambdas it notes again are
    // a set).
    CountedCalls = CountingCalls = true;
    CallCounter(Offload, *this, Calls, Ctx.getSourceManager()).TraverseAST(Ctx);
    CountingCalls = false;
  }
  const FunctionDecl *Key = callKey(Coroutine);
  auto All = Calls.find(Key);
  if (All == Calls.end() || All->second == 0)
    return false;
  auto Offloaded = OffloadedCalls.find(Key);
  return Offloaded != OffloadedCalls.end() && Offloaded->second == All->second;
}

bool OffLoopLambdas::isHandedToOffload(const CXXRecordDecl &LambdaClass,
                                       const OffloadModel &Offload,
                                       ASTContext &Ctx) {
  auto Walk = [&](const Decl *Root) {
    if (Root && !Met.contains(&LambdaClass) && Walked.insert(Root).second)
      OffloadCallNoter(*Root, Offload, *this, Met)
          .TraverseDecl(const_cast<Decl *>(Root));
  };
  // The code the lambda is written in: the function whose class it is
  // local to, or the variable, field or parameter it initialises.
  const DeclContext *Where = LambdaClass.getDeclContext();
  if (const auto *Function = dyn_cast_or_null<FunctionDecl>(Where))
    Walk(Function);
  Walk(LambdaClass.getLambdaContextDecl());
  if (Where && !isa<FunctionDecl>(Where))
    for (const Decl *D : Where->decls())
      if (isa<VarDecl, FieldDecl>(D))
        Walk(D);
  // Not met: every call of the translation unit, once.
  if (!Met.contains(&LambdaClass) && !WalkedAll) {
    WalkedAll = true;
    AllOffloadCallsNoter(Offload, *this).TraverseAST(Ctx);
  }
  return Lambdas.contains(&LambdaClass);
}

void registerCoroutineMatchers(ast_matchers::MatchFinder &Finder,
                               ast_matchers::MatchFinder::MatchCallback *Check) {
  using namespace ast_matchers;
  Finder.addMatcher(coroutineBodyStmt().bind("coroutine-body"), Check);
}

const FunctionDecl *
coroutineToCheck(const ast_matchers::MatchFinder::MatchResult &Result,
                 const OffloadModel &Offload, OffLoopLambdas &OffLoop) {
  const auto *Body =
      Result.Nodes.getNodeAs<CoroutineBodyStmt>("coroutine-body");
  // The coroutine is the function that declares the promise.
  const VarDecl *Promise = Body ? Body->getPromiseDecl() : nullptr;
  const auto *Coroutine =
      Promise ? dyn_cast<FunctionDecl>(Promise->getDeclContext()) : nullptr;
  if (!Coroutine || Coroutine->getBody() != Body ||
      !Coroutine->doesThisDeclarationHaveABody() ||
      !Coroutine->isThisDeclarationADefinition())
    return nullptr;
  const auto *Method = dyn_cast<CXXMethodDecl>(Coroutine);
  if (!Method || !Method->getParent()->isLambda())
    return cannotReportOn(*Coroutine) ? nullptr : Coroutine;
  // A lambda: its call operator, not the instances of a generic lambda's
  // operator template; unless it is started on a pool.
  const CXXRecordDecl &Class = *Method->getParent();
  if (Class.getLambdaCallOperator() != Method)
    return nullptr;
  return OffLoop.isHandedToOffload(Class, Offload, *Result.Context) ||
                 cannotReportOn(*Method)
             ? nullptr
             : Method;
}

} // namespace clang::tidy::coro::utils
