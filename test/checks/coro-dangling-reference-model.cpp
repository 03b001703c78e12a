// What a coroutine does with what it refers to decides whether it dangles
// (issue 26): an eager coroutine reads a reference parameter, or a capture,
// while the caller's object is still alive up to its first suspension; one
// that cannot suspend finishes inside the call; a lazy one starts after the
// full-expression, so any use counts, and one that never uses the parameter
// refers to nothing.
// RUN: %check_coro %s coro-dangling-reference %t -- -- -I %runtime_include

#include <corort/corort.hpp>
#include <chrono>
#include <coroutine>
#include <exception>
#include <string>
#include <tuple>

using namespace std::chrono_literals;

// An eager task whose destructor leaves the frame alone: a started
// coroutine runs on when the task is dropped.
struct eager {
  struct promise_type {
    eager get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
struct tick {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
void log_line(const std::string &);

eager reads_before(const std::string &text) {
  log_line(text); // the caller's string is alive until the first suspension
  co_await tick{};
}
eager reads_after(const std::string &text) {
  co_await tick{};
  log_line(text);
}
eager keeps_a_view(const std::string &text) {
  const char *data = text.data(); // refers into the caller's string
  co_await tick{};
  (void)data[0];
}
eager never_suspends(const std::string &text) {
  log_line(text);
  co_return;
}
corort::task<> lazy_reads(const std::string &text) {
  log_line(text); // runs when the task is awaited, after the caller's line
  co_return;
}
corort::task<> lazy_ignores(const std::string &text, int n) {
  co_await corort::sleep_for(1ms * n);
}

std::string make();

void callers(corort::task_group &group) {
  auto a = reads_before(make());
  auto b = reads_after(make());
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: temporary bound to reference parameter 'text' of coroutine 'reads_after' is destroyed at the end of the full-expression, before the task is done; pass it by value or co_await the task in the same expression [coro-dangling-reference]
  auto c = keeps_a_view(make());
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: temporary bound to reference parameter 'text' of coroutine 'keeps_a_view' is destroyed at the end of the full-expression, before the task is done; pass it by value or co_await the task in the same expression [coro-dangling-reference]
  auto d = never_suspends(make());
  group.spawn(lazy_reads(make()));
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: temporary bound to reference parameter 'text' of coroutine 'lazy_reads' is destroyed at the end of the full-expression, before the task is done; pass it by value or co_await the task in the same expression [coro-dangling-reference]
  group.spawn(lazy_ignores(make(), 3));
  (void)a;
  (void)b;
  (void)c;
  (void)d;
}

// The captures of an eager lambda coroutine: read before the first
// suspension only, or also after it.
void lambdas(int x) {
  auto early = [x]() -> eager {
    log_line(std::to_string(x));
    co_await tick{};
  }();
  auto late = [x]() -> eager {
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: the captures of a lambda coroutine called on a temporary dangle once the full-expression ends, while its task lives on; pass them as parameters or co_await the task in the same expression [coro-dangling-reference]
    co_await tick{};
    log_line(std::to_string(x));
  }();
  (void)early;
  (void)late;
}

// `std::ignore = t();` drops the task: a lazy one never runs, so its
// reference refers to nothing it will read (coro-discarded-task reports the
// drop).
void ignored() { std::ignore = lazy_reads(make()); }
