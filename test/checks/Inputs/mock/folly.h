// The shape of folly::coro: Task has a promise but no operator co_await; the
// awaiting promise's await_transform makes it awaitable.
#pragma once
#include "promise.h"
#include <chrono>

namespace folly::coro {
template <class T = void> class Task;
namespace detail {
template <class T> struct TaskPromise : mock_detail::promise_for<T, Task<T>> {
  template <class U> mock_detail::awaiter<U> await_transform(Task<U>) { return {}; }
};
} // namespace detail
template <class T> class [[nodiscard]] Task {
public:
  using promise_type = detail::TaskPromise<T>;
};
template <class T> T blockingWait(Task<T>) { return T{}; }
Task<void> sleep(std::chrono::milliseconds);
} // namespace folly::coro
