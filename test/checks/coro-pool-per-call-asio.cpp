// The real asio (libasio-dev): a thread_pool built per call is reported, the
// long-lived ones are not. asio 1.22 only detects clang's coroutines through
// the old __cpp_coroutines macro, hence the two defines.
// RUN: %check_coro %s coro-pool-per-call %t -- -- -std=c++20 \
// RUN:   -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

#include <asio.hpp>
#include <memory>

asio::awaitable<int> compute(int value) { co_return value * 2; }

int handle(int value) {
  asio::thread_pool pool{4};
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: thread pool 'pool' is created on every call to 'handle'; create it once and reuse it [coro-pool-per-call]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: 'handle' declared here
  auto result = asio::co_spawn(pool, compute(value), asio::use_future);
  pool.join();
  return result.get();
}

asio::awaitable<void> session(int requests) {
  for (int i = 0; i < requests; ++i) {
    auto pool = std::make_shared<asio::thread_pool>(2);
    // CHECK-NOTES: :[[@LINE-1]]:10: warning: thread pool 'pool' is created on every call to 'session'; create it once and reuse it [coro-pool-per-call]
    // CHECK-NOTES: :[[@LINE-4]]:23: note: 'session' declared here
    // CHECK-NOTES: :[[@LINE-4]]:3: note: created on every iteration of this loop
    asio::post(*pool, [] {});
    pool->join();
  }
  co_return;
}

// The long-lived pattern: one pool, created once.
asio::thread_pool &shared_pool() {
  static asio::thread_pool pool{4};
  return pool;
}

int handle_shared(int value) {
  auto result = asio::co_spawn(shared_pool(), compute(value), asio::use_future);
  return result.get();
}

int main() {
  asio::thread_pool pool{2};
  asio::post(pool, [] {});
  pool.join();
  int sum = 0;
  for (int request = 0; request < 3; ++request) // handle runs per request
    sum += handle(request) + handle_shared(request);
  return sum;
}
