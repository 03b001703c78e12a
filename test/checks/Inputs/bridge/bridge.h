// A library's bridge, as async_simple's Lazy::start and similar are written:
// a coroutine that awaits a task and then runs the callable it was given.
#pragma once
#include "user_task.h"
#include <type_traits>
#include <utility>

namespace lib {
struct detached {
  struct promise_type {
    detached get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
template <class F> void start(user::task<int> t, F cb) {
  auto launch = [](user::task<int> t, F cb) -> detached { cb(co_await std::move(t)); };
  launch(std::move(t), std::move(cb));
}
// async_simple's own spelling: the callable's type behind std::decay_t.
template <class F> void start_decayed(user::task<int> t, F &&cb) {
  auto launch = [](user::task<int> t, std::decay_t<F> cb) -> detached {
    cb(co_await std::move(t));
  };
  launch(std::move(t), std::forward<F>(cb));
}
// A plain helper (not a coroutine) that calls what it is given, here and now:
// followed, so a coroutine that calls it with a blocking callable is told.
template <class F> void retry(F f) { f(); }
} // namespace lib
