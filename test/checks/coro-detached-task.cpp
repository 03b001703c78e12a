// coro-detached-task on the shapes of async_simple (start() with a callback
// that receives a Try) and libcoro (spawn_detached).
// RUN: %check_coro %s coro-detached-task %t -- -- -isystem %S/Inputs/mock

#include "async_simple.h"
#include "libcoro.h"
#include "pools.h"
#include <cstdio>
#include <stdexcept>

using async_simple::Try;
using async_simple::coro::Lazy;

Lazy<int> fetch(int key) {
  if (key < 0)
    throw std::invalid_argument("negative key");
  co_return key;
}
Lazy<void> flush();
Lazy<void> careful() {
  try {
    co_await flush();
  } catch (...) {
    std::puts("flush failed");
  }
}

// A wrapper that puts a task on an executor (folly's co_withExecutor).
template <class T> Lazy<T> on_executor(async_simple::Executor *, Lazy<T> task) {
  return task;
}

void start_all(async_simple::Executor *ex) {
  on_executor(ex, fetch(7)).start([](auto &&) {});
  // CHECK-NOTES: :[[@LINE-1]]:29: warning: the callback of 'start' ignores the result and the exception of coroutine 'fetch'; check the Try the callback receives (hasError(), getException()) [coro-detached-task]
  // CHECK-NOTES: :[[@LINE-2]]:38: note: the error arrives here, unnamed
  // CHECK-NOTES: :14:11: note: 'fetch' lets exceptions escape: its body is not inside a try that catches everything
  fetch(1).start([](auto &&) {});
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the callback of 'start' ignores the result and the exception of coroutine 'fetch'; check the Try the callback receives (hasError(), getException()) [coro-detached-task]
  // CHECK-NOTES: :[[@LINE-2]]:21: note: the error arrives here, unnamed
  // CHECK-NOTES: :14:11: note: 'fetch' lets exceptions escape: its body is not inside a try that catches everything
  auto lazy = fetch(2);
  std::move(lazy).via(ex).start([](Try<int> result) { std::puts("done"); });
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: the callback of 'start' ignores the result and the exception of coroutine 'fetch'; check the Try the callback receives (hasError(), getException()) [coro-detached-task]
  // CHECK-NOTES: :[[@LINE-2]]:45: note: the error arrives in 'result', never read
  // CHECK-NOTES: :14:11: note: 'fetch' lets exceptions escape: its body is not inside a try that catches everything
  auto ignore = [](Try<void>) {};
  flush().start(ignore);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: the callback of 'start' ignores the result and the exception of coroutine 'flush'; check the Try the callback receives (hasError(), getException()) [coro-detached-task]
  // CHECK-NOTES: :[[@LINE-3]]:20: note: the error arrives here, unnamed
  // CHECK-NOTES: :19:12: note: 'flush' is declared here; its definition is not in this file

  // Not reported: the callback inspects its Try; detach() rethrows; the
  // coroutine catches everything itself; a task awaited synchronously.
  fetch(3).start([](Try<int> result) {
    if (result.hasError())
      std::puts("failed");
  });
  fetch(4).start([](auto &&result) { std::printf("%d\n", result.value()); });
  fetch(5).via(ex).detach();
  careful().start([](auto &&) {});
  async_simple::coro::syncAwait(fetch(6));
}

coro::task<void> work() {
  throw std::runtime_error("lost");
  co_return;
}
coro::task<void> guarded() {
  try {
    co_await work();
  } catch (const std::exception &e) {
    std::puts(e.what());
  }
}

void spawn_all(coro::thread_pool &pool) {
  pool.spawn_detached(work());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'coro::thread_pool::spawn_detached' drops the exception of coroutine 'work'; spawn it with spawn_joinable() and co_await the task it returns [coro-detached-task]
  // CHECK-NOTES: :65:18: note: 'work' lets exceptions escape: its body is not inside a try that catches everything
  pool.spawn_detached(guarded());
  auto make_task = [&pool]() -> coro::task<void> {
    co_await work();
  };
  pool.spawn_detached(make_task());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'coro::thread_pool::spawn_detached' drops the exception of coroutine lambda 'make_task'; spawn it with spawn_joinable() and co_await the task it returns [coro-detached-task]
  // CHECK-NOTES: :[[@LINE-5]]:20: note: 'make_task' lets exceptions escape: its body is not inside a try that catches everything
}
