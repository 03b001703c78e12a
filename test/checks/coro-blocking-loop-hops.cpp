// A long loop after a hop onto a pool on one branch only still runs on the
// loop on the other branch (issue 26); after a hop on every path, or after a
// project's own awaiter that resumes the coroutine on a thread it starts,
// it runs off the loop.
// RUN: %check_coro %s coro-blocking-loop %t -- -- -I %runtime_include

#include <corort/corort.hpp>
#include <thread>

int step(int);

corort::task<int> one_branch(corort::thread_pool &pool, bool heavy) {
  if (heavy)
    co_await pool.schedule();
  int sum = 0;
  for (int i = 0; i < 1000000; ++i)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 1000000 iterations without suspension blocks coroutine 'one_branch'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool) [coro-blocking-loop]
    sum += step(i);
  co_return sum;
}

corort::task<int> every_path(corort::thread_pool &pool) {
  co_await pool.schedule();
  int sum = 0;
  for (int i = 0; i < 1000000; ++i)
    sum += step(i);
  co_return sum;
}

struct on_new_thread {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    std::thread([h] { h.resume(); }).detach();
  }
  void await_resume() const noexcept {}
};

corort::task<int> own_thread() {
  co_await on_new_thread{};
  int sum = 0;
  for (int i = 0; i < 1000000; ++i)
    sum += step(i);
  co_return sum;
}
