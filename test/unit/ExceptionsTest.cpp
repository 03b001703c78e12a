//===--- ExceptionsTest.cpp - where a coroutine's exception goes ----------===//

#include "utils/Exceptions.h"
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
#include <exception>
#include <stdexcept>
#include <string>
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const {}
};
struct ready {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  int await_resume() const noexcept { return 0; }
};
task io();
void log(const char *) noexcept;
int parse(const char *);
)cpp";

struct Parsed {
  std::unique_ptr<ASTUnit> AST;
  explicit Parsed(const std::string &Code)
      : AST(tooling::buildASTFromCodeWithArgs(Prelude + Code, {"-std=c++20"})) {}

  const FunctionDecl &function(const std::string &Name) {
    auto Found = match(functionDecl(hasName(Name)).bind("f"), AST->getASTContext());
    EXPECT_FALSE(Found.empty()) << Name;
    return *Found.back().getNodeAs<FunctionDecl>("f");
  }
  bool escapes(const std::string &Name) { return letsExceptionsEscape(function(Name)); }
};

TEST(ExceptionsTest, WholeBodyGuards) {
  Parsed P(R"cpp(
task by_ref() { try { co_await io(); } catch (std::exception &e) { log(e.what()); } }
task by_const_ref() { try { co_await io(); } catch (const std::exception &) { throw; } }
task all() { try { co_await io(); } catch (...) {} }
task fn_try() try { co_await io(); } catch (...) {}
task trivial_before() { int n = 0; const int *p = &n; try { co_await io(); } catch (...) { log("x"); } (void)p; }
task noexcept_await_before() { int v = co_await ready{}; try { co_await io(); } catch (...) { (void)v; } }
struct timer { explicit timer(int); };
task construct_before() { timer t(1); std::string s; try { co_await io(); } catch (...) {} }
)cpp");
  EXPECT_FALSE(P.escapes("by_ref"));
  EXPECT_FALSE(P.escapes("by_const_ref"));
  EXPECT_FALSE(P.escapes("all"));
  EXPECT_FALSE(P.escapes("fn_try"));
  EXPECT_FALSE(P.escapes("trivial_before"));
  EXPECT_FALSE(P.escapes("noexcept_await_before"));
  EXPECT_FALSE(P.escapes("construct_before"));
}

TEST(ExceptionsTest, Escapes) {
  Parsed P(R"cpp(
task none() { co_await io(); }
task narrow() { try { co_await io(); } catch (const std::runtime_error &) {} }
task by_value() { try { co_await io(); } catch (std::exception e) {} }
task throwing_before() { parse("1"); try { co_await io(); } catch (...) {} }
task throwing_after() { try { co_await io(); } catch (...) {} co_await io(); }
struct timer2 { explicit timer2(int); };
task construct_after() { try { co_await io(); } catch (...) {} timer2 t(1); }
task construct_no_try() { timer2 t(1); log("x"); }
task call_before() { int n = parse("1"); try { co_await io(); } catch (...) { (void)n; } }
task declared_only();
task cannot_throw() { log("x"); co_return; }
)cpp");
  EXPECT_TRUE(P.escapes("none"));
  EXPECT_TRUE(P.escapes("narrow"));
  EXPECT_TRUE(P.escapes("by_value"));
  EXPECT_TRUE(P.escapes("throwing_before"));
  EXPECT_TRUE(P.escapes("throwing_after"));
  EXPECT_TRUE(P.escapes("construct_after"));
  EXPECT_TRUE(P.escapes("construct_no_try"));
  EXPECT_TRUE(P.escapes("call_before"));
  EXPECT_TRUE(P.escapes("declared_only"));
  EXPECT_FALSE(P.escapes("cannot_throw"));
}

TEST(ExceptionsTest, CatchAllsThatCoverEveryThrow) {
  Parsed P(R"cpp(
task per_statement() {
  try { co_await io(); } catch (...) {}
  try { co_await io(); } catch (...) { log("x"); }
}
task in_loop(bool c) { while (c) { try { co_await io(); } catch (...) { log("x"); } } }
task in_branch(bool c) { if (c) { try { co_await io(); } catch (...) {} } else { log("y"); } }
task condition_throws() { while (parse("1")) { try { co_await io(); } catch (...) {} } }
task branch_uncovered(bool c) { if (c) { try { co_await io(); } catch (...) {} } else { co_await io(); } }
)cpp");
  EXPECT_FALSE(P.escapes("per_statement"));
  EXPECT_FALSE(P.escapes("in_loop"));
  EXPECT_FALSE(P.escapes("in_branch"));
  EXPECT_TRUE(P.escapes("condition_throws"));
  EXPECT_TRUE(P.escapes("branch_uncovered"));
}

TEST(ExceptionsTest, ErrorsAsValues) {
  Parsed P(R"cpp(
#include <tuple>
namespace sys { struct error_code { explicit operator bool() const noexcept; }; }
struct read_op { bool await_ready(); void await_suspend(std::coroutine_handle<>);
  std::tuple<sys::error_code, int> await_resume(); };
struct void_op { bool await_ready(); void await_suspend(std::coroutine_handle<>);
  void await_resume(); };
struct redirect_error_t { sys::error_code &ec; };
struct socket {
  read_op async_read_some(int n);
  void_op async_wait(redirect_error_t token);
  void_op async_wait();
  sys::error_code close();
};
task reads(socket &s) {
  auto [ec, n] = co_await s.async_read_some(1);
  if (ec) co_return;
  s.close();
}
task redirected(socket &s, sys::error_code &ec) { co_await s.async_wait(redirect_error_t{ec}); }
task throwing_argument(socket &s) { co_await s.async_read_some(parse("1")); }
task plain_wait(socket &s) { co_await s.async_wait(); }
)cpp");
  EXPECT_FALSE(P.escapes("reads"));
  EXPECT_FALSE(P.escapes("redirected"));
  EXPECT_TRUE(P.escapes("throwing_argument"));
  EXPECT_TRUE(P.escapes("plain_wait"));
}

TEST(ExceptionsTest, IgnoredParameters) {
  Parsed P(R"cpp(
void unnamed(std::exception_ptr) {}
void unused(std::exception_ptr e) {}
void used(std::exception_ptr e) { if (e) std::rethrow_exception(e); }
auto generic = [](auto &&r) { (void)r; };
auto generic_unnamed = [](auto &&) {};
void instantiate() { generic(1); generic_unnamed(1); }
)cpp");
  EXPECT_TRUE(isIgnored(*P.function("unnamed").getParamDecl(0)));
  EXPECT_TRUE(isIgnored(*P.function("unused").getParamDecl(0)));
  EXPECT_FALSE(isIgnored(*P.function("used").getParamDecl(0)));
  auto LambdaParam = [&](const std::string &Var) -> const ParmVarDecl & {
    auto Found = match(
        varDecl(hasName(Var), hasInitializer(expr(anyOf(lambdaExpr().bind("l"), hasDescendant(lambdaExpr().bind("l")))))),
        P.AST->getASTContext());
    EXPECT_EQ(Found.size(), 1u) << Var;
    return *Found[0].getNodeAs<LambdaExpr>("l")->getCallOperator()->getParamDecl(0);
  };
  EXPECT_FALSE(isIgnored(LambdaParam("generic")));
  EXPECT_TRUE(isIgnored(LambdaParam("generic_unnamed")));
}

} // namespace
