//===--- DanglingReferenceCheck.cpp - coro-dangling-reference -------------===//

#include "DanglingReferenceCheck.h"
#include "utils/Coroutine.h"
#include "utils/CoroutineModel.h"
#include "utils/Escape.h"
#include "utils/Expr.h"
#include "utils/Matchers.h"
#include "utils/OwnBody.h"
#include "utils/Waits.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {
namespace {

const char ViewTypesOptionName[] = "ViewTypes";
const char SynchronousFunctionsOptionName[] = "SynchronousFunctions";
const char DefaultViewTypes[] = "::std::basic_string_view;::std::span";
/// What the task of a coroutine call refers to that may die before it.
struct Danger {
  enum Kind {
    TemporaryLambda, // [x]() -> task<> {...}(): the closure is a temporary
    LocalLambda,     // l() with l a local lambda of the enclosing function
    TemporaryArgument, // a temporary bound to a reference or view parameter
    LocalArgument,   // a local of the enclosing function, by reference
  } What;
  SourceLocation Loc;
  const LambdaExpr *Lambda = nullptr;
  const VarDecl *Local = nullptr;
  const ParmVarDecl *Param = nullptr;
  bool View = false;
};

bool capturesSomething(const LambdaExpr &Lambda) {
  return Lambda.capture_size() > 0;
}

/// A capturing lambda whose call operator is a coroutine.
bool isCapturingCoroutineLambda(const LambdaExpr *Lambda) {
  return Lambda && capturesSomething(*Lambda) &&
         utils::isCoroutine(Lambda->getCallOperator());
}

/// \p E without implicit casts and parentheses (not temporaries, which
/// IgnoreParenImpCasts would strip too).
const Expr *ignoreCasts(const Expr *E) {
  while (E) {
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Paren = dyn_cast<ParenExpr>(E))
      E = Paren->getSubExpr();
    else
      break;
  }
  return E;
}

/// The temporary whose life a view made by \p Arg depends on: a
/// materialised temporary of class or array type inside the conversion
/// (`std::string_view` from `std::string("x")` or from `make_name()`).
bool viewOfTemporary(const Expr *Arg, QualType View) {
  llvm::SmallVector<const Stmt *, 8> Work{Arg};
  unsigned Budget = 32;
  while (!Work.empty() && Budget-- > 0) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(S)) {
      const QualType T = Temporary->getType();
      if ((T->isRecordType() || T->isArrayType()) &&
          T.getCanonicalType().getUnqualifiedType() !=
              View.getCanonicalType().getUnqualifiedType())
        return true;
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return false;
}

/// The local variable (or by-value parameter) of \p Enclosing that \p Arg
/// names, directly or as what a view is made from. Not a local that only
/// refers to something else (a reference, a pointer, a view: \p IsView):
/// what it refers to is the caller's.
const VarDecl *localOf(const Expr *Arg, const FunctionDecl &Enclosing,
                       llvm::function_ref<bool(QualType)> IsView) {
  for (unsigned Depth = 0; Arg && Depth < 4; ++Depth) {
    Arg = ignoreCasts(Arg);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (!Var || !Var->hasLocalStorage() || Var->getDeclContext() != &Enclosing)
        return nullptr;
      const QualType T = Var->getType();
      if (T->isReferenceType() || T->isPointerType() || IsView(T))
        return nullptr;
      return Var;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg);
        Construct && Construct->getNumArgs() >= 1)
      Arg = Construct->getArg(0);
    else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Arg);
             Member && isa<CXXConversionDecl>(Member->getMethodDecl()))
      Arg = Member->getImplicitObjectArgument();
    else
      return nullptr;
  }
  return nullptr;
}

} // namespace

/// Visits the calls of one function's own body with the statements above
/// them.
class CoroutineCallFinder : public utils::OwnBodyVisitor<CoroutineCallFinder> {
public:
  CoroutineCallFinder(DanglingReferenceCheck &Check, const FunctionDecl &Function,
                      ASTContext &Ctx)
      : Check(Check), Function(Function), Ctx(Ctx) {}
  bool VisitCallExpr(CallExpr *Call) {
    Check.checkCall(*Call, stack(), Function, Ctx);
    return true;
  }

private:
  DanglingReferenceCheck &Check;
  const FunctionDecl &Function;
  ASTContext &Ctx;
};

DanglingReferenceCheck::DanglingReferenceCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : CoroCheck(Name, Context),
      ViewTypes(utils::listOption(Options, ViewTypesOptionName, DefaultViewTypes)),
      SynchronousFunctions(utils::listOption(Options, SynchronousFunctionsOptionName,
                                             utils::SynchronousRunnerNames)),
      Tasks(Options), Views(utils::parseNameList(ViewTypes)),
      Runners(utils::parseNameList(SynchronousFunctions)),
      Waits(utils::parseNameList(utils::WaitingFunctionNames)) {}

void DanglingReferenceCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, ViewTypesOptionName, ViewTypes);
  Options.store(Opts, SynchronousFunctionsOptionName, SynchronousFunctions);
  Tasks.store(Options, Opts);
}

void DanglingReferenceCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(utils::isUserDefinitionWithBody()).bind("function"), this);
}

void DanglingReferenceCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (utils::cannotReportOn(*Function))
    return;
  Functions.push_back(Function);
  Context = Result.Context;
  MayDangle = MayDangle || mayDangle(*Function);
}

namespace {
/// Finds a declaration, without a body, of a user function that returns a
/// task and takes a reference or view parameter (a coroutine defined in
/// another file). Function bodies and system headers are not entered.
class DeclaredCoroutineFinder
    : public RecursiveASTVisitor<DeclaredCoroutineFinder> {
  using Base = RecursiveASTVisitor<DeclaredCoroutineFinder>;

public:
  DeclaredCoroutineFinder(const SourceManager &SM,
                          llvm::function_ref<bool(const FunctionDecl &)> Matches)
      : SM(SM), Matches(Matches) {}
  bool Found = false;

  bool TraverseStmt(Stmt *) { return true; }
  bool TraverseDecl(Decl *D) {
    if (!D || Found)
      return !Found;
    if (utils::isSystemDeclAtFileScope(*D, SM))
      return true;
    return Base::TraverseDecl(D);
  }
  bool VisitFunctionDecl(FunctionDecl *F) {
    if (!F->doesThisDeclarationHaveABody() && Matches(*F))
      Found = true;
    return !Found;
  }

private:
  const SourceManager &SM;
  llvm::function_ref<bool(const FunctionDecl &)> Matches;
};
} // namespace

void DanglingReferenceCheck::onEndOfTranslationUnit() {
  if (Context && !MayDangle) {
    const utils::TaskTypeClassifier &Classifier = Tasks.classifier();
    auto Matches = [&](const FunctionDecl &F) {
      const utils::TaskTypeInfo Info = Classifier.classify(F.getReturnType());
      return Info.IsTask && !Info.IsEager && mayDangle(F);
    };
    DeclaredCoroutineFinder Finder(Context->getSourceManager(), Matches);
    Finder.TraverseDecl(Context->getTranslationUnitDecl());
    MayDangle = Finder.Found;
  }
  if (MayDangle)
    for (const FunctionDecl *Function : Functions)
      if (const Stmt *Body = utils::writtenBody(*Function))
        CoroutineCallFinder(*this, *Function, *Context).walk(*Body);
  Functions.clear();
  flushReports();
}

bool DanglingReferenceCheck::mayDangle(const FunctionDecl &F) const {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&F);
      Method && Method->getParent()->isLambda() &&
      Method->getParent()->capture_size() > 0 && utils::isCoroutine(&F))
    return true;
  // A declaration (no body) is asked only when it returns a lazy task.
  if (F.doesThisDeclarationHaveABody() && !utils::isCoroutine(&F))
    return false;
  return llvm::any_of(F.parameters(), [&](const ParmVarDecl *Param) {
    const QualType T = Param->getType();
    return T->isReferenceType() || isView(T);
  });
}

bool DanglingReferenceCheck::isRunner(const CallExpr &Call) {
  if (isListedRunner(Call))
    return true;
  // The task's own blocking wait: `read(std::string(p)).get()` on an eager
  // result or future (concurrencpp's result, folly's SemiFuture) returns once
  // the coroutine is done.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const Expr *Object = Member->getImplicitObjectArgument();
    if (Method && Method->getIdentifier() && Object &&
        llvm::is_contained({llvm::StringRef("get"), llvm::StringRef("wait"),
                            llvm::StringRef("join")},
                           Method->getName()) &&
        Tasks.classifier().isTaskType(Object->getType()))
      return true;
  }
  // A function of this file that waits before it returns (a test's local
  // `run(task)` that starts the task and waits on a promise).
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return false;
  Callee = Callee->getCanonicalDecl();
  auto [It, Inserted] = Waiting.try_emplace(Callee, false);
  if (Inserted)
    It->second = utils::waitsBeforeReturning(
        *Callee, Waits, [this](const CallExpr &C) { return isListedRunner(C); });
  return It->second;
}

bool DanglingReferenceCheck::isListedRunner(const CallExpr &Call) const {
  return utils::callsRunner(Call, Runners);
}

bool DanglingReferenceCheck::isView(QualType T) const {
  const CXXRecordDecl *Record = T.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && Record->getIdentifier() &&
         Views.mayEndIn(Record->getName()) && Views.contains(Record);
}

void DanglingReferenceCheck::checkCall(const CallExpr &Call,
                                       llvm::ArrayRef<const Stmt *> Chain,
                                       const FunctionDecl &Enclosing,
                                       ASTContext &Ctx) {
  if (Call.containsErrors() || Call.isTypeDependent() ||
      Call.isValueDependent())
    return;
  const utils::TaskTypeClassifier &Classifier = Tasks.classifier();
  const utils::TaskTypeInfo Info = Classifier.classify(Call.getType());
  if (!Info.IsTask || !utils::isCoroutineCall(Call, Classifier))
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::SmallVector<Danger, 2> Dangers;

  // The lambda the coroutine is the call operator of.
  if (const Expr *Object = utils::calledObject(Call)) {
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Object)) {
      if (isCapturingCoroutineLambda(Lambda))
        Dangers.push_back({Danger::TemporaryLambda,
                           Lambda->getIntroducerRange().getBegin(), Lambda});
    } else if (const auto *Ref = dyn_cast<DeclRefExpr>(Object)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
          !Var->getType()->isReferenceType() &&
          Var->getDeclContext() == &Enclosing && Var->getInit())
        if (const auto *Lambda = dyn_cast<LambdaExpr>(
                utils::ignoreImplicitAndParens(Var->getInit()));
            isCapturingCoroutineLambda(Lambda))
          Dangers.push_back({Danger::LocalLambda,
                             Lambda->getIntroducerRange().getBegin(), Lambda,
                             Var});
    }
  }

  // Reference and view parameters.
  if (const FunctionDecl *Callee = Call.getDirectCallee()) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
    const unsigned Shift = isa<CXXOperatorCallExpr>(Call) && Method &&
                                   Method->isInstance()
                               ? 1
                               : 0;
    for (unsigned I = 0; I < Callee->getNumParams() && I + Shift < Call.getNumArgs();
         ++I) {
      const ParmVarDecl *Param = Callee->getParamDecl(I);
      const Expr *Arg = Call.getArg(I + Shift);
      if (isa<CXXDefaultArgExpr>(Arg))
        continue;
      const QualType T = Param->getType();
      const bool View = !T->isReferenceType() && isView(T);
      if (!T->isReferenceType() && !View)
        continue;
      // An rvalue reference of a function defined elsewhere is a sink: it
      // is moved from before the function returns (libcoro's
      // spawn_joinable(task&&) moves the task into a group).
      if (T->isRValueReferenceType() && !Callee->hasBody())
        continue;
      const bool Temporary = View ? viewOfTemporary(Arg, T)
                                  : isa<MaterializeTemporaryExpr>(ignoreCasts(Arg));
      if (Temporary)
        Dangers.push_back({Danger::TemporaryArgument, Arg->getBeginLoc(), nullptr,
                           nullptr, Param, View});
      else if (const VarDecl *Local = localOf(
                   Arg, Enclosing, [this](QualType T) { return isView(T); }))
        Dangers.push_back({Danger::LocalArgument, Arg->getBeginLoc(), nullptr,
                           Local, Param, View});
    }
  }
  // What the coroutine does with what it refers to (utils/CoroutineModel.h):
  // an eager one reads it up to its first suspension while the caller's
  // objects are alive, and one that cannot suspend finishes inside the call;
  // a lazy one starts after the full-expression, so any use counts.
  const FunctionDecl *Callee = Call.getDirectCallee();
  const utils::CoroutineModel *Model = Callee ? Models.get(*Callee) : nullptr;
  if (Model) {
    const bool Eager = Model->isEager();
    const FunctionDecl &Own = Model->function();
    llvm::erase_if(Dangers, [&](const Danger &D) {
      if (!D.Param)
        return Eager && !Model->usesCapturesAfterSuspension();
      const unsigned Index = D.Param->getFunctionScopeIndex();
      if (Index >= Own.getNumParams())
        return false;
      const ParmVarDecl &Param = *Own.getParamDecl(Index);
      return Eager ? !Model->usesAfterSuspension(Param) : !Model->uses(Param);
    });
  }
  if (Dangers.empty())
    return;

  const utils::TaskFate Fate = utils::fateInFullExpression(
      Chain, [this](const CallExpr &C) { return isRunner(C); });
  using utils::TaskFate;
  // A dropped task that starts on its own runs on, unless its destructor
  // destroys the frame.
  const bool OnItsOwn =
      Model ? Model->startsOnItsOwn() : Info.IsEager || Info.IsScheduled;
  const bool RunsOnWhenDropped =
      OnItsOwn &&
      Classifier.dropEffect(Call.getType()) != utils::DropEffect::DestroysFrame;
  // Past the end of the full-expression: its temporaries are gone.
  const bool OutlivesStatement =
      Fate.What == TaskFate::Stored || Fate.What == TaskFate::Returned ||
      Fate.What == TaskFate::HandedOn ||
      (Fate.What == TaskFate::Dropped && RunsOnWhenDropped);
  // Past the return of the enclosing function: its locals are gone.
  const bool StoredBeyond = Fate.What == TaskFate::Stored && Fate.Target &&
                            utils::outlivesFunction(*Fate.Target);
  const bool OutlivesFunction =
      (Fate.What == TaskFate::Returned || StoredBeyond) &&
      !utils::isCoroutine(&Enclosing);
  const NamedDecl *CoroutineName =
      Callee ? static_cast<const NamedDecl *>(nameForReport(*Callee)) : nullptr;

  for (const Danger &D : Dangers) {
    const bool Local =
        D.What == Danger::LocalLambda || D.What == Danger::LocalArgument;
    if (Local ? !OutlivesFunction : !OutlivesStatement)
      continue;
    const SourceLocation Loc = SM.getExpansionLoc(D.Loc);
    proposeReport(Loc, Enclosing, QualType(), [=, &Enclosing, &SM] {
      switch (D.What) {
      case Danger::TemporaryLambda:
        diag(Loc, "the captures of a lambda coroutine called on a temporary "
                  "dangle once the full-expression ends, while its task lives "
                  "on; pass them as parameters or co_await the task in the "
                  "same expression");
        break;
      case Danger::LocalLambda:
        diag(Loc, "the captures of lambda coroutine %0 dangle once %1 "
                  "returns, while the task outlives it; pass them as "
                  "parameters")
            << D.Local << nameForReport(Enclosing);
        break;
      case Danger::TemporaryArgument:
        diag(Loc, "temporary bound to %select{reference|view}0 parameter %1 of "
                  "coroutine %2 is destroyed at the end of the full-expression, "
                  "before the task is done; pass it by value or co_await the "
                  "task in the same expression")
            << D.View << D.Param << CoroutineName;
        break;
      case Danger::LocalArgument:
        diag(Loc, "%select{reference|view}0 parameter %1 of coroutine %2 "
                  "refers to %3, a local of %4, which %select{returns the "
                  "task|stores the task where it outlives %4}5; pass it by "
                  "value")
            << D.View << D.Param << CoroutineName << D.Local
            << nameForReport(Enclosing) << StoredBeyond;
        break;
      }
      if (D.Param)
        diag(D.Param->getLocation(), "%0 declared here", DiagnosticIDs::Note)
            << D.Param;
      const SourceLocation Where =
          Fate.Where ? SM.getExpansionLoc(Fate.Where->getBeginLoc())
                     : SourceLocation();
      if (Where.isValid()) {
        int Kind = 0;
        switch (Fate.What) {
        case TaskFate::Stored:
          Kind = Fate.Into ? 0 : 1;
          break;
        case TaskFate::Returned:
          Kind = 2;
          break;
        case TaskFate::HandedOn:
          Kind = Fate.Into ? 3 : 4;
          break;
        default:
          Kind = 5;
          break;
        }
        diag(Where, "the task %select{is stored in %1|is stored|is "
                    "returned|is handed to %1|is handed on|runs on after the "
                    "statement}0 here",
             DiagnosticIDs::Note)
            << Kind
            << (isa_and_nonnull<FunctionDecl>(Fate.Into)
                    ? nameForReport(*cast<FunctionDecl>(Fate.Into))
                    : Fate.Into);
      }
    });
  }
}

} // namespace clang::tidy::coro
