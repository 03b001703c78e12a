// coro-blocking-loop against the real <asio.hpp> (Debian's libasio-dev): a
// coroutine lambda co_spawned on an io_context runs on the loop, one
// co_spawned on a thread_pool (or its executor) runs on the pool.
// RUN: %check_coro %s coro-blocking-loop %t -- -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

#include <asio.hpp>
#include <atomic>

constexpr long kSize = 10'000'000;

long crunch() {
  long total = 0;
  for (long i = 0; i < kSize; ++i) total += i % 7;
  return total;
}

asio::awaitable<long> crunch_in_coroutine() {
  long total = 0;
  for (long i = 0; i < kSize; ++i) total += i % 7;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 10000000 iterations without suspension blocks coroutine 'crunch_in_coroutine'; move the work to a long-lived thread pool or insert a suspension point (co_await asio::co_spawn(pool, ..., asio::use_awaitable)) [coro-blocking-loop]
  co_return total;
}

void start(asio::io_context &io, asio::thread_pool &pool,
           std::atomic<bool> &ready) {
  asio::co_spawn(io, []() -> asio::awaitable<void> {
    long total = 0;
    for (long i = 0; i < kSize; ++i) total += i % 7;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop of about 10000000 iterations without suspension blocks a coroutine lambda; move the work to a long-lived thread pool or insert a suspension point (co_await asio::co_spawn(pool, ..., asio::use_awaitable))
    total += crunch();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: call to 'crunch' runs a CPU-heavy loop inside a coroutine lambda; move the work to a long-lived thread pool or insert a suspension point (co_await asio::co_spawn(pool, ..., asio::use_awaitable))
    co_return;
  }, asio::detached);
  asio::co_spawn(io.get_executor(), [&ready]() -> asio::awaitable<void> {
    while (!ready.load(std::memory_order_acquire)) {}
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: busy-wait loop without suspension blocks a coroutine lambda while it spins on 'ready'; await an asynchronous event instead of polling, or suspend inside the loop (co_await asio::post(executor, asio::use_awaitable))
    co_return;
  }, asio::detached);
  // On the pool: the work does not hold the loop.
  asio::co_spawn(pool, []() -> asio::awaitable<void> {
    long total = 0;
    for (long i = 0; i < kSize; ++i) total += i % 7;
    total += crunch();
    co_return;
  }, asio::detached);
  asio::co_spawn(pool.get_executor(), []() -> asio::awaitable<void> {
    long total = 0;
    for (long i = 0; i < kSize; ++i) total += i % 7;
    co_return;
  }, asio::detached);
  asio::post(pool, [] { crunch(); });
}

// The fix inside a coroutine: a suspension point in the loop.
asio::awaitable<long> crunch_in_slices() {
  auto executor = co_await asio::this_coro::executor;
  long total = 0;
  for (long i = 0; i < kSize; ++i) {
    total += i % 7;
    if (i % 100'000 == 0)
      co_await asio::post(executor, asio::use_awaitable);
  }
  co_return total;
}
