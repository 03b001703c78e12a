//===--- BlockingLoopCheck.cpp - coro-blocking-loop -----------------------===//

#include "BlockingLoopCheck.h"
#include "utils/Advice.h"
#include "utils/Coroutine.h"
#include "utils/CoroutineModel.h"
#include "utils/Expr.h"
#include "utils/Loops.h"
#include "utils/OwnBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"
#include <algorithm>
#include <limits>
#include <queue>
#include <vector>

using namespace clang::ast_matchers;
using clang::tidy::coro::utils::isLoop;

namespace clang::tidy::coro {
namespace {

const char MinIterationsOptionName[] = "MinIterations";
constexpr uint64_t DefaultMinIterations = 100000;
const char ReportUnknownBoundsOptionName[] = "ReportUnknownBounds";
constexpr bool DefaultReportUnknownBounds = false;
const char MaxCallDepthOptionName[] = "MaxCallDepth";
constexpr unsigned DefaultMaxCallDepth = 4;




} // namespace

BlockingLoopCheck::BlockingLoopCheck(StringRef Name, ClangTidyContext *Context)
    : CoroCheck(Name, Context),
      MinIterations(Options.get(MinIterationsOptionName, DefaultMinIterations)),
      ReportUnknownBounds(Options.get(ReportUnknownBoundsOptionName,
                                      DefaultReportUnknownBounds)),
      MaxCallDepth(Options.get(MaxCallDepthOptionName, DefaultMaxCallDepth)),
      Offloads(Options),
      // A loop MaxCallDepth calls away from the coroutine is in a function
      // MaxCallDepth - 1 calls away from the one the coroutine calls.
      Summaries(Offloads.model(), MaxCallDepth > 0 ? MaxCallDepth - 1 : 0,
                [this](const Stmt &S,
                       const Stmt *Parent) -> std::optional<utils::Site> {
                  if (!isLoop(&S))
                    return std::nullopt;
                  LoopInfo Info = analyzeLoop(&S, Parent, *AST);
                  if (!isLong(Info))
                    return std::nullopt;
                  return utils::Site{&S, Info.Work};
                }) {}

void BlockingLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, MinIterationsOptionName, MinIterations);
  Options.store(Opts, ReportUnknownBoundsOptionName, ReportUnknownBounds);
  Options.store(Opts, MaxCallDepthOptionName, MaxCallDepth);
  Offloads.store(Options, Opts);
}

void BlockingLoopCheck::registerMatchers(MatchFinder *Finder) {
  utils::registerCoroutineMatchers(*Finder, this);
}

void BlockingLoopCheck::check(const MatchFinder::MatchResult &Result) {
  if (const FunctionDecl *Coroutine =
          utils::coroutineToCheck(Result, Offloads.model(), OffLoop)) {
    AST = Result.Context;
    checkCoroutine(*Coroutine, *Result.Context);
  }
}

BlockingLoopCheck::LoopInfo
BlockingLoopCheck::analyzeLoop(const Stmt *Loop, const Stmt *Parent,
                               ASTContext &Ctx) {
  if (auto It = Loops.find(Loop); It != Loops.end())
    return It->second;
  LoopInfo Info;
  Info.Trip = utils::tripCount(*Loop, Parent, Ctx);
  uint64_t InnerWork = 0;
  utils::forEachOwnChild(*Loop, [&](const Stmt &Child) {
    scanLoopPart(&Child, Loop, Info, InnerWork, Ctx);
    return true;
  });
  Info.Work = llvm::SaturatingMultiply(Info.Trip.value_or(1),
                                       std::max<uint64_t>(InnerWork, 1));
  Info.Cheap = Info.WorkingCalls == 0 && Info.TaskStarts == 0 && Info.NestedLoops == 0;
  if (!Info.Suspends)
    if (std::optional<utils::BusyWait> Wait = utils::busyWait(*Loop, Ctx)) {
      Info.BusyWait = true;
      Info.Spinning = Wait->Target;
    }
  // The map may have grown: insert only now.
  Loops[Loop] = Info;
  return Info;
}

void BlockingLoopCheck::scanLoopPart(const Stmt *S, const Stmt *Parent,
                                     LoopInfo &Info, uint64_t &InnerWork,
                                     ASTContext &Ctx) {
  if (!S)
    return;
  if (utils::isSuspensionPoint(*S))
    Info.Suspends = true;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    countCall(*Call, Info);
  if (isLoop(S)) {
    LoopInfo Inner = analyzeLoop(S, Parent, Ctx);
    ++Info.NestedLoops;
    Info.WorkingCalls += Inner.WorkingCalls;
    Info.TaskStarts += Inner.TaskStarts;
    Info.Suspends |= Inner.Suspends;
    InnerWork = llvm::SaturatingAdd(InnerWork, Inner.Work);
    Info.HasReportableInside |=
        isLong(Inner) || Inner.BusyWait || Inner.HasReportableInside;
    return;
  }
  // A nested lambda's co_awaits are its own: only its captures run here.
  utils::forEachOwnChild(*S, [&](const Stmt &Child) {
    scanLoopPart(&Child, S, Info, InnerWork, Ctx);
    return true;
  });
}

void BlockingLoopCheck::countCall(const CallExpr &Call, LoopInfo &Info) const {
  if (isa<CXXOperatorCallExpr>(Call) && !utils::calledObject(Call))
    return; // an operator: a subscript, arithmetic, an assignment
  if (Tasks.isTaskType(Call.getType()))
    return; // makes a task: the work is the task's, wherever it runs
  auto StartsTask = [&](const Expr *Arg) {
    Arg = utils::ignoreImplicitAndParens(Arg);
    if (!Arg)
      return false;
    if (Tasks.isTaskType(Arg->getType()))
      return true;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Arg))
      return utils::isCoroutine(Lambda->getCallOperator());
    return false;
  };
  if (Offloads.model().mayBeOffloadCall(Call) ||
      llvm::any_of(Call.arguments(), StartsTask))
    ++Info.TaskStarts;
  else
    ++Info.WorkingCalls;
}

void BlockingLoopCheck::checkCoroutine(const FunctionDecl &Coroutine,
                                       ASTContext &Ctx) {
  const CoroutineBodyStmt *Body = utils::getCoroutineBody(&Coroutine);
  if (!Body || !Body->getBody())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  const bool IsLambda = utils::isLambdaCallOperator(Coroutine);
  const FunctionDecl *Named = nameForReport(Coroutine);
  const utils::CoroLibrary Library = utils::libraryOfCoroutine(Coroutine);
  const std::string Advice = utils::advice(utils::Remedy::OffloadWork, Library);
  // A coroutine only ever started on a pool, or on the executor its caller
  // gives, may block its thread: asked at the first report, as it costs a
  // walk.
  std::optional<bool> OnLoop;
  auto RunsOnLoop = [&] {
    if (!OnLoop)
      OnLoop = !OffLoop.runsOffLoop(Coroutine, Offloads.model(), Ctx);
    return *OnLoop;
  };
  auto NoteCoroutine = [this, &Coroutine, IsLambda, Named] {
    diag(Coroutine.getLocation(),
         "%select{%1 is a coroutine|the lambda is a coroutine}0: everything "
         "it does between suspension points holds its thread",
         DiagnosticIDs::Note)
        << IsLambda << Named;
  };
  // What is inside a reported loop is not reported again.
  llvm::DenseSet<const Stmt *> Covered;
  auto Cover = [&](const Stmt *Loop, bool OnlyLoops) {
    llvm::SmallVector<const Stmt *, 32> Work{Loop};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      if (!OnlyLoops || isLoop(S))
        Covered.insert(S);
      llvm::append_range(Work, S->children());
    }
  };

  // Past a hop onto a pool (in source order), whether a statement may still
  // run on the loop is a flow question: a hop on one branch leaves the
  // other on the loop.
  bool PastHop = false;
  auto OnLoopHere = [&](const Stmt &S) {
    if (!PastHop)
      return true;
    const utils::CoroutineModel *Model = Models.get(Coroutine);
    const utils::OffloadModel &Offload = Offloads.model();
    return !Model || Model->flow([&Offload](const Expr &E) {
                             return Offload.isPoolHop(E);
                           }).mayRunOnLoop(S);
  };

  utils::forEachOwnStatementWithParent(
      *Body->getBody(), [&](const Stmt &S, const Stmt *Parent) {
    if (!Covered.empty() && Covered.contains(&S))
      return;
    if (const Expr *Operand = utils::awaitedOperand(S);
        Operand && Offloads.model().isPoolHop(*Operand))
      PastHop = true;
    if ((isLoop(&S) || isa<CallExpr>(S)) && !OnLoopHere(S))
      return;
    auto Loc = [&] { return SM.getExpansionLoc(S.getBeginLoc()); };
    if (isLoop(&S)) {
      LoopInfo Info = analyzeLoop(&S, Parent, Ctx);
      if (Info.Suspends)
        return;
      if ((isLong(Info) || Info.BusyWait ||
           (ReportUnknownBounds && !Info.Trip && !Info.HasReportableInside &&
            !Coroutine.isDependentContext())) &&
          !RunsOnLoop()) {
        Cover(&S, /*OnlyLoops=*/false);
        return;
      }
      const SourceLocation At = Loc();
      if (isLong(Info)) {
        proposeReport(At, Coroutine, QualType(), [=, Work = Info.Work] {
          diag(At, "loop of about %0 iterations without suspension blocks "
                   "%select{coroutine %2|a coroutine lambda}1; %3")
              << llvm::utostr(Work) << IsLambda << Named << Advice;
          NoteCoroutine();
        });
        Cover(&S, /*OnlyLoops=*/false);
      } else if (Info.BusyWait) {
        proposeReport(At, Coroutine, QualType(), [=, Spinning = Info.Spinning] {
          diag(At, "busy-wait loop without suspension blocks %select{coroutine "
                   "%1|a coroutine lambda}0%select{| while it spins on %3}2; %4")
              << IsLambda << Named << (Spinning != nullptr)
              << (Spinning ? Spinning->getDeclName() : DeclarationName())
              << utils::advice(utils::Remedy::StopPolling, Library);
          NoteCoroutine();
        });
        Cover(&S, /*OnlyLoops=*/false);
      } else if (ReportUnknownBounds && !Info.Trip &&
                 !Info.HasReportableInside && !Coroutine.isDependentContext()) {
        // (In a template the instances tell the bound.)
        proposeReport(At, Coroutine, QualType(), [=] {
          diag(At, "loop with a bound unknown at compile time and no "
                   "suspension point may block %select{coroutine %1|a "
                   "coroutine lambda}0; %2")
              << IsLambda << Named << Advice;
          NoteCoroutine();
        });
        // The calls inside are still looked at.
        Cover(&S, /*OnlyLoops=*/true);
      }
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(&S);
    const FunctionDecl *Callee =
        Call && MaxCallDepth > 0 && !utils::isBridgeCall(*Call, SM)
            ? Summaries.followedCallee(*Call, SM)
            : nullptr;
    std::optional<utils::Reach> Found =
        Callee ? Summaries.nearest(*Callee, SM) : std::nullopt;
    if (!Found || !RunsOnLoop())
      return;
    const SourceLocation At = Loc();
    const SourceLocation LoopAt = SM.getExpansionLoc(Found->At.S->getBeginLoc());
    proposeReport(At, Coroutine, QualType(),
                  [=, Value = Found->At.Value] {
      diag(At, "call to %0 runs a CPU-heavy loop inside %select{coroutine "
               "%2|a coroutine lambda}1; %3")
          << utils::calleeDecl(*Call)->getDeclName() << IsLambda << Named << Advice;
      diag(LoopAt, "loop of about %0 iterations is here", DiagnosticIDs::Note)
          << llvm::utostr(Value);
      NoteCoroutine();
    });
  });
}

} // namespace clang::tidy::coro
