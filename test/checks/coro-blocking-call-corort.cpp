// coro-blocking-call against the bundled runtime: corort::run is a blocking
// bridge; to_thread, pool.run and pool.schedule() move work off the loop.
// RUN: %check_coro %s coro-blocking-call %t -- -- -I %runtime_include

#include <corort/corort.hpp>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

corort::task<int> fetch() { co_return 1; }

corort::task<int> nested_loop() {
  int v = corort::run(fetch());
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: blocking call to 'run' inside coroutine 'nested_loop' stalls the thread that runs it; co_await the task instead of blocking on it [coro-blocking-call]
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep_for' inside coroutine 'nested_loop' stalls
  co_return v;
}

corort::task<int> offloaded(corort::thread_pool &pool) {
  co_await corort::sleep_for(1ms);
  int v = co_await corort::to_thread([] {
    std::this_thread::sleep_for(1ms);
    return 1;
  });
  v += co_await pool.run([] {
    std::this_thread::sleep_for(1ms);
    return 2;
  });
  co_await pool.schedule();
  std::this_thread::sleep_for(1ms); // on a pool thread now
  co_return v;
}

int main() {
  corort::thread_pool pool{2};
  std::this_thread::sleep_for(1ms); // not a coroutine
  return corort::run(offloaded(pool)) + corort::run(nested_loop());
}
