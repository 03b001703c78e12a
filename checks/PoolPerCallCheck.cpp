//===--- PoolPerCallCheck.cpp - coro-pool-per-call ------------------------===//

#include "PoolPerCallCheck.h"
#include "utils/Coroutine.h"
#include "utils/Expr.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coro {
namespace {

const char AllowedFunctionsOptionName[] = "AllowedFunctions";

bool isStdFunction(const FunctionDecl *FD,
                   std::initializer_list<llvm::StringRef> Names) {
  if (!FD || !FD->getIdentifier() || !FD->isInStdNamespace())
    return false;
  return llvm::is_contained(Names, FD->getName());
}

/// A call to `std::move` or `std::forward`.
bool isStdMove(const CallExpr &Call) {
  return Call.getNumArgs() == 1 &&
         isStdFunction(Call.getDirectCallee(), {"move", "forward"});
}

/// A class type that owns what it points to: `std::unique_ptr`,
/// `std::shared_ptr`.
bool isSmartPointer(QualType T) {
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  return RD && RD->getIdentifier() && RD->isInStdNamespace() &&
         (RD->getName() == "unique_ptr" || RD->getName() == "shared_ptr");
}

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
  if (!isStdFunction(FD, {"make_unique", "make_shared", "allocate_shared",
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
AST_MATCHER_P(VarDecl, isLocalPool, const utils::PoolTypeClassifier *, Classifier) {
  return !isa<ParmVarDecl>(Node) && !Node.isImplicit() && Node.hasLocalStorage() &&
         !Node.isInitCapture() &&
         Classifier->isPoolType(
             Finder->getASTContext().getBaseElementType(Node.getType()));
}

/// `new Pool(...)` or `new Pool[n]`, but not a placement new into storage
/// somebody else owns.
AST_MATCHER_P(CXXNewExpr, allocatesPool, const utils::PoolTypeClassifier *,
              Classifier) {
  if (Node.getNumPlacementArgs() > 0 &&
      Node.getPlacementArg(0)->getType()->isPointerType())
    return false;
  return Classifier->isPoolType(
      Finder->getASTContext().getBaseElementType(Node.getAllocatedType()));
}

AST_MATCHER_P(CallExpr, createsPool, const utils::PoolTypeClassifier *, Classifier) {
  return !poolCreatedBy(Node, *Classifier, Finder->getASTContext()).isNull();
}

/// A pool constructed as a temporary (`Pool(4).join()`, or bound to a local
/// reference), not one a call returned.
AST_MATCHER_P(MaterializeTemporaryExpr, isPoolTemporary,
              const utils::PoolTypeClassifier *, Classifier) {
  if (Node.getStorageDuration() == SD_Static ||
      Node.getStorageDuration() == SD_Thread ||
      !Classifier->isPoolType(Node.getType()))
    return false;
  const Expr *Sub = utils::ignoreImplicitAndParens(Node.getSubExpr());
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Sub))
    Sub = utils::ignoreImplicitAndParens(Cast->getSubExpr());
  return isa<CXXConstructExpr>(Sub);
}

/// Whether \p E hands over the variable \p Var: `Var`, `std::move(Var)`,
/// `Var.release()`, or a conversion or smart pointer built from it.
bool refersTo(const Expr *E, const VarDecl &Var) {
  while (E) {
    E = utils::ignoreImplicitAndParens(E);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl() == &Var;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      E = Construct->getNumArgs() > 0 ? Construct->getArg(0) : nullptr;
    } else if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      E = Cast->getSubExpr();
    } else if (const auto *Call = dyn_cast<CallExpr>(E); Call && isStdMove(*Call)) {
      E = Call->getArg(0);
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
               Member && Member->getMethodDecl() &&
               Member->getMethodDecl()->getIdentifier() &&
               Member->getMethodDecl()->getName() == "release") {
      E = Member->getImplicitObjectArgument();
    } else if (const auto *List = dyn_cast<InitListExpr>(E);
               List && List->getNumInits() == 1) {
      E = List->getInit(0);
    } else {
      return false;
    }
  }
  return false;
}

/// True when storing into \p Target keeps the value beyond the call: a
/// member, a static, a reference parameter, `*out`, `table[key]`; not a
/// local variable.
bool isLongLivedTarget(const Expr *Target) {
  Target = utils::ignoreImplicitAndParens(Target);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Target))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      return !Var->hasLocalStorage() || Var->getType()->isReferenceType();
  return true;
}

/// The object that \p Store stores \p Value in, when \p Store is an
/// assignment (`Target = Value`) or a call that keeps its argument
/// (`Target.reset(Value)`, `Target.push_back(Value)`, ...); else null.
const Expr *storedInto(const Expr &Store, const Expr *Value) {
  if (const auto *Assign = dyn_cast<BinaryOperator>(&Store))
    return Assign->getOpcode() == BO_Assign && Assign->getRHS() == Value
               ? Assign->getLHS()
               : nullptr;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Store))
    return Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
                   Op->getArg(1) == Value
               ? Op->getArg(0)
               : nullptr;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&Store)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (!Method || !Method->getIdentifier() ||
        !llvm::is_contained(Call->arguments(), Value))
      return nullptr;
    const bool Keeps =
        llvm::StringSwitch<bool>(Method->getName())
            .Cases("reset", "push_back", "emplace_back", "push_front",
                   "emplace_front", true)
            .Cases("insert", "emplace", "try_emplace", "insert_or_assign", true)
            .Default(false);
    return Keeps ? Call->getImplicitObjectArgument() : nullptr;
  }
  return nullptr;
}

/// True when \p S (not a nested lambda) hands \p Var over to something that
/// outlives the call: a `return` or `co_return` of it, or a store of it
/// into a member, a static or an out-parameter.
bool handsOver(const Stmt *S, const VarDecl &Var) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (const auto *Return = dyn_cast<ReturnStmt>(S))
    return refersTo(Return->getRetValue(), Var);
  if (const auto *Return = dyn_cast<CoreturnStmt>(S))
    return refersTo(Return->getOperand(), Var);
  if (const auto *Store = dyn_cast<Expr>(S))
    for (const Stmt *Child : S->children())
      if (const auto *Value = dyn_cast_or_null<Expr>(Child))
        if (const Expr *Target = storedInto(*Store, Value);
            Target && isLongLivedTarget(Target) && refersTo(Value, Var))
          return true;
  for (const Stmt *Child : S->children())
    if (handsOver(Child, Var))
      return true;
  return false;
}

/// The statements the user wrote in \p Function: the body of a coroutine
/// without the coroutine machinery around it.
const Stmt *bodyOf(const FunctionDecl &Function) {
  if (const CoroutineBodyStmt *Coro = utils::getCoroutineBody(&Function))
    return Coro->getBody();
  return Function.getBody();
}

/// True when the function that owns the local variable \p Var returns it or
/// stores it somewhere longer-lived: that function is a factory or an
/// initialiser, and the pool outlives the call.
bool isHandedOver(const VarDecl &Var) {
  const auto *Owner = dyn_cast<FunctionDecl>(Var.getDeclContext());
  return Owner && handsOver(bodyOf(*Owner), Var);
}

/// Finds the statement that declares \p Var in \p S (not in a nested
/// lambda) and appends the statements from \p S down to it to \p Path.
bool findDeclaration(const Stmt *S, const VarDecl &Var,
                     llvm::SmallVectorImpl<const Stmt *> &Path) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  Path.push_back(S);
  if (const auto *Declaration = dyn_cast<DeclStmt>(S);
      Declaration && llvm::is_contained(Declaration->decls(), &Var))
    return true;
  for (const Stmt *Child : S->children())
    if (findDeclaration(Child, Var, Path))
      return true;
  Path.pop_back();
  return false;
}

/// Where a pool made by `new` or a `make_*` call ends up.
struct Sink {
  enum Kind {
    Local,      // dies with the call (or leaks): reported
    HandedOver, // returned (a factory), or kept in a local that is
    Kept,       // stored in a member, a static, an out-parameter
  } What = Local;
  /// The local variable it initialises, if any.
  const VarDecl *Var = nullptr;
};

/// The sink of a pool that initialises \p Var.
Sink sinkOfInitialised(const VarDecl &Var) {
  if (!Var.hasLocalStorage())
    return {Sink::Kept};
  // A default argument or a lambda capture: made anew, but nameless here.
  if (isa<ParmVarDecl>(Var) || Var.isInitCapture())
    return {Sink::Local};
  if (isHandedOver(Var))
    return {Sink::HandedOver};
  return {Sink::Local, &Var};
}

/// The sink of a pool stored into \p Target.
Sink sinkOfTarget(const Expr *Target) {
  if (isLongLivedTarget(Target))
    return {Sink::Kept};
  const auto *Ref = cast<DeclRefExpr>(utils::ignoreImplicitAndParens(Target));
  return {isHandedOver(*cast<VarDecl>(Ref->getDecl())) ? Sink::HandedOver
                                                       : Sink::Local};
}

/// True when \p Parent passes the value of \p Child on unchanged, or wraps
/// it in a smart pointer.
bool passesOn(const Expr &Parent, const Expr *Child) {
  if (isa<ImplicitCastExpr, ParenExpr, ExprWithCleanups, CXXBindTemporaryExpr,
          MaterializeTemporaryExpr, ExplicitCastExpr>(&Parent))
    return true;
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(&Parent))
    return Cond->getCond() != Child;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Parent)) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    return isSmartPointer(Construct->getType()) ||
           (Ctor && Ctor->isCopyOrMoveConstructor());
  }
  if (const auto *Call = dyn_cast<CallExpr>(&Parent))
    return isStdMove(*Call);
  return false;
}

/// Follows the pool that \p Created makes to where it is kept.
Sink findSink(const Expr &Created, ASTContext &Ctx) {
  DynTypedNode Child = DynTypedNode::create(Created);
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Child);
    if (Parents.empty())
      return {};
    const DynTypedNode &P = Parents[0];
    if (const auto *E = P.get<Expr>()) {
      if (passesOn(*E, Child.get<Expr>())) {
        Child = P;
        continue;
      }
      if (const Expr *Target = storedInto(*E, Child.get<Expr>()))
        return sinkOfTarget(Target);
      return {};
    }
    if (P.get<ReturnStmt>() || P.get<CoreturnStmt>())
      return {Sink::HandedOver};
    if (const auto *Var = P.get<VarDecl>())
      return sinkOfInitialised(*Var);
    if (P.get<CXXCtorInitializer>() || P.get<FieldDecl>())
      return {Sink::Kept};
    // The parent map skips the CXXCtorInitializer of a member or base.
    if (const auto *Ctor = P.get<CXXConstructorDecl>())
      if (llvm::any_of(Ctor->inits(), [&](const CXXCtorInitializer *Init) {
            return Init->getInit() == Child.get<Expr>();
          }))
        return {Sink::Kept};
    return {};
  }
}

/// True when the loop \p Loop runs its child \p Child on every iteration
/// (its body, condition or increment; not a `for` initialiser or the range
/// of a range-based `for`).
bool repeats(const Stmt &Loop, const Stmt *Child) {
  if (isa<WhileStmt, DoStmt>(Loop))
    return true;
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return Child != For->getInit();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop))
    return Child == Range->getBody() || Child == Range->getLoopVarStmt();
  return false;
}

/// An operand that is never evaluated: nothing is constructed there.
bool isUnevaluated(const Stmt &S) {
  if (const auto *Typeid = dyn_cast<CXXTypeidExpr>(&S))
    return !Typeid->isPotentiallyEvaluated();
  return isa<UnaryExprOrTypeTraitExpr, CXXNoexceptExpr, RequiresExpr,
             ConceptSpecializationExpr>(&S);
}

/// The innermost loop on \p Path (from a function body down to a
/// statement) that runs the statement on every iteration.
const Stmt *innermostLoop(llvm::ArrayRef<const Stmt *> Path) {
  for (size_t I = Path.size(); I-- > 1;)
    if (repeats(*Path[I - 1], Path[I]))
      return Path[I - 1];
  return nullptr;
}

/// The function whose every call runs a node, and the innermost loop of that
/// function that runs it on every iteration. No function for a node outside
/// any function body or in an unevaluated operand (`sizeof`, `decltype`).
struct Placement {
  const FunctionDecl *Function = nullptr;
  const Stmt *Loop = nullptr;
};

Placement locate(DynTypedNode Child, ASTContext &Ctx) {
  Placement Out;
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Child);
    if (Parents.empty())
      return Out;
    const DynTypedNode &P = Parents[0];
    if (const auto *FD = P.get<FunctionDecl>()) {
      Out.Function = FD;
      return Out;
    }
    if (const auto *Lambda = P.get<LambdaExpr>()) {
      // A capture initialiser runs where the lambda is created.
      if (Child.get<Stmt>() == Lambda->getBody()) {
        Out.Function = Lambda->getCallOperator();
        return Out;
      }
    } else if (const auto *S = P.get<Stmt>()) {
      if (isUnevaluated(*S))
        return {};
      if (!Out.Loop && repeats(*S, Child.get<Stmt>()))
        Out.Loop = S;
    } else if (!P.get<VarDecl>() && !P.get<CXXCtorInitializer>()) {
      return Out; // a class, a namespace, a block: no function runs it
    }
    Child = P;
  }
}

bool isLambda(const FunctionDecl &FD) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&FD);
  return Method && Method->getParent()->isLambda();
}

} // namespace

PoolPerCallCheck::PoolPerCallCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      PoolTypes(Options.getLocalOrGlobal(utils::PoolTypesOptionName,
                                         utils::DefaultPoolTypes)),
      AllowedFunctions(Options.get(AllowedFunctionsOptionName, "")),
      Classifier(PoolTypes), Allowed(utils::parseNameList(AllowedFunctions)) {}

void PoolPerCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, utils::PoolTypesOptionName, PoolTypes);
  Options.store(Opts, AllowedFunctionsOptionName, AllowedFunctions);
}

void PoolPerCallCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(varDecl(isLocalPool(&Classifier)).bind("var"), this);
  Finder->addMatcher(cxxNewExpr(allocatesPool(&Classifier)).bind("new"), this);
  Finder->addMatcher(callExpr(createsPool(&Classifier)).bind("make"), this);
  Finder->addMatcher(
      materializeTemporaryExpr(isPoolTemporary(&Classifier)).bind("temporary"),
      this);
}

void PoolPerCallCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var"))
    checkVariable(*Var, Ctx);
  else if (const auto *New = Result.Nodes.getNodeAs<CXXNewExpr>("new"))
    checkCreation(*New, New->getAllocatedType(), Ctx);
  else if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("make"))
    checkCreation(*Call, poolCreatedBy(*Call, Classifier, Ctx), Ctx);
  else if (const auto *Temporary =
               Result.Nodes.getNodeAs<MaterializeTemporaryExpr>("temporary"))
    checkCreation(*Temporary, Temporary->getType().getUnqualifiedType(), Ctx);
}

bool PoolPerCallCheck::isExempt(const FunctionDecl &Function) const {
  return Function.isMain() || Allowed.contains(&Function);
}

void PoolPerCallCheck::checkVariable(const VarDecl &Var, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation Loc = SM.getExpansionLoc(Var.getLocation());
  if (SM.isInSystemHeader(Loc))
    return;
  // A local variable's context is its function (a lambda's call operator),
  // and its loop is found by walking that function's body: no parent map.
  const auto *Function = dyn_cast<FunctionDecl>(Var.getDeclContext());
  if (!Function || isExempt(*Function) || isHandedOver(Var))
    return;
  llvm::SmallVector<const Stmt *, 16> Path;
  if (!findDeclaration(bodyOf(*Function), Var, Path))
    return;
  report(Loc, &Var, Var.getType(), *Function, innermostLoop(Path), SM);
}

void PoolPerCallCheck::checkCreation(const Expr &E, QualType Pool, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation Loc = SM.getExpansionLoc(E.getBeginLoc());
  if (Pool.isNull() || SM.isInSystemHeader(Loc))
    return;
  const Sink Destination = findSink(E, Ctx);
  if (Destination.What != Sink::Local)
    return;
  const Placement Where = locate(DynTypedNode::create(E), Ctx);
  if (!Where.Function || isExempt(*Where.Function))
    return;
  if (Destination.Var)
    report(SM.getExpansionLoc(Destination.Var->getLocation()), Destination.Var, Pool,
           *Where.Function, Where.Loop, SM);
  else
    report(Loc, nullptr, Pool, *Where.Function, Where.Loop, SM);
}

void PoolPerCallCheck::report(SourceLocation Loc, const NamedDecl *Var,
                              QualType Pool, const FunctionDecl &Function,
                              const Stmt *Loop, const SourceManager &SM) {
  const std::string FunctionName =
      isLambda(Function) ? "the lambda" : "'" + Function.getNameAsString() + "'";
  {
    DiagnosticBuilder Diag =
        diag(Loc, "thread pool %select{%1|of type %1}0 is created on every "
                  "call to %2; create it once and reuse it");
    Diag << (Var ? 0 : 1);
    if (Var)
      Diag << Var;
    else
      Diag << Pool;
    Diag << FunctionName;
  }
  if (Function.getLocation().isValid())
    diag(SM.getExpansionLoc(Function.getLocation()), "%0 declared here",
         DiagnosticIDs::Note)
        << FunctionName;
  if (Loop)
    diag(SM.getExpansionLoc(Loop->getBeginLoc()),
         "created on every iteration of this loop", DiagnosticIDs::Note);
}

} // namespace clang::tidy::coro
