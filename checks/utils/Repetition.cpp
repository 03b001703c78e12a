//===--- Repetition.cpp - does a function run more than once? -------------===//

#include "utils/Repetition.h"
#include "utils/Matchers.h"
#include "utils/Expr.h"
#include "utils/Coroutine.h"
#include "utils/Escape.h"
#include "utils/OwnBody.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::coro::utils {

bool isMacroGenerated(const FunctionDecl &F) {
  const FunctionDecl &Named =
      F.getTemplateInstantiationPattern() ? *F.getTemplateInstantiationPattern()
                                          : F;
  SourceLocation Loc = Named.getLocation();
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Named);
      Method && Method->getParent()->isLambda())
    return false; // a lambda is named by nobody: where it is written tells
  const SourceManager &SM = F.getASTContext().getSourceManager();
  // A name passed to a macro as an argument is the user's; one written in
  // a macro's body, or pasted there from pieces, is the macro's.
  while (Loc.isMacroID()) {
    if (!SM.isMacroArgExpansion(Loc))
      return true;
    Loc = SM.getImmediateSpellingLoc(Loc);
  }
  return false;
}

const FunctionDecl *repetitionKey(const FunctionDecl &F) {
  const FunctionDecl *Key = &F;
  if (const FunctionDecl *Pattern = F.getTemplateInstantiationPattern())
    Key = Pattern;
  return Key->getCanonicalDecl();
}

namespace {

bool isLambdaClass(QualType T) {
  const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  return RD && RD->isLambda();
}

/// The parameter \p Param, named in \p E (through copies, moves and
/// constructors: `std::move(fn)`, `step{name, fn}`).
bool mentions(const Stmt *E, const ParmVarDecl &Param) {
  if (!E)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E); Ref && Ref->getDecl() == &Param)
    return true;
  return llvm::any_of(E->children(),
                      [&](const Stmt *Child) { return mentions(Child, Param); });
}

/// The member container of \p R's class that \p R stores \p Param in
/// (`steps_.emplace_back(name, std::move(fn))`), or null.
const FieldDecl *storedIn(const Stmt &S, const ParmVarDecl &Param) {
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    const auto *Member = dyn_cast_or_null<MemberExpr>(
        Call->getImplicitObjectArgument()
            ? ignoreImplicitAndParens(Call->getImplicitObjectArgument())
            : nullptr);
    if (Method && Method->getIdentifier() && Member &&
        isa<CXXThisExpr>(ignoreImplicitAndParens(Member->getBase())) &&
        llvm::is_contained({llvm::StringRef("push_back"), llvm::StringRef("emplace_back"),
                            llvm::StringRef("push_front"), llvm::StringRef("emplace_front"),
                            llvm::StringRef("insert"), llvm::StringRef("emplace"),
                            llvm::StringRef("push"), llvm::StringRef("try_emplace")},
                           Method->getName()) &&
        llvm::any_of(Call->arguments(),
                     [&](const Expr *Arg) { return mentions(Arg, Param); }))
      return dyn_cast<FieldDecl>(Member->getMemberDecl());
  }
  for (const Stmt *Child : S.children())
    if (Child)
      if (const FieldDecl *Field = storedIn(*Child, Param))
        return Field;
  return nullptr;
}

/// Whether \p Body calls something rooted in \p Element (`e()`, `e.run()`,
/// `e.second()`), in its own code.
bool callsElement(const Stmt &Body, const ValueDecl &Element) {
  if (const auto *Call = dyn_cast<CallExpr>(&Body)) {
    const Expr *Object = calledObject(*Call);
    if (!Object)
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
        Object = Member->getImplicitObjectArgument();
    bool IsThis = false;
    if (Object && objectRoot(Object, IsThis) == &Element)
      return true;
  }
  return !forEachOwnChild(Body, [&](const Stmt &Child) {
    return !callsElement(Child, Element);
  });
}

/// Whether \p S iterates the member \p Field with a range-based `for` whose
/// body calls the element.
bool drains(const Stmt &S, const FieldDecl &Field) {
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&S)) {
    const auto *Member = dyn_cast_or_null<MemberExpr>(
        Range->getRangeInit() ? ignoreImplicitAndParens(Range->getRangeInit())
                              : nullptr);
    if (Member && Member->getMemberDecl() == &Field && Range->getLoopVariable() &&
        callsElement(*Range->getBody(), *Range->getLoopVariable()))
      return true;
  }
  return !forEachOwnChild(S, [&](const Stmt &Child) { return !drains(Child, Field); });
}

const FunctionDecl *findDrainer(const FunctionDecl &R, unsigned Index) {
  const FunctionDecl *Definition = nullptr;
  if (!R.hasBody(Definition) || Index >= Definition->getNumParams())
    return nullptr;
  const auto *Method = dyn_cast<CXXMethodDecl>(Definition);
  if (!Method)
    return nullptr;
  const FieldDecl *Container =
      storedIn(*Definition->getBody(), *Definition->getParamDecl(Index));
  if (!Container)
    return nullptr;
  for (const CXXMethodDecl *Other : Method->getParent()->methods()) {
    const FunctionDecl *Body = nullptr;
    if (Other->hasBody(Body) && drains(*Body->getBody(), *Container))
      return Body;
  }
  return nullptr;
}

/// Records, for the user code of a translation unit, which functions have
/// evidence of running repeatedly and which function calls which.
class EvidenceCollector : public RecursiveASTVisitor<EvidenceCollector> {
  using Base = RecursiveASTVisitor<EvidenceCollector>;

public:
  explicit EvidenceCollector(ASTContext &Ctx)
      : SM(Ctx.getSourceManager()) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }
  bool shouldWalkTypesOfTypeLocs() const { return false; }

  llvm::SmallVector<const FunctionDecl *, 32> Seeds;
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const FunctionDecl *, 4>>
      Edges;

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    // System headers hold no user code: not walked.
    if (isSystemDeclAtFileScope(*D, SM))
      return true;
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody())
      return Base::TraverseDecl(D);
    const FunctionDecl *Key = repetitionKey(*FD);
    if (isa<CoroutineBodyStmt>(FD->getBody()))
      Seeds.push_back(Key); // a named coroutine (lambdas are not walked here)
    if (FD->isExternallyVisible() && !FD->isMain() && !isLambdaCallOperator(*FD))
      Visible.push_back(Key);
    if (const auto *Method = dyn_cast<CXXMethodDecl>(FD))
      for (const CXXMethodDecl *Overridden : Method->overridden_methods())
        Edges[repetitionKey(*Overridden)].push_back(Key);
    Frames.push_back({Key, 0});
    const bool Result = Base::TraverseDecl(D);
    Frames.pop_back();
    return Result;
  }

  bool TraverseLambdaExpr(LambdaExpr *Lambda, DataRecursionQueue * = nullptr) {
    // The captures are evaluated where the lambda is written; its body is a
    // function of its own.
    for (Expr *Init : Lambda->capture_inits())
      if (Init)
        TraverseStmt(Init);
    Frames.push_back({repetitionKey(*Lambda->getCallOperator()), 0});
    TraverseStmt(Lambda->getBody());
    Frames.pop_back();
    return true;
  }

  bool TraverseForStmt(ForStmt *S, DataRecursionQueue * = nullptr) {
    TraverseStmt(S->getInit());
    InLoop([&] {
      TraverseStmt(S->getCond());
      TraverseStmt(S->getInc());
      TraverseStmt(S->getBody());
    });
    return true;
  }
  bool TraverseWhileStmt(WhileStmt *S, DataRecursionQueue * = nullptr) {
    InLoop([&] {
      TraverseStmt(S->getCond());
      TraverseStmt(S->getBody());
    });
    return true;
  }
  bool TraverseDoStmt(DoStmt *S, DataRecursionQueue * = nullptr) {
    InLoop([&] {
      TraverseStmt(S->getBody());
      TraverseStmt(S->getCond());
    });
    return true;
  }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S,
                               DataRecursionQueue * = nullptr) {
    TraverseStmt(S->getInit());
    TraverseStmt(S->getRangeInit());
    InLoop([&] {
      TraverseStmt(S->getLoopVarStmt());
      TraverseStmt(S->getBody());
    });
    return true;
  }

  // A function named as a template argument (`run_test<&case_1>()`, how
  // asio's test registry lists its cases) is not handed to anything at run
  // time: the instantiation's own calls of it are the edges.
  bool TraverseTemplateArgumentLoc(const TemplateArgumentLoc &Arg) {
    ++InTemplateArgument;
    const bool Result = Base::TraverseTemplateArgumentLoc(Arg);
    --InTemplateArgument;
    return Result;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (const DeclRefExpr *Ref = calleeRef(Call->getCallee()))
      CalleeRefs.insert(Ref);
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee)
      called(*Callee);
    unsigned First = 0;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
        Op && isa_and_nonnull<CXXMethodDecl>(Op->getDirectCallee()))
      First = 1; // the object a member operator is called on
    // std::call_once runs its callable once, whoever calls it.
    if (Callee && isStdFunction(Callee, {"call_once"})) {
      for (unsigned I = First; I < Call->getNumArgs(); ++I)
        onceOnly(Call->getArg(I));
      return true;
    }
    for (unsigned I = First; I < Call->getNumArgs(); ++I) {
      // A registrar that keeps the callable in a container a loop drains:
      // it runs as often as the draining function does.
      if (Callee && I - First < Callee->getNumParams())
        if (const FunctionDecl *Drainer = drainerOf(*Callee, I - First))
          if (registered(Call->getArg(I), *Drainer))
            continue;
      handedOver(Call->getArg(I));
    }
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    called(*Construct->getConstructor());
    // Copying a closure does not run it.
    if (isLambdaClass(Construct->getType()))
      return true;
    for (const Expr *Arg : Construct->arguments())
      handedOver(Arg);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl())) {
      Referenced.insert(repetitionKey(*FD));
      if (!CalleeRefs.contains(Ref) && InTemplateArgument == 0)
        evidence(*FD); // its address is taken: a callback
    }
    return true;
  }

private:
  struct Frame {
    const FunctionDecl *Function;
    unsigned LoopDepth;
  };

  template <class Fn> void InLoop(Fn &&Walk) {
    if (!Frames.empty())
      ++Frames.back().LoopDepth;
    Walk();
    if (!Frames.empty())
      --Frames.back().LoopDepth;
  }

  void evidence(const FunctionDecl &F) { Seeds.push_back(repetitionKey(F)); }

  void called(const FunctionDecl &Callee) {
    Referenced.insert(repetitionKey(Callee));
    if (Frames.empty())
      return; // a namespace-scope initialiser runs once
    if (Frames.back().LoopDepth > 0)
      evidence(Callee);
    else
      Edges[Frames.back().Function].push_back(repetitionKey(Callee));
  }

  void handedOver(const Expr *Arg) {
    if (!Arg)
      return;
    if (const LambdaExpr *Lambda = lambdaOf(Arg); Lambda && !Settled.contains(Lambda))
      evidence(*Lambda->getCallOperator());
  }

  /// The function or lambda \p Arg names, if it is one, through a
  /// conversion to std::function and the like; it is settled then: the
  /// walk of \p Arg below does not count it as a callback again.
  const FunctionDecl *callableOf(const Expr *Arg) {
    const Expr *E = ignoreCopiesAndMoves(Arg);
    while (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() != 1)
        break;
      E = ignoreCopiesAndMoves(Construct->getArg(0));
    }
    if (const LambdaExpr *Lambda = lambdaOf(E)) {
      Settled.insert(Lambda);
      return Lambda->getCallOperator();
    }
    if (const DeclRefExpr *Ref = calleeRef(E))
      if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl())) {
        CalleeRefs.insert(Ref); // not a callback of unknown use
        return FD;
      }
    return nullptr;
  }

  /// A callable handed to std::call_once: it runs once.
  void onceOnly(const Expr *Arg) {
    if (const FunctionDecl *F = callableOf(Arg))
      Referenced.insert(repetitionKey(*F));
  }

  /// A callable kept by a registrar that \p Drainer calls once per entry:
  /// an edge from the drainer.
  bool registered(const Expr *Arg, const FunctionDecl &Drainer) {
    const FunctionDecl *F = callableOf(Arg);
    if (!F)
      return false;
    Referenced.insert(repetitionKey(*F));
    Edges[repetitionKey(Drainer)].push_back(repetitionKey(*F));
    return true;
  }

  /// The function that calls, once per entry, what the registrar \p R keeps
  /// of its parameter \p Index: \p R stores the parameter in a member
  /// container of its class, and a member function of the class iterates
  /// that container with a range-based `for` whose body calls the element
  /// (`for (auto &step : steps_) step();`, `step.run()`). Null when \p R is
  /// not visible or does not have that shape. Memoised.
  const FunctionDecl *drainerOf(const FunctionDecl &R, unsigned Index) {
    auto Key = std::make_pair(R.getCanonicalDecl(), Index);
    if (auto It = Drainers.find(Key); It != Drainers.end())
      return It->second;
    const FunctionDecl *Found = findDrainer(R, Index);
    Drainers[Key] = Found;
    return Found;
  }

  /// The name a call's callee expression refers to: through parentheses,
  /// implicit conversions, `*`/`&` and a substituted template parameter
  /// (`F()` in `template <void (*F)()>` calls the function bound to it).
  static const DeclRefExpr *calleeRef(const Expr *Callee) {
    while (Callee) {
      Callee = Callee->IgnoreParenImpCasts();
      if (const auto *Subst = dyn_cast<SubstNonTypeTemplateParmExpr>(Callee))
        Callee = Subst->getReplacement();
      else if (const auto *Op = dyn_cast<UnaryOperator>(Callee);
               Op && (Op->getOpcode() == UO_AddrOf || Op->getOpcode() == UO_Deref))
        Callee = Op->getSubExpr();
      else
        return dyn_cast<DeclRefExpr>(Callee);
    }
    return nullptr;
  }

  const SourceManager &SM;
  unsigned InTemplateArgument = 0;
  llvm::SmallVector<Frame, 8> Frames;
  llvm::SmallPtrSet<const DeclRefExpr *, 32> CalleeRefs;
  /// Lambdas whose runs are accounted for (registered, call_once).
  llvm::SmallPtrSet<const LambdaExpr *, 8> Settled;
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, const FunctionDecl *>
      Drainers;

public:
  /// The functions (keys) named anywhere in the user's code: called,
  /// referenced, registered, handed to std::call_once.
  llvm::DenseSet<const FunctionDecl *> Referenced;
  /// The externally visible function definitions of the user's code (keys).
  llvm::SmallVector<const FunctionDecl *, 32> Visible;
};

} // namespace

bool Repetition::runsRepeatedly(const FunctionDecl &F) {
  if (!Computed)
    compute();
  return Repeated.contains(repetitionKey(F));
}

void Repetition::compute() {
  Computed = true;
  EvidenceCollector Collector(Ctx);
  Collector.TraverseDecl(Ctx.getTranslationUnitDecl());
  // An externally visible function that nothing in this file names is
  // called from elsewhere, as often as its users like (bshoshany/thread-pool
  // #107): evidence, unless it is a test body (macro-generated).
  for (const FunctionDecl *F : Collector.Visible)
    if (!Collector.Referenced.contains(F) && !isMacroGenerated(*F))
      Collector.Seeds.push_back(F);
  // Breadth-first from the evidence; each function is entered once, so a
  // cycle of calls ends.
  llvm::SmallVector<const FunctionDecl *, 32> Work(Collector.Seeds.begin(),
                                                   Collector.Seeds.end());
  llvm::DenseSet<const FunctionDecl *> Seen(Work.begin(), Work.end());
  while (!Work.empty()) {
    const FunctionDecl *F = Work.pop_back_val();
    if (F->isMain() || isMacroGenerated(*F))
      continue; // runs once, and does not pass repetition on
    Repeated.insert(F);
    auto It = Collector.Edges.find(F);
    if (It == Collector.Edges.end())
      continue;
    for (const FunctionDecl *Callee : It->second)
      if (Seen.insert(Callee).second)
        Work.push_back(Callee);
  }
}

} // namespace clang::tidy::coro::utils
