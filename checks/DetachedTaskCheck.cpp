//===--- DetachedTaskCheck.cpp - coro-detached-task -----------------------===//

#include "DetachedTaskCheck.h"
#include "utils/Advice.h"
#include "utils/Coroutine.h"
#include "utils/Exceptions.h"
#include "utils/Expr.h"
#include "utils/Matchers.h"
#include "utils/OwnBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {
using Spawned = DetachedTaskCheck::Spawned;

namespace {

const char DetachedTokensOptionName[] = "DetachedTokens";
const char DetachingFunctionsOptionName[] = "DetachingFunctions";
const char DefaultDetachedTokens[] = "::asio::detached;::boost::asio::detached";
// libcoro's spawn_detached runs the task in a self-deleting frame whose
// unhandled_exception() ignores the exception.
const char DefaultDetachingFunctions[] =
    "::coro::thread_pool::spawn_detached;::coro::scheduler::spawn_detached";

using utils::lambdaOf;

bool isExceptionPtr(QualType T) {
  const CXXRecordDecl *Record =
      T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->getIdentifier() || Record->getName() != "exception_ptr")
    return false;
  // libstdc++ declares it in std::__exception_ptr.
  for (const DeclContext *DC = Record->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

/// The expression \p F returns when its whole written body is one
/// `return` statement (`[self] { return self->reader(); }`), else null.
const Expr *soleReturnValue(const FunctionDecl &F) {
  const FunctionDecl *Definition = nullptr;
  if (!F.hasBody(Definition) || utils::isCoroutine(Definition))
    return nullptr;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Definition->getBody());
  if (!Body || Body->size() != 1)
    return nullptr;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  return Return ? Return->getRetValue() : nullptr;
}

/// The coroutine that an argument of task type, or a callable returning
/// one, starts: a coroutine call, a coroutine lambda (called in place or
/// not), a local variable holding either; through a function or lambda
/// that only returns another call's task, the coroutine that call makes.
/// \p IsCoroutine is false when the argument is no task at all; the result
/// stays Unknown when the coroutine cannot be told.
Spawned resolveSpawned(const Expr *Arg, const utils::TaskTypeClassifier &Tasks,
                       bool &IsCoroutine, unsigned Depth = 0) {
  IsCoroutine = false;
  Arg = utils::ignoreCopiesAndMoves(Arg);
  if (!Arg || Depth > 4)
    return {};
  auto IsTask = [&](QualType T) { return Tasks.classify(T).IsTask; };
  // What a function (or a lambda's call operator) returning a task runs.
  auto Through = [&](const FunctionDecl &F, Spawned::Kind How,
                     const VarDecl *Holder = nullptr) -> Spawned {
    if (utils::isCoroutine(&F) || !F.hasBody())
      return {Holder ? Spawned::HeldLambda : How, &F, Holder};
    if (const Expr *Returned = soleReturnValue(F)) {
      bool Inner = false;
      const Spawned S = resolveSpawned(Returned, Tasks, Inner, Depth + 1);
      if (Inner)
        return S;
    }
    return {};
  };
  // The variable a callable argument names, if it holds a lambda.
  auto HolderOf = [](const Expr *E) -> const VarDecl * {
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(utils::ignoreCopiesAndMoves(E)))
      return dyn_cast<VarDecl>(Ref->getDecl());
    return nullptr;
  };
  if (const LambdaExpr *Lambda = lambdaOf(Arg)) {
    // The function-object form: co_spawn(ex, [..]() -> awaitable<T> {..}).
    const CXXMethodDecl *Operator = Lambda->getCallOperator();
    if (!Operator || !IsTask(Operator->getReturnType()))
      return {};
    IsCoroutine = true;
    return Through(*Operator, Spawned::Lambda, HolderOf(Arg));
  }
  if (!IsTask(Arg->getType()))
    return {};
  IsCoroutine = true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && Var->getInit())
      Arg = utils::ignoreCopiesAndMoves(Var->getInit());
  const auto *Made = dyn_cast<CallExpr>(Arg);
  if (!Made)
    return {};
  if (const LambdaExpr *Lambda = utils::lambdaCalledInPlace(*Made))
    return Through(*Lambda->getCallOperator(), Spawned::Lambda);
  if (const FunctionDecl *Callee = Made->getDirectCallee()) {
    // A lambda called through the variable that holds it: still a lambda.
    const bool IsLambda = utils::isLambdaCallOperator(*Callee);
    const Spawned S =
        Through(*Callee, IsLambda ? Spawned::Lambda : Spawned::Named,
                IsLambda ? HolderOf(utils::calledObject(*Made)) : nullptr);
    if (S.Function || utils::isCoroutine(Callee))
      return S;
    // A wrapper that puts a task on an executor (folly's
    // co_withExecutor(ex, task), scheduleOn): the task it is given.
    for (const Expr *Inner : Made->arguments()) {
      bool InnerIsTask = false;
      const Spawned T = resolveSpawned(Inner, Tasks, InnerIsTask, Depth + 1);
      if (InnerIsTask)
        return T;
    }
  }
  return {};
}

} // namespace

DetachedTaskCheck::DetachedTaskCheck(StringRef Name, ClangTidyContext *Context)
    : CoroCheck(Name, Context),
      DetachedTokens(utils::listOption(Options, DetachedTokensOptionName, DefaultDetachedTokens)),
      DetachingFunctions(
          utils::listOption(Options, DetachingFunctionsOptionName, DefaultDetachingFunctions)),
      Tasks(Options), Tokens(utils::parseNameList(DetachedTokens)),
      Detaching(utils::parseNameList(DetachingFunctions)) {
  // co_spawn takes a completion handler; a start() callback receives a Try.
  WorkNames = {"co_spawn", "Try"};
  for (const std::string &List : {DetachedTokens, DetachingFunctions})
    for (const std::string &Name : utils::parseNameList(List)) {
      auto [Scope, Last] = llvm::StringRef(Name).rsplit("::");
      WorkNames.push_back((Last.empty() ? Scope : Last).str());
    }
}

bool DetachedTaskCheck::hasWork(ASTContext &Ctx) {
  // A translation unit that never spells a token, a detaching function,
  // co_spawn or Try cannot start a coroutine in a way this check reports:
  // its function bodies are not walked (what the walk costs matters on a
  // large file).
  if (!WorkKnown) {
    WorkKnown = true;
    HasWork = llvm::any_of(WorkNames, [&](const std::string &Name) {
      return Ctx.Idents.find(Name) != Ctx.Idents.end();
    });
  }
  return HasWork;
}

void DetachedTaskCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, DetachedTokensOptionName, DetachedTokens);
  Options.store(Opts, DetachingFunctionsOptionName, DetachingFunctions);
  Tasks.store(Options, Opts);
}

void DetachedTaskCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(utils::isUserDefinitionWithBody()).bind("function"), this);
}

void DetachedTaskCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!hasWork(*Result.Context) || utils::cannotReportOn(*Function))
    return;
  const Stmt *Body = utils::writtenBody(*Function);
  if (!Body)
    return;
  auto Walk = [&](auto &Self, const Stmt &S) -> bool {
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      checkCall(*Call, *Function, *Result.Context);
    return utils::forEachOwnChild(
        S, [&](const Stmt &Child) { return Self(Self, Child); });
  };
  Walk(Walk, *Body);
}

const NamedDecl *DetachedTaskCheck::detachedToken(const Expr &E,
                                                   ASTContext &Ctx) {
  const Expr *Arg = utils::ignoreCopiesAndMoves(&E);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg))
    if (const NamedDecl *D = Ref->getDecl();
        D->getIdentifier() && Tokens.mayEndIn(D->getName()) && Tokens.contains(D))
      return D;
  // A token that arrives as a parameter (a library's co_spawn overload
  // forwarding it) was chosen by the caller: reported there.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg); Ref && isa<ParmVarDecl>(Ref->getDecl()))
    return nullptr;
  const CXXRecordDecl *Record = Arg->getType()->getAsCXXRecordDecl();
  if (!Record)
    return nullptr;
  if (!TokenTypesFound) {
    // A token written as a value of its class (`asio::detached_t()`) or
    // copied into a variable: the classes of the listed token objects.
    TokenTypesFound = true;
    for (const std::string &Name : utils::parseNameList(DetachedTokens)) {
      const DeclContext *Scope = Ctx.getTranslationUnitDecl();
      llvm::StringRef Rest = Name;
      const NamedDecl *Found = nullptr;
      while (Scope && !Rest.empty()) {
        auto [Head, Tail] = Rest.split("::");
        Found = nullptr;
        for (const NamedDecl *D : Scope->lookup(&Ctx.Idents.get(Head)))
          Found = D;
        Rest = Tail;
        Scope = dyn_cast_or_null<DeclContext>(Found);
      }
      if (!Found || !Rest.empty())
        continue;
      if (const auto *Var = dyn_cast<VarDecl>(Found))
        if (const CXXRecordDecl *Type = Var->getType()->getAsCXXRecordDecl())
          TokenTypes[Type->getCanonicalDecl()] = Var;
      if (const auto *Type = dyn_cast<CXXRecordDecl>(Found))
        TokenTypes[Type->getCanonicalDecl()] = Type;
    }
  }
  return TokenTypes.lookup(Record->getCanonicalDecl());
}

void DetachedTaskCheck::checkCall(const CallExpr &Call,
                                  const FunctionDecl &Enclosing,
                                  ASTContext &Ctx) {
  if (Call.getNumArgs() == 0 || Call.containsErrors() ||
      Call.isTypeDependent())
    return;
  const utils::TaskTypeClassifier &Classifier = Tasks.classifier();
  auto IsTask = [&](QualType T) { return Classifier.classify(T).IsTask; };
  auto FirstCoroutine = [&](unsigned End, Spawned &Found) {
    for (unsigned I = 0; I < End; ++I) {
      bool IsCoroutine = false;
      Found = resolveSpawned(Call.getArg(I), Classifier, IsCoroutine);
      if (IsCoroutine)
        return true;
    }
    return false;
  };

  Loss How;
  Spawned Coroutine;
  const NamedDecl *Culprit = nullptr; // the token, function or method named
  const ParmVarDecl *Ignored = nullptr;
  utils::CoroLibrary Library = utils::CoroLibrary::Unknown;
  SourceLocation Loc = Call.getBeginLoc();
  // The last argument written: asio's overloads end in defaulted
  // constraint parameters.
  unsigned Written = Call.getNumArgs();
  while (Written > 0 && isa<CXXDefaultArgExpr>(Call.getArg(Written - 1)))
    --Written;
  if (Written == 0)
    return;
  const unsigned Last = Written - 1;
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const FunctionDecl *Callee = Call.getDirectCallee();

  if (const NamedDecl *Token = detachedToken(*Call.getArg(Last), Ctx)) {
    if (!FirstCoroutine(Last, Coroutine))
      return;
    How = Loss::Token;
    Culprit = Token;
    Library = utils::libraryOf(Token);
  } else if (const LambdaExpr *Handler = lambdaOf(Call.getArg(Last));
             Handler && Handler->getCallOperator()->getNumParams() > 0 &&
             isExceptionPtr(Handler->getCallOperator()->getParamDecl(0)->getType())) {
    Ignored = Handler->getCallOperator()->getParamDecl(0);
    if (!utils::isIgnored(*Ignored) || !FirstCoroutine(Last, Coroutine))
      return;
    How = Loss::IgnoringHandler;
  } else if (Callee && Callee->getIdentifier() &&
             Detaching.mayEndIn(Callee->getName()) && Detaching.contains(Callee)) {
    if (!FirstCoroutine(Written, Coroutine))
      return;
    How = Loss::Function;
    Culprit = Callee;
    Library = utils::libraryOf(Callee);
  } else if (Member && Callee && Callee->getIdentifier() &&
             Callee->getName() == "start" &&
             IsTask(Member->getImplicitObjectArgument()->getType())) {
    // `std::move(lazy).start(callback)`, also after `.via(ex)`: the
    // callback receives the result or the exception.
    const LambdaExpr *Callback = lambdaOf(Call.getArg(0));
    if (!Callback || Callback->getCallOperator()->getNumParams() == 0)
      return;
    Ignored = Callback->getCallOperator()->getParamDecl(0);
    if (!utils::isIgnored(*Ignored))
      return;
    const Expr *Object = utils::ignoreCopiesAndMoves(Member->getImplicitObjectArgument());
    while (const auto *Step = dyn_cast<CXXMemberCallExpr>(Object)) {
      const Expr *Inner = Step->getImplicitObjectArgument();
      if (!Inner || !IsTask(Inner->getType()))
        break;
      Object = utils::ignoreCopiesAndMoves(Inner);
    }
    bool IsCoroutine = false;
    Coroutine = resolveSpawned(Object, Classifier, IsCoroutine);
    How = Loss::IgnoringCallback;
    Culprit = Callee;
    Library = utils::libraryOf(Member->getImplicitObjectArgument()->getType());
    if (const auto *ME = dyn_cast<MemberExpr>(Member->getCallee()))
      Loc = ME->getMemberLoc();
  } else {
    return;
  }

  if (Coroutine.Function && !utils::letsExceptionsEscape(*Coroutine.Function))
    return;
  if (Library == utils::CoroLibrary::Unknown && Coroutine.Function)
    Library = utils::libraryOfCoroutine(*Coroutine.Function);

  const SourceManager &SM = Ctx.getSourceManager();
  Loc = SM.getExpansionLoc(Loc);
  proposeReport(Loc, Enclosing, QualType(), [=] {
    report(Loc, How, Coroutine, Culprit, Ignored, Library);
  });
}

void DetachedTaskCheck::report(SourceLocation Loc, Loss How,
                               const Spawned &Coroutine, const NamedDecl *Culprit,
                               const ParmVarDecl *Ignored,
                               utils::CoroLibrary Library) {
  const DeclarationName Name =
      Coroutine.How == Spawned::Named
          ? nameForReport(*Coroutine.Function)->getDeclName()
      : Coroutine.How == Spawned::HeldLambda ? Coroutine.Holder->getDeclName()
                                             : DeclarationName();
  const std::string Advice = utils::advice(utils::Remedy::Supervise, Library);
  // How each message names the coroutine (%0 selects, %1 is the name).
#define COROUTINE "%select{coroutine %1|the coroutine lambda|the coroutine|coroutine lambda %1}0"
  static constexpr const char *Messages[] = {
      COROUTINE " is started with %q2, which drops its exception; %3",
      "the completion handler ignores the exception of " COROUTINE "; %3",
      "%q2 drops the exception of " COROUTINE "; %3",
      "the callback of %2 ignores the result and the exception of " COROUTINE
      "; %3",
  };
#undef COROUTINE
  {
    DiagnosticBuilder Diag = diag(Loc, Messages[static_cast<unsigned>(How)])
                             << static_cast<int>(Coroutine.How) << Name;
    if (const auto *Function = dyn_cast_or_null<FunctionDecl>(Culprit))
      Diag << nameForReport(*Function);
    else if (Culprit)
      Diag << Culprit;
    else
      Diag << "";
    Diag << Advice;
  }
  if (Ignored && Ignored->getLocation().isValid())
    diag(Ignored->getIdentifier() ? Ignored->getLocation() : Ignored->getBeginLoc(),
         "%select{the error arrives here, unnamed|the error arrives in %1, "
         "never read}0",
         DiagnosticIDs::Note)
        << (Ignored->getIdentifier() != nullptr) << Ignored;
  if (!Coroutine.Function)
    return;
  const FunctionDecl *Shown = nameForReport(*Coroutine.Function);
  const FunctionDecl *Definition = nullptr;
  const bool Visible = Shown->hasBody(Definition);
  const SourceLocation NoteLoc = Visible ? Definition->getLocation()
                                         : Shown->getLocation();
  if (NoteLoc.isValid())
    diag(NoteLoc,
         "%select{%1|the coroutine lambda}0 "
         "%select{is declared here; its definition is not in this file|lets "
         "exceptions escape: its body is not inside a try that catches "
         "everything}2",
         DiagnosticIDs::Note)
        << static_cast<int>(Coroutine.How == Spawned::Lambda ||
                            Coroutine.How == Spawned::Unknown)
        << Name << Visible;
}

} // namespace clang::tidy::coro
