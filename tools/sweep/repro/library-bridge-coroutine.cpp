// FALSE class "library-bridge-coroutine" (coro-blocking-call): a library's
// start()/bridge coroutine runs the user's callable after the task; a user
// callback that joins a thread makes the library's coroutine lambda the place
// reported. (In the real case the bridge is in async_simple/coro/Lazy.h,
// included from a header of the project.)
#include <coroutine>
#include <thread>
#include <utility>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  int await_resume() const { return 0; }
};
struct detached {
  struct promise_type {
    detached get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

namespace lib {
template <class F> void start(task t, F cb) {
  auto launch = [](task t, F cb) -> detached { cb(co_await t); }; // reported here
  launch(std::move(t), std::move(cb));
}
} // namespace lib

void user(std::thread &worker, task t) {
  lib::start(std::move(t), [&](int) { worker.join(); }); // a plain lambda, not a coroutine
}
