//===--- DiscardedTaskCheck.cpp - coro-discarded-task ---------------------===//

#include "DiscardedTaskCheck.h"
#include "utils/Coroutine.h"
#include "utils/Expr.h"
#include "utils/Matchers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;
using clang::tidy::coro::utils::isNewTask;
using clang::tidy::coro::utils::spelledAs;

namespace clang::tidy::coro {
namespace {

const char AllowCastToVoidOptionName[] = "AllowCastToVoid";

/// An expression in a position whose value nobody reads, worth a closer
/// look: a task call, a cast to void, or a comma operator (whose right side is
/// then discarded too). check() takes it apart.
ast_matchers::internal::Matcher<Stmt>
droppedCandidate(const utils::TaskTypeClassifier *Classifier) {
  return expr(spelledAs(expr(anyOf(callExpr(isNewTask(Classifier)),
                                   explicitCastExpr(hasDestinationType(voidType())),
                                   binaryOperator(hasOperatorName(","))))))
      .bind("discarded");
}

/// How the diagnostic names the callee, and the declaration its note
/// points at.
struct CalleeInfo {
  std::string Name;
  const NamedDecl *Decl = nullptr;
};

CalleeInfo describeObject(const Expr *Object) {
  Object = utils::ignoreImplicitAndParens(Object);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Object))
    return {"the lambda", Lambda->getCallOperator()};
  if (const auto *UO = dyn_cast<UnaryOperator>(Object);
      UO && UO->getOpcode() == UO_Deref)
    return describeObject(UO->getSubExpr());
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Object))
    return {"'" + DRE->getDecl()->getNameAsString() + "'", DRE->getDecl()};
  if (const auto *ME = dyn_cast<MemberExpr>(Object))
    return {"'" + ME->getMemberDecl()->getNameAsString() + "'",
            ME->getMemberDecl()};
  return {"the callee", nullptr};
}

CalleeInfo describeCallee(const CallExpr &Call) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
      Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0)
    return describeObject(Op->getArg(0));
  if (const FunctionDecl *FD = Call.getDirectCallee())
    return {"'" + FD->getNameAsString() + "'", FD};
  return describeObject(Call.getCallee());
}

enum class DropKind { Lazy, LazyCastToVoid, Eager };

} // namespace

DiscardedTaskCheck::DiscardedTaskCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      Tasks(Options),
      AllowCastToVoid(Options.get(AllowCastToVoidOptionName, false)) {}

void DiscardedTaskCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Tasks.store(Options, Opts);
  Options.store(Opts, AllowCastToVoidOptionName, AllowCastToVoid);
}

void DiscardedTaskCheck::registerMatchers(MatchFinder *Finder) {
  auto Dropped = droppedCandidate(&Tasks.classifier());
  // Statement positions whose value nobody reads.
  Finder->addMatcher(compoundStmt(forEach(Dropped), unless(hasParent(stmtExpr()))),
                     this);
  Finder->addMatcher(ifStmt(eachOf(hasThen(Dropped), hasElse(Dropped))), this);
  Finder->addMatcher(
      mapAnyOf(whileStmt, doStmt, cxxForRangeStmt).with(hasBody(Dropped)), this);
  Finder->addMatcher(forStmt(eachOf(hasLoopInit(Dropped), hasIncrement(Dropped),
                                    hasBody(Dropped))),
                     this);
  Finder->addMatcher(mapAnyOf(caseStmt, defaultStmt, labelStmt).with(has(Dropped)),
                     this);
  // The left side of a comma is discarded wherever the comma stands.
  Finder->addMatcher(binaryOperator(hasOperatorName(","), hasLHS(Dropped)), this);
}

void DiscardedTaskCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *E = Result.Nodes.getNodeAs<Expr>("discarded"))
    checkDiscarded(utils::ignoreImplicitAndParens(E), Result);
}

void DiscardedTaskCheck::checkDiscarded(const Expr *E,
                                        const MatchFinder::MatchResult &Result) {
  if (const auto *Comma = dyn_cast<BinaryOperator>(E)) {
    // Its left side is matched on its own, wherever the comma stands.
    if (Comma->getOpcode() == BO_Comma)
      checkDiscarded(utils::ignoreImplicitAndParens(Comma->getRHS()), Result);
    return;
  }
  const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
  if (Cast) {
    if (AllowCastToVoid || !Cast->getType()->isVoidType())
      return;
    E = utils::ignoreImplicitAndParens(Cast->getSubExpr());
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call || !Call->isPRValue())
    return;
  const utils::TaskTypeInfo Info = Tasks.classifier().classify(Call->getType());
  if (!Info.IsTask)
    return;
  const DropKind Kind = Info.IsEager ? DropKind::Eager
                        : Cast       ? DropKind::LazyCastToVoid
                                     : DropKind::Lazy;

  const SourceManager &SM = *Result.SourceManager;
  const SourceLocation Begin = Call->getBeginLoc();
  const SourceLocation Loc =
      SM.getExpansionLoc(Cast ? Cast->getBeginLoc() : Begin);
  const FunctionDecl *Enclosing =
      utils::getEnclosingFunction(*Call, *Result.Context);
  const bool InCoroutine = utils::isCoroutine(Enclosing);
  const CalleeInfo Callee = describeCallee(*Call);

  {
    DiagnosticBuilder Diag =
        diag(Loc, "task returned by %0 %select{is discarded and never runs|is "
                  "cast to void and never runs|is discarded: it runs detached "
                  "and its result and errors are lost}1; %select{co_await it "
                  "or spawn it in a task group|hand it to a task group or to "
                  "the event loop}2")
        << Callee.Name << static_cast<int>(Kind) << (InCoroutine ? 0 : 1);
    const CXXRecordDecl *Task = Call->getType()->getAsCXXRecordDecl();
    if (InCoroutine && !Cast && !Begin.isMacroID() && Task &&
        utils::canAwaitTaskIn(*Enclosing, *Task))
      Diag << FixItHint::CreateInsertion(Begin, "co_await ");
  }
  if (Callee.Decl && Callee.Decl->getLocation().isValid())
    diag(Callee.Decl->getLocation(), "%0 declared here", DiagnosticIDs::Note)
        << Callee.Name;
}

} // namespace clang::tidy::coro
