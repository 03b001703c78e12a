// The shape of async_simple: a lazy coroutine::Lazy<T> whose start() takes a
// callback of Try<T>, via() that makes a RescheduleLazy, and detach(), which
// rethrows the exception.
#pragma once
#include "promise.h"

namespace async_simple {
template <class T> class Try {
public:
  bool hasError() const { return false; }
  std::exception_ptr getException() const { return {}; }
  T &value() { static T V{}; return V; }
};
template <> class Try<void> {
public:
  bool hasError() const { return false; }
  std::exception_ptr getException() const { return {}; }
  void value() {}
};
class Executor {};

namespace coro {
template <class T> class Lazy;
template <class T> class RescheduleLazy;
namespace detail {
template <class T, bool Reschedule> class LazyBase {
public:
  using promise_type = mock_detail::promise_for<T, Lazy<T>>;
  template <class F> void start(F &&callback) { callback(Try<T>{}); }
  mock_detail::awaiter<T> operator co_await() { return {}; }
};
} // namespace detail

template <class T = void>
class [[nodiscard]] Lazy : public detail::LazyBase<T, false> {
public:
  RescheduleLazy<T> via(Executor *) && { return {}; }
};
template <class T = void>
class [[nodiscard]] RescheduleLazy : public detail::LazyBase<T, true> {
public:
  void detach() {
    this->start([](auto &&t) {
      if (t.hasError())
        std::rethrow_exception(t.getException());
    });
  }
};
template <class T> T syncAwait(Lazy<T> &&) { return T(); }
} // namespace coro
} // namespace async_simple
