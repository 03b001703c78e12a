// Only what a coroutine call returned is a task that has not run yet: a
// future from a promise or a factory, a generator a factory hands over, a
// continuation's result are values the code observes. Their twins, made by a
// coroutine call and left alone, are reported.
// RUN: %check_coro %s coro-unawaited-task %t -- -- -isystem %S/Inputs/mock

#include "user_task.h"
#include <utility>

// An eager future, seastar's shape: a coroutine type that runs at once.
template <class T> struct [[nodiscard]] future {
  struct promise_type {
    future get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() {}
  };
  bool available() const { return true; }
  T get() { return T{}; }
  template <class F> future<T> then(F &&f) { return {}; }
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const { return T{}; }
};
template <class T> struct shared_promise {
  future<T> get_shared_future() { return {}; } // a value, not a coroutine
};
template <class T> future<T> make_ready_future(T); // declared only: eager

// A lazy generator, and a factory that returns it with the pipe feeding it.
template <class T> struct [[nodiscard]] async_generator {
  struct promise_type {
    async_generator get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T) { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const {}
};
struct pipe_writer {
  user::task<> write(int);
};
std::pair<async_generator<int>, pipe_writer> create_pipe();

user::task<int> fetch(int id);

// ---- Not coroutine calls: not tracked.
int observe(shared_promise<int> &pr) {
  auto f4 = pr.get_shared_future();
  return f4.available() ? 1 : 0;
}

void ready_value() {
  auto ready = make_ready_future(3); // an eager value from a declaration
}

int chained(future<int> &in) {
  auto two = in.then([] {}); // a continuation's result, already scheduled
  return 0;
}

user::task<> producer() {
  auto [generator, pipe] = create_pipe();
  co_await pipe.write(1);
}

// ---- Observing a task is a use: any member call on it.
struct pollable {
  struct promise_type {
    pollable get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const {}
  int status() const { return 0; }
  bool wait_for(int) { return true; }
};
pollable job() { co_return; }

int polled() {
  auto j = job();
  while (!j.wait_for(10)) {
  }
  return j.status();
}

// ---- The twins: what coroutine calls returned, never used.
future<int> compute() { co_return 1; } // an eager coroutine, defined here
async_generator<int> numbers() { co_yield 1; }

void twins() {
  auto started = compute();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: future 'started' is never awaited: it has run, and its result and errors are lost; hand it to a task group or to the event loop [coro-unawaited-task]
  auto lazy = fetch(1); // declared only, but a lazy task type
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'lazy' is never awaited and never runs; hand it to a task group or to the event loop [coro-unawaited-task]
  auto unpolled = job();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'unpolled' is never awaited and never runs; hand it to a task group or to the event loop [coro-unawaited-task]
  auto gen = numbers();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: generator 'gen' is never awaited and never runs; hand it to a task group or to the event loop [coro-unawaited-task]
}
