//===--- PoolPerCallCheck.cpp - coro-pool-per-call ------------------------===//

#include "PoolPerCallCheck.h"
#include "utils/Ancestors.h"
#include "utils/Coroutine.h"
#include "utils/Escape.h"
#include "utils/Expr.h"
#include "utils/Instantiation.h"
#include "utils/Matchers.h"
#include "utils/OwnBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {
namespace {

const char AllowedFunctionsOptionName[] = "AllowedFunctions";

/// The pool type that \p Call creates, or a null type: the first template
/// argument of `std::make_unique`, `std::make_shared`, `std::allocate_shared`
/// (and their `_for_overwrite` forms), or the class of a pool's own static
/// `make_unique`/`make_shared` factory (libcoro's `coro::thread_pool`).
QualType poolCreatedBy(const CallExpr &Call,
                       const utils::PoolTypeClassifier &Classifier,
                       const ASTContext &Ctx) {
  const FunctionDecl *FD = Call.getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return {};
  const llvm::StringRef Name = FD->getName();
  if (!Name.starts_with("make_") && !Name.starts_with("allocate_"))
    return {};
  if (const auto *Method = dyn_cast<CXXMethodDecl>(FD)) {
    if (Method->isStatic() && (Name == "make_unique" || Name == "make_shared") &&
        Classifier.isPoolRecord(Method->getParent()))
      return Ctx.getRecordType(Method->getParent());
    return {};
  }
  if (!utils::isStdFunction(FD, {"make_unique", "make_shared", "allocate_shared",
                          "make_unique_for_overwrite", "make_shared_for_overwrite",
                          "allocate_shared_for_overwrite"}))
    return {};
  QualType Created;
  // The type as written at the call, for the message; else as deduced.
  if (const auto *Ref =
          dyn_cast<DeclRefExpr>(Call.getCallee()->IgnoreParenImpCasts());
      Ref && Ref->getNumTemplateArgs() > 0 &&
      Ref->getTemplateArgs()[0].getArgument().getKind() == TemplateArgument::Type)
    Created = Ref->getTemplateArgs()[0].getArgument().getAsType();
  else if (const TemplateArgumentList *Args = FD->getTemplateSpecializationArgs();
           Args && Args->size() > 0 &&
           (*Args)[0].getKind() == TemplateArgument::Type)
    Created = (*Args)[0].getAsType();
  if (Created.isNull() || !Classifier.isPoolType(Ctx.getBaseElementType(Created)))
    return {};
  return Created;
}

/// A local variable (not a parameter) whose type is a pool or an array of
/// pools.
bool isLocalPool(const Decl *D, const utils::PoolTypeClassifier &Classifier,
                 const ASTContext &Ctx) {
  const auto *Var = dyn_cast_or_null<VarDecl>(D);
  return Var && !isa<ParmVarDecl>(Var) && !Var->isImplicit() &&
         Var->hasLocalStorage() && !Var->isInitCapture() &&
         Classifier.isPoolType(Ctx.getBaseElementType(Var->getType()));
}

/// `new Pool(...)` or `new Pool[n]`, but not a placement new into storage
/// somebody else owns.
bool allocatesPool(const CXXNewExpr &New,
                   const utils::PoolTypeClassifier &Classifier,
                   const ASTContext &Ctx) {
  if (New.getNumPlacementArgs() > 0 &&
      New.getPlacementArg(0)->getType()->isPointerType())
    return false;
  return Classifier.isPoolType(Ctx.getBaseElementType(New.getAllocatedType()));
}

/// A pool constructed as a temporary (`Pool(4).join()`, or bound to a local
/// reference), not one a call returned.
bool isPoolTemporary(const MaterializeTemporaryExpr &Temporary,
                     const utils::PoolTypeClassifier &Classifier) {
  if (Temporary.getStorageDuration() == SD_Static ||
      Temporary.getStorageDuration() == SD_Thread ||
      !Classifier.isPoolType(Temporary.getType()))
    return false;
  const Expr *Sub = utils::ignoreImplicitAndParens(Temporary.getSubExpr());
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Sub))
    Sub = utils::ignoreImplicitAndParens(Cast->getSubExpr());
  return isa<CXXConstructExpr>(Sub);
}

/// Finds, in the code of one function, what may build a pool: local pool
/// variables, `new`, `make_*` calls and temporaries of pool type. The match
/// finder hands the check every function of the user's code, and the check
/// walks each once: one matcher on functions instead of matchers on every
/// call, variable and temporary of the translation unit, system headers
/// included (each costs a dispatch per node).
///
/// It walks the code written in the function: its parameters with their
/// default arguments, its constructor initialisers and its body; not the
/// code the compiler adds (a default member initialiser that a constructor
/// uses keeps its pool in the object: not a pool per call), nested functions (lambdas and local classes
/// are functions of their own, walked when the finder hands them over),
/// types and attributes (an expression there is in no function's evaluated
/// code), nor what the compiler builds around a coroutine's code (its
/// promise, its initial and final suspension, the await_ready /
/// await_suspend / await_resume calls of each `co_await`).
class CandidateFinder : public RecursiveASTVisitor<CandidateFinder> {
  using Base = RecursiveASTVisitor<CandidateFinder>;

public:
  CandidateFinder(const Decl &Root, const utils::PoolTypeClassifier &Classifier,
                  const ASTContext &Ctx,
                  llvm::function_ref<void(const VarDecl &)> Variable,
                  llvm::function_ref<void(const Expr &, QualType)> Creation)
      : Root(Root), Classifier(Classifier), Ctx(Ctx), Variable(Variable),
        Creation(Creation) {}

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseDecl(Decl *D) {
    if (D && D != &Root && utils::startsOwnCode(*D))
      return true;
    return Base::TraverseDecl(D);
  }
  bool TraverseLambdaExpr(LambdaExpr *Lambda, DataRecursionQueue * = nullptr) {
    // Its body is a function of its own, walked when the finder hands it
    // over: only its captures are evaluated here.
    for (Expr *Init : Lambda->capture_inits())
      TraverseStmt(Init);
    return true;
  }
  bool TraverseCoroutineBodyStmt(CoroutineBodyStmt *S,
                                 DataRecursionQueue * = nullptr) {
    return TraverseStmt(S->getBody());
  }
  bool TraverseCoawaitExpr(CoawaitExpr *S, DataRecursionQueue * = nullptr) {
    return TraverseStmt(S->getOperand()) && TraverseStmt(S->getCommonExpr());
  }
  bool TraverseCoyieldExpr(CoyieldExpr *S, DataRecursionQueue * = nullptr) {
    return TraverseStmt(S->getOperand()) && TraverseStmt(S->getCommonExpr());
  }
  bool TraverseCoreturnStmt(CoreturnStmt *S, DataRecursionQueue * = nullptr) {
    return TraverseStmt(S->getOperand()) && TraverseStmt(S->getPromiseCall());
  }
  bool TraverseTypeLoc(TypeLoc) { return true; }
  bool TraverseNestedNameSpecifierLoc(NestedNameSpecifierLoc) { return true; }
  bool TraverseAttr(Attr *) { return true; }

  // Local variables other than parameters are declared by declaration
  // statements and handlers.
  bool VisitDeclStmt(DeclStmt *S) {
    for (const Decl *D : S->decls())
      if (isLocalPool(D, Classifier, Ctx))
        Variable(*cast<VarDecl>(D));
    return true;
  }
  bool VisitCXXCatchStmt(CXXCatchStmt *S) {
    if (isLocalPool(S->getExceptionDecl(), Classifier, Ctx))
      Variable(*S->getExceptionDecl());
    return true;
  }
  bool VisitCXXNewExpr(CXXNewExpr *New) {
    if (allocatesPool(*New, Classifier, Ctx))
      Creation(*New, New->getAllocatedType());
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (QualType Pool = poolCreatedBy(*Call, Classifier, Ctx); !Pool.isNull())
      Creation(*Call, Pool);
    return true;
  }
  bool VisitMaterializeTemporaryExpr(MaterializeTemporaryExpr *Temporary) {
    if (isPoolTemporary(*Temporary, Classifier))
      Creation(*Temporary, Temporary->getType().getUnqualifiedType());
    return true;
  }

private:
  const Decl &Root;
  const utils::PoolTypeClassifier &Classifier;
  const ASTContext &Ctx;
  llvm::function_ref<void(const VarDecl &)> Variable;
  llvm::function_ref<void(const Expr &, QualType)> Creation;
};

} // namespace

PoolPerCallCheck::PoolPerCallCheck(StringRef Name, ClangTidyContext *Context)
    : CoroCheck(Name, Context),
      PoolTypes(utils::listOptionLocalOrGlobal(Options, utils::PoolTypesOptionName,
                                         utils::DefaultPoolTypes)),
      AllowedFunctions(utils::listOption(Options, AllowedFunctionsOptionName, "")),
      Classifier(PoolTypes), Allowed(utils::parseNameList(AllowedFunctions)) {}

void PoolPerCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, utils::PoolTypesOptionName, PoolTypes);
  Options.store(Opts, AllowedFunctionsOptionName, AllowedFunctions);
}

void PoolPerCallCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(utils::isUserDefinitionWithBody()).bind("function"), this);
}

void PoolPerCallCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  CandidateFinder(
      *Function, Classifier, Ctx,
      [&](const VarDecl &Var) { checkVariable(Var, Ctx); },
      [&](const Expr &E, QualType Pool) { noteCreation(E, Pool, Ctx); })
      .TraverseDecl(const_cast<FunctionDecl *>(Function));
}

bool PoolPerCallCheck::isExempt(const FunctionDecl &Function) const {
  return Function.isMain() || Allowed.contains(&Function) ||
         utils::isMacroGenerated(Function);
}

void PoolPerCallCheck::checkVariable(const VarDecl &Var, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation Loc = SM.getExpansionLoc(Var.getLocation());
  if (SM.isInSystemHeader(Loc))
    return;
  // A local variable's context is its function (a lambda's call operator),
  // and its loop is found by walking that function's body: no parent map.
  const auto *Function = dyn_cast<FunctionDecl>(Var.getDeclContext());
  if (!Function || isExempt(*Function) || utils::isHandedOver(Var))
    return;
  llvm::SmallVector<const Stmt *, 16> Path;
  if (!utils::findDeclaration(utils::writtenBody(*Function), Var, Path))
    return;
  propose(Loc, &Var, Var.getType(), *Function, utils::innermostLoop(Path));
  PendingContext = &Ctx;
}

void PoolPerCallCheck::propose(SourceLocation Loc, const NamedDecl *Var,
                               QualType Pool, const FunctionDecl &Function,
                               const Stmt *Loop) {
  Reports.push_back({Loc, Var, Pool, &Function, Loop});
}

void PoolPerCallCheck::noteCreation(const Expr &E, QualType Pool,
                                    ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (Pool.isNull() ||
      SM.isInSystemHeader(SM.getExpansionLoc(E.getBeginLoc())))
    return;
  // Where the pool goes and which function makes it are read from the
  // node's ancestors, once the whole translation unit has been matched.
  if (PendingSet.insert(&E).second)
    Pending.push_back({&E, Pool});
  PendingContext = &Ctx;
}

void PoolPerCallCheck::onEndOfTranslationUnit() {
  if (Pending.empty() && Reports.empty())
    return;
  ASTContext &Ctx = *PendingContext;
  const SourceManager &SM = Ctx.getSourceManager();
  if (!Pending.empty()) {
    llvm::SmallVector<const Stmt *, 8> Created;
    for (const Creation &C : Pending)
      Created.push_back(C.E);
    const auto Above = utils::findAncestors(Ctx, Created);
    for (const Creation &C : Pending)
      checkCreation(*C.E, C.Pool, Above.find(C.E)->second, SM);
  }
  // A pool built once per call is only a problem when there are many
  // calls: one built in a loop is built repeatedly anyway; otherwise the
  // function needs evidence that it runs repeatedly.
  utils::Repetition Repeats(Ctx);
  // One report per place: a template and each of its instantiations build
  // the same pool (utils::OncePerPlace).
  utils::OncePerPlace<const Proposed *> Chosen;
  for (const Proposed &P : Reports)
    if (P.Loop || Repeats.runsRepeatedly(*P.Function))
      Chosen.propose(P.Loc, *P.Function, P.Pool, &P);
  Chosen.flush([&](const Proposed *P) {
    report(P->Loc, P->Var, P->Pool, *P->Function, P->Loop, SM);
  });
  Pending.clear();
  PendingSet.clear();
  Reports.clear();
}

void PoolPerCallCheck::checkCreation(const Expr &E, QualType Pool,
                                     llvm::ArrayRef<DynTypedNode> Above,
                                     const SourceManager &SM) {
  const SourceLocation Loc = SM.getExpansionLoc(E.getBeginLoc());
  const utils::Sink Destination = utils::findSink(E, Above);
  if (Destination.What != utils::Sink::Local)
    return;
  const utils::Placement Where = utils::locate(E, Above);
  if (!Where.Function || isExempt(*Where.Function))
    return;
  if (Destination.Var)
    propose(SM.getExpansionLoc(Destination.Var->getLocation()), Destination.Var,
            Pool, *Where.Function, Where.Loop);
  else
    propose(Loc, nullptr, Pool, *Where.Function, Where.Loop);
}

void PoolPerCallCheck::report(SourceLocation Loc, const NamedDecl *Var,
                              QualType Pool, const FunctionDecl &Function,
                              const Stmt *Loop, const SourceManager &SM) {
  const bool IsLambda = utils::isLambdaCallOperator(Function);
  // The pool's class: through an array, and through the smart pointer or
  // pointer a variable holds it by.
  QualType Element = Pool;
  if (const ASTContext *Ctx = PendingContext)
    Element = Ctx->getBaseElementType(Pool);
  const CXXRecordDecl *Record = Classifier.poolRecord(Element);
  if (!Record && Var)
    if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            Element->getAsCXXRecordDecl());
        Spec && Spec->getTemplateArgs().size() > 0 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      Record = Classifier.poolRecord(PendingContext->getBaseElementType(
          Spec->getTemplateArgs()[0].getAsType()));
  if (!Record && Element->isPointerType())
    Record = Classifier.poolRecord(Element->getPointeeType());
  const bool IsRuntime = Record && Classifier.isExecutorRuntime(Record);
  {
    DiagnosticBuilder Diag =
        diag(Loc, "%select{thread pool|executor}4 %select{%1|of type %1}0 is "
                  "created on every call to %select{%3|the lambda}2; create "
                  "it once and reuse it");
    Diag << (Var ? 0 : 1);
    if (Var)
      Diag << Var;
    else
      Diag << Pool;
    Diag << IsLambda << Function.getDeclName() << IsRuntime;
  }
  if (Function.getLocation().isValid())
    diag(SM.getExpansionLoc(Function.getLocation()),
         "%select{%1|the lambda}0 declared here", DiagnosticIDs::Note)
        << IsLambda << Function.getDeclName();
  if (Loop)
    diag(SM.getExpansionLoc(Loop->getBeginLoc()),
         "created on every iteration of this loop", DiagnosticIDs::Note);
}

} // namespace clang::tidy::coro
