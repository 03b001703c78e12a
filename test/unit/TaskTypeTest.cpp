//===--- TaskTypeTest.cpp - what corolint calls a task --------------------===//

#include "utils/Coroutine.h"
#include "utils/TaskType.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::coro::utils;

namespace {

const char Shapes[] = R"cpp(
#include <coroutine>
#include <exception>
#include <string>

#define PROMISE(Self, Initial)                                           \
  struct promise_type {                                                  \
    Self get_return_object() { return {}; }                              \
    std::Initial initial_suspend() noexcept { return {}; }               \
    std::suspend_always final_suspend() noexcept { return {}; }          \
    void return_void() {}                                                \
    void unhandled_exception() { std::terminate(); }                     \
  };

#define AWAITER                                                          \
  bool await_ready() { return false; }                                   \
  void await_suspend(std::coroutine_handle<>) {}                         \
  void await_resume() {}

struct lazy_task { PROMISE(lazy_task, suspend_always) AWAITER };
struct eager_task { PROMISE(eager_task, suspend_never) AWAITER };
struct fire_and_forget { PROMISE(fire_and_forget, suspend_never) };
struct [[nodiscard]] marked { PROMISE(marked, suspend_always) };
struct plain_awaiter { AWAITER };

namespace ns {
struct free_awaited { PROMISE(free_awaited, suspend_always) };
plain_awaiter operator co_await(free_awaited);
template <class T> struct friend_awaited {
  PROMISE(friend_awaited, suspend_always)
  friend plain_awaiter operator co_await(friend_awaited) { return {}; }
};
template <class T> struct traits_task { AWAITER };
struct by_option {};
} // namespace ns

template <class T, class... Args>
struct std::coroutine_traits<ns::traits_task<T>, Args...> {
  PROMISE(ns::traits_task<T>, suspend_always)
};

namespace cppcoro { template <class T> class task; }

lazy_task f_lazy();
eager_task f_eager();
fire_and_forget f_fire();
marked f_marked();
plain_awaiter f_awaiter();
ns::free_awaited f_free();
ns::friend_awaited<int> f_friend();
ns::traits_task<int> f_traits();
ns::by_option f_option();
cppcoro::task<int> *f_known_pointer();
lazy_task &f_reference();
std::string f_string();
// A call instantiates the class; so does this.
static_assert(sizeof(ns::friend_awaited<int>) && sizeof(ns::traits_task<int>));
)cpp";

class TaskTypeTest : public ::testing::Test {
protected:
  void SetUp() override {
    AST = tooling::buildASTFromCodeWithArgs(Shapes, {"-std=c++20"});
    ASSERT_TRUE(AST);
    ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  }

  QualType returnTypeOf(llvm::StringRef Function) {
    auto Matches = match(functionDecl(hasName(Function)).bind("f"),
                         AST->getASTContext());
    EXPECT_EQ(Matches.size(), 1u) << Function.str();
    if (Matches.empty())
      return {};
    return Matches.front().getNodeAs<FunctionDecl>("f")->getReturnType();
  }

  std::unique_ptr<ASTUnit> AST;
};

TEST_F(TaskTypeTest, RecognisesTheShapesOfATask) {
  TaskTypeClassifier C("", "");
  EXPECT_TRUE(C.isTaskType(returnTypeOf("f_lazy")));
  EXPECT_TRUE(C.isTaskType(returnTypeOf("f_marked")));
  EXPECT_TRUE(C.isTaskType(returnTypeOf("f_free")));
  EXPECT_TRUE(C.isTaskType(returnTypeOf("f_friend")));
  EXPECT_TRUE(C.isTaskType(returnTypeOf("f_traits")));
}

TEST_F(TaskTypeTest, TellsEagerFromLazy) {
  TaskTypeClassifier C("", "");
  EXPECT_FALSE(C.classify(returnTypeOf("f_lazy")).IsEager);
  TaskTypeInfo Eager = C.classify(returnTypeOf("f_eager"));
  EXPECT_TRUE(Eager.IsTask);
  EXPECT_TRUE(Eager.IsEager);
}

TEST_F(TaskTypeTest, RejectsWhatIsNotATask) {
  TaskTypeClassifier C("", "");
  // Fire-and-forget: a promise but nothing can await it; dropping is the design.
  EXPECT_FALSE(C.isTaskType(returnTypeOf("f_fire")));
  // Awaitable but no promise: not the result of a coroutine.
  EXPECT_FALSE(C.isTaskType(returnTypeOf("f_awaiter")));
  EXPECT_FALSE(C.isTaskType(returnTypeOf("f_string")));
  EXPECT_FALSE(C.isTaskType(returnTypeOf("f_reference")));
  EXPECT_FALSE(C.isTaskType(returnTypeOf("f_known_pointer")));
  EXPECT_FALSE(C.isTaskType(QualType()));
}

TEST_F(TaskTypeTest, OptionsAddAndRemoveTypes) {
  TaskTypeClassifier Added("::ns::by_option", "");
  EXPECT_TRUE(Added.isTaskType(returnTypeOf("f_option")));
  TaskTypeClassifier Removed("", "lazy_task;ns::traits_task");
  EXPECT_FALSE(Removed.isTaskType(returnTypeOf("f_lazy")));
  EXPECT_FALSE(Removed.isTaskType(returnTypeOf("f_traits")));
  EXPECT_TRUE(Removed.isTaskType(returnTypeOf("f_marked")));
}

TEST_F(TaskTypeTest, FindsPromisesAndAwaitability) {
  const CXXRecordDecl *Lazy = returnTypeOf("f_lazy")->getAsCXXRecordDecl();
  ASSERT_TRUE(Lazy);
  ASSERT_TRUE(findPromiseType(Lazy));
  EXPECT_EQ(findPromiseType(Lazy)->getName(), "promise_type");
  EXPECT_TRUE(isAwaitableRecord(Lazy));
  const CXXRecordDecl *Fire = returnTypeOf("f_fire")->getAsCXXRecordDecl();
  ASSERT_TRUE(Fire);
  EXPECT_FALSE(isAwaitableRecord(Fire));
}

TEST(TaskTypeEagerTest, EagernessThroughTraitsAndBases) {
  auto AST = tooling::buildASTFromCodeWithArgs(R"cpp(
#include <coroutine>
namespace ss {
template <class T = void> struct [[nodiscard]] future {};
future<> sleep(int);
namespace internal {
struct traits_base {
  struct promise_type {
    std::suspend_never initial_suspend() noexcept { return {}; }
  };
};
} // namespace internal
} // namespace ss
template <class T, class... Args>
struct std::coroutine_traits<ss::future<T>, Args...> : ss::internal::traits_base {};

template <class Initial> struct promise_base {
  Initial initial_suspend() noexcept { return {}; }
};
template <class T> struct [[nodiscard]] eager_result {
  struct promise_type : promise_base<std::suspend_never> {};
};
template <class T> struct [[nodiscard]] lazy_result {
  struct promise_type : promise_base<std::suspend_always> {};
};
eager_result<int> start_now();
lazy_result<int> start_later();
void use() { ss::sleep(1); start_now(); start_later(); }
)cpp", {"-std=c++20"});
  ASSERT_TRUE(AST);
  TaskTypeClassifier C("", "");
  auto Info = [&](llvm::StringRef Name) {
    auto M = match(functionDecl(hasName(Name)).bind("f"), AST->getASTContext());
    EXPECT_FALSE(M.empty()) << Name.str();
    return C.classify(M.front().getNodeAs<FunctionDecl>("f")->getReturnType());
  };
  EXPECT_TRUE(Info("sleep").IsTask);
  EXPECT_TRUE(Info("sleep").IsEager);
  EXPECT_TRUE(Info("start_now").IsEager);
  EXPECT_TRUE(Info("start_later").IsTask);
  EXPECT_FALSE(Info("start_later").IsEager);
}

TEST(TaskTypeEagerTest, CoroutineCalls) {
  auto AST = tooling::buildASTFromCodeWithArgs(R"cpp(
#include <coroutine>
template <class Initial> struct [[nodiscard]] basic {
  struct promise_type {
    basic get_return_object() { return {}; }
    Initial initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
using lazy = basic<std::suspend_always>;
using eager = basic<std::suspend_never>;
lazy declared_lazy();
eager declared_eager();
eager defined_coroutine() { co_return; }
lazy defined_factory() { return declared_lazy(); }
template <class T> lazy templated() { co_return; }
void use() {
  declared_lazy(); declared_eager(); defined_coroutine(); defined_factory();
  templated<int>();
}
)cpp", {"-std=c++20"});
  ASSERT_TRUE(AST);
  TaskTypeClassifier C("", "");
  auto Call = [&](llvm::StringRef Name) {
    auto M = match(
        callExpr(callee(functionDecl(hasName(Name))), hasAncestor(functionDecl(hasName("use"))))
            .bind("c"),
        AST->getASTContext());
    EXPECT_EQ(M.size(), 1u) << Name.str();
    return isCoroutineCall(*M.front().getNodeAs<CallExpr>("c"), C);
  };
  EXPECT_TRUE(Call("declared_lazy"));      // not visible: a lazy task type
  EXPECT_FALSE(Call("declared_eager"));    // not visible, eager: a value
  EXPECT_TRUE(Call("defined_coroutine"));  // visible coroutine
  EXPECT_FALSE(Call("defined_factory"));   // visible, not a coroutine
  EXPECT_TRUE(Call("templated"));          // its template is a coroutine
}

TEST(CoroutineTest, KnowsWhereATaskCanBeAwaited) {
  auto AST = tooling::buildASTFromCodeWithArgs(R"cpp(
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
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
struct strict {
  struct promise_type {
    strict get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
    std::suspend_never await_transform(int) { return {}; }
  };
};
task in_task() { co_return; }
strict in_strict() { co_await 1; }
void not_a_coroutine() {}
)cpp", {"-std=c++20"});
  ASSERT_TRUE(AST);
  ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  auto Fn = [&](llvm::StringRef Name) {
    auto M = match(functionDecl(hasName(Name), isDefinition()).bind("f"),
                   AST->getASTContext());
    return M.front().getNodeAs<FunctionDecl>("f");
  };
  const CXXRecordDecl *Task = Fn("in_task")->getReturnType()->getAsCXXRecordDecl();
  EXPECT_TRUE(isCoroutine(Fn("in_task")));
  EXPECT_FALSE(isCoroutine(Fn("not_a_coroutine")));
  EXPECT_TRUE(canAwaitTaskIn(*Fn("in_task"), *Task));
  EXPECT_FALSE(canAwaitTaskIn(*Fn("in_strict"), *Task));
  EXPECT_FALSE(canAwaitTaskIn(*Fn("not_a_coroutine"), *Task));
}

} // namespace
