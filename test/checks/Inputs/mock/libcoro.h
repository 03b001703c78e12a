// The shape of libcoro: coro::task with a nested promise_type and a member
// operator co_await.
#pragma once
#include "promise.h"

namespace coro {
template <class T = void> class [[nodiscard]] task {
public:
  using promise_type = mock_detail::promise_for<T, task>;
  mock_detail::awaiter<T> operator co_await() const &noexcept { return {}; }
  mock_detail::awaiter<T> operator co_await() const &&noexcept { return {}; }
};
template <class Awaitable> auto sync_wait(Awaitable &&) { return 0; }
} // namespace coro
