// Shared pieces of the mock task libraries: a promise and an awaiter that
// compile and satisfy the coroutine machinery, nothing more.
#pragma once
#include <coroutine>
#include <exception>
#include <utility>

namespace mock_detail {
template <class Task, class Initial = std::suspend_always>
struct promise {
  Task get_return_object() { return Task{}; }
  Initial initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() { std::terminate(); }
  template <class U> void return_value(U &&) {}
};
template <class Task, class Initial>
struct void_promise {
  Task get_return_object() { return Task{}; }
  Initial initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() { std::terminate(); }
  void return_void() {}
};
template <class T> struct awaiter {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const { return T{}; }
};
template <> struct awaiter<void> {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
template <class T, class Task, class Initial = std::suspend_always>
using promise_for = std::conditional_t<std::is_void_v<T>, void_promise<Task, Initial>,
                                       promise<Task, Initial>>;
} // namespace mock_detail
