//===--- SuspensionFlow.h - a body's flow around suspensions ---*- C++ -*-===//
//
// The flow questions of the checks, answered on clang's CFG of one written
// body (a coroutine's, or any function's), built once per body and only when
// a check asks one:
//   - does some path reach a statement after a suspension point (what a
//     coroutine reads there, it reads after other code ran meanwhile);
//   - does some path reach a statement without passing a `co_await` that
//     moved the coroutine onto a pool (a hop on one branch leaves the other
//     branch on the loop);
//   - does some path from a statement reach the end of the body without
//     passing any of a set of statements (a task not awaited on every path).
// The CFG lists every expression as an element in evaluation order; a
// `co_await` is an element after its operand and its await_ready /
// await_suspend / await_resume calls, so what follows it in the block (and
// in the blocks after) runs after the suspension. A forward pass over the
// blocks, in the style of clang's own dataflow analyses, computes two bits
// per block entry: "after a suspension on some path" and "on the loop on
// some path" (no hop passed).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_SUSPENSIONFLOW_H
#define COROLINT_UTILS_SUSPENSIONFLOW_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>
#include <vector>

namespace clang::tidy::coro::utils {

class SuspensionFlow {
public:
  /// Builds the CFG of \p Body, the body \p F's user wrote. \p IsHop tells
  /// the `co_await` operands that move the coroutine onto a pool (null: no
  /// hops).
  SuspensionFlow(const FunctionDecl &F, const Stmt &Body, ASTContext &Ctx,
                 llvm::function_ref<bool(const Expr &)> IsHop = nullptr);

  /// The CFG could be built; every answer below is conservative otherwise
  /// (after a suspension: yes; on the loop: yes; a path avoiding: no).
  bool valid() const { return Graph != nullptr; }

  /// Some path from the start reaches \p S after a suspension point.
  bool isAfterSuspension(const Stmt &S) const;
  /// Some path from the start reaches \p S without passing a hop.
  bool mayRunOnLoop(const Stmt &S) const;
  /// \p D is named (a DeclRefExpr) at a point that some path reaches after
  /// a suspension point.
  bool isReferencedAfterSuspension(const ValueDecl &D) const {
    return !valid() || ReferencedAfter.contains(&D);
  }
  /// `this` is used at such a point (a member, a captured `this`).
  bool usesThisAfterSuspension() const { return !valid() || ThisAfter; }
  /// Some path from just after \p From reaches the end of the body without
  /// passing any statement of \p Avoid. False when \p From is not found.
  bool hasPathAvoiding(const Stmt &From,
                       const llvm::SmallPtrSetImpl<const Stmt *> &Avoid) const;

private:
  struct Position {
    const CFGBlock *Block = nullptr;
    unsigned Index = 0; // the element's index; Block->size() for a terminator
  };
  /// Where \p S is evaluated: its own element, else its first sub-statement
  /// that is one, else the block it terminates.
  Position position(const Stmt &S) const;
  /// The two bits just before the element at \p P.
  struct Bits {
    bool After = false;
    bool OnLoop = false;
  };
  Bits bitsAt(Position P) const;
  /// How one element changes the bits.
  void step(const CFGElement &E, Bits &State) const;

  std::unique_ptr<CFG> Graph;
  llvm::DenseMap<const Stmt *, Position> Elements;
  llvm::DenseMap<const Stmt *, const CFGBlock *> Terminators;
  /// The bits at each block's entry, by block ID.
  std::vector<Bits> Entry;
  /// The suspension and hop elements (computed once).
  llvm::SmallPtrSet<const Stmt *, 8> Suspensions;
  llvm::SmallPtrSet<const Stmt *, 4> Hops;
  llvm::SmallPtrSet<const ValueDecl *, 16> ReferencedAfter;
  bool ThisAfter = false;
};

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_SUSPENSIONFLOW_H
