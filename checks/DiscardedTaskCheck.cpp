//===--- DiscardedTaskCheck.cpp - coro-discarded-task ---------------------===//

#include "DiscardedTaskCheck.h"
#include "utils/Advice.h"
#include "utils/Coroutine.h"
#include "utils/CoroutineModel.h"
#include "utils/Expr.h"
#include "utils/Instantiation.h"
#include "utils/Matchers.h"
#include "utils/OwnBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {
namespace {

const char AllowCastToVoidOptionName[] = "AllowCastToVoid";

/// How the diagnostic names the callee (by its declaration, or as "the
/// lambda" or "the callee"), and the declaration its note points at.
struct CalleeInfo {
  enum Kind { Named, Lambda, Unknown } How = Unknown;
  const NamedDecl *Decl = nullptr;
};

CalleeInfo describeObject(const Expr *Object) {
  Object = utils::ignoreImplicitAndParens(Object);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Object))
    return {CalleeInfo::Lambda, Lambda->getCallOperator()};
  if (const auto *UO = dyn_cast<UnaryOperator>(Object);
      UO && UO->getOpcode() == UO_Deref)
    return describeObject(UO->getSubExpr());
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Object))
    return {CalleeInfo::Named, DRE->getDecl()};
  if (const auto *ME = dyn_cast<MemberExpr>(Object))
    return {CalleeInfo::Named, ME->getMemberDecl()};
  return {};
}

CalleeInfo describeCallee(const CallExpr &Call) {
  if (const Expr *Object = utils::calledObject(Call))
    return describeObject(Object);
  if (const FunctionDecl *FD = Call.getDirectCallee())
    return {CalleeInfo::Named, FD};
  return describeObject(Call.getCallee());
}

DeclarationName name(const CalleeInfo &Callee) {
  return Callee.How == CalleeInfo::Named ? Callee.Decl->getDeclName()
                                         : DeclarationName();
}


/// Finds the expressions of one function body whose value nobody reads:
/// statements, if/else and loop bodies, for-loop initialisers and
/// increments, case and label statements, the left side of every comma (and
/// the right side of a discarded one). The last statement of a GNU statement
/// expression is its value, not discarded.
class DiscardedValueFinder : public utils::OwnBodyVisitor<DiscardedValueFinder> {
public:
  explicit DiscardedValueFinder(
      llvm::function_ref<void(const Expr &, bool Ignore)> Found)
      : Found(Found) {}

  bool VisitStmtExpr(StmtExpr *S) {
    ValueStatements.insert(S->getSubStmt());
    return true;
  }
  bool VisitCompoundStmt(CompoundStmt *S) {
    const bool LastIsValue = ValueStatements.contains(S);
    for (const Stmt *Child : S->body())
      if (!LastIsValue || Child != S->body_back())
        discarded(Child);
    return true;
  }
  bool VisitIfStmt(IfStmt *S) {
    discarded(S->getThen());
    discarded(S->getElse());
    return true;
  }
  bool VisitWhileStmt(WhileStmt *S) { return discarded(S->getBody()); }
  bool VisitDoStmt(DoStmt *S) { return discarded(S->getBody()); }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) { return discarded(S->getBody()); }
  bool VisitForStmt(ForStmt *S) {
    discarded(S->getInit());
    discarded(S->getInc());
    return discarded(S->getBody());
  }
  bool VisitSwitchCase(SwitchCase *S) { return discarded(S->getSubStmt()); }
  bool VisitLabelStmt(LabelStmt *S) { return discarded(S->getSubStmt()); }
  bool VisitBinaryOperator(BinaryOperator *S) {
    if (S->getOpcode() == BO_Comma)
      discarded(S->getLHS());
    return true;
  }

private:
  bool discarded(const Stmt *S) {
    const auto *E = dyn_cast_or_null<Expr>(S);
    if (!E)
      return true;
    E = utils::ignoreImplicitAndParens(E);
    // A discarded comma discards its right side too; its left side is
    // visited as the left side of a comma.
    if (const auto *Comma = dyn_cast<BinaryOperator>(E);
        Comma && Comma->getOpcode() == BO_Comma)
      return discarded(Comma->getRHS());
    // `std::ignore = f();` as a statement drops f()'s value.
    if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(E);
        Assign && Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2 &&
        utils::isStdIgnore(*Assign->getArg(0))) {
      Found(*utils::ignoreImplicitAndParens(Assign->getArg(1)), /*Ignore=*/true);
      return true;
    }
    Found(*E, /*Ignore=*/false);
    return true;
  }

  llvm::function_ref<void(const Expr &, bool Ignore)> Found;
  llvm::SmallPtrSet<const Stmt *, 4> ValueStatements;
};

} // namespace

DiscardedTaskCheck::DiscardedTaskCheck(StringRef Name, ClangTidyContext *Context)
    : CoroCheck(Name, Context),
      Tasks(Options),
      AllowCastToVoid(Options.get(AllowCastToVoidOptionName, false)) {}

void DiscardedTaskCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Tasks.store(Options, Opts);
  Options.store(Opts, AllowCastToVoidOptionName, AllowCastToVoid);
}

void DiscardedTaskCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(utils::isUserDefinitionWithBody()).bind("function"), this);
}

void DiscardedTaskCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (utils::cannotReportOn(*Function))
    return;
  const Stmt *Body = utils::writtenBody(*Function);
  if (!Body)
    return;
  auto Check = [&](const Expr &E, bool Ignore) {
    checkDiscarded(E, Ignore, *Function, *Result.SourceManager);
  };
  DiscardedValueFinder(Check).walk(*Body);
}

void DiscardedTaskCheck::checkDiscarded(const Expr &Discarded, bool Ignore,
                                        const FunctionDecl &Enclosing,
                                        const SourceManager &SM) {
  const Expr *E = &Discarded;
  const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
  if (Cast) {
    if (!Cast->getType()->isVoidType())
      return;
    E = utils::ignoreImplicitAndParens(Cast->getSubExpr());
  }
  // A cast to void and `std::ignore = ...` say the value is not wanted.
  const bool Deliberate = Cast || Ignore;
  if (Deliberate && AllowCastToVoid)
    return;
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call || !Call->isPRValue() || Call->containsErrors())
    return;
  const utils::TaskTypeInfo Info = Tasks.classifier().classify(Call->getType());
  if (!Info.IsTask)
    return;
  const utils::DropOutcome Outcome =
      utils::dropOutcome(*Call, Tasks.classifier(), Models);
  // Nothing is lost: an eager coroutine that returns nothing and keeps no
  // error, or finished before its task was dropped.
  if (Outcome == utils::DropOutcome::LosesNothing)
    return;
  // A started task whose value is dropped on purpose (seastar's
  // `(void)f.then(...)` fire-and-forget idiom).
  if (Deliberate && Outcome != utils::DropOutcome::NeverRuns)
    return;
  const SourceLocation Loc =
      SM.getExpansionLoc(Cast ? Cast->getBeginLoc() : Call->getBeginLoc());
  Drops.propose(Loc, Enclosing, Call->getType(),
                Drop{Loc, Call, Cast != nullptr, Ignore, &Enclosing, Info, Outcome});
}

void DiscardedTaskCheck::onEndOfTranslationUnit() {
  Drops.flush([this](const Drop &D) { report(D); });
}

void DiscardedTaskCheck::report(const Drop &D) {
  const CallExpr *Call = D.Call;
  const FunctionDecl &Enclosing = *D.Enclosing;
  // The message's %2: what happens to the coroutine.
  int Kind = 0;
  switch (D.Outcome) {
  case utils::DropOutcome::NeverRuns:
    Kind = D.Cast ? 1 : D.Ignore ? 7 : 0;
    break;
  case utils::DropOutcome::RunsDetached:
  case utils::DropOutcome::LosesNothing:
    Kind = 2;
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
  const SourceLocation Begin = Call->getBeginLoc();
  const bool InCoroutine = utils::isCoroutine(&Enclosing);
  const CalleeInfo Callee = describeCallee(*Call);

  {
    DiagnosticBuilder Diag =
        diag(D.Loc, "%select{task|generator|future}4 returned by "
                    "%select{%1|the lambda|the callee}0 "
                    "%select{is discarded and never runs|is cast to void and "
                    "never runs|is discarded: it runs detached and its "
                    "result and errors are lost|is discarded: its destructor "
                    "stops it at its first suspension and the rest never "
                    "runs|is discarded: it has run, and its result and errors "
                    "are lost|is discarded: its destructor blocks until it is "
                    "done|is discarded: its destructor starts it, and its "
                    "result and errors are lost|is assigned to std::ignore and "
                    "never runs}2; %3")
        << Callee.How << name(Callee) << Kind
        << utils::advice(InCoroutine ? utils::Remedy::AwaitOrSpawn
                                     : utils::Remedy::Spawn,
                         utils::libraryOf(Call->getType()))
        << static_cast<int>(utils::taskNoun(Call->getType(), D.Info));
    const CXXRecordDecl *Task = Call->getType()->getAsCXXRecordDecl();
    if (InCoroutine && !D.Cast && !D.Ignore && !Begin.isMacroID() && Task &&
        utils::canAwaitTaskIn(Enclosing, *Task))
      Diag << FixItHint::CreateInsertion(Begin, "co_await ");
  }
  if (Callee.Decl && Callee.Decl->getLocation().isValid())
    diag(Callee.Decl->getLocation(),
         "%select{%1|the lambda|the callee}0 declared here", DiagnosticIDs::Note)
        << Callee.How << name(Callee);
}

} // namespace clang::tidy::coro
