//===--- UnawaitedTaskCheck.cpp - coro-unawaited-task ---------------------===//

#include "UnawaitedTaskCheck.h"
#include "utils/Advice.h"
#include "utils/Coroutine.h"
#include "utils/CoroutineModel.h"
#include "utils/SuspensionFlow.h"
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
      // Only a task that has not run is tracked: what a coroutine call
      // returned, or a lazy task of a listed type a library call made; a
      // value from a factory, a promise or a continuation is not.
      const auto *Call = dyn_cast<CallExpr>(Init);
      const bool FromCoroutine =
          lambdaDepth() == 0 && Call && utils::makesUnstartedTask(*Call, Tasks);
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
  return utils::makesUnstartedTask(*Call, Tasks);
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
  std::unique_ptr<utils::SuspensionFlow> Flow;
  for (const Candidate &C : Uses.Candidates) {
    const bool Partial = !C.Consuming.empty();
    if (Partial) {
      if (!StrictPaths)
        continue;
      // Some path from the declaration to the end passes no consuming use.
      if (!Flow)
        Flow = std::make_unique<utils::SuspensionFlow>(*Function, *Body,
                                                       *Result.Context);
      if (!Flow->hasPathAvoiding(*C.Declaration, consumingStatements(C)))
        continue;
    }
    utils::DropOutcome Outcome = Tasks.classifier().classify(C.Var->getType()).IsEager
                                     ? utils::DropOutcome::RunsDetached
                                     : utils::DropOutcome::NeverRuns;
    if (const auto *Var = dyn_cast<VarDecl>(C.Var))
      if (const auto *Call = dyn_cast_or_null<CallExpr>(
              Var->getInit() ? utils::ignoreImplicitAndParens(Var->getInit())
                             : nullptr))
        Outcome = utils::dropOutcome(*Call, Tasks.classifier(), Models);
    if (Outcome == utils::DropOutcome::LosesNothing)
      continue;
    const Unawaited U{C.Var, C.Scope, Partial, Function, Outcome};
    Context = Result.Context;
    Kept.propose(C.Var->getLocation(), *Function, C.Var->getType(), U);
  }
}

void UnawaitedTaskCheck::onEndOfTranslationUnit() {
  Kept.flush([this](const Unawaited &U) {
    report(*U.Var, U.Scope, U.Partial, U.Outcome, *U.Function, *Context);
  });
}

void UnawaitedTaskCheck::report(const ValueDecl &Var, const Stmt *Scope,
                                bool Partial, utils::DropOutcome Outcome,
                                const FunctionDecl &Function, ASTContext &Ctx) {
  const utils::TaskTypeInfo Info = Tasks.classifier().classify(Var.getType());
  int Kind = 0;
  switch (Outcome) {
  case utils::DropOutcome::NeverRuns:
    Kind = 0;
    break;
  case utils::DropOutcome::RunsDetached:
  case utils::DropOutcome::LosesNothing:
    Kind = 1;
    break;
  case utils::DropOutcome::CutOff:
    Kind = 3;
    break;
  case utils::DropOutcome::HasRun:
    Kind = 4;
    break;
  case utils::DropOutcome::Blocks:
    Kind = 5;
    break;
  case utils::DropOutcome::Started:
    Kind = 6;
    break;
  }
  if (Partial)
    Kind = 2;
  diag(Var.getLocation(),
       "%select{task|generator|future}3 %0 %select{is never awaited and never "
       "runs|is never awaited: its result and errors are lost|is not awaited on "
       "every path|is never awaited: its destructor stops it at its first "
       "suspension|is never awaited: it has run, and its result and errors are "
       "lost|is never awaited: its destructor blocks until it is done|is never "
       "awaited: its destructor starts it, and its result and errors are "
       "lost}1; %2")
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
        << &Var << (Partial ? 2 : Kind == 0 ? 0 : 1);
}

} // namespace clang::tidy::coro
