// A task that has not run is tracked whoever made it (issue 26): a lazy task
// of a listed type that a library call returns (asio's co_spawn with
// use_awaitable makes an awaitable that runs only when awaited) is a task,
// not only what a coroutine call returns. An eager coroutine that finishes
// inside the call and hands its result out through a parameter loses
// nothing when its task is kept and never awaited.
// RUN: %check_coro %s coro-unawaited-task %t -- -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

#include <asio.hpp>
#include <coroutine>
#include <exception>
#include <string>

asio::awaitable<void> work();

asio::awaitable<void> spawns(asio::io_context &io) {
  auto kept = asio::co_spawn(io, work(), asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'kept' is never awaited and never runs; co_await it or start it with asio::co_spawn [coro-unawaited-task]
  auto awaited = asio::co_spawn(io, work(), asio::use_awaitable);
  co_await std::move(awaited);
}

struct eager {
  struct promise_type {
    eager get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { error = std::current_exception(); }
    std::exception_ptr error;
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
std::string read_config();
eager fill(std::string &out) {
  out = read_config();
  co_return;
}
eager forget(const std::string &in) {
  (void)in;
  co_await std::suspend_always{};
  (void)read_config();
}

void callers(std::string &config) {
  auto filled = fill(config);
  auto forgotten = forget(config);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: future 'forgotten' is never awaited: its result and errors are lost; hand it to a task group or to the event loop [coro-unawaited-task]
}
