//===--- FunctionSummary.h - what a function does, through its calls -*- C++ -*-===//
//
// The interprocedural ground of the checks that follow calls into the
// functions of the translation unit (coro-blocking-call, coro-blocking-loop):
// for each function defined in the translation unit, the nearest *site* it
// reaches through calls of such functions (a blocking call, a long loop, ...;
// what a site is, the check says), with the chain of calls to it.
//
// - A function is followed when it is defined in the translation unit, is not
//   a coroutine (its body runs on its own schedule) and is not system code;
//   a call is followed unless it calls a lambda on the spot (its body is part
//   of the caller's own body) or hands its callables to another thread (an
//   offload). (The checks also skip, in a coroutine's own body, a header
//   coroutine's call of the callable it was given: utils/Expr.h's
//   isBridgeCall.)
// - What runs only on a path that ends the program (a block that calls a
//   [[noreturn]] function: a stack dump before std::exit) is neither a site
//   nor followed (utils/ExitPaths.h).
// - A function's *own body* is the one of forEachOwnStatement.
// - Distances count calls: 0 for a site in the function's own body, N + 1
//   for a site N calls away from one of its callees. Only distances up to
//   the bound given at construction are kept (a check's MaxCallDepth).
// - Summaries are computed lazily, once per translation unit: asking for a
//   function summarises it and every function it reaches that has no summary
//   yet, together, as a shortest-path fixpoint over that part of the call
//   graph (cycles included: the answer never depends on the order in which
//   functions are asked about). Worklists, not recursion: a chain of
//   thousands of calls does not exhaust the stack.
// - Among equally near sites, the one of the first call in source order wins
//   (the first site of the body for a site of its own), so that notes are
//   deterministic.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_FUNCTIONSUMMARY_H
#define COROLINT_UTILS_FUNCTIONSUMMARY_H

#include "utils/CoroutineBody.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <functional>
#include <optional>

namespace clang::tidy::coro::utils {

/// Something a function does that matters to a check: a statement of its
/// own body, and a value the check attaches to it (a blocking call's family,
/// a loop's iteration count).
struct Site {
  const Stmt *S = nullptr;
  uint64_t Value = 0;
};

/// The nearest site a function reaches.
struct Reach {
  Site At;
  /// Calls between the function's body and the site: 0 for its own site.
  unsigned Distance = 0;
  /// The function whose own body holds the site.
  const FunctionDecl *Holder = nullptr;
};

class FunctionSummaries {
public:
  /// Tells whether a statement of a followed function's own body (visited
  /// with the statement directly above it) is a site.
  using SiteClassifier =
      std::function<std::optional<Site>(const Stmt &, const Stmt *Parent)>;

  FunctionSummaries(const OffloadModel &Offload, unsigned MaxDistance,
                    SiteClassifier Classify)
      : Offload(Offload), MaxDistance(MaxDistance),
        Classify(std::move(Classify)) {}

  /// The definition of \p Callee to follow, or null when it is not followed
  /// (no body here, a coroutine, system code). Memoised.
  const FunctionDecl *followedDefinition(const FunctionDecl &Callee,
                                         const SourceManager &SM);
  /// The definition of what \p Call calls, when the call is followed.
  const FunctionDecl *followedCallee(const CallExpr &Call,
                                     const SourceManager &SM);

  /// The nearest site \p F reaches within the bound, when it is followed.
  std::optional<Reach> nearest(const FunctionDecl &F, const SourceManager &SM);

  /// The functions from \p F to the one holding its nearest site, \p F
  /// first (empty when it reaches none): the chain for notes.
  llvm::SmallVector<const FunctionDecl *, 4>
  chain(const FunctionDecl &F, const SourceManager &SM);

  /// Forgets everything: at the start of each translation unit.
  void clear() {
    Summaries.clear();
    Followed.clear();
  }

  /// How many function bodies were walked since the last clear (for tests).
  unsigned walkedBodies() const { return Walked; }

private:
  struct Summary {
    std::optional<Reach> Nearest;
    /// The callee (canonical) the nearest site is reached through; null for
    /// a site of its own or none.
    const FunctionDecl *Next = nullptr;
  };

  const OffloadModel &Offload;
  const unsigned MaxDistance;
  SiteClassifier Classify;
  /// Keyed by canonical declaration.
  llvm::DenseMap<const FunctionDecl *, Summary> Summaries;
  /// followedDefinition's answer per declaration.
  llvm::DenseMap<const FunctionDecl *, const FunctionDecl *> Followed;
  unsigned Walked = 0;
};

} // namespace clang::tidy::coro::utils

#endif // COROLINT_UTILS_FUNCTIONSUMMARY_H
