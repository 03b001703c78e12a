//===--- FunctionSummaryTest.cpp - the per-TU function summaries ----------===//

#include "utils/FunctionSummary.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <string>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::coro::utils;

namespace {

/// Builds a translation unit and summarises its functions, a call to
/// `site()` being the site.
class Summaries {
public:
  explicit Summaries(const std::string &Code, unsigned MaxDistance = 100)
      : AST(tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20"})),
        Offload("", Pools),
        Engine(Offload, MaxDistance,
               [](const Stmt &S, const Stmt *) -> std::optional<Site> {
                 const auto *Call = dyn_cast<CallExpr>(&S);
                 const FunctionDecl *Callee =
                     Call ? Call->getDirectCallee() : nullptr;
                 if (Callee && Callee->getIdentifier() &&
                     Callee->getName() == "site")
                   return Site{Call, 7};
                 return std::nullopt;
               }) {}

  const FunctionDecl &function(llvm::StringRef Name) {
    auto Found = match(
        functionDecl(hasName(Name), isDefinition()).bind("f"),
        AST->getASTContext());
    EXPECT_EQ(Found.size(), 1u) << Name.str();
    return *Found[0].getNodeAs<FunctionDecl>("f");
  }
  std::optional<Reach> nearest(llvm::StringRef Name) {
    return Engine.nearest(function(Name), AST->getSourceManager());
  }
  std::optional<unsigned> distance(llvm::StringRef Name) {
    std::optional<Reach> R = nearest(Name);
    return R ? std::optional<unsigned>(R->Distance) : std::nullopt;
  }
  std::vector<std::string> chain(llvm::StringRef Name) {
    std::vector<std::string> Names;
    for (const FunctionDecl *F :
         Engine.chain(function(Name), AST->getSourceManager()))
      Names.push_back(F->getNameAsString());
    return Names;
  }
  unsigned walked() const { return Engine.walkedBodies(); }

private:
  std::unique_ptr<ASTUnit> AST;
  PoolTypeClassifier Pools;
  OffloadModel Offload;
  FunctionSummaries Engine;
};

const char Cycle[] = R"cpp(
void site();
void b(int n);
void a(int n) { if (n > 0) b(n - 1); site(); }
void b(int n) { if (n > 0) a(n - 1); }
)cpp";

TEST(FunctionSummaryTest, CycleWhateverTheOrder) {
  {
    Summaries S(Cycle);
    EXPECT_EQ(S.distance("a"), 0u);
    EXPECT_EQ(S.distance("b"), 1u);
  }
  {
    Summaries S(Cycle);
    EXPECT_EQ(S.distance("b"), 1u);
    EXPECT_EQ(S.distance("a"), 0u);
  }
}

TEST(FunctionSummaryTest, LongCycleFromEveryEntry) {
  const char Code[] = R"cpp(
void site();
void c1(int n);
void c3(int n) { if (n > 0) c1(n - 1); else site(); }
void c2(int n) { c3(n); }
void c1(int n) { c2(n); }
void outside() { c2(1); }
void unrelated(int n) { if (n) unrelated(n - 1); }
)cpp";
  for (const char *First : {"c1", "c2", "c3", "outside"}) {
    Summaries S(Code);
    S.distance(First);
    EXPECT_EQ(S.distance("c3"), 0u) << First;
    EXPECT_EQ(S.distance("c1"), 2u) << First;
    EXPECT_EQ(S.distance("c2"), 1u) << First;
    EXPECT_EQ(S.distance("outside"), 2u) << First;
    EXPECT_EQ(S.distance("unrelated"), std::nullopt) << First;
  }
}

TEST(FunctionSummaryTest, SiteAndChain) {
  Summaries S(R"cpp(
void site();
void leaf() { site(); }
void middle() { leaf(); }
void top() { middle(); }
)cpp");
  std::optional<Reach> R = S.nearest("top");
  ASSERT_TRUE(R);
  EXPECT_EQ(R->Distance, 2u);
  EXPECT_EQ(R->At.Value, 7u);
  EXPECT_EQ(R->Holder->getName(), "leaf");
  EXPECT_EQ(S.chain("top"), (std::vector<std::string>{"top", "middle", "leaf"}));
}

TEST(FunctionSummaryTest, NearestFirstThenSourceOrder) {
  Summaries S(R"cpp(
void site();
void far2() { site(); }
void far1() { far2(); }
void near_a() { site(); }
void near_b() { site(); }
void top() { far1(); near_b(); near_a(); }
)cpp");
  EXPECT_EQ(S.distance("top"), 1u);
  EXPECT_EQ(S.chain("top"), (std::vector<std::string>{"top", "near_b"}));
}

TEST(FunctionSummaryTest, BoundedDistance) {
  const char Code[] = R"cpp(
void site();
void f3() { site(); }
void f2() { f3(); }
void f1() { f2(); }
void f0() { f1(); }
)cpp";
  {
    Summaries S(Code, /*MaxDistance=*/2);
    EXPECT_EQ(S.distance("f0"), std::nullopt);
    EXPECT_EQ(S.distance("f1"), 2u);
  }
  {
    // Asked in the other order, with known summaries along the way.
    Summaries S(Code, /*MaxDistance=*/2);
    EXPECT_EQ(S.distance("f1"), 2u);
    EXPECT_EQ(S.distance("f0"), std::nullopt);
    EXPECT_EQ(S.distance("f3"), 0u);
  }
  {
    Summaries S(Code, /*MaxDistance=*/0);
    EXPECT_EQ(S.distance("f3"), 0u);
    EXPECT_EQ(S.distance("f2"), std::nullopt);
  }
}

TEST(FunctionSummaryTest, NotFollowed) {
  Summaries S(R"cpp(
#include <coroutine>
void site();
void declared_only();
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
task coroutine() { site(); co_return; }
void calls_coroutine() { coroutine(); declared_only(); }
void lambda_on_the_spot() { [] { site(); }(); }
void lambda_kept() { auto l = [] { site(); }; (void)l; }
)cpp");
  EXPECT_EQ(S.distance("coroutine"), std::nullopt);
  EXPECT_EQ(S.distance("calls_coroutine"), std::nullopt);
  EXPECT_EQ(S.distance("lambda_on_the_spot"), 0u);
  EXPECT_EQ(S.distance("lambda_kept"), std::nullopt);
}

TEST(FunctionSummaryTest, OnceEach) {
  Summaries S(Cycle);
  // b reaches the site through a: both bodies are walked, once.
  S.distance("b");
  EXPECT_EQ(S.walked(), 2u);
  S.distance("a");
  S.distance("b");
  EXPECT_EQ(S.walked(), 2u);
  // A function with a site of its own needs none of its callees.
  Summaries T(Cycle);
  T.distance("a");
  EXPECT_EQ(T.walked(), 1u);
}

TEST(FunctionSummaryTest, DeepChainNeedsNoDeepStack) {
  // f0 -> f1 -> ... -> fN, fN makes the call: defined from the end, so that
  // each function is declared before its caller.
  constexpr unsigned N = 20000;
  std::string Code = "void site();\n";
  Code += "void f" + std::to_string(N) + "() { site(); }\n";
  for (unsigned I = N; I-- > 0;)
    Code += "void f" + std::to_string(I) + "() { f" + std::to_string(I + 1) +
            "(); }\n";
  Summaries S(Code, /*MaxDistance=*/N);
  EXPECT_EQ(S.distance("f0"), N);
  EXPECT_EQ(S.distance("f100"), N - 100);
  EXPECT_EQ(S.walked(), N + 1);
}

} // namespace
