//===--- Ancestors.h - where a node is, without a parent map ---*- C++ -*-===//
//
// The checks walk down from a function; the rare question "what is above
// this node" (where does a value made here go, which function runs it) is
// answered for a few nodes at once, at the end of the translation unit,
// without the AST's parent map: building that map walks every node of the
// translation unit and costs a fifth of the parse (docs/performance.md).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_ANCESTORS_H
#define COROLINT_UTILS_ANCESTORS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "clang/AST/Decl.h"

namespace clang::tidy::coro::utils {

/// The nodes above a node, from the root of the traversal down to its
/// parent: for each, its first parent in the AST's parent map.
using Ancestors = llvm::ArrayRef<DynTypedNode>;

/// The ancestors of each of \p Nodes (statements of user code), as the
/// parent map would give them: found by one walk that enters only the
/// declarations where the nodes are written, then, for a node not met, one
/// walk of the whole translation unit (system headers aside), and the parent
/// map only for what both missed.
llvm::DenseMap<const Stmt *, llvm::SmallVector<DynTypedNode, 32>>
findAncestors(ASTContext &Ctx, llvm::ArrayRef<const Stmt *> Nodes);

/// Finds the statement that declares \p Var in \p S, in the same function
/// (utils/OwnBody.h), and appends the statements from \p S down to it to
/// \p Path: the way down that spares asking for the nodes above.
bool findDeclaration(const Stmt *S, const VarDecl &Var,
                     llvm::SmallVectorImpl<const Stmt *> &Path);

/// The innermost loop on \p Path (from a function body down to a
/// statement) that runs the statement on every iteration (its body,
/// condition or increment; not a `for` initialiser or the range of a
/// range-based `for`).
const Stmt *innermostLoop(llvm::ArrayRef<const Stmt *> Path);

/// The function whose every call runs a node, and the innermost loop of that
/// function that runs it on every iteration. No function for a node outside
/// any function body or in an unevaluated operand (`sizeof`, `decltype`).
struct Placement {
  const FunctionDecl *Function = nullptr;
  const Stmt *Loop = nullptr;
};
/// Where \p Node runs, from its ancestors \p Above (findAncestors).
Placement locate(const Stmt &Node, Ancestors Above);

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_ANCESTORS_H
