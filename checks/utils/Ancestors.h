//===--- Ancestors.h - the nodes above a few nodes, without a parent map -*- C++ -*-===//
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

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_ANCESTORS_H
