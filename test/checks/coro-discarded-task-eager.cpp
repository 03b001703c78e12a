// An eager future already runs: `(void)f.then(...)` is a deliberate
// fire-and-forget, not a task that never starts. Eagerness is read from the
// promise wherever it comes from: a std::coroutine_traits partial
// specialization that inherits promise_type from a base class, a promise
// that inherits initial_suspend from a base class template.
// RUN: %check_coro %s coro-discarded-task %t -- -- -isystem %S/Inputs/mock

#include <coroutine>

namespace ss {
template <class T = void> struct promise { void set_value(); };
template <class T = void> struct [[nodiscard]] future {
  // Not the coroutine promise: std::coroutine_traits below overrides it.
  using promise_type = promise<T>;
  template <class F> future<> then(F &&f) { f(); return {}; }
  bool available() const;
};
future<> sleep(int ms);
} // namespace ss

// seastar's shape: future<> is a coroutine type through coroutine_traits,
// whose promise_type (eager) is inherited from a base class; the future's
// own promise_type member names something else, and the traits win. No coroutine of
// this file returns ss::future<>, so the traits are never instantiated.
namespace ss::internal {
struct coroutine_traits_base {
  struct promise_type {
    ss::future<> get_return_object();
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
} // namespace ss::internal
template <class T, class... Args>
struct std::coroutine_traits<ss::future<T>, Args...>
    : ss::internal::coroutine_traits_base {};

// A promise whose initial_suspend comes from a base class template.
template <class Initial> struct promise_base {
  Initial initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() {}
};
template <class T> struct [[nodiscard]] eager_result {
  struct promise_type : promise_base<std::suspend_never> {
    eager_result get_return_object() { return {}; }
    void return_void() {}
  };
};
template <class T> struct [[nodiscard]] lazy_result {
  struct promise_type : promise_base<std::suspend_always> {
    lazy_result get_return_object() { return {}; }
    void return_void() {}
  };
};
eager_result<int> start_now();
lazy_result<int> start_later();

// A generator is not a task: messages say so.
template <class T> struct [[nodiscard]] async_generator {
  struct promise_type {
    async_generator get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T) { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
async_generator<int> numbers();

struct semaphore { void signal(); };

// ---- Eager, cast to void: deliberate, not reported.
ss::future<> test_wait(semaphore &sem) {
  (void)ss::sleep(1).then([&] { sem.signal(); });
  (void)start_now();
  return ss::sleep(2);
}

// ---- The twins: an eager future dropped without a cast loses its result
// and errors; a lazy one cast to void never runs.
void twins(semaphore &sem) {
  ss::sleep(1).then([&] { sem.signal(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: future returned by 'then' is discarded: it runs detached and its result and errors are lost; hand it to a task group or to the event loop [coro-discarded-task]
  start_now();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: future returned by 'start_now' is discarded: it runs detached and its result and errors are lost; hand it to a task group or to the event loop [coro-discarded-task]
  (void)start_later();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'start_later' is cast to void and never runs; hand it to a task group or to the event loop [coro-discarded-task]
  numbers();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: generator returned by 'numbers' is discarded and never runs; hand it to a task group or to the event loop [coro-discarded-task]
}
