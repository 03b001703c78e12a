//===--- SequentialAwaitCheck.cpp - coro-sequential-await -----------------===//

#include "SequentialAwaitCheck.h"
#include "utils/Advice.h"
#include "utils/Coroutine.h"
#include "utils/CoroutineModel.h"
#include "utils/Expr.h"
#include "utils/Loops.h"
#include "utils/Matchers.h"
#include "utils/OwnBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {
namespace {

const char MinIterationsOptionName[] = "MinIterations";
constexpr uint64_t DefaultMinIterations = 3;
const char PacingFunctionsOptionName[] = "PacingFunctions";
const char DefaultPacingFunctions[] =
    "::folly::coro::sleep;::folly::coro::sleepReturnEarlyOnCancel;"
    "::async_simple::coro::sleep;::seastar::sleep;::seastar::sleep_abortable";

using DeclSet = llvm::SmallPtrSet<const ValueDecl *, 8>;

/// What a loop body does, as far as this check cares.
struct BodyScan {
  /// The `co_await`s the user wrote (not in nested lambdas).
  llvm::SmallVector<const CoawaitExpr *, 2> Awaits;
  /// Another suspension point (a `co_yield`, an await in a template), or a
  /// way out of the loop or of the coroutine (`break`, `return`,
  /// `co_return`, `goto`, `throw`).
  bool Other = false;
  /// How many `continue`s.
  unsigned Continues = 0;
  /// The variables declared in it.
  DeclSet Declared;
};

void scan(const Stmt &S, BodyScan &Scan) {
  if (const auto *Await = dyn_cast<CoawaitExpr>(&S)) {
    if (Await->isImplicit())
      Scan.Other = true;
    else
      Scan.Awaits.push_back(Await);
    // Its operand, as written: `co_await f(co_await g())` suspends twice.
    scan(*Await->getOperand(), Scan);
    return;
  }
  if (isa<DependentCoawaitExpr, CoyieldExpr, CoreturnStmt, ReturnStmt,
          BreakStmt, GotoStmt, IndirectGotoStmt, CXXThrowExpr>(S))
    Scan.Other = true;
  if (isa<ContinueStmt>(S))
    ++Scan.Continues;
  if (const auto *Declaration = dyn_cast<DeclStmt>(&S))
    for (const Decl *D : Declaration->decls())
      utils::forEachDeclaredName(
          *D, [&](const ValueDecl *V) { Scan.Declared.insert(V); });
  utils::forEachOwnChild(S, [&](const Stmt &Child) {
    scan(Child, Scan);
    return true;
  });
}

/// The declarations \p S names (not inside a nested lambda's body), and
/// whether it names `this`.
void referenced(const Stmt &S, DeclSet &Names, bool &UsesThis) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(&S))
    Names.insert(Ref->getDecl());
  if (isa<CXXThisExpr>(S))
    UsesThis = true;
  utils::forEachOwnChild(S, [&](const Stmt &Child) {
    referenced(Child, Names, UsesThis);
    return true;
  });
}

/// A handle to an object that other iterations share: a pointer, or a
/// smart pointer (`std::shared_ptr<connection>`).
bool isHandle(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    return true;
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  if (!Record || !Record->getIdentifier())
    return false;
  const llvm::StringRef Name = Record->getName();
  return (Name == "shared_ptr" || Name == "unique_ptr" || Name == "weak_ptr") &&
         Record->isInStdNamespace();
}

/// How the body keeps the awaited result.
enum class Keep { Dropped, Appended, Indexed };

} // namespace

SequentialAwaitCheck::SequentialAwaitCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : CoroCheck(Name, Context),
      MinIterations(Options.get(MinIterationsOptionName, DefaultMinIterations)),
      PacingFunctions(
          utils::listOption(Options, PacingFunctionsOptionName, DefaultPacingFunctions)),
      Tasks(Options), Pacing(utils::parseNameList(PacingFunctions)) {}

void SequentialAwaitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, MinIterationsOptionName, MinIterations);
  Options.store(Opts, PacingFunctionsOptionName, PacingFunctions);
  Tasks.store(Options, Opts);
}

void SequentialAwaitCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(utils::isUserDefinitionWithBody()).bind("function"), this);
}

namespace {
/// Calls \p Visit on each `for` and range-based `for` among the statements
/// of \p S, with the statement directly above it. Loops are statements: the
/// walk does not enter expressions (a loop inside a lambda of an expression
/// belongs to the lambda, a function of its own), which keeps it to a small
/// part of the body.
template <class Fn>
void forEachLoop(const Stmt &S, const Stmt *Parent, Fn &&Visit) {
  if (isa<ForStmt, CXXForRangeStmt>(S))
    Visit(S, Parent);
  for (const Stmt *Child : S.children())
    if (Child && !isa<Expr, DeclStmt>(Child))
      forEachLoop(*Child, &S, Visit);
}
} // namespace

void SequentialAwaitCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  const CoroutineBodyStmt *Body = utils::getCoroutineBody(Function);
  if (!Body || !Body->getBody() || utils::cannotReportOn(*Function))
    return;
  forEachLoop(*Body->getBody(), nullptr,
              [&](const Stmt &Loop, const Stmt *Parent) {
                checkLoop(Loop, Parent, *Function, *Result.Context);
              });
}

void SequentialAwaitCheck::checkLoop(const Stmt &Loop, const Stmt *Parent,
                                     const FunctionDecl &Coroutine,
                                     ASTContext &Ctx) {
  const Stmt *Body = nullptr;
  if (const auto *For = dyn_cast<ForStmt>(&Loop)) {
    // The test and the step run every iteration: an async iterator's
    // `co_await ++it` orders the iterations itself.
    if (utils::suspendsWithin(For->getCond()) || utils::suspendsWithin(For->getInc()))
      return;
    Body = For->getBody();
  } else {
    Body = cast<CXXForRangeStmt>(Loop).getBody();
  }
  if (!Body)
    return;

  // One `co_await`, no other suspension and no way out; the statement of
  // the body that holds it, and those before it.
  llvm::SmallVector<const Stmt *, 8> Statements;
  if (const auto *Block = dyn_cast<CompoundStmt>(Body))
    Statements.append(Block->body_begin(), Block->body_end());
  else
    Statements.push_back(Body);
  BodyScan Scan;
  const Stmt *Top = nullptr;
  size_t TopIndex = 0;
  for (size_t I = 0; I < Statements.size(); ++I) {
    const size_t AwaitsBefore = Scan.Awaits.size();
    const unsigned ContinuesBefore = Scan.Continues;
    scan(*Statements[I], Scan);
    if (!Top && Scan.Awaits.size() > AwaitsBefore) {
      Top = Statements[I];
      TopIndex = I;
    }
    // A `continue` after the await skips the rest on its result.
    if (Top && Scan.Continues > ContinuesBefore)
      return;
  }
  if (Scan.Other || Scan.Awaits.size() != 1)
    return;
  const CoawaitExpr &Await = *Scan.Awaits.front();

  const SmallVector<const ValueDecl *, 2> LoopVars = utils::loopVariables(Loop);
  if (LoopVars.empty())
    return;
  // Each iteration's own objects: a range-based `for`'s variable and what
  // the body declares (a `for`'s counter is one object for all iterations).
  DeclSet Own = Scan.Declared;
  if (isa<CXXForRangeStmt>(Loop))
    Own.insert(LoopVars.begin(), LoopVars.end());

  // What the iteration does with the result.
  const auto *TopExpr = dyn_cast<Expr>(Top);
  if (!TopExpr)
    return;
  const Expr *Written = utils::ignoreImplicitAndParens(TopExpr);
  if (const auto *ToVoid = dyn_cast<CStyleCastExpr>(Written);
      ToVoid && ToVoid->getType()->isVoidType())
    Written = utils::ignoreImplicitAndParens(ToVoid->getSubExpr());
  auto IsAwait = [&](const Expr *E) {
    return utils::ignoreImplicitAndParens(E) == &Await;
  };
  const Expr *Container = nullptr;
  const Expr *Index = nullptr;
  if (Written == &Await) {
    // Dropped.
  } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Written)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (!Method || !Method->getIdentifier() ||
        !(Method->getName() == "push_back" ||
          Method->getName() == "emplace_back") ||
        Member->getNumArgs() != 1 || !IsAwait(Member->getArg(0)))
      return;
    Container = Member->getImplicitObjectArgument();
  } else {
    const Expr *Target = nullptr;
    if (const auto *Assign = dyn_cast<BinaryOperator>(Written);
        Assign && Assign->getOpcode() == BO_Assign && IsAwait(Assign->getRHS()))
      Target = Assign->getLHS();
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Written);
             Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
             IsAwait(Op->getArg(1)))
      Target = Op->getArg(0);
    if (!Target)
      return;
    Target = utils::ignoreImplicitAndParens(Target);
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Target)) {
      Container = Subscript->getBase();
      Index = Subscript->getIdx();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Target);
               Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2) {
      Container = Op->getArg(0);
      Index = Op->getArg(1);
    } else {
      return;
    }
  }
  const ValueDecl *ContainerRoot = nullptr;
  if (Container) {
    bool IsThis = false;
    ContainerRoot = utils::objectRoot(Container, IsThis);
    // Kept where the iterations end: a variable or a member declared
    // outside the loop.
    if ((!ContainerRoot && !IsThis) ||
        (ContainerRoot && Own.contains(ContainerRoot)))
      return;
  }

  // The call: a coroutine that is no member of an object.
  const Expr *Operand = utils::ignoreImplicitAndParens(Await.getOperand());
  const auto *Call = dyn_cast_or_null<CallExpr>(Operand);
  if (!Call || isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call) ||
      Call->isTypeDependent() || Call->isValueDependent() ||
      Call->containsErrors())
    return;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
      Method && !Method->isStatic())
    return;
  if (!utils::isCoroutineCall(*Call, Tasks.classifier()))
    return;
  if (Callee->getIdentifier() && Pacing.mayEndIn(Callee->getName()) &&
      Pacing.contains(Callee))
    return;

  // Values that change with the iteration: the loop variables, and the
  // locals declared before the await from them.
  DeclSet Varying(LoopVars.begin(), LoopVars.end());
  auto MentionsVarying = [&](const Expr &E) {
    DeclSet Names;
    bool UsesThis = false;
    referenced(E, Names, UsesThis);
    return llvm::any_of(Names,
                        [&](const ValueDecl *N) { return Varying.contains(N); });
  };
  for (size_t I = 0; I < TopIndex; ++I)
    if (const auto *Declaration = dyn_cast<DeclStmt>(Statements[I]))
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && Var->getInit() && MentionsVarying(*Var->getInit()))
          Varying.insert(Var);
  if (Index && !MentionsVarying(*Index))
    return;

  // The arguments: at least one varies; none is an object the iterations
  // share or the body changes, nor the container of the results.
  bool Varies = false;
  DeclSet Outer;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    const Expr *Arg = Call->getArg(I);
    DeclSet Names;
    bool UsesThis = false;
    referenced(*Arg, Names, UsesThis);
    if (UsesThis)
      return;
    for (const ValueDecl *N : Names) {
      if (Varying.contains(N))
        Varies = true;
      if (N == ContainerRoot)
        return;
      if (const auto *Var = dyn_cast<VarDecl>(N);
          Var && Var->hasLocalStorage() && !Own.contains(Var))
        Outer.insert(Var);
    }
    const ParmVarDecl *Param =
        I < Callee->getNumParams() ? Callee->getParamDecl(I) : nullptr;
    bool IsThis = false; // `this` returned above
    const ValueDecl *Root = utils::objectRoot(Arg, IsThis);
    if (Root && Own.contains(Root))
      continue;
    const QualType T = Param ? Param->getType() : Arg->getType();
    const bool Shares =
        (T->isLValueReferenceType() &&
         !T.getNonReferenceType().isConstQualified()) ||
        T->isRValueReferenceType() || isHandle(T) || isHandle(Arg->getType());
    if (Shares)
      return;
  }
  if (!Varies)
    return;
  // A variable of the loop's scope that another statement of the body
  // changes carries state from one iteration to the next (a `for`'s counter
  // is stepped by the loop; what the call itself may change, the parameter
  // types told).
  if (!Outer.empty())
    for (size_t I = 0; I < Statements.size(); ++I) {
      if (I == TopIndex)
        continue;
      ExprMutationAnalyzer Mutations(*Statements[I], Ctx);
      for (const ValueDecl *Var : Outer)
        if (!llvm::is_contained(LoopVars, Var) && Mutations.isMutated(Var))
          return;
    }

  // Worth starting together.
  if (std::optional<uint64_t> Trip = utils::tripCount(Loop, Parent, Ctx);
      Trip && *Trip < MinIterations)
    return;

  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation Loc = SM.getExpansionLoc(Await.getBeginLoc());
  const SourceLocation LoopLoc = SM.getExpansionLoc(Loop.getBeginLoc());
  const utils::CoroLibrary Library = utils::libraryOf(Call->getType());
  const FunctionDecl *Named = nameForReport(*Callee);
  proposeReport(Loc, Coroutine, QualType(), [=] {
    diag(Loc, "each iteration awaits %0 before the next one starts, though "
              "the iterations do not depend on each other; %1")
        << Named << utils::advice(utils::Remedy::StartTogether, Library);
    diag(LoopLoc, "the iterations of this loop run one after another",
         DiagnosticIDs::Note);
  });
}

} // namespace clang::tidy::coro
