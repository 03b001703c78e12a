//===--- OwnBody.h - what runs as part of a function's own body -*- C++ -*-===//
//
// One definition of "a function's own body", used by every walk of the
// checks and their analyses: the statements that run when the function runs,
// as written,
//   - not the body of a nested lambda (it runs when it is called: only its
//     capture initialisers run here);
//   - not local classes, nested functions, blocks or captured statements
//     (code of their own), nor types and attributes (no code);
//   - a declaration statement runs its variables' initialisers;
//   - as written: a range-based `for` by its init statement, loop variable,
//     range and body (not the hidden range and iterators), a rewritten
//     comparison by its operands, a pseudo-object by its syntactic form and
//     semantic expressions; not default arguments and member initialisers,
//     which are written elsewhere.
// The checks analyse one function at a time, from the function down,
// instead of looking up from a matched node through the AST's parent map:
// building that map costs a fifth of the parse on a large translation unit
// (docs/performance.md).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_OWNBODY_H
#define COROLINT_UTILS_OWNBODY_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::coro::utils {

/// A declaration met inside a body that is code of its own: a walk of the
/// body does not enter it.
inline bool startsOwnCode(const Decl &D) {
  return isa<TagDecl, FunctionDecl, BlockDecl, CapturedDecl, TemplateDecl>(D);
}

/// Calls \p Visit on each child of \p S that runs as part of the same
/// function as \p S, as written (see the top of this file), until \p Visit
/// returns false; returns false then.
template <class Fn> bool forEachOwnChild(const Stmt &S, Fn &&Visit) {
  if (isa<BlockExpr>(S))
    return true;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
    for (const Expr *Init : Lambda->capture_inits())
      if (Init && !Visit(*Init))
        return false;
    return true;
  }
  if (const auto *Declaration = dyn_cast<DeclStmt>(&S)) {
    for (const Decl *D : Declaration->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && !Var->isCXXForRangeDecl() && Var->getInit())
        if (!Visit(*Var->getInit()))
          return false;
    return true;
  }
  auto VisitAll = [&](std::initializer_list<const Stmt *> Children) {
    for (const Stmt *Child : Children)
      if (Child && !Visit(*Child))
        return false;
    return true;
  };
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&S))
    return VisitAll({Range->getInit(), Range->getLoopVarStmt(),
                     Range->getRangeInit(), Range->getBody()});
  if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(&S)) {
    const CXXRewrittenBinaryOperator::DecomposedForm Form =
        Rewritten->getDecomposedForm();
    return VisitAll({Form.LHS, Form.RHS});
  }
  if (const auto *Pseudo = dyn_cast<PseudoObjectExpr>(&S)) {
    if (!VisitAll({Pseudo->getSyntacticForm()}))
      return false;
    for (const Expr *Semantic : Pseudo->semantics()) {
      if (const auto *Opaque = dyn_cast<OpaqueValueExpr>(Semantic))
        Semantic = Opaque->getSourceExpr();
      if (!VisitAll({Semantic}))
        return false;
    }
    return true;
  }
  if (isa<CXXDefaultArgExpr, CXXDefaultInitExpr>(S))
    return true;
  for (const Stmt *Child : S.children())
    if (Child && !Visit(*Child))
      return false;
  return true;
}


/// Calls \p Visit on each name \p D declares for its scope: a variable, or
/// each binding of a structured binding (`auto &[key, value] = ...`).
template <class Fn> void forEachDeclaredName(const Decl &D, Fn &&Visit) {
  if (const auto *Decomposition = dyn_cast<DecompositionDecl>(&D)) {
    for (const BindingDecl *Binding : Decomposition->bindings())
      Visit(static_cast<const ValueDecl *>(Binding));
    return;
  }
  if (const auto *Var = dyn_cast<VarDecl>(&D))
    Visit(static_cast<const ValueDecl *>(Var));
}

/// The same walk as a RecursiveASTVisitor, for a check that wants its
/// Visit* dispatch: it keeps the chain of statements above the one it visits
/// (nested lambdas' bodies are entered when the derived class asks, e.g. to
/// see what a lambda does with a captured variable).
template <class Derived>
class OwnBodyVisitor : public RecursiveASTVisitor<Derived> {
  using Base = RecursiveASTVisitor<Derived>;
  Derived &derived() { return *static_cast<Derived *>(this); }

public:
  /// Walks \p Body (for a coroutine: its user-written body).
  void walk(const Stmt &Body) { derived().TraverseStmt(const_cast<Stmt *>(&Body)); }

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitImplicitCode() const { return false; }
  /// Whether nested lambdas' bodies are walked (as part of this function).
  bool shouldEnterLambdaBodies() const { return false; }

  bool TraverseStmt(Stmt *S, typename Base::DataRecursionQueue * = nullptr) {
    if (!S)
      return true;
    Stack.push_back(S);
    bool Result = Base::TraverseStmt(S, nullptr);
    Stack.pop_back();
    return Result;
  }

  bool TraverseLambdaExpr(LambdaExpr *Lambda,
                          typename Base::DataRecursionQueue * = nullptr) {
    if (!derived().WalkUpFromLambdaExpr(Lambda))
      return false;
    for (Expr *Init : Lambda->capture_inits())
      derived().TraverseStmt(Init);
    if (derived().shouldEnterLambdaBodies()) {
      ++LambdaDepth;
      derived().TraverseStmt(Lambda->getBody());
      --LambdaDepth;
    }
    return true;
  }

  bool TraverseDecl(Decl *D) {
    if (!D || startsOwnCode(*D))
      return true;
    return Base::TraverseDecl(D);
  }
  bool TraverseBlockExpr(BlockExpr *, typename Base::DataRecursionQueue * = nullptr) {
    return true;
  }
  // Types, qualifiers and attributes hold no code that runs here (a
  // `decltype` operand is not evaluated): not walking them saves a good
  // part of the walk.
  bool TraverseTypeLoc(TypeLoc) { return true; }
  bool TraverseNestedNameSpecifierLoc(NestedNameSpecifierLoc) { return true; }
  bool TraverseAttr(Attr *) { return true; }

protected:
  /// The statements from the walked body down to the one being visited,
  /// that one last.
  llvm::ArrayRef<const Stmt *> stack() const { return Stack; }
  /// The statement directly above the one being visited, or null.
  const Stmt *parent() const {
    return Stack.size() >= 2 ? Stack[Stack.size() - 2] : nullptr;
  }
  /// How many nested lambda bodies the walk is inside.
  unsigned lambdaDepth() const { return LambdaDepth; }

private:
  llvm::SmallVector<const Stmt *, 32> Stack;
  unsigned LambdaDepth = 0;
};

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_OWNBODY_H
