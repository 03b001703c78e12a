// How often a function runs, from who calls it (issue 26): a function whose
// callers are not all visible (externally visible, named nowhere in this
// file) runs as often as its users call it (bshoshany/thread-pool #107); one
// called in a loop, also in main, runs repeatedly; a pool made with new or
// make_unique and destroyed in the same coroutine is made per call. What is
// shown to run once stays silent: main, a static initializer, std::call_once,
// a test step kept by a registrar whose drain calls each step once, and
// functions reached only from those.
// RUN: %check_coro %s coro-pool-per-call %t -- -- -isystem %S/Inputs/mock

#include "asio.h"
#include "pools.h"
#include "user_task.h"
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

// A library function: other files call it.
void parallel_sum(const int *data, int n) {
  BS::thread_pool<> pool(4);
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: thread pool 'pool' is created on every call to 'parallel_sum'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: 'parallel_sum' declared here
  pool.wait();
}

// Called in a loop in main.
static void per_round() {
  asio::thread_pool pool{2};
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: thread pool 'pool' is created on every call to 'per_round'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:13: note: 'per_round' declared here
  pool.join();
}

// Made with new and with make_unique, destroyed in the same coroutine.
user::task<> with_new() {
  auto *pool = new asio::thread_pool(2);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: thread pool 'pool' is created on every call to 'with_new'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:14: note: 'with_new' declared here
  delete pool;
  co_return;
}
user::task<> with_make_unique() {
  auto pool = std::make_unique<asio::thread_pool>(2);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: thread pool 'pool' is created on every call to 'with_make_unique'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:14: note: 'with_make_unique' declared here
  co_return;
}

// ---- Shown to run once.
static void from_main_only() { asio::thread_pool pool{2}; }
static void from_static_initializer() { asio::thread_pool pool{2}; }
static int initialized = (from_static_initializer(), 0);
static std::once_flag once;
static void setup_once() { asio::thread_pool pool{2}; }
void setup() { std::call_once(once, setup_once); }

// A test runner: add_step keeps each step, launch runs each once.
class tester {
public:
  void add_step(const char *name, std::function<void()> step) {
    steps_.emplace_back(name, std::move(step));
  }
  void launch() {
    for (auto &step : steps_)
      step.second();
  }

private:
  std::deque<std::pair<std::string, std::function<void()>>> steps_;
};
static void test_constructor() { corort::thread_pool pool{2}; }
static void test_shutdown() {
  tester t;
  t.add_step("constructor", test_constructor);
  t.add_step("lambda", [] { corort::thread_pool pool{2}; });
  t.launch();
}

// An event bus: its handlers run on every dispatch, and dispatch runs in a
// loop.
class bus {
public:
  void on(std::function<void()> handler) { handlers_.push_back(std::move(handler)); }
  void dispatch() {
    for (auto &h : handlers_)
      h();
  }

private:
  std::vector<std::function<void()>> handlers_;
};
static void on_event() {
  corort::thread_pool pool{2};
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: thread pool 'pool' is created on every call to 'on_event'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:13: note: 'on_event' declared here
}
static void serve(bus &b) {
  b.on(on_event);
  for (int i = 0; i < 3; ++i)
    b.dispatch();
}

int main() {
  from_main_only();
  for (int i = 0; i < 3; ++i)
    per_round();
  test_shutdown();
  bus b;
  serve(b);
}
