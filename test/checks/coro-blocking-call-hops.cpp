// Where a coroutine runs after a hop onto a pool is a question of its flow
// (issue 26): a hop on one branch leaves the other branch on the loop, the
// first iteration of a loop that hops at its end runs on the loop, and a
// project's own awaiter whose await_suspend hands the coroutine to a pool or
// a thread is a hop without configuration. An awaiter that hands the pool
// work but resumes the coroutine on its loop (corort's `pool.run(fn)`) is
// no hop.
// RUN: %check_coro %s coro-blocking-call %t -- -- -I %runtime_include

#include <corort/corort.hpp>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

corort::task<> one_branch(corort::thread_pool &pool, bool heavy) {
  if (heavy)
    co_await pool.schedule();
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep_for' inside coroutine 'one_branch' stalls the thread that runs it; await an asynchronous timer instead (co_await corort::sleep_for(d)) [coro-blocking-call]
}

corort::task<> both_branches(corort::thread_pool &pool, bool heavy) {
  if (heavy)
    co_await pool.schedule();
  else
    co_await pool.schedule();
  std::this_thread::sleep_for(1ms);
}

corort::task<> early_return(corort::thread_pool &pool, bool light) {
  if (light)
    co_return;
  co_await pool.schedule();
  std::this_thread::sleep_for(1ms);
}

corort::task<> hop_at_loop_end(corort::thread_pool &pool, int n) {
  for (int i = 0; i < n; ++i) {
    std::this_thread::sleep_for(1ms); // the first iteration runs on the loop
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'sleep_for' inside coroutine 'hop_at_loop_end' stalls the thread that runs it; await an asynchronous timer instead (co_await corort::sleep_for(d)) [coro-blocking-call]
    co_await pool.schedule();
  }
}

// A project's own pool: it owns its worker threads.
class workers {
public:
  void post(std::function<void()> job);

private:
  std::vector<std::thread> threads_;
};
struct resume_on_workers {
  workers &w;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) { w.post([h] { h.resume(); }); }
  void await_resume() const noexcept {}
};
struct resume_on_new_thread {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    std::thread([h] { h.resume(); }).detach();
  }
  void await_resume() const noexcept {}
};
// Hands its work to the pool, resumes the coroutine on the loop: no hop.
struct work_then_loop {
  workers &w;
  corort::event_loop &loop;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    w.post([this, h] { loop.post(h); });
  }
  void await_resume() const noexcept {}
};

corort::task<> own_awaiters(workers &w, corort::event_loop &loop) {
  co_await work_then_loop{w, loop};
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep_for' inside coroutine 'own_awaiters' stalls the thread that runs it; await an asynchronous timer instead (co_await corort::sleep_for(d)) [coro-blocking-call]
  co_await resume_on_workers{w};
  std::this_thread::sleep_for(1ms);
}

// Resumes on the pool, or on the loop when tasks run inline: may run on
// the loop (libcoro's scheduler chooses by an option).
struct maybe_on_workers {
  workers &w;
  corort::event_loop &loop;
  bool inline_tasks;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    if (inline_tasks)
      loop.post(h);
    else
      w.post([h] { h.resume(); });
  }
  void await_resume() const noexcept {}
};
corort::task<> conditional_hop(workers &w, corort::event_loop &loop) {
  co_await maybe_on_workers{w, loop, false};
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep_for' inside coroutine 'conditional_hop' stalls the thread that runs it; await an asynchronous timer instead (co_await corort::sleep_for(d)) [coro-blocking-call]
}

// Resumes on the executor it is given (yaclib's `co_await On(executor)`):
// a hop when that executor is a pool, none when it is the loop.
struct executor {
  virtual void submit(std::coroutine_handle<> h) = 0;
};
struct pool_executor : executor {
  void submit(std::coroutine_handle<> h) override;
  std::vector<std::thread> threads;
};
struct loop_executor : executor {
  void submit(std::coroutine_handle<> h) override;
};
struct on_executor {
  executor &where;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    auto handle = h;
    where.submit(handle);
  }
  void await_resume() const noexcept {}
};
on_executor on(executor &e) { return on_executor{e}; }
corort::task<> given_executor(pool_executor &pool, loop_executor &loop) {
  co_await on(loop);
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep_for' inside coroutine 'given_executor' stalls the thread that runs it; await an asynchronous timer instead (co_await corort::sleep_for(d)) [coro-blocking-call]
  co_await on(pool);
  std::this_thread::sleep_for(1ms);
}

corort::task<> own_thread() {
  co_await resume_on_new_thread{};
  std::this_thread::sleep_for(1ms);
}

// corort's pool.run(fn) runs fn on a worker and resumes on the loop.
corort::task<int> after_run(corort::thread_pool &pool) {
  int n = co_await pool.run([] { return 42; });
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep_for' inside coroutine 'after_run' stalls the thread that runs it; await an asynchronous timer instead (co_await corort::sleep_for(d)) [coro-blocking-call]
  co_return n;
}
