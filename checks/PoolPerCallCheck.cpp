//===--- PoolPerCallCheck.cpp - coro-pool-per-call ------------------------===//

#include "PoolPerCallCheck.h"
#include "utils/Coroutine.h"
#include "utils/Expr.h"
#include "utils/Matchers.h"
#include "utils/OwnBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
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
  if (!S)
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
  return !utils::forEachOwnChild(
      *S, [&](const Stmt &Child) { return !handsOver(&Child, Var); });
}

/// True when the function that owns the local variable \p Var returns it or
/// stores it somewhere longer-lived: that function is a factory or an
/// initialiser, and the pool outlives the call.
bool isHandedOver(const VarDecl &Var) {
  const auto *Owner = dyn_cast<FunctionDecl>(Var.getDeclContext());
  return Owner && handsOver(utils::writtenBody(*Owner), Var);
}

/// Finds the statement that declares \p Var in \p S (not in a nested
/// lambda) and appends the statements from \p S down to it to \p Path.
bool findDeclaration(const Stmt *S, const VarDecl &Var,
                     llvm::SmallVectorImpl<const Stmt *> &Path) {
  if (!S)
    return false;
  Path.push_back(S);
  if (const auto *Declaration = dyn_cast<DeclStmt>(S);
      Declaration && llvm::is_contained(Declaration->decls(), &Var))
    return true;
  if (!utils::forEachOwnChild(*S, [&](const Stmt &Child) {
        return !findDeclaration(&Child, Var, Path);
      }))
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

/// The nodes above a node, from the root of the traversal down to its
/// parent: for each, its first parent in the AST's parent map.
using Ancestors = llvm::ArrayRef<DynTypedNode>;

/// Follows the pool that \p Created makes to where it is kept.
Sink findSink(const Expr &Created, Ancestors Above) {
  DynTypedNode Child = DynTypedNode::create(Created);
  for (size_t I = Above.size(); I-- > 0;) {
    const DynTypedNode &P = Above[I];
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
  return {};
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

Placement locate(DynTypedNode Child, Ancestors Above) {
  Placement Out;
  for (size_t I = Above.size(); I-- > 0;) {
    const DynTypedNode &P = Above[I];
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
  return Out;
}

/// Finds the ancestors of a few nodes without the AST's parent map, whose
/// construction walks every node of the translation unit and costs a fifth
/// of the parse. It walks the translation unit exactly as the parent map's
/// builder does (same traversal, same nodes), so at the first encounter of a
/// node the nodes above it are the first parents the map would give; but it
/// does not enter the declarations of system headers, where no wanted node
/// is, it builds nothing, and it stops once it has met every wanted node.
/// Given \p Within, it enters only the namespace-scope declarations whose
/// source range holds one of those locations (the wanted nodes' own): a
/// caller runs it again without them for a node it did not meet (a member
/// of a class template defined out of line, met under the class).
class AncestorFinder : public RecursiveASTVisitor<AncestorFinder> {
  using Base = RecursiveASTVisitor<AncestorFinder>;

public:
  AncestorFinder(const SourceManager &SM,
                 llvm::SmallPtrSetImpl<const Stmt *> &Wanted,
                 llvm::ArrayRef<SourceLocation> Within,
                 llvm::function_ref<void(const Stmt &, Ancestors)> Found)
      : SM(SM), Wanted(Wanted), Within(Within), Found(Found) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (Wanted.empty())
      return false; // done: stop the walk
    if (isNamespaceScope(*D) && (isSystemDeclaration(*D) || isElsewhere(*D)))
      return true;
    return within(DynTypedNode::create(*D),
                  [&] { return Base::TraverseDecl(D); });
  }
  bool TraverseTypeLoc(TypeLoc TL) {
    if (!TL)
      return true;
    return within(DynTypedNode::create(TL),
                  [&] { return Base::TraverseTypeLoc(TL); });
  }
  bool TraverseNestedNameSpecifierLoc(NestedNameSpecifierLoc NNS) {
    if (!NNS)
      return true;
    return within(DynTypedNode::create(NNS),
                  [&] { return Base::TraverseNestedNameSpecifierLoc(NNS); });
  }
  bool TraverseAttr(Attr *A) {
    if (!A)
      return true;
    return within(DynTypedNode::create(*A),
                  [&] { return Base::TraverseAttr(A); });
  }
  bool TraverseObjCProtocolLoc(ObjCProtocolLoc Loc) {
    return within(DynTypedNode::create(Loc),
                  [&] { return Base::TraverseObjCProtocolLoc(Loc); });
  }
  // Statements keep the data recursion, as in the parent map's builder.
  bool dataTraverseStmtPre(Stmt *S) {
    if (Wanted.empty())
      return false; // done: skip the rest
    if (Wanted.erase(S))
      Found(*S, Stack);
    Stack.push_back(DynTypedNode::create(*S));
    return true;
  }
  bool dataTraverseStmtPost(Stmt *) {
    Stack.pop_back();
    return true;
  }

private:
  template <class Fn> bool within(const DynTypedNode &Node, Fn Traverse) {
    Stack.push_back(Node);
    bool Result = Traverse();
    Stack.pop_back();
    return Result;
  }

  static bool isNamespaceScope(const Decl &D) {
    const DeclContext *DC = D.getLexicalDeclContext();
    return DC && (DC->isFileContext() || isa<LinkageSpecDecl, ExportDecl>(DC));
  }
  /// A declaration at namespace scope in a system header: everything in it
  /// (template instantiations included) is system code too.
  bool isSystemDeclaration(const Decl &D) const {
    return SM.isInSystemHeader(SM.getExpansionLoc(D.getLocation()));
  }
  /// A declaration at namespace scope (not a namespace) whose source range
  /// holds none of the locations \p Within.
  bool isElsewhere(const Decl &D) const {
    if (Within.empty() || isa<NamespaceDecl, LinkageSpecDecl, ExportDecl>(D))
      return false;
    const SourceRange Range = D.getSourceRange();
    if (Range.isInvalid())
      return false;
    const SourceLocation Begin = SM.getExpansionLoc(Range.getBegin());
    const SourceLocation End = SM.getExpansionRange(Range.getEnd()).getEnd();
    return llvm::none_of(Within, [&](SourceLocation Loc) {
      return !SM.isBeforeInTranslationUnit(Loc, Begin) &&
             !SM.isBeforeInTranslationUnit(End, Loc);
    });
  }

  const SourceManager &SM;
  llvm::SmallPtrSetImpl<const Stmt *> &Wanted;
  llvm::ArrayRef<SourceLocation> Within;
  llvm::function_ref<void(const Stmt &, Ancestors)> Found;
  llvm::SmallVector<DynTypedNode, 32> Stack;
};

/// The ancestors of \p S through the AST's parent map (built on first use):
/// the fallback for a node the AncestorFinder did not meet.
llvm::SmallVector<DynTypedNode, 32> ancestorsFromParentMap(const Stmt &S,
                                                           ASTContext &Ctx) {
  llvm::SmallVector<DynTypedNode, 32> Above;
  DynTypedNodeList Parents = Ctx.getParents(S);
  while (!Parents.empty()) {
    Above.push_back(Parents[0]);
    Parents = Ctx.getParents(Parents[0]);
  }
  std::reverse(Above.begin(), Above.end());
  return Above;
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
  if (!findDeclaration(utils::writtenBody(*Function), Var, Path))
    return;
  report(Loc, &Var, Var.getType(), *Function, innermostLoop(Path), SM);
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
  if (Pending.empty())
    return;
  ASTContext &Ctx = *PendingContext;
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::SmallPtrSet<const Stmt *, 8> Wanted;
  llvm::SmallVector<SourceLocation, 8> Where;
  for (const Creation &C : Pending) {
    Wanted.insert(C.E);
    Where.push_back(SM.getExpansionLoc(C.E->getBeginLoc()));
  }
  llvm::DenseMap<const Stmt *, llvm::SmallVector<DynTypedNode, 32>> Above;
  auto Note = [&](const Stmt &S, Ancestors Chain) {
    Above[&S].assign(Chain.begin(), Chain.end());
  };
  // First only where the nodes are written, then everywhere for the rest.
  AncestorFinder(SM, Wanted, Where, Note).TraverseAST(Ctx);
  if (!Wanted.empty())
    AncestorFinder(SM, Wanted, {}, Note).TraverseAST(Ctx);
  for (const Creation &C : Pending) {
    auto It = Above.find(C.E);
    if (It == Above.end())
      It = Above.try_emplace(C.E, ancestorsFromParentMap(*C.E, Ctx)).first;
    checkCreation(*C.E, C.Pool, It->second, SM);
  }
  Pending.clear();
  PendingSet.clear();
}

void PoolPerCallCheck::checkCreation(const Expr &E, QualType Pool,
                                     llvm::ArrayRef<DynTypedNode> Above,
                                     const SourceManager &SM) {
  const SourceLocation Loc = SM.getExpansionLoc(E.getBeginLoc());
  const Sink Destination = findSink(E, Above);
  if (Destination.What != Sink::Local)
    return;
  const Placement Where = locate(DynTypedNode::create(E), Above);
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
      utils::isLambdaCallOperator(Function) ? "the lambda" : "'" + Function.getNameAsString() + "'";
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
