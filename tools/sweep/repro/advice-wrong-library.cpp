// Defect class "advice-wrong-library" (coro-blocking-call, coro-blocking-loop,
// coro-discarded-task): the suggestion names the bundled runtime's API
// (corort::sleep_for, corort::to_thread, pool.run, "a task group") to users of
// another library. Here an async_simple user is told co_await
// corort::to_thread(...) and an asio user co_await corort::sleep_for(d).
#include <chrono>
#include <coroutine>
#include <mutex>
#include <condition_variable>
#include <thread>

namespace async_simple::coro {
template <class T = void> struct [[nodiscard]] Lazy {
  struct promise_type {
    Lazy get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const {}
};
} // namespace async_simple::coro

async_simple::coro::Lazy<> wait_ready(std::condition_variable &cv, std::mutex &m, bool &ready) {
  std::unique_lock lk{m};
  cv.wait(lk, [&] { return ready; }); // advice: co_await corort::to_thread(...)
  co_return;
}

namespace asio {
template <class T> struct awaitable {
  struct promise_type {
    awaitable get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
} // namespace asio

asio::awaitable<void> delay() {
  std::this_thread::sleep_for(std::chrono::seconds(1)); // advice: co_await corort::sleep_for(d) first
  co_return;
}
