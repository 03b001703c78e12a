// The shape of concurrencpp: lazy_result with a nested promise_type and a
// member operator co_await.
#pragma once
#include "promise.h"
#include <memory>

namespace concurrencpp {
template <class T> class lazy_result {
public:
  using promise_type = mock_detail::promise_for<T, lazy_result>;
  mock_detail::awaiter<T> operator co_await() &&noexcept { return {}; }
};
/// An eager result: get() blocks until the coroutine is done.
template <class T> class result {
public:
  using promise_type = mock_detail::promise_for<T, result, std::suspend_never>;
  mock_detail::awaiter<T> operator co_await() &&noexcept { return {}; }
  T get();
  void wait();
};
/// Resumes the awaiting coroutine on the executor.
template <class Executor>
mock_detail::awaiter<void> resume_on(std::shared_ptr<Executor> executor);
/// A coroutine whose first parameter is an executor_tag starts on the
/// executor its caller passes next.
struct executor_tag {};
} // namespace concurrencpp
