// corort/timeout.hpp - with_timeout(): run a task with a deadline (twin of
// asyncio.timeout / asyncio.wait_for).
#pragma once

#include <corort/cancellation.hpp>
#include <corort/event_loop.hpp>
#include <corort/task.hpp>
#include <corort/task_group.hpp>

#include <chrono>
#include <stdexcept>
#include <utility>

namespace corort {

namespace detail {
// Cancels a group when its deadline passes.
class timeout_timer final : timer_node {
 public:
  timeout_timer(event_loop& loop, time_point deadline, task_group& group) : loop_(loop), group_(group) {
    loop_access::arm(loop, *this, deadline);
  }
  timeout_timer(const timeout_timer&) = delete;
  timeout_timer& operator=(const timeout_timer&) = delete;
  ~timeout_timer() { loop_access::disarm(loop_, *this); }
  bool fired() const noexcept { return fired_; }

 private:
  void fire(bool) override {
    fired_ = true;
    group_.cancel();
  }
  event_loop& loop_;
  task_group& group_;
  bool fired_ = false;
};
}  // namespace detail

/// Runs `t` but cancels it if it has not finished after `d`; then, once it
/// has wound down, throws timeout_error.  Other exceptions of `t` propagate
/// unchanged; if the caller itself is cancelled, cancelled_error propagates.
/// Must be awaited on the loop thread.
///
///     try {
///       auto page = co_await corort::with_timeout(2s, fetch(url));
///     } catch (const corort::timeout_error&) { /* too slow */ }
template <class Rep, class Period, class T>
task<T> with_timeout(std::chrono::duration<Rep, Period> d, task<T> t) {
  cancellation_token outer = co_await current_token();
  event_loop* loop = event_loop::current();
  if (loop == nullptr) throw std::logic_error("corort::with_timeout: no event loop is running on this thread");
  task_group group{outer};
  detail::timeout_timer timer{*loop, loop->now() + std::chrono::ceil<duration>(d), group};
  join_handle<T> handle = group.spawn(std::move(t));
  try {
    co_await group.join();
  } catch (const cancelled_error&) {
    if (timer.fired() && !outer.cancellation_requested()) throw timeout_error{};
    throw;
  }
  co_return detail::take(handle);
}

}  // namespace corort
