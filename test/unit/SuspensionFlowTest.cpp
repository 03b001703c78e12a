//===--- SuspensionFlowTest.cpp - a body's flow around suspensions --------===//

#include "utils/SuspensionFlow.h"
#include "utils/Coroutine.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::coro::utils;

namespace {

const char Prelude[] = R"cpp(
#include <coroutine>
#include <exception>
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};
struct awaiter { bool await_ready(); void await_suspend(std::coroutine_handle<>);
  void await_resume(); };
struct pool { awaiter schedule(); };
awaiter later();
void mark(int);
)cpp";

/// Parses f, builds its flow with `pool::schedule()` as the hop, and asks
/// \p Ask about the `mark(N)` calls.
struct Flow {
  std::unique_ptr<ASTUnit> AST;
  std::unique_ptr<SuspensionFlow> F;
  /// The call `mark(N)`.
  const CallExpr *mark(int N) const {
    auto Found = match(
        callExpr(callee(functionDecl(hasName("mark"))),
                 hasArgument(0, integerLiteral(equals(N))))
            .bind("c"),
        AST->getASTContext());
    return Found.empty() ? nullptr : Found[0].getNodeAs<CallExpr>("c");
  }
};

Flow build(const std::string &Code) {
  Flow R;
  R.AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code,
                                            {"-std=c++20"});
  auto Found = match(functionDecl(hasName("f"), isDefinition()).bind("f"),
                     R.AST->getASTContext());
  EXPECT_EQ(Found.size(), 1u);
  const auto *F = Found[0].getNodeAs<FunctionDecl>("f");
  auto IsHop = [](const Expr &Operand) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(Operand.IgnoreImplicit());
    return Call && Call->getMethodDecl() &&
           Call->getMethodDecl()->getName() == "schedule";
  };
  R.F = std::make_unique<SuspensionFlow>(*F, *writtenBody(*F),
                                         R.AST->getASTContext(), IsHop);
  return R;
}

TEST(SuspensionFlowTest, AfterSuspension) {
  Flow R = build(R"cpp(
task f(bool c) {
  mark(1);
  if (c)
    co_await later();
  mark(2);
  while (c) {
    mark(3);
    co_await later();
  }
  co_return;
})cpp");
  ASSERT_TRUE(R.F->valid());
  EXPECT_FALSE(R.F->isAfterSuspension(*R.mark(1)));
  EXPECT_TRUE(R.F->isAfterSuspension(*R.mark(2)));
  EXPECT_TRUE(R.F->isAfterSuspension(*R.mark(3)));
}

TEST(SuspensionFlowTest, LoopBackEdge) {
  Flow R = build(R"cpp(
task f(int n) {
  for (int i = 0; i < n; ++i) {
    mark(1); // after the await of the previous iteration
    co_await later();
  }
})cpp");
  EXPECT_TRUE(R.F->isAfterSuspension(*R.mark(1)));
}

TEST(SuspensionFlowTest, HopOnOneBranch) {
  Flow R = build(R"cpp(
task f(pool &p, bool heavy) {
  mark(1);
  if (heavy)
    co_await p.schedule();
  mark(2); // on the loop when !heavy
  co_await p.schedule();
  mark(3); // on the pool on every path
  co_await later();
  mark(4); // still on the pool
})cpp");
  EXPECT_TRUE(R.F->mayRunOnLoop(*R.mark(1)));
  EXPECT_TRUE(R.F->mayRunOnLoop(*R.mark(2)));
  EXPECT_FALSE(R.F->mayRunOnLoop(*R.mark(3)));
  EXPECT_FALSE(R.F->mayRunOnLoop(*R.mark(4)));
}

TEST(SuspensionFlowTest, HopInsideLoop) {
  Flow R = build(R"cpp(
task f(pool &p, int n) {
  for (int i = 0; i < n; ++i) {
    mark(1); // the first iteration runs on the loop
    co_await p.schedule();
    mark(2);
  }
})cpp");
  EXPECT_TRUE(R.F->mayRunOnLoop(*R.mark(1)));
  EXPECT_FALSE(R.F->mayRunOnLoop(*R.mark(2)));
}

TEST(SuspensionFlowTest, ReturnBeforeHop) {
  Flow R = build(R"cpp(
task f(pool &p, bool c) {
  if (c) {
    co_await p.schedule();
    mark(1);
    co_return;
  }
  mark(2);
})cpp");
  EXPECT_FALSE(R.F->mayRunOnLoop(*R.mark(1)));
  EXPECT_TRUE(R.F->mayRunOnLoop(*R.mark(2)));
}

TEST(SuspensionFlowTest, ReferencedAfterSuspension) {
  Flow R = build(R"cpp(
task f(const int &a, const int &b) {
  mark(a);
  co_await later();
  mark(b);
})cpp");
  auto Params = match(parmVarDecl().bind("p"), R.AST->getASTContext());
  const ParmVarDecl *A = nullptr, *B = nullptr;
  for (const auto &M : Params) {
    const auto *P = M.getNodeAs<ParmVarDecl>("p");
    if (P->getName() == "a")
      A = P;
    if (P->getName() == "b")
      B = P;
  }
  ASSERT_TRUE(A && B);
  EXPECT_FALSE(R.F->isReferencedAfterSuspension(*A));
  EXPECT_TRUE(R.F->isReferencedAfterSuspension(*B));
}

TEST(SuspensionFlowTest, PathAvoiding) {
  Flow R = build(R"cpp(
void f(bool c) {
  mark(1);
  if (c)
    mark(2);
  mark(3);
})cpp");
  llvm::SmallPtrSet<const Stmt *, 4> Avoid{R.mark(2)};
  EXPECT_TRUE(R.F->hasPathAvoiding(*R.mark(1), Avoid));
  Avoid.insert(R.mark(3));
  EXPECT_FALSE(R.F->hasPathAvoiding(*R.mark(1), Avoid));
}

} // namespace
