// coro-discarded-task against the bundled runtime: its task is recognised out
// of the box, and every correct way of running one is left alone.
// RUN: %check_coro %s coro-discarded-task %t -- -- -I %runtime_include

#include <corort/corort.hpp>
#include <chrono>

using namespace std::chrono_literals;

corort::task<int> fetch(int id) {
  co_await corort::sleep_for(1ms);
  co_return id;
}

corort::task<> handler() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded and never runs; co_await it or spawn it in a corort::task_group [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await fetch(1);{{$}}

  // The correct patterns.
  int value = co_await fetch(2);
  corort::task_group group;
  group.spawn(fetch(3));
  auto [a, b] = co_await corort::when_all(fetch(4), fetch(5));
  value += co_await corort::with_timeout(10ms, fetch(6));
  value += co_await corort::cpu_pool().run([] { return 7; });
  co_await group.join();
  (void)(value + a + b);
}

int main() {
  fetch(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded and never runs; hand it to a corort::task_group or to the event loop [coro-discarded-task]
  corort::run(handler());
  return corort::run(fetch(0));
}
