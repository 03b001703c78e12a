// coro-unawaited-task against the bundled runtime: start early, await later.
// RUN: %check_coro %s coro-unawaited-task %t -- -- -I %runtime_include

#include <corort/corort.hpp>
#include <utility>

corort::task<int> fetch(int id) { co_return id; }

corort::task<int> forgotten() {
  auto early = fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'early' is never awaited and never runs; co_await it or spawn it in a corort::task_group [coro-unawaited-task]
  co_return co_await fetch(2);
}

corort::task<int> start_early_await_later() {
  corort::task_group group;
  auto first = fetch(3);
  auto handle = group.spawn(fetch(4)); // running now, joined below
  int value = co_await std::move(first);
  value += co_await std::move(handle);
  co_await group.join();
  co_return value;
}

int main() { return corort::run(start_early_await_later()) + corort::run(forgotten()); }
