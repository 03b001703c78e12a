//===--- UnawaitedTaskCheck.cpp - coro-unawaited-task ---------------------===//

#include "UnawaitedTaskCheck.h"
#include "utils/Advice.h"
#include "utils/Coroutine.h"
#include "utils/Escape.h"
#include "utils/Expr.h"
#include "utils/Instantiation.h"
#include "utils/Matchers.h"
#include "utils/OwnBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {
namespace {

const char StrictPathsOptionName[] = "StrictPaths";

/// How many references or pointers to the task are followed.
constexpr unsigned MaxAliasDepth = 3;

/// A local task variable (or structured binding) initialised from a call,
/// and the uses of it that consume it.
struct Candidate {
  const ValueDecl *Var;
  const DeclStmt *Declaration;
  /// The statement whose end destroys the variable.
  const Stmt *Scope;
  /// For each consuming use, the statements from the body down to it.
  llvm::SmallVector<llvm::SmallVector<const Stmt *, 8>, 2> Consuming;
};

/// Walks one function body (and the bodies of the lambdas in it, where a use
/// is a capture) and collects its task variables and their consuming uses.
///
/// A use consumes the task unless it only looks at it: a const member call
/// (`t.is_ready()`), an unevaluated operand (`sizeof t`, `decltype(t)`), or
/// the initialiser of a local reference or pointer, whose own uses are
/// followed instead.
class TaskVariableUses : public utils::OwnBodyVisitor<TaskVariableUses> {
public:
  explicit TaskVariableUses(const utils::TaskTypeClassifier &Tasks) : Tasks(Tasks) {}

  bool shouldEnterLambdaBodies() const { return true; }
  bool TraverseDecltypeTypeLoc(DecltypeTypeLoc) { return true; }

  bool VisitDeclStmt(DeclStmt *S) {
    for (const Decl *D : S->decls()) {
      const auto *Var = dyn_cast<VarDecl>(D);
      if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
          !Var->getInit())
        continue;
      const Expr *Init = utils::ignoreImplicitAndParens(Var->getInit());
      // Only what a coroutine call returned is a task that has not run: a
      // value from a factory, a promise or a continuation is not tracked.
      const auto *Call = dyn_cast<CallExpr>(Init);
      const bool FromCoroutine =
          lambdaDepth() == 0 && Call && utils::isCoroutineCall(*Call, Tasks);
      if (const auto *Bindings = dyn_cast<DecompositionDecl>(Var)) {
        if (FromCoroutine)
          for (const BindingDecl *Binding : Bindings->bindings())
            if (!Binding->getType().isNull() &&
                !Binding->getType()->isReferenceType() &&
                Tasks.isTaskType(Binding->getType()))
              addCandidate(Binding, S);
        continue;
      }
      if (FromCoroutine && !Var->getType()->isReferenceType() &&
          Init->isPRValue() && Tasks.isTaskType(Var->getType())) {
        addCandidate(Var, S);
        continue;
      }
      // `auto &r = t;` or `auto *p = &t;`: r and p stand for t.
      if (Var->getType()->isReferenceType() || Var->getType()->isPointerType()) {
        if (const auto *AddrOf = dyn_cast<UnaryOperator>(Init);
            AddrOf && AddrOf->getOpcode() == UO_AddrOf)
          Init = utils::ignoreImplicitAndParens(AddrOf->getSubExpr());
        if (const auto *Ref = dyn_cast<DeclRefExpr>(Init))
          if (auto It = Roots.find(Ref->getDecl());
              It != Roots.end() && It->second.second < MaxAliasDepth)
            Roots[Var] = {It->second.first, It->second.second + 1};
      }
    }
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    auto It = Roots.find(Ref->getDecl());
    if (It == Roots.end())
      return true;
    if (lambdaDepth() > 0 || isMemberCallObject() || utils::mayHandOn(stack())) {
      Candidate &C = Candidates[It->second.first];
      C.Consuming.emplace_back(stack().begin(), stack().end());
    }
    return true;
  }

  llvm::SmallVector<Candidate, 4> Candidates;

private:
  /// The reference being visited is the object of a member call
  /// (`f.available()`, `t.wait_for(d)`, `p->get()`): the code observes or
  /// drives the value itself, which counts as a use.
  bool isMemberCallObject() const {
    llvm::ArrayRef<const Stmt *> Chain = stack();
    size_t I = Chain.size() - 1;
    while (I > 0 && isa<ImplicitCastExpr, ParenExpr>(Chain[I - 1]))
      --I;
    if (I < 2)
      return false;
    const auto *Member = dyn_cast<MemberExpr>(Chain[I - 1]);
    const auto *Call = dyn_cast<CXXMemberCallExpr>(Chain[I - 2]);
    return Member && Call && Call->getCallee()->IgnoreParens() == Member;
  }

  void addCandidate(const ValueDecl *Var, const DeclStmt *S) {
    Roots[Var] = {Candidates.size(), 0};
    Candidates.push_back({Var, S, parent(), {}});
  }

  const utils::TaskTypeClassifier &Tasks;
  /// Each candidate, and each alias of one, to (candidate index, alias depth).
  llvm::DenseMap<const ValueDecl *, std::pair<size_t, unsigned>> Roots;
};

/// The CFG elements that consume the task: the expression of each consuming
/// use (or the outermost lambda that holds it) with the enclosing expressions
/// and the statement that evaluates them, but not the control flow around.
llvm::SmallPtrSet<const Stmt *, 16> consumingStatements(const Candidate &C) {
  llvm::SmallPtrSet<const Stmt *, 16> Result;
  for (const auto &Chain : C.Consuming) {
    size_t From = Chain.size() - 1;
    for (size_t I = 0; I < Chain.size(); ++I)
      if (isa<LambdaExpr>(Chain[I])) {
        From = I;
        break;
      }
    for (size_t I = From + 1; I-- > 0;) {
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

/// True when some path from the declaration to the end of the function
/// passes no consuming statement. False when the CFG cannot be built.
bool hasUnconsumedPath(const Candidate &C, const Stmt &Body,
                       const FunctionDecl &Function, ASTContext &Ctx) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(&Function, const_cast<Stmt *>(&Body), &Ctx, Options);
  if (!Graph)
    return false;
  const llvm::SmallPtrSet<const Stmt *, 16> Consuming = consumingStatements(C);

  // Start right after the declaration.
  const CFGBlock *Start = nullptr;
  unsigned StartIndex = 0;
  for (const CFGBlock *Block : *Graph) {
    for (unsigned I = 0; I < Block->size() && !Start; ++I)
      if (auto S = (*Block)[I].getAs<CFGStmt>();
          S && S->getStmt() == C.Declaration) {
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

/// A local variable that may be a candidate of TaskVariableUses: one of
/// task type with an initialiser, or a structured binding (whose bindings
/// are looked at in the walk).
bool mayHoldTask(const VarDecl &Var, const utils::TaskTypeClassifier &Tasks) {
  if (!Var.hasLocalStorage() || isa<ParmVarDecl>(Var) || !Var.hasInit())
    return false;
  const auto *Call =
      dyn_cast<CallExpr>(utils::ignoreImplicitAndParens(Var.getInit()));
  if (!Call)
    return false;
  if (!isa<DecompositionDecl>(Var) &&
      (Var.getType()->isReferenceType() || !Tasks.isTaskType(Var.getType())))
    return false;
  return utils::isCoroutineCall(*Call, Tasks);
}

} // namespace

UnawaitedTaskCheck::UnawaitedTaskCheck(StringRef Name, ClangTidyContext *Context)
    : CoroCheck(Name, Context), Tasks(Options),
      StrictPaths(Options.get(StrictPathsOptionName, false)) {}

void UnawaitedTaskCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Tasks.store(Options, Opts);
  Options.store(Opts, StrictPathsOptionName, StrictPaths);
}

void UnawaitedTaskCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(utils::isUserDefinitionWithBody()).bind("function"), this);
}

void UnawaitedTaskCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  // The function's own declarations list its local variables (a lambda's
  // are its call operator's): most functions declare none that may hold a
  // task, and are not walked.
  if (llvm::none_of(Function->decls(),
                    [&](const Decl *D) {
                      const auto *Var = dyn_cast<VarDecl>(D);
                      return Var && mayHoldTask(*Var, Tasks.classifier());
                    }) ||
      utils::cannotReportOn(*Function))
    return;
  const Stmt *Body = utils::writtenBody(*Function);
  if (!Body)
    return;
  TaskVariableUses Uses(Tasks.classifier());
  Uses.walk(*Body);
  for (const Candidate &C : Uses.Candidates) {
    const bool Partial = !C.Consuming.empty();
    if (Partial && (!StrictPaths ||
                    !hasUnconsumedPath(C, *Body, *Function, *Result.Context)))
      continue;
    const Unawaited U{C.Var, C.Scope, Partial, Function};
    Context = Result.Context;
    Kept.propose(C.Var->getLocation(), *Function, C.Var->getType(), U);
  }
}

void UnawaitedTaskCheck::onEndOfTranslationUnit() {
  Kept.flush([this](const Unawaited &U) {
    report(*U.Var, U.Scope, U.Partial, *U.Function, *Context);
  });
}

void UnawaitedTaskCheck::report(const ValueDecl &Var, const Stmt *Scope,
                                bool Partial, const FunctionDecl &Function,
                                ASTContext &Ctx) {
  const utils::TaskTypeInfo Info = Tasks.classifier().classify(Var.getType());
  const int Kind = Partial ? 2 : Info.IsEager ? 1 : 0;
  diag(Var.getLocation(),
       "%select{task|generator|future}3 %0 %select{is never awaited and never runs|is never awaited: its "
       "result and errors are lost|is not awaited on every path}1; %2")
      << &Var << Kind
      << utils::advice(utils::isCoroutine(&Function)
                           ? utils::Remedy::AwaitOrSpawn
                           : utils::Remedy::Spawn,
                       utils::libraryOf(Var.getType()))
      << static_cast<int>(utils::taskNoun(Var.getType(), Info));
  if (Scope)
    diag(Ctx.getSourceManager().getExpansionLoc(Scope->getEndLoc()),
         "%0 is destroyed here%select{ without having run| without being "
         "awaited| on a path where it was not awaited}1",
         DiagnosticIDs::Note)
        << &Var << Kind;
}

} // namespace clang::tidy::coro
