//===--- SuspensionFlow.cpp - a body's flow around suspensions ------------===//

#include "utils/SuspensionFlow.h"
#include "utils/CoroutineModel.h"
#include "clang/AST/ExprCXX.h"
#include <algorithm>

namespace clang::tidy::coro::utils {

SuspensionFlow::SuspensionFlow(const FunctionDecl &F, const Stmt &Body,
                               ASTContext &Ctx,
                               llvm::function_ref<bool(const Expr &)> IsHop) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Graph = CFG::buildCFG(&F, const_cast<Stmt *>(&Body), &Ctx, Options);
  if (!Graph)
    return;
  for (const CFGBlock *Block : *Graph) {
    if (!Block)
      continue;
    for (unsigned I = 0; I < Block->size(); ++I)
      if (std::optional<CFGStmt> S = (*Block)[I].getAs<CFGStmt>()) {
        const Stmt *Element = S->getStmt();
        Elements.try_emplace(Element, Position{Block, I});
        if (isSuspensionPoint(*Element))
          Suspensions.insert(Element);
        if (IsHop)
          if (const Expr *Operand = awaitedOperand(*Element); Operand && IsHop(*Operand))
            Hops.insert(Element);
      }
    if (const Stmt *Terminator = Block->getTerminatorStmt())
      Terminators.try_emplace(Terminator, Block);
  }

  // Forward, to a fixpoint: both bits only ever go from false to true.
  Entry.assign(Graph->getNumBlockIDs(), Bits{});
  const CFGBlock &Start = Graph->getEntry();
  Entry[Start.getBlockID()] = Bits{false, true};
  std::vector<const CFGBlock *> Work{&Start};
  std::vector<bool> Queued(Graph->getNumBlockIDs(), false);
  Queued[Start.getBlockID()] = true;
  while (!Work.empty()) {
    const CFGBlock *Block = Work.back();
    Work.pop_back();
    Queued[Block->getBlockID()] = false;
    Bits State = Entry[Block->getBlockID()];
    for (const CFGElement &E : *Block)
      step(E, State);
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs()) {
      const CFGBlock *Next = Succ.getReachableBlock();
      if (!Next)
        continue;
      Bits &In = Entry[Next->getBlockID()];
      const Bits Joined{In.After || State.After, In.OnLoop || State.OnLoop};
      if (Joined.After == In.After && Joined.OnLoop == In.OnLoop)
        continue;
      In = Joined;
      if (!Queued[Next->getBlockID()]) {
        Queued[Next->getBlockID()] = true;
        Work.push_back(Next);
      }
    }
  }

  // What is named after a suspension.
  for (const CFGBlock *Block : *Graph) {
    if (!Block)
      continue;
    Bits State = Entry[Block->getBlockID()];
    for (const CFGElement &E : *Block) {
      if (State.After)
        if (std::optional<CFGStmt> S = E.getAs<CFGStmt>()) {
          if (const auto *Ref = dyn_cast<DeclRefExpr>(S->getStmt()))
            ReferencedAfter.insert(Ref->getDecl());
          else if (isa<CXXThisExpr>(S->getStmt()))
            ThisAfter = true;
        }
      step(E, State);
    }
  }
}

void SuspensionFlow::step(const CFGElement &E, Bits &State) const {
  std::optional<CFGStmt> S = E.getAs<CFGStmt>();
  if (!S)
    return;
  if (Suspensions.contains(S->getStmt()))
    State.After = true;
  if (Hops.contains(S->getStmt()))
    State.OnLoop = false;
}

SuspensionFlow::Position SuspensionFlow::position(const Stmt &S) const {
  if (auto It = Elements.find(&S); It != Elements.end())
    return It->second;
  // The first sub-statement, in a pre-order walk, that is an element: for
  // a compound statement or a loop, where it begins.
  llvm::SmallVector<const Stmt *, 16> Work;
  auto PushChildren = [&Work](const Stmt &Parent) {
    const size_t Mark = Work.size();
    for (const Stmt *Child : Parent.children())
      if (Child)
        Work.push_back(Child);
    std::reverse(Work.begin() + Mark, Work.end());
  };
  PushChildren(S);
  while (!Work.empty()) {
    const Stmt *Next = Work.pop_back_val();
    if (auto It = Elements.find(Next); It != Elements.end())
      return It->second;
    PushChildren(*Next);
  }
  if (auto It = Terminators.find(&S); It != Terminators.end())
    return {It->second, static_cast<unsigned>(It->second->size())};
  return {};
}

SuspensionFlow::Bits SuspensionFlow::bitsAt(Position P) const {
  Bits State = Entry[P.Block->getBlockID()];
  for (unsigned I = 0; I < P.Index && I < P.Block->size(); ++I)
    step((*P.Block)[I], State);
  return State;
}

bool SuspensionFlow::isAfterSuspension(const Stmt &S) const {
  if (!valid())
    return true;
  const Position P = position(S);
  return !P.Block || bitsAt(P).After;
}

bool SuspensionFlow::mayRunOnLoop(const Stmt &S) const {
  if (!valid())
    return true;
  const Position P = position(S);
  return !P.Block || bitsAt(P).OnLoop;
}

bool SuspensionFlow::hasPathAvoiding(
    const Stmt &From, const llvm::SmallPtrSetImpl<const Stmt *> &Avoid) const {
  if (!valid())
    return false;
  auto It = Elements.find(&From);
  if (It == Elements.end())
    return false;
  llvm::SmallPtrSet<const CFGBlock *, 32> Visited;
  llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 32> Work;
  Work.push_back({It->second.Block, It->second.Index + 1});
  while (!Work.empty()) {
    auto [Block, First] = Work.pop_back_val();
    bool Avoided = false;
    for (unsigned I = First; I < Block->size() && !Avoided; ++I)
      if (std::optional<CFGStmt> S = (*Block)[I].getAs<CFGStmt>())
        Avoided = Avoid.contains(S->getStmt());
    if (Avoided)
      continue;
    if (Block == &Graph->getExit())
      return true;
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs())
      if (const CFGBlock *Next = Succ.getReachableBlock())
        if (Visited.insert(Next).second)
          Work.push_back({Next, 0});
  }
  return false;
}

} // namespace clang::tidy::coro::utils
