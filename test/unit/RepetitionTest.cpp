//===--- RepetitionTest.cpp - does a function run more than once? ---------===//

#include "utils/Repetition.h"
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
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
void take(void (*)());
template <class F> void post(F f) { f(); }
template <class F> void run_now(F &&f) { f(); }
#define TEST(name) static void test_##name(); \
  static int reg_##name = (take(&test_##name), 0); \
  static void test_##name()
#define DEFINE(name) void name()
)cpp";

struct Parsed {
  std::unique_ptr<ASTUnit> AST;
  Repetition Repeats;
  explicit Parsed(const std::string &Code)
      : AST(tooling::buildASTFromCodeWithArgs(Prelude + Code, {"-std=c++20"})),
        Repeats(AST->getASTContext()) {}

  /// Whether the function named \p Name (each of its definitions must
  /// agree) runs repeatedly.
  bool repeated(const std::string &Name) {
    auto Found = match(functionDecl(hasName(Name), isDefinition()).bind("f"),
                       AST->getASTContext());
    EXPECT_FALSE(Found.empty()) << Name;
    bool Any = false;
    for (const auto &M : Found)
      Any |= Repeats.runsRepeatedly(*M.getNodeAs<FunctionDecl>("f"));
    return Any;
  }

  /// Whether the lambda whose body holds a call of \p Marker runs
  /// repeatedly.
  bool lambdaRepeated(const std::string &Marker) {
    auto Found = match(
        lambdaExpr(hasDescendant(callExpr(callee(functionDecl(hasName(Marker))))))
            .bind("l"),
        AST->getASTContext());
    EXPECT_EQ(Found.size(), 1u) << Marker;
    if (Found.empty())
      return false;
    return Repeats.runsRepeatedly(
        *Found[0].getNodeAs<LambdaExpr>("l")->getCallOperator());
  }
};

TEST(RepetitionTest, NoEvidenceRunsOnce) {
  Parsed P("void once() {} void helper() {} "
           "void caller() { helper(); } int main() { once(); caller(); }");
  EXPECT_FALSE(P.repeated("once"));
  EXPECT_FALSE(P.repeated("helper"));
  EXPECT_FALSE(P.repeated("main"));
}

TEST(RepetitionTest, CallInLoop) {
  Parsed P("void body() {} void cond() {} void init() {} "
           "int main() { for (init(); ; ) body(); while (true) cond(); }");
  EXPECT_TRUE(P.repeated("body"));
  EXPECT_TRUE(P.repeated("cond"));
  EXPECT_FALSE(P.repeated("init"));
}

TEST(RepetitionTest, RangeForBodyOnly) {
  Parsed P("void each() {} "
           "struct R { int *begin(); int *end(); }; R make() { return {}; } "
           "int main() { for (int x : make()) each(); }");
  EXPECT_TRUE(P.repeated("each"));
  EXPECT_FALSE(P.repeated("make"));
}

TEST(RepetitionTest, NamedCoroutineAndWhatItCalls) {
  Parsed P("void helper() {} void deeper() { helper(); } "
           "task handler() { deeper(); co_return; }");
  EXPECT_TRUE(P.repeated("handler"));
  EXPECT_TRUE(P.repeated("deeper"));
  EXPECT_TRUE(P.repeated("helper"));
}

TEST(RepetitionTest, Callbacks) {
  Parsed P("void cb() {} void reached() {} void via_cb() { reached(); } "
           "int main() { take(&cb); take(via_cb); }");
  EXPECT_TRUE(P.repeated("cb"));
  EXPECT_TRUE(P.repeated("via_cb"));
  EXPECT_TRUE(P.repeated("reached"));
}

TEST(RepetitionTest, TemplateArgumentIsNotACallback) {
  Parsed P("template <void (*F)()> void once() { F(); } "
           "template <void (*F)()> void loop() { for (;;) F(); } "
           "void a() {} void b() {} void c() {} "
           "int main() { once<&a>(); loop<&b>(); once<c>(); }");
  EXPECT_FALSE(P.repeated("a"));
  EXPECT_TRUE(P.repeated("b"));
  EXPECT_FALSE(P.repeated("c"));
}

TEST(RepetitionTest, MacroGeneratedNever) {
  Parsed P("void helper() {} TEST(pools) { helper(); } "
           "DEFINE(user_named) {} int main() { take(&user_named); }");
  EXPECT_FALSE(P.repeated("test_pools"));
  EXPECT_FALSE(P.repeated("helper"));
  EXPECT_TRUE(P.repeated("user_named")); // the name is the user's argument
  auto Found = match(functionDecl(hasName("test_pools"), isDefinition()).bind("f"),
                     P.AST->getASTContext());
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_TRUE(isMacroGenerated(*Found[0].getNodeAs<FunctionDecl>("f")));
}

TEST(RepetitionTest, Lambdas) {
  Parsed P("void a() {} void b() {} void c() {} void d() {} void e() {} "
           "void f() {} "
           "int main() {"
           "  [] { a(); }();"                         // called in place: once
           "  post([] { b(); });"                     // a callback
           "  auto job = [] { c(); }; post(job);"     // a callback, held
           "  auto twice = [] { d(); };"
           "  for (int i = 0; i < 2; ++i) twice();"   // called in a loop
           "  auto once = [] { e(); }; once();"       // called once
           "  run_now([] { f(); });"                  // handed over
           "}");
  EXPECT_FALSE(P.lambdaRepeated("a"));
  EXPECT_TRUE(P.lambdaRepeated("b"));
  EXPECT_TRUE(P.lambdaRepeated("c"));
  EXPECT_TRUE(P.lambdaRepeated("d"));
  EXPECT_FALSE(P.lambdaRepeated("e"));
  EXPECT_TRUE(P.lambdaRepeated("f"));
  EXPECT_FALSE(P.repeated("a"));
  EXPECT_TRUE(P.repeated("b"));
}

TEST(RepetitionTest, CoroutineLambdaCalledOnceIsNotEvidence) {
  Parsed P("void inner() {} void wait(task); "
           "void test() { wait([]() -> task { inner(); co_return; }()); } "
           "int main() { test(); }");
  EXPECT_FALSE(P.lambdaRepeated("inner"));
  EXPECT_FALSE(P.repeated("inner"));
}

TEST(RepetitionTest, LambdaInRepeatedFunction) {
  Parsed P("void inner() {} task handler() { [] { inner(); }(); co_return; }");
  EXPECT_TRUE(P.lambdaRepeated("inner"));
}

TEST(RepetitionTest, Cycles) {
  Parsed P("void pong(int); void ping(int n) { if (n) pong(n - 1); } "
           "void pong(int n) { if (n) ping(n - 1); } "
           "void lone1(int); void lone2(int n) { lone1(n); } "
           "void lone1(int n) { lone2(n); } "
           "int main() { for (;;) ping(3); lone1(1); }");
  EXPECT_TRUE(P.repeated("ping"));
  EXPECT_TRUE(P.repeated("pong"));
  EXPECT_FALSE(P.repeated("lone1"));
  EXPECT_FALSE(P.repeated("lone2"));
}

TEST(RepetitionTest, TemplatesCountAsTheirPattern) {
  Parsed P("template <class T> void generic() {} "
           "template <class T> void once_generic() {} "
           "int main() { for (;;) generic<int>(); once_generic<char>(); }");
  EXPECT_TRUE(P.repeated("generic"));
  EXPECT_FALSE(P.repeated("once_generic"));
}

TEST(RepetitionTest, OverridesOfRepeatedMethods) {
  Parsed P("struct base { virtual void run() {} }; "
           "struct derived : base { void run() override {} }; "
           "void drive(base &b) { for (;;) b.run(); }");
  EXPECT_TRUE(P.repeated("run"));
  auto Found = match(cxxMethodDecl(hasName("run"), ofClass(hasName("derived")))
                         .bind("f"),
                     P.AST->getASTContext());
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_TRUE(P.Repeats.runsRepeatedly(*Found[0].getNodeAs<FunctionDecl>("f")));
}

TEST(RepetitionTest, ExternallyVisibleAndUncalled) {
  // A library function nobody here calls runs as often as its users call
  // it; one only main calls, a static one, and a test body do not.
  Parsed P(R"cpp(
void library_entry() {}
struct service { void handle(); };
void service::handle() {}
static void unused_internal() {}
namespace { void unused_anonymous() {} }
void from_main_only() {}
void from_initializer() {}
static int registered = (from_initializer(), 0);
TEST(body) {}
int main() { from_main_only(); }
)cpp");
  EXPECT_TRUE(P.repeated("library_entry"));
  EXPECT_TRUE(P.repeated("handle"));
  EXPECT_FALSE(P.repeated("unused_internal"));
  EXPECT_FALSE(P.repeated("unused_anonymous"));
  EXPECT_FALSE(P.repeated("from_main_only"));
  EXPECT_FALSE(P.repeated("from_initializer"));
  EXPECT_FALSE(P.repeated("test_body"));
}

TEST(RepetitionTest, CallOnce) {
  Parsed P(R"cpp(
#include <mutex>
static std::once_flag flag;
static void setup() {}
void marker();
static void init() { std::call_once(flag, setup); std::call_once(flag, [] { marker(); }); }
void loop() { for (int i = 0; i < 3; ++i) init(); }
int main() { loop(); }
)cpp");
  EXPECT_TRUE(P.repeated("init"));
  EXPECT_FALSE(P.repeated("setup"));
  EXPECT_FALSE(P.lambdaRepeated("marker"));
}

TEST(RepetitionTest, RegistrarDrainedOnce) {
  // A test runner keeps each step and runs each once: the steps run as
  // often as the runner's drain, here once from main.
  Parsed P(R"cpp(
#include <deque>
#include <functional>
#include <string>
class tester {
public:
  void add_step(const char *name, std::function<void()> fn) {
    steps_.emplace_back(name, std::move(fn));
  }
  void launch() {
    for (auto &step : steps_)
      step.second();
  }
private:
  std::deque<std::pair<std::string, std::function<void()>>> steps_;
};
class bus {
public:
  void on(std::function<void()> fn) { handlers_.push_back(std::move(fn)); }
  void dispatch() { for (auto &h : handlers_) h(); }
private:
  std::vector<std::function<void()>> handlers_;
};
static void step_one() {}
static void handler() {}
void in_step();
static void run_tests() {
  tester t;
  t.add_step("one", step_one);
  t.add_step("two", [] { in_step(); });
  t.launch();
}
static void serve(bus &b) {
  b.on(handler);
  for (int i = 0; i < 3; ++i)
    b.dispatch();
}
int main() { run_tests(); bus b; serve(b); }
)cpp");
  EXPECT_FALSE(P.repeated("step_one"));
  EXPECT_FALSE(P.lambdaRepeated("in_step"));
  EXPECT_TRUE(P.repeated("handler"));
}

} // namespace
