// What dropping a task does is read from the coroutine and from the task
// type's destructor (issue 26): "never runs" only for a lazy coroutine; an
// eager one whose destructor destroys the frame is stopped at its first
// suspension; a destructor that waits blocks; an eager coroutine that returns
// nothing and keeps no error (it hands its result out through a parameter,
// or catches every exception itself) loses nothing. `std::ignore = f();`
// drops the task as a cast to void does.
// RUN: %check_coro %s coro-discarded-task %t -- -- -I %runtime_include

#include <corort/corort.hpp>
#include <coroutine>
#include <exception>
#include <future>
#include <string>
#include <tuple>

struct tick {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

// Eager, its destructor leaves the frame: a started coroutine runs on.
struct [[nodiscard]] job {
  struct promise_type {
    job get_return_object() { return {}; }
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

// Eager, its destructor destroys the frame; the promise keeps the error.
struct [[nodiscard]] scoped_job {
  struct promise_type {
    scoped_job get_return_object() {
      return {std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { error = std::current_exception(); }
    std::exception_ptr error;
  };
  std::coroutine_handle<promise_type> h;
  ~scoped_job() {
    if (h)
      h.destroy();
  }
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

// Eager, its destructor waits for the coroutine to be done.
struct [[nodiscard]] joined_job {
  struct promise_type {
    joined_job get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  std::shared_future<void> done;
  ~joined_job() { done.wait(); }
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

// Started later on its own: the initial suspension hands the coroutine to
// a simulation's queue (simcpp20's processes), whatever becomes of the task.
struct simulation {
  void schedule(std::coroutine_handle<> h);
};
extern simulation sim;
struct [[nodiscard]] process {
  struct enqueue {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) { sim.schedule(h); }
    void await_resume() const noexcept {}
  };
  struct promise_type {
    process get_return_object() { return {}; }
    enqueue initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
process customer(int id) {
  co_await tick{};
  (void)id;
}

std::string read_config();

// Finishes inside the call and hands its result out: nothing is lost.
job fill(std::string &out) {
  out = read_config();
  co_return;
}
// Catches every exception itself and delivers the result: nothing is lost.
job deliver(std::promise<std::string> &to) {
  try {
    co_await tick{};
    to.set_value(read_config());
  } catch (...) {
    to.set_exception(std::current_exception());
  }
}
// Its error stays in the promise, which nobody reads.
job may_fail() {
  co_await tick{};
  (void)read_config();
}
scoped_job cut_short() {
  co_await tick{};
  (void)read_config();
}
scoped_job finishes_first() {
  (void)read_config();
  co_return;
}
joined_job waits_for_it() {
  co_await tick{};
}
corort::task<> lazy_work() { co_return; }

void callers(std::string &config, std::promise<std::string> &p) {
  customer(1); // scheduled on the simulation: it runs, and loses nothing
  fill(config);
  deliver(p);
  may_fail();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: future returned by 'may_fail' is discarded: it runs detached and its result and errors are lost; hand it to a task group or to the event loop [coro-discarded-task]
  cut_short();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: future returned by 'cut_short' is discarded: its destructor stops it at its first suspension and the rest never runs; hand it to a task group or to the event loop [coro-discarded-task]
  finishes_first();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: future returned by 'finishes_first' is discarded: it has run, and its result and errors are lost; hand it to a task group or to the event loop [coro-discarded-task]
  waits_for_it();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: future returned by 'waits_for_it' is discarded: its destructor blocks until it is done; hand it to a task group or to the event loop [coro-discarded-task]
  std::ignore = lazy_work();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: task returned by 'lazy_work' is assigned to std::ignore and never runs; hand it to a corort::task_group or to the event loop [coro-discarded-task]
  std::ignore = may_fail(); // deliberate: an eager task's value is not wanted
}
