//===--- WaitsTest.cpp - functions that wait before they return -----------===//

#include "utils/Waits.h"
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

const char Prelude[] = R"cpp(
#include <coroutine>
#include <future>
#include <thread>
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  void start();
};
void sync_wait(task &&);
)cpp";

struct Parsed {
  std::unique_ptr<ASTUnit> AST;
  QualifiedNameSet Waits{parseNameList(WaitingFunctionNames)};
  explicit Parsed(const std::string &Code)
      : AST(tooling::buildASTFromCodeWithArgs(Prelude + Code, {"-std=c++20"})) {}

  bool waits(const std::string &Name) {
    auto Found = match(functionDecl(hasName(Name)).bind("f"), AST->getASTContext());
    EXPECT_FALSE(Found.empty()) << Name;
    return waitsBeforeReturning(
        *Found.back().getNodeAs<FunctionDecl>("f"), Waits,
        [](const CallExpr &Call) {
          const FunctionDecl *Callee = Call.getDirectCallee();
          return Callee && Callee->getIdentifier() &&
                 Callee->getName() == "sync_wait";
        });
  }
};

TEST(WaitsTest, WaitsBeforeReturning) {
  Parsed P(R"cpp(
void on_promise(task &&t) { std::promise<void> p; t.start(); p.get_future().wait(); }
void on_shared(task &&t) { std::shared_future<int> f; t.start(); (void)f.get(); }
void joins(task &&t) { std::thread th([] {}); t.start(); th.join(); }
void runs(task &&t) { sync_wait(static_cast<task &&>(t)); }
void starts(task &&t) { t.start(); }
void in_lambda(task &&t) { t.start(); auto later = [] { std::promise<void> p; p.get_future().wait(); }; (void)later; }
void declared(task &&t);
task coroutine(task &&t) { std::promise<void> p; p.get_future().wait(); co_return; }
)cpp");
  EXPECT_TRUE(P.waits("on_promise"));
  EXPECT_TRUE(P.waits("on_shared"));
  EXPECT_TRUE(P.waits("joins"));
  EXPECT_TRUE(P.waits("runs"));
  EXPECT_FALSE(P.waits("starts"));
  // A nested lambda's body runs when it is called, not here.
  EXPECT_FALSE(P.waits("in_lambda"));
  EXPECT_FALSE(P.waits("declared"));
  // A coroutine's body runs on its own schedule.
  EXPECT_FALSE(P.waits("coroutine"));
}

} // namespace
