//===--- LoopsTest.cpp - trip counts and busy waits -----------------------===//

#include "utils/Loops.h"
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

/// The first loop of function `f` in \p Body (a function body's text), with
/// the statement directly above it.
class OneLoop {
public:
  explicit OneLoop(const std::string &Body)
      : AST(tooling::buildASTFromCodeWithArgs(
            "#include <atomic>\n#include <utility>\nstd::atomic<bool> ready; bool flag; "
            "volatile int state; struct S { bool done; bool poll(); } s;\n"
            "struct Q { int n; bool empty() const; bool finished() const; } q;\n"
            "void f() {\n" + Body + "\n}",
            {"-std=c++20"})) {
    auto Found = match(
        functionDecl(hasName("f"),
                     hasBody(compoundStmt(forEachDescendant(
                         stmt(anyOf(forStmt(), whileStmt(), doStmt(),
                                    cxxForRangeStmt()),
                              hasParent(stmt().bind("parent")))
                             .bind("loop"))))),
        AST->getASTContext());
    if (!Found.empty()) {
      Loop = Found[0].getNodeAs<Stmt>("loop");
      Parent = Found[0].getNodeAs<Stmt>("parent");
    }
  }
  std::optional<uint64_t> trips() {
    return tripCount(*Loop, Parent, AST->getASTContext());
  }
  std::optional<BusyWait> spin() { return busyWait(*Loop, AST->getASTContext()); }
  /// The names of loopVariables, space-separated.
  std::string variables() {
    std::string Names;
    for (const ValueDecl *Var : loopVariables(*Loop))
      Names += (Names.empty() ? "" : " ") + Var->getNameAsString();
    return Names;
  }
  bool found() const { return Loop != nullptr; }

private:
  std::unique_ptr<ASTUnit> AST;
  const Stmt *Loop = nullptr;
  const Stmt *Parent = nullptr;
};

std::optional<uint64_t> tripsOf(const std::string &Body) {
  OneLoop L(Body);
  EXPECT_TRUE(L.found()) << Body;
  return L.found() ? L.trips() : std::nullopt;
}

TEST(LoopsTest, TripCountOfCountedFor) {
  EXPECT_EQ(tripsOf("for (int i = 0; i < 1000; ++i) {}"), 1000u);
  EXPECT_EQ(tripsOf("for (int i = 0; i <= 1000; ++i) {}"), 1001u);
  EXPECT_EQ(tripsOf("for (int i = 1000; i > 0; --i) {}"), 1000u);
  EXPECT_EQ(tripsOf("for (int i = 0; i < 1000; i += 3) {}"), 334u);
  EXPECT_EQ(tripsOf("for (int i = 0; i != 1000; i += 10) {}"), 100u);
  EXPECT_EQ(tripsOf("for (long i = 0; 1000000 > i; i = i + 1) {}"), 1000000u);
  EXPECT_EQ(tripsOf("int i; for (i = 5; i < 10; i++) {}"), 5u);
  EXPECT_EQ(tripsOf("constexpr int N = 1 << 20; for (int i = 0; i < N; ++i) {}"),
            1u << 20);
  EXPECT_EQ(tripsOf("for (int i = 10; i < 0; ++i) {}"), 0u);
}

TEST(LoopsTest, TripCountOfWhileAndDo) {
  EXPECT_EQ(tripsOf("int i = 0; while (i < 500) { ++i; }"), 500u);
  EXPECT_EQ(tripsOf("int i = 0; int j = 1; while (i < 500) { i += 2; j++; }"),
            250u);
  EXPECT_EQ(tripsOf("int i = 10; do { --i; } while (i > 10);"), 1u);
  EXPECT_EQ(tripsOf("int arr[64]; for (int x : arr) { (void)x; }"), 64u);
}

TEST(LoopsTest, TripCountUnknown) {
  EXPECT_EQ(tripsOf("extern int n; for (int i = 0; i < n; ++i) {}"), std::nullopt);
  EXPECT_EQ(tripsOf("for (int i = 0; i < 100; ++i) { i = 0; }"), std::nullopt);
  EXPECT_EQ(tripsOf("for (int i = 0; i < 100; --i) {}"), std::nullopt);
  EXPECT_EQ(tripsOf("for (int i = 0; i != 7; i += 2) {}"), std::nullopt);
  EXPECT_EQ(tripsOf("int i = 0; i = 3; while (i < 100) { ++i; }"), std::nullopt);
  EXPECT_EQ(tripsOf("int i = 0; while (i < 100) { ++i; ++i; }"), std::nullopt);
  EXPECT_EQ(tripsOf("for (unsigned u = 10; u >= 0; --u) {}"), std::nullopt);
  EXPECT_EQ(tripsOf("int i = 0; auto *p = &i; while (i < 10) { ++i; (void)p; }"),
            std::nullopt);
}

bool spins(const std::string &Body, std::string *Target = nullptr) {
  OneLoop L(Body);
  EXPECT_TRUE(L.found()) << Body;
  std::optional<BusyWait> Wait = L.found() ? L.spin() : std::nullopt;
  if (Wait && Target)
    *Target = Wait->Target ? Wait->Target->getNameAsString() : "";
  return Wait.has_value();
}

TEST(LoopsTest, BusyWaits) {
  std::string Target;
  EXPECT_TRUE(spins("while (!ready) {}", &Target));
  EXPECT_EQ(Target, "ready");
  EXPECT_TRUE(spins("while (!ready.load(std::memory_order_acquire));", &Target));
  EXPECT_EQ(Target, "ready");
  EXPECT_TRUE(spins("while (!flag) {}", &Target));
  EXPECT_EQ(Target, "flag");
  EXPECT_TRUE(spins("while (state != 3) {}", &Target));
  EXPECT_EQ(Target, "state");
  EXPECT_TRUE(spins("do { } while (!s.done);", &Target));
  EXPECT_EQ(Target, "done");
  EXPECT_TRUE(spins("for (; !ready;) { __builtin_ia32_pause(); }"));
  // An observer of a container or a state object, a plain data member.
  EXPECT_TRUE(spins("while (q.empty()) {}", &Target));
  EXPECT_EQ(Target, "q");
  EXPECT_TRUE(spins("while (q.n > 0) {}", &Target));
  EXPECT_EQ(Target, "n");
}

TEST(LoopsTest, NotBusyWaits) {
  EXPECT_FALSE(spins("while (true) {}"));
  EXPECT_FALSE(spins("while (!ready) { flag = true; }"));
  EXPECT_FALSE(spins("while (!s.poll()) {}"));
  EXPECT_FALSE(spins("int n = 0; while (n < 10) { ++n; }"));
  EXPECT_FALSE(spins("for (int i = 0; !ready; ++i) {}"));
  // Not an observer by name, or the body changes what it polls.
  EXPECT_FALSE(spins("while (!q.finished()) {}"));
  EXPECT_FALSE(spins("while (q.n > 0) { --q.n; }"));
}

TEST(LoopsTest, LoopVariables) {
  auto Vars = [](const std::string &Body) {
    OneLoop L("int v[3] = {}; std::pair<int, int> m[2]; int k = 0, n = 3;\n" + Body);
    EXPECT_TRUE(L.found()) << Body;
    return L.found() ? L.variables() : std::string("?");
  };
  EXPECT_EQ(Vars("for (int i = 0, j = 1; i < 3; ++i, ++j) {}"), "i j");
  EXPECT_EQ(Vars("for (; k < 3; k += 1) {}"), "k");
  EXPECT_EQ(Vars("for (int i = 0; i < 3; k = k + 1) {}"), "i k");
  EXPECT_EQ(Vars("for (int x : v) {}"), "x");
  EXPECT_EQ(Vars("for (auto &[a, b] : m) {}"), "a b");
  EXPECT_EQ(Vars("while (n--) {}"), "");
  EXPECT_EQ(Vars("for (;;) { if (++k > n) break; }"), "");
}

} // namespace
