//===--- CoroutineModelTest.cpp - when a coroutine runs and suspends ------===//

#include "utils/CoroutineModel.h"
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
#include <future>

#define PROMISE(Self, Initial, Final)                                    \
  struct promise_type {                                                  \
    Self get_return_object() { return {}; }                              \
    Initial initial_suspend() noexcept { return {}; }                    \
    Final final_suspend() noexcept { return {}; }                        \
    void return_void() {}                                                \
    void unhandled_exception() { std::terminate(); }                     \
  };

struct lazy { PROMISE(lazy, std::suspend_always, std::suspend_always)
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {} };
struct eager { PROMISE(eager, std::suspend_never, std::suspend_never)
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {} };
// An own awaiter that never suspends: await_ready is a constant true.
struct ready_now { constexpr bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {} };
struct own_eager { PROMISE(own_eager, ready_now, std::suspend_always) };
// await_suspend returning false resumes at once.
struct resume_at_once { bool await_ready() { return false; }
  bool await_suspend(std::coroutine_handle<>) { return false; }
  void await_resume() {} };
struct bool_eager { PROMISE(bool_eager, resume_at_once, std::suspend_always) };
struct runtime_ready { bool flag; bool await_ready() { return flag; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {} };
struct maybe { PROMISE(maybe, runtime_ready, std::suspend_always) };
struct timer { bool await_ready(); void await_suspend(std::coroutine_handle<>);
  void await_resume(); };
// The initial suspension hands the coroutine to a queue that resumes it.
struct run_queue { void push(std::coroutine_handle<> h); };
extern run_queue queue;
struct enqueue { bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) { queue.push(h); }
  void await_resume() noexcept {} };
struct scheduled { PROMISE(scheduled, enqueue, std::suspend_always) };
)cpp";

struct Parsed {
  std::unique_ptr<ASTUnit> AST;
  const FunctionDecl *F = nullptr;
};

Parsed parse(const std::string &Code, const std::string &Name = "f") {
  Parsed P;
  P.AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code,
                                            {"-std=c++20"});
  auto Found = match(functionDecl(hasName(Name), isDefinition()).bind("f"),
                     P.AST->getASTContext());
  EXPECT_EQ(Found.size(), 1u) << Name;
  if (!Found.empty())
    P.F = Found[0].getNodeAs<FunctionDecl>("f");
  return P;
}

std::string dumpOf(const std::string &Code) {
  Parsed P = parse(Code);
  CoroutineModels Models;
  const CoroutineModel *M = P.F ? Models.get(*P.F) : nullptr;
  return M ? M->dump() : "not a coroutine";
}

/// The parameter \p Name of f.
const ParmVarDecl *param(const FunctionDecl &F, llvm::StringRef Name) {
  for (const ParmVarDecl *P : F.parameters())
    if (P->getName() == Name)
      return P;
  return nullptr;
}

TEST(CoroutineModelTest, Starts) {
  EXPECT_EQ(dumpOf("lazy f() { co_await timer{}; }"),
            "start: lazy\ncan suspend: yes\nsuspensions: 46\n"
            "final suspends: yes\nreturns value: no\n");
  EXPECT_EQ(dumpOf("eager f() { co_return; }"),
            "start: eager\ncan suspend: no\nsuspensions:\n"
            "final suspends: no\nreturns value: no\n");
  EXPECT_NE(dumpOf("own_eager f() { co_return; }").find("start: eager"),
            std::string::npos);
  EXPECT_NE(dumpOf("bool_eager f() { co_return; }").find("start: eager"),
            std::string::npos);
  EXPECT_NE(dumpOf("maybe f() { co_return; }").find("start: lazy"),
            std::string::npos);
  EXPECT_NE(dumpOf("scheduled f() { co_return; }").find("start: scheduled"),
            std::string::npos);
  EXPECT_EQ(dumpOf("void f() {}"), "not a coroutine");
}

TEST(CoroutineModelTest, SuspensionPoints) {
  // A co_await of an awaiter that never suspends is no suspension point;
  // a nested lambda's co_await is the lambda's.
  EXPECT_NE(dumpOf(R"cpp(
eager f() {
  co_await std::suspend_never{};
  co_await ready_now{};
  auto l = []() -> lazy { co_await timer{}; };
  (void)l;
})cpp").find("can suspend: no"),
            std::string::npos);
  // Nested in an expression, and in both branches.
  EXPECT_NE(dumpOf(R"cpp(
lazy g(int);
int h(int, int);
struct value_awaiter { bool await_ready(); void await_suspend(std::coroutine_handle<>); int await_resume(); };
eager f(bool c) {
  int x = h(1, co_await value_awaiter{});
  if (c) co_await timer{}; else co_await timer{};
})cpp").find("suspensions: 51 52 52"),
            std::string::npos);
}

TEST(CoroutineModelTest, DependentAwaitSuspends) {
  Parsed P = parse(R"cpp(
template <class T> lazy f(T t) { co_await t; }
)cpp");
  CoroutineModels Models;
  const CoroutineModel *M = Models.get(*P.F);
  ASSERT_TRUE(M);
  EXPECT_TRUE(M->canSuspend());
}

TEST(CoroutineModelTest, RunsToCompletionInCall) {
  Parsed P = parse("eager f(const int &p) { (void)p; co_return; }");
  CoroutineModels Models;
  const CoroutineModel *M = Models.get(*P.F);
  ASSERT_TRUE(M);
  EXPECT_TRUE(M->runsToCompletionInCall());
  EXPECT_FALSE(M->usesAfterSuspension(*param(*P.F, "p")));
  Parsed Q = parse("lazy f(const int &p) { (void)p; co_return; }");
  CoroutineModels Others;
  EXPECT_FALSE(Others.get(*Q.F)->runsToCompletionInCall());
}

TEST(CoroutineModelTest, UsesAfterSuspension) {
  Parsed P = parse(R"cpp(
void use(int);
eager f(const int &before, const int &after, const int &in_loop,
        const int &aliased, const int &by_lambda, const int &unused) {
  use(before);
  const int &alias = aliased;
  auto later = [&by_lambda] { use(by_lambda); };
  for (int i = 0; i < 3; ++i) {
    use(in_loop); // the second iteration runs after the co_await
    co_await timer{};
  }
  use(after);
  use(alias);
  later();
})cpp");
  CoroutineModels Models;
  const CoroutineModel *M = Models.get(*P.F);
  ASSERT_TRUE(M);
  EXPECT_FALSE(M->usesAfterSuspension(*param(*P.F, "before")));
  EXPECT_TRUE(M->usesAfterSuspension(*param(*P.F, "after")));
  EXPECT_TRUE(M->usesAfterSuspension(*param(*P.F, "in_loop")));
  EXPECT_TRUE(M->usesAfterSuspension(*param(*P.F, "aliased")));
  EXPECT_TRUE(M->usesAfterSuspension(*param(*P.F, "by_lambda")));
  EXPECT_FALSE(M->usesAfterSuspension(*param(*P.F, "unused")));
  EXPECT_FALSE(M->uses(*param(*P.F, "unused")));
  EXPECT_TRUE(M->uses(*param(*P.F, "before")));
}

TEST(CoroutineModelTest, UsesOnOneBranchOnly) {
  Parsed P = parse(R"cpp(
void use(int);
eager f(bool c, const int &p, const int &q) {
  if (c) {
    co_await timer{};
    use(p);
  } else {
    use(q);
  }
})cpp");
  CoroutineModels Models;
  const CoroutineModel *M = Models.get(*P.F);
  EXPECT_TRUE(M->usesAfterSuspension(*param(*P.F, "p")));
  EXPECT_FALSE(M->usesAfterSuspension(*param(*P.F, "q")));
}

TEST(CoroutineModelTest, Captures) {
  Parsed P = parse(R"cpp(
void use(int);
void f(int x, int y) {
  auto before = [x]() -> eager { use(x); co_await timer{}; };
  auto after = [y]() -> eager { co_await timer{}; use(y); };
  (void)before; (void)after;
})cpp");
  auto Lambdas = match(
      lambdaExpr(hasAncestor(functionDecl(hasName("f")))).bind("l"),
      P.AST->getASTContext());
  ASSERT_EQ(Lambdas.size(), 2u);
  CoroutineModels Models;
  std::vector<bool> After;
  for (const auto &L : Lambdas)
    After.push_back(
        Models.get(*L.getNodeAs<LambdaExpr>("l")->getCallOperator())
            ->usesCapturesAfterSuspension());
  std::sort(After.begin(), After.end());
  EXPECT_EQ(After, (std::vector<bool>{false, true}));
}

const CXXRecordDecl *record(ASTUnit &AST, llvm::StringRef Name) {
  auto Found = match(cxxRecordDecl(hasName(Name), isDefinition()).bind("r"),
                     AST.getASTContext());
  return Found.empty() ? nullptr : Found[0].getNodeAs<CXXRecordDecl>("r");
}

TEST(CoroutineModelTest, DropEffects) {
  Parsed P = parse(R"cpp(
struct destroying { std::coroutine_handle<> h; ~destroying() { if (h) h.destroy(); } };
struct through_helper { std::coroutine_handle<> h; void release() { h.destroy(); }
  ~through_helper() { release(); } };
struct frame { std::coroutine_handle<> h; void destroy() { h.destroy(); } };
struct through_pointer { frame *f; ~through_pointer() { if (f) f->destroy(); } };
struct member_owner { destroying d; };
struct resuming { std::coroutine_handle<> h; ~resuming() { h.resume(); } };
struct waiting { std::future<void> done; ~waiting() { done.wait(); } };
struct releasing { std::coroutine_handle<> h; ~releasing() {} };
struct elsewhere { ~elsewhere(); };
void f() {}
)cpp");
  ASTUnit &AST = *P.AST;
  EXPECT_EQ(dropEffectOf(*record(AST, "destroying")), DropEffect::DestroysFrame);
  EXPECT_EQ(dropEffectOf(*record(AST, "through_helper")), DropEffect::DestroysFrame);
  EXPECT_EQ(dropEffectOf(*record(AST, "through_pointer")), DropEffect::DestroysFrame);
  EXPECT_EQ(dropEffectOf(*record(AST, "member_owner")), DropEffect::DestroysFrame);
  EXPECT_EQ(dropEffectOf(*record(AST, "resuming")), DropEffect::Resumes);
  EXPECT_EQ(dropEffectOf(*record(AST, "waiting")), DropEffect::Waits);
  EXPECT_EQ(dropEffectOf(*record(AST, "releasing")), DropEffect::Releases);
  EXPECT_EQ(dropEffectOf(*record(AST, "elsewhere")), DropEffect::Unknown);
}

TEST(CoroutineModelTest, RethrowsUnhandled) {
  Parsed P = parse(R"cpp(
struct rethrowing { void unhandled_exception() { throw; } };
struct keeping { std::exception_ptr e;
  void unhandled_exception() { e = std::current_exception(); } };
struct terminating { void unhandled_exception() { std::terminate(); } };
void f() {}
)cpp");
  EXPECT_TRUE(rethrowsUnhandled(*record(*P.AST, "rethrowing")));
  EXPECT_FALSE(rethrowsUnhandled(*record(*P.AST, "keeping")));
  EXPECT_TRUE(rethrowsUnhandled(*record(*P.AST, "terminating")));
}

TEST(CoroutineModelTest, PromiseStarts) {
  Parsed P = parse("void f() {}");
  ASTUnit &AST = *P.AST;
  auto PromiseOf = [&](llvm::StringRef Task) {
    auto Found = match(cxxRecordDecl(hasName("promise_type"),
                                     hasParent(cxxRecordDecl(hasName(Task))))
                           .bind("p"),
                       AST.getASTContext());
    return Found.empty() ? nullptr : Found[0].getNodeAs<CXXRecordDecl>("p");
  };
  EXPECT_EQ(startOfPromise(*PromiseOf("lazy")), Start::Lazy);
  EXPECT_EQ(startOfPromise(*PromiseOf("eager")), Start::Eager);
  EXPECT_EQ(startOfPromise(*PromiseOf("own_eager")), Start::Eager);
  EXPECT_EQ(startOfPromise(*PromiseOf("scheduled")), Start::Scheduled);
  EXPECT_TRUE(neverSuspends(record(AST, "ready_now")));
  EXPECT_FALSE(neverSuspends(record(AST, "timer")));
}

} // namespace
