//===--- CoroutineBody.cpp - what runs as part of a coroutine -------------===//

#include "utils/CoroutineBody.h"
#include "utils/Coroutine.h"
#include "utils/Expr.h"
#include "utils/Matchers.h"
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
const char DefaultScheduleFunctions[] =
    "corort::thread_pool::schedule;cppcoro::static_thread_pool::schedule;"
    "coro::thread_pool::schedule;concurrencpp::executor::schedule";

namespace {

const FunctionDecl *calleeOf(const CallExpr &Call) {
  return Call.getDirectCallee();
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

class OwnStatementWalker : public RecursiveASTVisitor<OwnStatementWalker> {
public:
  OwnStatementWalker(const OffloadModel &Offload,
                     llvm::function_ref<void(const Stmt &, const Stmt *)> Visit)
      : Offload(Offload), VisitWithParent(Visit) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseStmt(Stmt *S, DataRecursionQueue * = nullptr) {
    if (!S || OnPool)
      return true;
    Stack.push_back(S);
    bool Result = RecursiveASTVisitor::TraverseStmt(S);
    Stack.pop_back();
    return Result;
  }

  bool VisitStmt(Stmt *S) {
    if (!OnPool)
      Visit(*S);
    return true;
  }

  // A nested lambda runs where it is called: only the captures are
  // evaluated here, unless it is called on the spot.
  bool TraverseLambdaExpr(LambdaExpr *Lambda, DataRecursionQueue * = nullptr) {
    Visit(*Lambda);
    for (Expr *Init : Lambda->capture_inits())
      TraverseStmt(Init);
    if (ImmediatelyCalled.contains(Lambda) &&
        !getCoroutineBody(Lambda->getCallOperator()))
      TraverseStmt(Lambda->getBody());
    return true;
  }

  bool TraverseCXXOperatorCallExpr(CXXOperatorCallExpr *Call,
                                   DataRecursionQueue *Queue = nullptr) {
    if (Call->getOperator() == OO_Call && Call->getNumArgs() > 0)
      if (const auto *Lambda = dyn_cast<LambdaExpr>(
              ignoreImplicitAndParens(Call->getArg(0))))
        ImmediatelyCalled.insert(Lambda);
    return RecursiveASTVisitor::TraverseCXXOperatorCallExpr(Call, Queue);
  }

  // Code after `co_await pool.schedule()` runs on the pool.
  bool TraverseCoawaitExpr(CoawaitExpr *Await, DataRecursionQueue * = nullptr) {
    Visit(*Await);
    TraverseStmt(Await->getOperand());
    if (Offload.isPoolHop(*Await))
      OnPool = true;
    return true;
  }
  bool TraverseCoyieldExpr(CoyieldExpr *Yield, DataRecursionQueue * = nullptr) {
    Visit(*Yield);
    return TraverseStmt(Yield->getOperand());
  }
  bool TraverseCoreturnStmt(CoreturnStmt *Return, DataRecursionQueue * = nullptr) {
    Visit(*Return);
    return TraverseStmt(Return->getOperand());
  }

  // Local classes, nested functions and blocks run elsewhere.
  bool TraverseDecl(Decl *D) {
    if (!D || isa<TagDecl, FunctionDecl, BlockDecl, ObjCMethodDecl>(D))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool TraverseBlockExpr(BlockExpr *, DataRecursionQueue * = nullptr) {
    return true;
  }
  // Types, qualifiers and attributes hold no code that runs here.
  bool TraverseTypeLoc(TypeLoc) { return true; }
  bool TraverseNestedNameSpecifierLoc(NestedNameSpecifierLoc) { return true; }
  bool TraverseAttr(Attr *) { return true; }

private:
  /// \p S is the statement being traversed, on top of the stack.
  void Visit(const Stmt &S) {
    VisitWithParent(S, Stack.size() >= 2 ? Stack[Stack.size() - 2] : nullptr);
  }

  const OffloadModel &Offload;
  llvm::function_ref<void(const Stmt &, const Stmt *)> VisitWithParent;
  llvm::SmallVector<const Stmt *, 32> Stack;
  llvm::SmallPtrSet<const LambdaExpr *, 4> ImmediatelyCalled;
  bool OnPool = false;
};

} // namespace

OffloadModel::OffloadModel(llvm::StringRef OffloadFunctions,
                           const PoolTypeClassifier &Pools)
    : Offloads(parseNameList(OffloadFunctions)),
      Schedules(parseNameList(DefaultScheduleFunctions)), Pools(Pools) {}

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

bool OffloadModel::isOffloadFunction(const FunctionDecl &Callee) const {
  auto [It, Inserted] = OffloadFunctions.try_emplace(&Callee, false);
  if (Inserted)
    It->second = namedInSet(Callee, Offloads);
  return It->second;
}

bool OffloadModel::isOffloadCall(const CallExpr &Call) const {
  const FunctionDecl *Callee = calleeOf(Call);
  if (!Callee || !isOffloadFunction(*Callee))
    return false;
  if (isCoSpawn(*Callee))
    return Call.getNumArgs() > 0 && isPoolOrExecutor(*Call.getArg(0));
  return true;
}

bool OffloadModel::isPoolHop(const CoawaitExpr &Await) const {
  const auto *Call =
      dyn_cast_or_null<CallExpr>(ignoreImplicitAndParens(Await.getOperand()));
  const FunctionDecl *Callee = Call ? calleeOf(*Call) : nullptr;
  return Callee && namedInSet(*Callee, Schedules);
}

void forEachOwnStatement(const Stmt &Body, const OffloadModel &Offload,
                         llvm::function_ref<void(const Stmt &)> Visit) {
  forEachOwnStatementWithParent(
      Body, Offload, [&](const Stmt &S, const Stmt *) { Visit(S); });
}

void forEachOwnStatementWithParent(
    const Stmt &Body, const OffloadModel &Offload,
    llvm::function_ref<void(const Stmt &, const Stmt *)> Visit) {
  OwnStatementWalker Walker(Offload, Visit);
  Walker.TraverseStmt(const_cast<Stmt *>(&Body));
}

void OffLoopLambdas::noteCall(const CallExpr &Call, const OffloadModel &Offload) {
  if (!Offload.isOffloadCall(Call))
    return;
  for (const Expr *Arg : Call.arguments()) {
    const Expr *E = ignoreImplicitAndParens(Arg);
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
    // `[...]() -> task<> {...}()`: the lambda called on the spot.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0)
      E = ignoreImplicitAndParens(Op->getArg(0));
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
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
    if (D && D != &Root && isa<TagDecl, FunctionDecl, BlockDecl>(D))
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

} // namespace

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
