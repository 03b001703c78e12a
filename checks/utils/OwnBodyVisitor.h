//===--- OwnBodyVisitor.h - walk one function's own body -------*- C++ -*-===//
//
// The checks analyse one function at a time, from the function down, instead
// of looking up from a matched node through the AST's parent map: building
// that map costs a fifth of the parse on a large translation unit. This
// visitor walks the statements of one function body, keeps the chain of
// statements above the one it visits, and does not enter what is a function
// of its own (local classes, blocks; nested lambdas' bodies unless the
// derived class asks for them, e.g. to see captures).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_OWNBODYVISITOR_H
#define COROLINT_UTILS_OWNBODYVISITOR_H

#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::coro::utils {

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
    if (!D || isa<TagDecl, FunctionDecl, BlockDecl>(D))
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

#endif // COROLINT_UTILS_OWNBODYVISITOR_H
