// A coroutine whose promise type is broken: the compiler's error, no coro
// report on what it could not build (its recovery drops the co_await
// statement of g, which would otherwise look like a discarded task).
// RUN: not timeout 300 %corolint --checks=-*,coro-* %s -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not timeout 300 %clang_tidy --load=%plugin --checks=-*,coro-* %s -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not=warning:
// CHECK: broken-promise.cpp:[[@LINE+12]]:6: error: no member named 'initial_suspend' in 'task::promise_type' [clang-diagnostic-error]

#include <coroutine>
struct task {
  struct promise_type {
    task get_return_object();
    void return_void();
  };
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  void await_resume();
};
task f() { co_return; }
task g() { f(); co_await f(); }
void h() { f(); auto t = f(); }
