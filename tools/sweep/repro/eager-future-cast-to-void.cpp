// FALSE class "eager-future-cast-to-void" (coro-discarded-task): seastar's
// future<T> is an eager value (the work already runs, .then() chains a
// continuation); `(void)f.then(...)` is seastar's explicit fire-and-forget
// idiom. The future type is also a coroutine return type (a
// std::coroutine_traits specialization, as seastar has), and the check says
// the "task ... is cast to void and never runs".
#include <coroutine>

namespace ss {
template <class T = void> struct [[nodiscard]] future {
  template <class F> future<> then(F &&f) { f(); return {}; }
  bool available() const;
};
future<> sleep(int ms);
} // namespace ss

// seastar makes future<> a coroutine type through coroutine_traits, whose
// promise_type (eager: suspend_never) is inherited from a base class.
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
struct std::coroutine_traits<ss::future<T>, Args...> : ss::internal::coroutine_traits_base {};

struct semaphore { void signal(); };

// No coroutine of this file returns ss::future<>, so the traits' class
// template is never instantiated here.
ss::future<> test_wait(semaphore &sem) {
  (void)ss::sleep(1).then([&] { sem.signal(); }); // reported: never runs; it runs in 1 ms
  return ss::sleep(2);
}
