//===--- FunctionSummary.cpp - what a function does, through its calls ----===//

#include "utils/FunctionSummary.h"
#include "utils/Coroutine.h"
#include "utils/ExitPaths.h"
#include "utils/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <limits>
#include <vector>

namespace clang::tidy::coro::utils {

const FunctionDecl *
FunctionSummaries::followedDefinition(const FunctionDecl &Callee,
                                      const SourceManager &SM) {
  // Asked for every call: the answer is kept per declaration.
  if (auto It = Followed.find(&Callee); It != Followed.end())
    return It->second;
  const FunctionDecl *Definition = nullptr;
  if (!Callee.hasBody(Definition) || !Definition->getBody() ||
      isCoroutine(Definition) ||
      SM.isInSystemHeader(Definition->getLocation()))
    Definition = nullptr;
  Followed[&Callee] = Definition;
  return Definition;
}

const FunctionDecl *FunctionSummaries::followedCallee(const CallExpr &Call,
                                                      const SourceManager &SM) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || lambdaCalledInPlace(Call) || Offload.isOffloadCall(Call))
    return nullptr;
  return followedDefinition(*Callee, SM);
}

std::optional<Reach> FunctionSummaries::nearest(const FunctionDecl &F,
                                                const SourceManager &SM) {
  const FunctionDecl *Root = followedDefinition(F, SM);
  if (!Root)
    return std::nullopt;
  if (auto It = Summaries.find(Root->getCanonicalDecl()); It != Summaries.end())
    return It->second.Nearest;

  // The part of the call graph reachable from Root through functions that
  // have no summary yet: each node's own site, or its followed callees in
  // source order (a function with a site of its own is at distance 0 and
  // its callees do not matter).
  struct Node {
    const FunctionDecl *Definition;
    std::optional<Site> Own;
    llvm::SmallVector<const FunctionDecl *, 4> Callees; // canonical
  };
  std::vector<Node> Nodes;
  llvm::DenseMap<const FunctionDecl *, unsigned> Index;
  auto AddNode = [&](const FunctionDecl *Definition) {
    Index[Definition->getCanonicalDecl()] = Nodes.size();
    Nodes.push_back({Definition, std::nullopt, {}});
  };
  AddNode(Root);
  for (unsigned I = 0; I < Nodes.size(); ++I) {
    // In source order: the sites, and the calls of followed functions. A
    // body that calls a [[noreturn]] function drops what is on its exit
    // paths afterwards (rare: only then is the body walked twice).
    llvm::SmallVector<Site, 2> Sites;
    llvm::SmallVector<std::pair<const CallExpr *, const FunctionDecl *>, 4> Calls;
    bool SawNoReturn = false;
    ++Walked;
    const Stmt &Body = *Nodes[I].Definition->getBody();
    forEachOwnStatementWithParent(
        Body, [&](const Stmt &S, const Stmt *Parent) {
          SawNoReturn |= isNoReturnCall(S);
          if (std::optional<Site> Found = Classify(S, Parent)) {
            Sites.push_back(*Found);
            return;
          }
          const auto *Call = dyn_cast<CallExpr>(&S);
          if (!Call)
            return;
          if (const FunctionDecl *Callee = followedCallee(*Call, SM))
            Calls.emplace_back(Call, Callee->getCanonicalDecl());
        });
    std::optional<ExitPaths> Exits;
    if (SawNoReturn)
      Exits.emplace(Body);
    auto Live = [&](const Stmt *S) { return !Exits || !Exits->contains(S); };
    std::optional<Site> Own;
    for (const Site &Found : Sites)
      if (Live(Found.S)) {
        Own = Found;
        break;
      }
    llvm::SmallVector<const FunctionDecl *, 4> Callees;
    llvm::SmallPtrSet<const FunctionDecl *, 8> Seen;
    if (!Own)
      for (const auto &[Call, Callee] : Calls)
        if (Live(Call) && Seen.insert(Callee).second)
          Callees.push_back(Callee);
    if (Own) {
      Nodes[I].Own = Own;
      continue;
    }
    for (const FunctionDecl *Callee : Callees)
      if (!Summaries.count(Callee) && !Index.count(Callee))
        AddNode(followedDefinition(*Callee, SM));
    Nodes[I].Callees = std::move(Callees);
  }

  // Distances: a shortest-path fixpoint, from the sites back up the calls,
  // one distance at a time (every call counts 1). Known summaries are exact
  // already and start their callers off.
  constexpr unsigned None = std::numeric_limits<unsigned>::max();
  std::vector<unsigned> Distance(Nodes.size(), None);
  std::vector<llvm::SmallVector<unsigned, 2>> Callers(Nodes.size());
  // Level[D]: the nodes offered distance D (no more levels than nodes
  // plus the largest known distance, whatever the bound).
  std::vector<std::vector<unsigned>> Level;
  auto Offer = [&](unsigned Node, unsigned D) {
    if (D > MaxDistance || D >= Distance[Node])
      return;
    Distance[Node] = D;
    if (Level.size() <= D)
      Level.resize(D + 1);
    Level[D].push_back(Node);
  };
  for (unsigned I = 0; I < Nodes.size(); ++I) {
    if (Nodes[I].Own) {
      Offer(I, 0);
      continue;
    }
    for (const FunctionDecl *Callee : Nodes[I].Callees) {
      if (auto It = Index.find(Callee); It != Index.end())
        Callers[It->second].push_back(I);
      else if (const std::optional<Reach> &Known = Summaries[Callee].Nearest)
        Offer(I, Known->Distance + 1);
    }
  }
  for (unsigned D = 0; D < Level.size(); ++D)
    for (size_t K = 0; K < Level[D].size(); ++K) {
      unsigned Node = Level[D][K];
      if (Distance[Node] != D)
        continue; // nearer since
      for (unsigned Caller : Callers[Node])
        Offer(Caller, D + 1);
    }

  // What each node reaches, nearest distance first: its own site, or that
  // of its first callee (in source order) one call nearer.
  std::vector<Summary> Result(Nodes.size());
  auto DistanceOf = [&](const FunctionDecl *Callee) {
    if (auto It = Index.find(Callee); It != Index.end())
      return Distance[It->second];
    const std::optional<Reach> &Known = Summaries[Callee].Nearest;
    return Known ? Known->Distance : None;
  };
  auto ReachOf = [&](const FunctionDecl *Callee) -> const std::optional<Reach> & {
    if (auto It = Index.find(Callee); It != Index.end())
      return Result[It->second].Nearest;
    return Summaries[Callee].Nearest;
  };
  for (unsigned D = 0; D < Level.size(); ++D)
    for (unsigned Node : Level[D]) {
      if (Distance[Node] != D || Result[Node].Nearest)
        continue;
      if (Nodes[Node].Own) {
        Result[Node].Nearest = Reach{*Nodes[Node].Own, 0, Nodes[Node].Definition};
        continue;
      }
      for (const FunctionDecl *Callee : Nodes[Node].Callees)
        if (unsigned Near = DistanceOf(Callee); Near != None && Near + 1 == D) {
          Reach Through = *ReachOf(Callee);
          Through.Distance = D;
          Result[Node].Nearest = Through;
          Result[Node].Next = Callee;
          break;
        }
    }
  for (unsigned I = 0; I < Nodes.size(); ++I)
    Summaries[Nodes[I].Definition->getCanonicalDecl()] = Result[I];
  return Result[0].Nearest;
}

llvm::SmallVector<const FunctionDecl *, 4>
FunctionSummaries::chain(const FunctionDecl &F, const SourceManager &SM) {
  llvm::SmallVector<const FunctionDecl *, 4> Chain;
  if (!nearest(F, SM))
    return Chain;
  for (const FunctionDecl *Key = F.getCanonicalDecl(); Key;) {
    Chain.push_back(Key);
    auto It = Summaries.find(Key);
    Key = It == Summaries.end() ? nullptr : It->second.Next;
  }
  return Chain;
}

} // namespace clang::tidy::coro::utils
