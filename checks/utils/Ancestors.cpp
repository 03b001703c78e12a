//===--- Ancestors.cpp - the nodes above a few nodes, without a parent map -===//

#include "utils/Ancestors.h"
#include "utils/OwnBody.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <algorithm>

namespace clang::tidy::coro::utils {
namespace {

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

} // namespace

bool findDeclaration(const Stmt *S, const VarDecl &Var,
                     llvm::SmallVectorImpl<const Stmt *> &Path) {
  if (!S)
    return false;
  Path.push_back(S);
  if (const auto *Declaration = dyn_cast<DeclStmt>(S);
      Declaration && llvm::is_contained(Declaration->decls(), &Var))
    return true;
  if (!forEachOwnChild(*S, [&](const Stmt &Child) {
        return !findDeclaration(&Child, Var, Path);
      }))
    return true;
  Path.pop_back();
  return false;
}

const Stmt *innermostLoop(llvm::ArrayRef<const Stmt *> Path) {
  for (size_t I = Path.size(); I-- > 1;)
    if (repeats(*Path[I - 1], Path[I]))
      return Path[I - 1];
  return nullptr;
}

Placement locate(const Stmt &Node, Ancestors Above) {
  DynTypedNode Child = DynTypedNode::create(Node);
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

llvm::DenseMap<const Stmt *, llvm::SmallVector<DynTypedNode, 32>>
findAncestors(ASTContext &Ctx, llvm::ArrayRef<const Stmt *> Nodes) {
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::SmallPtrSet<const Stmt *, 8> Wanted;
  llvm::SmallVector<SourceLocation, 8> Where;
  for (const Stmt *S : Nodes) {
    Wanted.insert(S);
    Where.push_back(SM.getExpansionLoc(S->getBeginLoc()));
  }
  llvm::DenseMap<const Stmt *, llvm::SmallVector<DynTypedNode, 32>> Above;
  auto Note = [&](const Stmt &S, Ancestors Chain) {
    Above[&S].assign(Chain.begin(), Chain.end());
  };
  // First only where the nodes are written, then everywhere for the rest.
  AncestorFinder(SM, Wanted, Where, Note).TraverseAST(Ctx);
  if (!Wanted.empty())
    AncestorFinder(SM, Wanted, {}, Note).TraverseAST(Ctx);
  for (const Stmt *S : Nodes)
    if (!Above.count(S))
      Above.try_emplace(S, ancestorsFromParentMap(*S, Ctx));
  return Above;
}

} // namespace clang::tidy::coro::utils
