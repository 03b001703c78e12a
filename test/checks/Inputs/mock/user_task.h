// A user-defined runtime of the usual shape: a lazy task with a nested
// promise and member await functions, an eager task, and a fire-and-forget
// coroutine type that cannot be awaited.
#pragma once
#include "promise.h"

namespace user {
template <class T = void> struct [[nodiscard]] task {
  using promise_type = mock_detail::promise_for<T, task>;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const { return mock_detail::awaiter<T>{}.await_resume(); }
};

template <class T = void> struct eager_task {
  using promise_type = mock_detail::promise_for<T, eager_task, std::suspend_never>;
  mock_detail::awaiter<T> operator co_await() const noexcept { return {}; }
};

struct fire_and_forget {
  using promise_type = mock_detail::void_promise<fire_and_forget, std::suspend_never>;
};

/// A task group in the style of the bundled runtime.
struct task_group {
  template <class T> void spawn(task<T>) {}
  task<> join() { co_return; }
};
} // namespace user
