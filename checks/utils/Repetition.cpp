//===--- Repetition.cpp - does a function run more than once? -------------===//

#include "utils/Repetition.h"
#include "utils/Matchers.h"
#include "utils/Expr.h"
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
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      called(*Callee);
    unsigned First = 0;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
        Op && isa_and_nonnull<CXXMethodDecl>(Op->getDirectCallee()))
      First = 1; // the object a member operator is called on
    for (unsigned I = First; I < Call->getNumArgs(); ++I)
      handedOver(Call->getArg(I));
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
    if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl());
        FD && !CalleeRefs.contains(Ref) && InTemplateArgument == 0)
      evidence(*FD); // its address is taken: a callback
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
    if (const LambdaExpr *Lambda = lambdaOf(Arg))
      evidence(*Lambda->getCallOperator());
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
