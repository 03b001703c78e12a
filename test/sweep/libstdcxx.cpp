// Real-code sweep: libstdc++'s coroutine and concurrency headers, with
// --system-headers: zero diagnostics inside system headers, and the user
// code around them checked as usual.
// RUN: timeout 1200 %corolint --checks=-*,coro-* --system-headers --header-filter='.*' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: timeout 1200 %clang_tidy --load=%plugin --checks=-*,coro-* --system-headers --header-filter='.*' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:

#include <atomic>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <coroutine>
#include <future>
#include <latch>
#include <mutex>
#include <semaphore>
#include <stop_token>
#include <thread>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};

task user_code(std::future<int> f) {
  f.get();
  co_return;
}
// CHECK: libstdcxx.cpp:[[@LINE-3]]:3: warning: blocking call to 'get' inside coroutine 'user_code' {{.*}} [coro-blocking-call]
