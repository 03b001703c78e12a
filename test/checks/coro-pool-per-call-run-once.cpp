// A pool built in a function that runs once is built once: the bodies of
// test macros, test functions that main calls once, lambdas called once where
// they are written. Their twins, with evidence that they run repeatedly, are
// reported.
// RUN: %check_coro %s coro-pool-per-call %t -- -- -isystem %S/Inputs/mock

#include "asio.h"
#include "pools.h"
#include "user_task.h"

int register_test(void (*)(), const char *);
template <class F> void run_later(F) {}
void blocking_wait(user::task<>);

// ---- doctest: TEST_CASE is a static function with a pasted name,
// registered once through its address.
#define TEST_CASE(name) TEST_CASE_IMPL(__COUNTER__, name)
#define TEST_CASE_IMPL(n, name) TEST_CASE_IMPL2(n, name)
#define TEST_CASE_IMPL2(n, name)                                              \
  static void DOCTEST_ANON_FUNC_##n();                                        \
  static int DOCTEST_ANON_VAR_##n = register_test(&DOCTEST_ANON_FUNC_##n, name); \
  static void DOCTEST_ANON_FUNC_##n()

void helper_of_tests() { asio::thread_pool helper_pool{2}; }

TEST_CASE("pool runs work") {
  asio::thread_pool tp{3};
  helper_of_tests(); // reached only from a test body: runs once
}

// ---- Catch2: the same with another name.
#define CATCH_TEST_CASE(name) CATCH_IMPL(__LINE__, name)
#define CATCH_IMPL(line, name) CATCH_IMPL2(line, name)
#define CATCH_IMPL2(line, name)                                               \
  static void dummyFunction##line();                                          \
  static int dummyVariable##line = register_test(&dummyFunction##line, name); \
  static void dummyFunction##line()

CATCH_TEST_CASE("pools per test") {
  cppcoro::static_thread_pool tp;
  // A loop in a test body: the test builds pools on purpose.
  for (int i = 0; i < 3; ++i) {
    asio::thread_pool per_iteration{1};
  }
}

// ---- gtest: TestBody is a virtual method the macro declares and defines;
// the framework calls it for each test, once.
namespace testing {
struct Test {
  virtual ~Test() {}
  virtual void TestBody() = 0;
  void Run() { TestBody(); }
};
} // namespace testing
#define TEST(suite, name)                                                     \
  struct suite##_##name##_Test : testing::Test {                              \
    void TestBody() override;                                                 \
  };                                                                          \
  static testing::Test *suite##_##name##_instance = new suite##_##name##_Test; \
  void suite##_##name##_Test::TestBody()

void run_all_tests(testing::Test **tests, int n) {
  for (int i = 0; i < n; ++i)
    tests[i]->Run();
}

TEST(Collect, UsesThreadPool) {
  folly::CPUThreadPoolExecutor threadPool{4};
}

// ---- A test function called once, from main.
template <class T> void different_execs() {
  asio::thread_pool th_ctx{1};
}

// ---- A coroutine lambda called once where it is written.
void early_destroy_test() {
  blocking_wait([]() -> user::task<> {
    asio::thread_pool executor(2);
    co_return;
  }());
  [] { corort::thread_pool in_place{1}; }();
  auto once = [] { corort::thread_pool called_once{1}; };
  once();
}

// ---- asio's test registry: each case is named as a template argument and
// the template calls it once.
template <void (*Test)()> void run_test(const char *) { Test(); }
#define ASIO_TEST_CASE(test) run_test<&test>(#test);
template <class T> void registered_case() {
  asio::thread_pool th_ctx{1};
}

int main() {
  different_execs<int>();
  early_destroy_test();
  ASIO_TEST_CASE(registered_case<void>)
  ASIO_TEST_CASE(registered_case<int>)
}

// ---- The twins: evidence that the function runs repeatedly.

// Reached from a test body, but through a loop there.
void helper_in_loop() {
  asio::thread_pool looped{2};
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: thread pool 'looped' is created on every call to 'helper_in_loop'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'helper_in_loop' declared here
}
TEST_CASE("helper per iteration") {
  for (int i = 0; i < 3; ++i)
    helper_in_loop();
}

// A named coroutine runs whenever its caller likes.
user::task<> handler() {
  asio::thread_pool per_request{2};
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: thread pool 'per_request' is created on every call to 'handler'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:14: note: 'handler' declared here
  co_return;
}

// A callback the user registers (not a test macro).
void on_message() {
  asio::thread_pool per_message{2};
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: thread pool 'per_message' is created on every call to 'on_message'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'on_message' declared here
}
static int registered = register_test(&on_message, "on message");

// A function defined by a macro under the user's own name, called in a loop.
#define HANDLER(name) void name()
HANDLER(on_tick) {
  asio::thread_pool per_tick{1};
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: thread pool 'per_tick' is created on every call to 'on_tick'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:1: note: 'on_tick' declared here
}
void tick_loop() {
  for (;;)
    on_tick();
}

// A lambda handed on as a callback; a coroutine lambda called in a loop.
void callbacks(asio::io_context &io) {
  asio::post(io, [] {
    asio::thread_pool per_post{1};
    // CHECK-NOTES: :[[@LINE-1]]:23: warning: thread pool 'per_post' is created on every call to the lambda; create it once and reuse it [coro-pool-per-call]
    // CHECK-NOTES: :[[@LINE-3]]:18: note: the lambda declared here
  });
  for (int i = 0; i < 3; ++i)
    blocking_wait([]() -> user::task<> {
      asio::thread_pool per_iteration(2);
      // CHECK-NOTES: :[[@LINE-1]]:25: warning: thread pool 'per_iteration' is created on every call to the lambda; create it once and reuse it [coro-pool-per-call]
      // CHECK-NOTES: :[[@LINE-3]]:19: note: the lambda declared here
      co_return;
    }());
}

// A function that runs once, building a pool in a loop: a pool per iteration.
void serve_once(int requests) {
  for (int r = 0; r < requests; ++r) {
    asio::thread_pool per_request{1};
    // CHECK-NOTES: :[[@LINE-1]]:23: warning: thread pool 'per_request' is created on every call to 'serve_once'; create it once and reuse it [coro-pool-per-call]
    // CHECK-NOTES: :[[@LINE-4]]:6: note: 'serve_once' declared here
    // CHECK-NOTES: :[[@LINE-4]]:3: note: created on every iteration of this loop
  }
}

// A template that calls the function it is given in a loop.
template <void (*Work)()> void repeat(int n) {
  for (int i = 0; i < n; ++i)
    Work();
}
void repeated_case() {
  asio::thread_pool per_round{1};
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: thread pool 'per_round' is created on every call to 'repeated_case'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'repeated_case' declared here
}
void run_rounds() { repeat<&repeated_case>(3); }
