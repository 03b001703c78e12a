// NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/NOLINTEND silence the coro checks,
// bare or naming them (a glob too), through corolint and through the plugin;
// naming another check silences nothing.
// RUN: %corolint --checks=-*,coro-* %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %clang_tidy --load=%plugin --checks=-*,coro-* %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <coroutine>

namespace user {
template <class T = void> struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace user

user::task<> f();

user::task<> same_line() {
  f(); // NOLINT
  f(); // NOLINT(coro-discarded-task)
  f(); // NOLINT(coro-*)
  f(); // NOLINT(bugprone-unused-return-value, coro-discarded-task)
  f(); // NOLINT(coro-unawaited-task)
  // CHECK: nolint.cpp:[[@LINE-1]]:3: warning: task returned by 'f' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  co_return;
}

user::task<> next_line() {
  // NOLINTNEXTLINE
  f();
  // NOLINTNEXTLINE(coro-discarded-task)
  f();
  // NOLINTNEXTLINE(coro-unawaited-task)
  f();
  // CHECK: nolint.cpp:[[@LINE-1]]:3: warning: task returned by 'f' is discarded
  // NOLINTNEXTLINE(coro-discarded-task)
  auto kept = f();
  // CHECK: nolint.cpp:[[@LINE-1]]:8: warning: task 'kept' is never awaited and never runs{{.*}}[coro-unawaited-task]
  co_return;
}

user::task<> block() {
  // NOLINTBEGIN(coro-discarded-task)
  f();
  f();
  // NOLINTEND(coro-discarded-task)
  f();
  // CHECK: nolint.cpp:[[@LINE-1]]:3: warning: task returned by 'f' is discarded
  // NOLINTBEGIN
  auto pending = f();
  f();
  // NOLINTEND
  // NOLINTBEGIN(coro-*)
  auto later = f();
  // NOLINTEND(coro-*)
  co_return;
}

// CHECK: Suppressed 11 warnings (11 NOLINT).
