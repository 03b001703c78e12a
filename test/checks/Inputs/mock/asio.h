// The shape of (Boost.)Asio: `awaitable` has no nested promise and no
// operator co_await; its promise comes from a std::coroutine_traits
// specialization and accepts only awaitables through await_transform.
#pragma once
#include "promise.h"

namespace asio {
struct any_io_executor {};
struct io_context {
  any_io_executor get_executor() { return {}; }
  void run() {}
};
struct detached_t {};
inline constexpr detached_t detached{};
struct use_awaitable_t {};
inline constexpr use_awaitable_t use_awaitable{};

template <class T, class Executor = any_io_executor> class awaitable {
public:
  using value_type = T;
  using executor_type = Executor;
  awaitable() = default;
  awaitable(awaitable &&) = default;
  ~awaitable() {}
};

namespace detail {
template <class T, class Executor> struct awaitable_promise {
  awaitable<T, Executor> get_return_object() { return {}; }
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() {}
  template <class U> void return_value(U &&) {}
  template <class U, class E>
  mock_detail::awaiter<U> await_transform(awaitable<U, E>) { return {}; }
};
template <class Executor> struct awaitable_promise<void, Executor> {
  awaitable<void, Executor> get_return_object() { return {}; }
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() {}
  void return_void() {}
  template <class U, class E>
  mock_detail::awaiter<U> await_transform(awaitable<U, E>) { return {}; }
};
} // namespace detail

template <class Executor, class T, class E, class Token>
void co_spawn(Executor, awaitable<T, E>, Token) {}
} // namespace asio

template <class T, class Executor, class... Args>
struct std::coroutine_traits<asio::awaitable<T, Executor>, Args...> {
  using promise_type = asio::detail::awaitable_promise<T, Executor>;
};
