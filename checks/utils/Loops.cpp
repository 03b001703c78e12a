//===--- Loops.cpp - what a loop does: trip counts, busy waits ------------===//

#include "utils/Loops.h"
#include "utils/Expr.h"
#include "utils/Options.h"
#include "utils/OwnBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/Support/MathExtras.h"
#include <algorithm>
#include <limits>

namespace clang::tidy::coro::utils {

bool isLoop(const Stmt *S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

// ---- Constant iteration counts.

namespace {

/// The value of \p E when constants fix it (literals, constexpr variables,
/// enumerators, casts and arithmetic of those) and it fits in 64 bits.
std::optional<int64_t> constantValue(const Expr *E, const ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->isTypeDependent() ||
      E->containsErrors())
    return std::nullopt;
  // A literal, the common case, without the constant evaluator.
  // (A literal is never negative; it keeps its value in any integer type
  // wide enough for its bits and, if signed, a sign bit.)
  if (const auto *Literal = dyn_cast<IntegerLiteral>(E->IgnoreParenImpCasts());
      Literal && E->getType()->isIntegerType()) {
    const llvm::APInt &Value = Literal->getValue();
    const unsigned Needed =
        Value.getActiveBits() + (E->getType()->isSignedIntegerType() ? 1 : 0);
    if (Value.getActiveBits() < 64 && Needed <= Ctx.getIntWidth(E->getType()))
      return static_cast<int64_t>(Value.getZExtValue());
  }
  Expr::EvalResult Result;
  if (!E->EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  return Result.Val.getInt().tryExtValue();
}

/// A variable that can count a loop: a local, modifiable integer.
bool isCounterVar(const VarDecl *Var) {
  if (!Var || !Var->hasLocalStorage())
    return false;
  QualType T = Var->getType();
  return T->isIntegerType() && !T->isBooleanType() && !T.isConstQualified() &&
         !T.isVolatileQualified();
}

/// The variable \p E names, as written.
const VarDecl *namedVar(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(ignoreImplicitAndParens(E));
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// `Var Op Bound`, the loop's test in a normal form.
struct Test {
  const VarDecl *Var = nullptr;
  BinaryOperatorKind Op = BO_LT;
  int64_t Bound = 0;
};

BinaryOperatorKind reversed(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT:
    return BO_GT;
  case BO_GT:
    return BO_LT;
  case BO_LE:
    return BO_GE;
  case BO_GE:
    return BO_LE;
  default:
    return Op;
  }
}

/// Parses `i < N`, `N > i`, `i != N`, ... with a constant N. When \p Var is
/// given, the counter must be that variable.
std::optional<Test> parseTest(const Expr *Cond, const VarDecl *Var,
                              const ASTContext &Ctx) {
  const auto *Compare =
      dyn_cast_or_null<BinaryOperator>(ignoreImplicitAndParens(Cond));
  if (!Compare)
    return std::nullopt;
  BinaryOperatorKind Op = Compare->getOpcode();
  if (Op != BO_LT && Op != BO_LE && Op != BO_GT && Op != BO_GE && Op != BO_NE)
    return std::nullopt;
  auto Try = [&](const Expr *Counter, const Expr *Other,
                 BinaryOperatorKind Kind) -> std::optional<Test> {
    const VarDecl *Named = namedVar(Counter);
    if (!isCounterVar(Named) || (Var && Named != Var))
      return std::nullopt;
    std::optional<int64_t> Bound = constantValue(Other, Ctx);
    if (!Bound)
      return std::nullopt;
    return Test{Named, Kind, *Bound};
  };
  if (std::optional<Test> Found =
          Try(Compare->getLHS(), Compare->getRHS(), Op))
    return Found;
  return Try(Compare->getRHS(), Compare->getLHS(), reversed(Op));
}

/// The change `++i`, `i--`, `i += K`, `i -= K`, `i = i + K` makes to \p Var.
std::optional<int64_t> stepOf(const Stmt *S, const VarDecl *Var,
                              const ASTContext &Ctx) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return std::nullopt;
  E = ignoreImplicitAndParens(E);
  if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
    if (Unary->isIncrementDecrementOp() && namedVar(Unary->getSubExpr()) == Var)
      return Unary->isIncrementOp() ? 1 : -1;
    return std::nullopt;
  }
  const auto *Binary = dyn_cast<BinaryOperator>(E);
  if (!Binary || namedVar(Binary->getLHS()) != Var)
    return std::nullopt;
  std::optional<int64_t> Amount;
  bool Adds = true;
  switch (Binary->getOpcode()) {
  case BO_AddAssign:
  case BO_SubAssign:
    Amount = constantValue(Binary->getRHS(), Ctx);
    Adds = Binary->getOpcode() == BO_AddAssign;
    break;
  case BO_Assign: {
    const auto *Sum =
        dyn_cast<BinaryOperator>(ignoreImplicitAndParens(Binary->getRHS()));
    if (!Sum || (Sum->getOpcode() != BO_Add && Sum->getOpcode() != BO_Sub))
      return std::nullopt;
    Adds = Sum->getOpcode() == BO_Add;
    if (namedVar(Sum->getLHS()) == Var)
      Amount = constantValue(Sum->getRHS(), Ctx);
    else if (Adds && namedVar(Sum->getRHS()) == Var)
      Amount = constantValue(Sum->getLHS(), Ctx);
    break;
  }
  default:
    return std::nullopt;
  }
  if (!Amount || *Amount == std::numeric_limits<int64_t>::min())
    return std::nullopt;
  return Adds ? *Amount : -*Amount;
}

/// `&Var` handed to a parameter that points to const: only read.
bool addressReadOnly(const CallExpr &Call, unsigned Arg, const VarDecl *Var) {
  const auto *AddrOf =
      dyn_cast<UnaryOperator>(ignoreImplicitAndParens(Call.getArg(Arg)));
  if (!AddrOf || AddrOf->getOpcode() != UO_AddrOf || namedVar(AddrOf->getSubExpr()) != Var)
    return false;
  const FunctionDecl *Callee = Call.getDirectCallee();
  unsigned Param = Arg;
  if (isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee)) {
    if (Arg == 0)
      return false;
    Param = Arg - 1;
  }
  if (!Callee || Param >= Callee->getNumParams())
    return false;
  const QualType T = Callee->getParamDecl(Param)->getType();
  return T->isPointerType() && T->getPointeeType().isConstQualified();
}

/// True when \p S (but not \p Skip) may change \p Var: any use of it but a
/// read of its value, a binding to a const reference, or its address handed
/// to a parameter that points to const.
bool mayWrite(const Stmt *S, const VarDecl *Var, const Stmt *Skip,
              const Stmt *Parent) {
  if (!S || S == Skip)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    if (mayWrite(Call->getCallee(), Var, Skip, S))
      return true;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (!addressReadOnly(*Call, I, Var) &&
          mayWrite(Call->getArg(I), Var, Skip, S))
        return true;
    return false;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
    if (Ref->getDecl() != Var)
      return false;
    const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Parent);
    return !Cast || !(Cast->getCastKind() == CK_LValueToRValue ||
                      (Cast->getCastKind() == CK_NoOp &&
                       Cast->getType().isConstQualified()));
  }
  // A nested lambda's body runs elsewhere; a capture by reference (its
  // parent is the lambda, not a read) is a write.
  const Stmt *Next = isa<ParenExpr>(S) ? Parent : S;
  return !forEachOwnChild(*S, [&](const Stmt &Child) {
    return !mayWrite(&Child, Var, Skip, Next);
  });
}

/// The constant a `while` (or header-less `for`) counter starts from: its
/// declaration among the statements before the loop, in the same block
/// (\p Parent, the statement directly above the loop), with nothing in
/// between that may change it.
std::optional<int64_t> startBefore(const Stmt &Loop, const Stmt *Parent,
                                   const VarDecl *Var, ASTContext &Ctx) {
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Parent);
  if (!Block)
    return std::nullopt;
  CompoundStmt::const_body_iterator Begin = Block->body_begin();
  CompoundStmt::const_body_iterator It =
      std::find(Begin, Block->body_end(), &Loop);
  while (It != Begin) {
    const Stmt *Before = *--It;
    if (const auto *Decls = dyn_cast<DeclStmt>(Before);
        Decls && llvm::is_contained(Decls->decls(), Var))
      return constantValue(Var->getInit(), Ctx);
    if (mayWrite(Before, Var, nullptr, nullptr))
      return std::nullopt;
  }
  return std::nullopt;
}

/// The one expression that steps \p Var and runs on every iteration of a
/// loop with body \p Body, and its step; none when there are several or
/// none. It runs on every iteration when it is a statement at the top level
/// of the body or a part of one that is always evaluated (`work(count++)`;
/// not a branch of `?:`, the right side of `&&` or `||`, a nested
/// statement, a lambda).
std::optional<std::pair<const Stmt *, int64_t>>
stepInBody(const Stmt *Body, const VarDecl *Var, const ASTContext &Ctx) {
  std::optional<std::pair<const Stmt *, int64_t>> Found;
  bool Several = false;
  auto Always = [&](auto &Self, const Stmt *S) -> void {
    if (!S || Several || !isa<Expr>(S) || isa<LambdaExpr>(S))
      return;
    if (std::optional<int64_t> Step = stepOf(S, Var, Ctx)) {
      if (Found)
        Several = true;
      else
        Found.emplace(S, *Step);
      return;
    }
    if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(S))
      return Self(Self, Cond->getCond());
    if (const auto *Logical = dyn_cast<BinaryOperator>(S);
        Logical && Logical->isLogicalOp())
      return Self(Self, Logical->getLHS());
    for (const Stmt *Child : S->children())
      Self(Self, Child);
  };
  auto Consider = [&](const Stmt *S) {
    if (const auto *Declaration = dyn_cast_or_null<DeclStmt>(S)) {
      for (const Decl *D : Declaration->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit())
          Always(Always, V->getInit());
    } else {
      Always(Always, S);
    }
    return !Several;
  };
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Body)) {
    for (const Stmt *S : Block->body())
      if (!Consider(S))
        return std::nullopt;
  } else if (!Consider(Body)) {
    return std::nullopt;
  }
  return Found;
}

bool holds(int64_t Value, BinaryOperatorKind Op, int64_t Bound) {
  switch (Op) {
  case BO_LT:
    return Value < Bound;
  case BO_LE:
    return Value <= Bound;
  case BO_GT:
    return Value > Bound;
  case BO_GE:
    return Value >= Bound;
  default:
    return Value != Bound;
  }
}

/// How many times `for (i = Start; i Op Bound; i += Step)` iterates, when
/// it ends.
std::optional<uint64_t> iterations(int64_t Start, const Test &T, int64_t Step) {
  if (Step == 0 || Step == std::numeric_limits<int64_t>::min())
    return std::nullopt;
  if (!holds(Start, T.Op, T.Bound))
    return 0;
  const bool Up = Step > 0;
  const int64_t Stride = Up ? Step : -Step;
  int64_t Distance = 0;
  if (Up ? llvm::SubOverflow(T.Bound, Start, Distance)
         : llvm::SubOverflow(Start, T.Bound, Distance))
    return std::nullopt;
  switch (T.Op) {
  case BO_LT:
  case BO_GT:
    if (Up != (T.Op == BO_LT))
      return std::nullopt; // runs away from its bound
    return Distance / Stride + (Distance % Stride != 0);
  case BO_LE:
  case BO_GE:
    if (Up != (T.Op == BO_LE))
      return std::nullopt;
    // `u >= 0` always holds for an unsigned counter.
    if (!Up && T.Bound == 0 && T.Var->getType()->isUnsignedIntegerType())
      return std::nullopt;
    return static_cast<uint64_t>(Distance / Stride) + 1;
  default: // `!=`: ends only when a step lands on the bound
    if (Distance < 0 || Distance % Stride != 0)
      return std::nullopt;
    return Distance / Stride;
  }
}

/// The iteration count of a counted loop with a known start, test and step.
std::optional<uint64_t> countedLoop(const Stmt &Loop, const Stmt *Parent,
                                    const Expr *Cond, const Stmt *Inc,
                                    const Stmt *Body,
                                    const VarDecl *Var,
                                    std::optional<int64_t> Start,
                                    ASTContext &Ctx) {
  std::optional<Test> T = parseTest(Cond, Var, Ctx);
  if (!T)
    return std::nullopt;
  if (!Var)
    Start = startBefore(Loop, Parent, T->Var, Ctx);
  if (!Start)
    return std::nullopt;
  std::optional<int64_t> Step;
  const Stmt *StepStmt = nullptr;
  if (Inc) {
    Step = stepOf(Inc, T->Var, Ctx);
  } else if (auto Found = stepInBody(Body, T->Var, Ctx)) {
    StepStmt = Found->first;
    Step = Found->second;
  }
  if (!Step || mayWrite(Body, T->Var, StepStmt, nullptr))
    return std::nullopt;
  return iterations(*Start, *T, *Step);
}

} // namespace

std::optional<uint64_t> tripCount(const Stmt &Loop, const Stmt *Parent,
                                  ASTContext &Ctx) {
  if (const auto *For = dyn_cast<ForStmt>(&Loop)) {
    if (For->getConditionVariable())
      return std::nullopt;
    const VarDecl *Var = nullptr;
    std::optional<int64_t> Start;
    if (const Stmt *Init = For->getInit()) {
      if (const auto *Decls = dyn_cast<DeclStmt>(Init)) {
        if (!Decls->isSingleDecl())
          return std::nullopt;
        Var = dyn_cast<VarDecl>(Decls->getSingleDecl());
        Start = Var ? constantValue(Var->getInit(), Ctx) : std::nullopt;
      } else if (const auto *Assign = dyn_cast<BinaryOperator>(Init);
                 Assign && Assign->getOpcode() == BO_Assign) {
        Var = namedVar(Assign->getLHS());
        Start = constantValue(Assign->getRHS(), Ctx);
      }
      if (!isCounterVar(Var) || !Start)
        return std::nullopt;
    }
    return countedLoop(Loop, Parent, For->getCond(), For->getInc(),
                       For->getBody(), Var, Start, Ctx);
  }
  if (const auto *While = dyn_cast<WhileStmt>(&Loop)) {
    if (While->getConditionVariable())
      return std::nullopt;
    return countedLoop(Loop, Parent, While->getCond(), nullptr,
                       While->getBody(), nullptr, std::nullopt, Ctx);
  }
  if (const auto *Do = dyn_cast<DoStmt>(&Loop)) {
    std::optional<uint64_t> Count =
        countedLoop(Loop, Parent, Do->getCond(), nullptr, Do->getBody(),
                    nullptr, std::nullopt, Ctx);
    if (Count && *Count == 0)
      return 1; // the body runs before the first test
    return Count;
  }
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop)) {
    const Expr *Init = Range->getRangeInit();
    if (!Init || Init->isTypeDependent())
      return std::nullopt;
    if (const ConstantArrayType *Array =
            Ctx.getAsConstantArrayType(Init->getType()))
      return Array->getSize().getLimitedValue();
  }
  return std::nullopt;
}

// ---- Busy waits.

namespace {

/// std::atomic, std::atomic_ref, std::atomic_flag (or a C11 _Atomic).
bool isAtomicType(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  if (T->isAtomicType())
    return true;
  const CXXRecordDecl *Class = T->getAsCXXRecordDecl();
  if (!Class)
    return false;
  std::string Name = qualifiedName(Class);
  return Name == "std::atomic" || Name == "std::atomic_ref" ||
         Name == "std::atomic_flag";
}

bool isOneOf(llvm::StringRef Name, std::initializer_list<llvm::StringRef> Set) {
  return llvm::is_contained(Set, Name);
}

/// The name a function is called by, for the small lists below.
llvm::StringRef plainName(const FunctionDecl *F) {
  return F && F->getIdentifier() ? F->getName() : "";
}

/// Reads the polling expressions of a busy wait: loads and compares of
/// atomics, volatiles and flags, nothing that computes or writes.
class PollReader {
public:
  explicit PollReader(bool InCondition) : InCondition(InCondition) {}

  bool read(const Expr *E) {
    if (!E)
      return false;
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      if (Cast->getCastKind() == CK_LValueToRValue ||
          Cast->getCastKind() == CK_AtomicToNonAtomic) {
        QualType T = Cast->getSubExpr()->getType();
        // A data member is state another thread (or a callback) sets.
        const bool IsField = isa<MemberExpr>(ignoreImplicitAndParens(Cast->getSubExpr()));
        if (Cast->getCastKind() == CK_AtomicToNonAtomic ||
            T.isVolatileQualified() || T->isBooleanType() || IsField)
          found(Cast->getSubExpr());
      }
      return read(Cast->getSubExpr());
    }
    if (isa<ParenExpr, FullExpr, MaterializeTemporaryExpr,
            CXXBindTemporaryExpr, SubstNonTypeTemplateParmExpr>(E))
      return llvm::all_of(E->children(), [&](const Stmt *Child) {
        return read(cast<Expr>(Child));
      });
    if (isa<DeclRefExpr, CXXThisExpr, IntegerLiteral, CXXBoolLiteralExpr,
            CharacterLiteral, FloatingLiteral, CXXNullPtrLiteralExpr,
            CXXDefaultArgExpr>(E))
      return true;
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      return read(Member->getBase());
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
      return read(Subscript->getBase()) && read(Subscript->getIdx());
    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      switch (Unary->getOpcode()) {
      case UO_LNot:
      case UO_Not:
      case UO_Minus:
      case UO_Plus:
      case UO_Deref:
      case UO_AddrOf:
        return read(Unary->getSubExpr());
      default:
        return false;
      }
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(E))
      return !Binary->isAssignmentOp() && !Binary->isCommaOp() &&
             read(Binary->getLHS()) && read(Binary->getRHS());
    if (const auto *Atomic = dyn_cast<AtomicExpr>(E)) {
      found(Atomic->getPtr());
      return true;
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      const Expr *Object = Call->getImplicitObjectArgument();
      const CXXMethodDecl *Method = Call->getMethodDecl();
      if (!Object || !Method)
        return false;
      // An observer of a container or a state object: `q.empty()`,
      // `job.done()`: const, and named as an observer.
      if (!isAtomicType(Object->IgnoreImpCasts()->getType())) {
        if (!Method->isConst() ||
            !isOneOf(plainName(Method), {"empty", "size", "ready", "is_ready",
                                         "done", "is_done", "has_value",
                                         "available", "stopped"}))
          return false;
        found(Object);
        return read(Object) && readArguments(*Call);
      }
      if (!isa<CXXConversionDecl>(Method) &&
          !isOneOf(plainName(Method), {"load", "test"}) &&
          !(InCondition &&
            isOneOf(plainName(Method),
                    {"test_and_set", "exchange", "compare_exchange_weak",
                     "compare_exchange_strong"})))
        return false;
      found(Object);
      return read(Object) && readArguments(*Call);
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      llvm::StringRef Name = plainName(Call->getDirectCallee());
      if (!isOneOf(Name, {"atomic_load", "atomic_load_explicit",
                          "atomic_flag_test", "atomic_flag_test_explicit"}) &&
          !(InCondition &&
            isOneOf(Name, {"atomic_flag_test_and_set",
                           "atomic_flag_test_and_set_explicit",
                           "atomic_exchange", "atomic_exchange_explicit"})))
        return false;
      if (Call->getNumArgs() > 0)
        found(Call->getArg(0));
      return readArguments(*Call);
    }
    return false;
  }

  /// Something another thread can change was read.
  bool readsShared() const { return Shared != nullptr; }
  /// What the loop spins on, when it has a name.
  const NamedDecl *target() const {
    const Expr *E = Shared ? ignoreImplicitAndParens(Shared) : nullptr;
    while (const auto *Unary = dyn_cast_or_null<UnaryOperator>(E))
      E = ignoreImplicitAndParens(Unary->getSubExpr());
    const NamedDecl *D = nullptr;
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
      D = Ref->getDecl();
    else if (const auto *Member = dyn_cast_or_null<MemberExpr>(E))
      D = Member->getMemberDecl();
    return D && D->getIdentifier() ? D : nullptr;
  }

private:
  bool readArguments(const CallExpr &Call) {
    return llvm::all_of(Call.arguments(),
                        [&](const Expr *Arg) { return read(Arg); });
  }
  void found(const Expr *E) {
    if (!Shared)
      Shared = E;
  }

  const bool InCondition;
  const Expr *Shared = nullptr;
};

/// A call that only tells the CPU or the scheduler that the thread spins.
bool isRelaxCall(const Stmt *S) {
  const auto *Call = dyn_cast_or_null<CallExpr>(S);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return false;
  llvm::StringRef Name = plainName(Callee);
  if (Name == "yield")
    return qualifiedName(Callee) == "std::this_thread::yield";
  return isOneOf(Name, {"_mm_pause", "__builtin_ia32_pause", "__yield",
                        "__builtin_arm_yield", "sched_yield", "cpu_relax"});
}

/// A statement of a busy-wait body: nothing, a pause, or a poll.
bool isPollStatement(const Stmt *S) {
  if (!S || isa<NullStmt>(S))
    return true;
  if (const auto *Block = dyn_cast<CompoundStmt>(S))
    return llvm::all_of(Block->body(), isPollStatement);
  if (const auto *Asm = dyn_cast<GCCAsmStmt>(S)) {
    llvm::StringRef Text = Asm->getAsmString()->getString();
    return Text.contains("pause") || Text.contains("yield") ||
           Text.contains("nop");
  }
  if (const auto *E = dyn_cast<Expr>(S)) {
    if (isRelaxCall(ignoreImplicitAndParens(E)))
      return true;
    PollReader Reader(/*InCondition=*/false);
    return Reader.read(E);
  }
  return false;
}

/// The condition and body of a loop that can be a busy wait.
std::pair<const Expr *, const Stmt *> pollingParts(const Stmt &Loop) {
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    return {While->getConditionVariable() ? nullptr : While->getCond(),
            While->getBody()};
  if (const auto *Do = dyn_cast<DoStmt>(&Loop))
    return {Do->getCond(), Do->getBody()};
  if (const auto *For = dyn_cast<ForStmt>(&Loop);
      For && !For->getInit() && !For->getInc() && !For->getConditionVariable())
    return {For->getCond(), For->getBody()};
  return {nullptr, nullptr};
}

} // namespace

std::optional<BusyWait> busyWait(const Stmt &Loop, const ASTContext &Ctx) {
  auto [Cond, Body] = pollingParts(Loop);
  if (!Cond || Cond->isValueDependent() || Cond->isTypeDependent())
    return std::nullopt;
  // The structural tests first; evaluating the condition costs more.
  PollReader Reader(/*InCondition=*/true);
  if (!Reader.read(Cond) || !Reader.readsShared() || !isPollStatement(Body))
    return std::nullopt;
  bool Constant = false;
  if (Cond->EvaluateAsBooleanCondition(Constant, Ctx))
    return std::nullopt; // `while (true)`: it ends some other way
  return BusyWait{Reader.target()};
}


// ---- What changes from one iteration to the next.

namespace {

/// The variables \p E steps or assigns (`++i`, `i += 2`, `it = next(it)`).
void addStepped(const Expr *E, llvm::SmallVectorImpl<const ValueDecl *> &Vars) {
  E = ignoreImplicitAndParens(E);
  if (!E)
    return;
  auto Add = [&](const Expr *Target) {
    if (const auto *Ref =
            dyn_cast_or_null<DeclRefExpr>(ignoreImplicitAndParens(Target)))
      if (!llvm::is_contained(Vars, Ref->getDecl()))
        Vars.push_back(Ref->getDecl());
  };
  if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
    if (Unary->isIncrementDecrementOp())
      Add(Unary->getSubExpr());
  } else if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    if (Binary->getOpcode() == BO_Comma) {
      addStepped(Binary->getLHS(), Vars);
      addStepped(Binary->getRHS(), Vars);
    } else if (Binary->isAssignmentOp()) {
      Add(Binary->getLHS());
    }
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Op->getOperator() == OO_Comma && Op->getNumArgs() == 2) {
      addStepped(Op->getArg(0), Vars);
      addStepped(Op->getArg(1), Vars);
    } else if (Op->getNumArgs() > 0 &&
               (Op->getOperator() == OO_PlusPlus ||
                Op->getOperator() == OO_MinusMinus || Op->isAssignmentOp())) {
      Add(Op->getArg(0));
    }
  }
}

} // namespace

llvm::SmallVector<const ValueDecl *, 2> loopVariables(const Stmt &Loop) {
  llvm::SmallVector<const ValueDecl *, 2> Vars;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop)) {
    if (const auto *Declaration =
            dyn_cast_or_null<DeclStmt>(Range->getLoopVarStmt()))
      for (const Decl *D : Declaration->decls())
        forEachDeclaredName(*D, [&](const ValueDecl *V) { Vars.push_back(V); });
  } else if (const auto *For = dyn_cast<ForStmt>(&Loop)) {
    if (const auto *Declaration = dyn_cast_or_null<DeclStmt>(For->getInit()))
      for (const Decl *D : Declaration->decls())
        forEachDeclaredName(*D, [&](const ValueDecl *V) { Vars.push_back(V); });
    addStepped(For->getInc(), Vars);
  }
  return Vars;
}

} // namespace clang::tidy::coro::utils
