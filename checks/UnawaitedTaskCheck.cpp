//===--- UnawaitedTaskCheck.cpp - coro-unawaited-task ---------------------===//

#include "UnawaitedTaskCheck.h"
#include "utils/Coroutine.h"
#include "utils/Expr.h"
#include "utils/Matchers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;
using clang::tidy::coro::utils::isNewTask;
using clang::tidy::coro::utils::spelledAs;

namespace clang::tidy::coro {
namespace {

const char StrictPathsOptionName[] = "StrictPaths";

/// How many references or pointers to the task are followed.
constexpr unsigned MaxAliasDepth = 3;

/// The uses of a task variable that consume it (await it, move or copy it
/// out, pass it on, capture it...), and whether any use does.
struct Uses {
  llvm::SmallVector<const Stmt *, 4> Consuming;
};

void collectUses(const ValueDecl &Var, const Stmt &Body, ASTContext &Ctx,
                 unsigned Depth, Uses &Out);

/// Whether the reference \p Ref to a task consumes the task. A const member
/// call (`t.is_ready()`) and an unevaluated operand (`sizeof t`) do not; a
/// local reference or pointer bound to it is followed to its own uses; any
/// other use does, to stay on the safe side.
void classifyUse(const DeclRefExpr &Ref, const Stmt &Body, ASTContext &Ctx,
                 unsigned Depth, Uses &Out) {
  const Stmt *Child = &Ref;
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(*Child);
    if (Parents.empty())
      break;
    const DynTypedNode &P = Parents[0];
    if (const auto *E = P.get<Expr>()) {
      if (isa<ImplicitCastExpr, ParenExpr>(E)) {
        Child = E;
        continue;
      }
      if (const auto *Member = dyn_cast<MemberExpr>(E)) {
        const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
        if (Method && Method->isConst() && !Method->isOverloadedOperator())
          return;
        break;
      }
      if (isa<UnaryExprOrTypeTraitExpr, CXXNoexceptExpr>(E))
        return;
      if (const auto *Typeid = dyn_cast<CXXTypeidExpr>(E);
          Typeid && !Typeid->isPotentiallyEvaluated())
        return;
      if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
          AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
        Child = E; // `&t` stored in a local pointer is followed below.
        continue;
      }
      break;
    }
    if (const auto *Alias = P.get<VarDecl>()) {
      // `auto &r = t;` or `auto *p = &t;`: the task is consumed where the
      // alias is, unless the alias escapes beyond what we follow.
      if (Depth < MaxAliasDepth && Alias->hasLocalStorage() &&
          (Alias->getType()->isReferenceType() ||
           Alias->getType()->isPointerType())) {
        collectUses(*Alias, Body, Ctx, Depth + 1, Out);
        return;
      }
      break;
    }
    break;
  }
  Out.Consuming.push_back(&Ref);
}

void collectUses(const ValueDecl &Var, const Stmt &Body, ASTContext &Ctx,
                 unsigned Depth, Uses &Out) {
  for (const BoundNodes &Nodes :
       match(findAll(declRefExpr(to(valueDecl(equalsNode(&Var)))).bind("ref")),
             Body, Ctx))
    classifyUse(*Nodes.getNodeAs<DeclRefExpr>("ref"), Body, Ctx, Depth, Out);
}

/// The statement whose end destroys a variable declared by \p Declaration.
const Stmt *scopeOf(const Stmt &Declaration, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(Declaration);
  return Parents.empty() ? nullptr : Parents[0].get<Stmt>();
}

/// The CFG elements that consume the task: the expression of each consuming
/// use (or the outermost lambda that holds it) with the enclosing expressions
/// and the statement that evaluates them, but not the control flow around.
llvm::SmallPtrSet<const Stmt *, 16>
consumingStatements(const Uses &U, const Stmt &Body, ASTContext &Ctx) {
  llvm::SmallPtrSet<const Stmt *, 16> Result;
  for (const Stmt *Use : U.Consuming) {
    llvm::SmallVector<const Stmt *, 8> Chain;
    for (const Stmt *S = Use; S && S != &Body;) {
      Chain.push_back(S);
      DynTypedNodeList Parents = Ctx.getParents(*S);
      S = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
    }
    size_t From = 0;
    for (size_t I = 0; I < Chain.size(); ++I)
      if (isa<LambdaExpr>(Chain[I]))
        From = I;
    for (size_t I = From; I < Chain.size(); ++I) {
      if (isa<Expr>(Chain[I])) {
        Result.insert(Chain[I]);
        continue;
      }
      if (isa<DeclStmt, ReturnStmt, CoreturnStmt>(Chain[I]))
        Result.insert(Chain[I]);
      break;
    }
  }
  return Result;
}

/// True when some path from \p Declaration to the end of the function
/// passes no consuming statement. False when the CFG cannot be built.
bool hasUnconsumedPath(const Stmt &Declaration, const Stmt &Body,
                       const Decl &Function, const Uses &U, ASTContext &Ctx) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(&Function, const_cast<Stmt *>(&Body), &Ctx, Options);
  if (!Graph)
    return false;
  llvm::SmallPtrSet<const Stmt *, 16> Consuming = consumingStatements(U, Body, Ctx);

  // Where the declaration is: start after it.
  const CFGBlock *Start = nullptr;
  unsigned StartIndex = 0;
  for (const CFGBlock *Block : *Graph) {
    for (unsigned I = 0; I < Block->size() && !Start; ++I)
      if (auto S = (*Block)[I].getAs<CFGStmt>(); S && S->getStmt() == &Declaration) {
        Start = Block;
        StartIndex = I + 1;
      }
    if (Start)
      break;
  }
  if (!Start)
    return false;

  llvm::SmallPtrSet<const CFGBlock *, 32> Visited;
  llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 32> Work;
  Work.push_back({Start, StartIndex});
  while (!Work.empty()) {
    auto [Block, From] = Work.pop_back_val();
    bool Consumed = false;
    for (unsigned I = From; I < Block->size() && !Consumed; ++I)
      if (auto S = (*Block)[I].getAs<CFGStmt>())
        Consumed = Consuming.contains(S->getStmt());
    if (!Consumed && Block->getTerminatorStmt() &&
        Consuming.contains(Block->getTerminatorStmt()))
      Consumed = true;
    if (Consumed)
      continue;
    if (Block == &Graph->getExit())
      return true;
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs())
      if (const CFGBlock *Next = Succ.getReachableBlock())
        if (Visited.insert(Next).second)
          Work.push_back({Next, 0});
  }
  return false;
}

} // namespace

UnawaitedTaskCheck::UnawaitedTaskCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      Tasks(Options),
      StrictPaths(Options.get(StrictPathsOptionName, false)) {}

void UnawaitedTaskCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Tasks.store(Options, Opts);
  Options.store(Opts, StrictPathsOptionName, StrictPaths);
}

void UnawaitedTaskCheck::registerMatchers(MatchFinder *Finder) {
  auto FromCall = hasInitializer(spelledAs(callExpr()));
  Finder->addMatcher(
      declStmt(forEach(varDecl(hasLocalStorage(), unless(parmVarDecl()),
                               unless(hasType(referenceType())),
                               hasInitializer(spelledAs(callExpr(isNewTask(&Tasks.classifier())))))
                           .bind("var")))
          .bind("declaration"),
      this);
  Finder->addMatcher(
      declStmt(forEach(decompositionDecl(FromCall).bind("bindings")))
          .bind("declaration"),
      this);
}

void UnawaitedTaskCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Declaration = Result.Nodes.getNodeAs<DeclStmt>("declaration");
  const FunctionDecl *Function =
      utils::getEnclosingFunction(*Declaration, *Result.Context);
  if (!Function || !Function->getBody())
    return;
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var")) {
    checkVariable(*Var, *Declaration, *Function, *Result.Context);
    return;
  }
  if (const auto *Bindings =
          Result.Nodes.getNodeAs<DecompositionDecl>("bindings"))
    for (const BindingDecl *Binding : Bindings->bindings())
      if (!Binding->getType().isNull() && !Binding->getType()->isReferenceType() &&
          Tasks.classifier().isTaskType(Binding->getType()))
        checkVariable(*Binding, *Declaration, *Function, *Result.Context);
}

void UnawaitedTaskCheck::checkVariable(const ValueDecl &Var,
                                       const Stmt &Declaration,
                                       const FunctionDecl &Function,
                                       ASTContext &Ctx) {
  const Stmt *Body = Function.getBody();
  if (const CoroutineBodyStmt *Coro = utils::getCoroutineBody(&Function))
    Body = Coro->getBody();
  Uses U;
  collectUses(Var, *Body, Ctx, 0, U);
  bool Partial = false;
  if (!U.Consuming.empty()) {
    if (!StrictPaths || !hasUnconsumedPath(Declaration, *Body, Function, U, Ctx))
      return;
    Partial = true;
  }
  const bool Eager = Tasks.classifier().classify(Var.getType()).IsEager;
  const bool InCoroutine = utils::isCoroutine(&Function);
  diag(Var.getLocation(),
       "task %0 %select{is never awaited and never runs|is never awaited: its "
       "result and errors are lost|is not awaited on every path}1; "
       "%select{co_await it or spawn it in a task group|hand it to a task "
       "group or to the event loop}2")
      << &Var << (Partial ? 2 : Eager ? 1 : 0) << (InCoroutine ? 0 : 1);
  if (const Stmt *Scope = scopeOf(Declaration, Ctx))
    diag(Ctx.getSourceManager().getExpansionLoc(Scope->getEndLoc()),
         "%0 is destroyed here%select{ without having run| without being "
         "awaited| on a path where it was not awaited}1",
         DiagnosticIDs::Note)
        << &Var << (Partial ? 2 : Eager ? 1 : 0);
}

} // namespace clang::tidy::coro
