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
                     llvm::function_ref<void(const Stmt &)> Visit)
      : Offload(Offload), Visit(Visit) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseStmt(Stmt *S, DataRecursionQueue * = nullptr) {
    if (!S || OnPool)
      return true;
    return RecursiveASTVisitor::TraverseStmt(S);
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

private:
  const OffloadModel &Offload;
  llvm::function_ref<void(const Stmt &)> Visit;
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

bool OffloadModel::isOffloadCall(const CallExpr &Call) const {
  const FunctionDecl *Callee = calleeOf(Call);
  if (!Callee || !namedInSet(*Callee, Offloads))
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
      Lambdas.insert(Lambda);
  }
}

namespace {
AST_MATCHER_P(CallExpr, isOffloadCallIn, const OffloadModel *, Offload) {
  return Offload->isOffloadCall(Node);
}
} // namespace

void registerCoroutineMatchers(ast_matchers::MatchFinder &Finder,
                               ast_matchers::MatchFinder::MatchCallback *Check,
                               const OffloadModel &Offload) {
  using namespace ast_matchers;
  Finder.addMatcher(
      functionDecl(isDefinition(), hasBody(coroutineBodyStmt()),
                   unless(cxxMethodDecl(ofClass(cxxRecordDecl(isLambda())))))
          .bind("coroutine"),
      Check);
  Finder.addMatcher(lambdaExpr(isCoroutineLambda()).bind("coroutine-lambda"),
                    Check);
  Finder.addMatcher(callExpr(isOffloadCallIn(&Offload)).bind("offload"), Check);
}

const FunctionDecl *
coroutineToCheck(const ast_matchers::MatchFinder::MatchResult &Result,
                 const OffloadModel &Offload, OffLoopLambdas &OffLoop) {
  if (const auto *Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine"))
    return cannotReportOn(*Coroutine) ? nullptr : Coroutine;
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("coroutine-lambda"))
    return OffLoop.contains(*Lambda) || cannotReportOn(*Lambda->getCallOperator())
               ? nullptr
               : Lambda->getCallOperator();
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("offload"))
    OffLoop.noteCall(*Call, Offload);
  return nullptr;
}

} // namespace clang::tidy::coro::utils
