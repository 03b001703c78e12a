// The shape of cppcoro: task and shared_task with a nested promise_type and
// a member operator co_await.
#pragma once
#include "promise.h"

namespace cppcoro {
template <class T = void> class [[nodiscard]] task {
public:
  using promise_type = mock_detail::promise_for<T, task>;
  mock_detail::awaiter<T> operator co_await() const &&noexcept { return {}; }
};
template <class T = void> class [[nodiscard]] shared_task {
public:
  using promise_type = mock_detail::promise_for<T, shared_task>;
  mock_detail::awaiter<T> operator co_await() const noexcept { return {}; }
};
template <class Awaitable> auto sync_wait(Awaitable &&) { return 0; }
template <class... Awaitables> task<> when_all(Awaitables &&...) { co_return; }
} // namespace cppcoro
