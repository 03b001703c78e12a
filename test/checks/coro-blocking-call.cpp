// RUN: %check_coro -check-suffixes=,DEFAULT %s coro-blocking-call %t -- -- -isystem %S/Inputs/mock
// RUN: %check_coro -check-suffixes=,OPTIONS %s coro-blocking-call %t -- \
// RUN:   -config="{CheckOptions: {coro-blocking-call.AllowedFunctions: 'std::this_thread::sleep_for', coro-blocking-call.BlockingFunctions: 'app::legacy_fetch', coro-blocking-call.MaxCallDepth: 1}}" \
// RUN:   -- -isystem %S/Inputs/mock

#include "asio.h"
#include "cppcoro.h"
#include "folly.h"
#include "libcoro.h"
#include "pools.h"
#include "user_task.h"
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <iostream>
#include <latch>
#include <mutex>
#include <semaphore>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

namespace app {
int legacy_fetch(int);
// An asynchronous look-alike: returns an awaitable, is co_awaited.
user::task<> sleep_for(std::chrono::milliseconds);
} // namespace app

// ---- Each family, directly in a coroutine.
user::task<> sleeping() {
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: blocking call to 'sleep_for' inside coroutine 'sleeping' stalls the thread that runs it; await an asynchronous timer instead [coro-blocking-call]
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep' inside coroutine 'sleeping' stalls the thread that runs it; await an asynchronous timer instead [coro-blocking-call]
  usleep(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'usleep' inside coroutine 'sleeping' stalls the thread that runs it; await an asynchronous timer instead
  co_await app::sleep_for(10ms);
  co_return;
}

user::task<> processes() {
  std::system("ls");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'system' inside coroutine 'processes' stalls the thread that runs it; run it on a thread pool and await the result [coro-blocking-call]
  FILE *pipe = popen("ls", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: blocking call to 'popen' inside coroutine 'processes' stalls the thread that runs it; run it on a thread pool and await the result
  pclose(pipe);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'pclose' inside coroutine 'processes' stalls the thread that runs it; run it on a thread pool and await the result
  int status = 0;
  waitpid(0, &status, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'waitpid' inside coroutine 'processes' stalls the thread that runs it; run it on a thread pool and await the result
  co_return;
}

user::task<> waiting(std::future<int> f, std::shared_future<int> sf, std::thread &t,
                     std::jthread &jt, std::condition_variable &cv, std::mutex &m,
                     std::latch &l, std::barrier<> &b, std::binary_semaphore &s) {
  f.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'wait' inside coroutine 'waiting' stalls the thread that runs it; await an asynchronous event instead, or move the wait to a thread pool [coro-blocking-call]
  int v = f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: blocking call to 'get' inside coroutine 'waiting' stalls the thread that runs it; await an asynchronous event instead, or move the wait to a thread pool
  v += sf.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'get' inside coroutine 'waiting' stalls the thread that runs it; await an asynchronous event instead, or move the wait to a thread pool
  t.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'join' inside coroutine 'waiting' stalls the thread that runs it; await an asynchronous event instead, or move the wait to a thread pool
  jt.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'join' inside coroutine 'waiting' stalls the thread that runs it; await an asynchronous event instead, or move the wait to a thread pool
  std::unique_lock lock(m);
  cv.wait(lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'wait' inside coroutine 'waiting' stalls the thread that runs it; await an asynchronous event instead, or move the wait to a thread pool
  cv.wait_for(lock, 1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'wait_for' inside coroutine 'waiting' stalls the thread that runs it; await an asynchronous event instead, or move the wait to a thread pool
  l.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'wait' inside coroutine 'waiting' stalls the thread that runs it; await an asynchronous event instead, or move the wait to a thread pool
  b.arrive_and_wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'arrive_and_wait' inside coroutine 'waiting' stalls the thread that runs it; await an asynchronous event instead, or move the wait to a thread pool
  s.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'acquire' inside coroutine 'waiting' stalls the thread that runs it; await an asynchronous event instead, or move the wait to a thread pool
  co_return;
}

cppcoro::task<int> cppcoro_op();
folly::coro::Task<int> folly_op();
coro::task<int> libcoro_op();

user::task<> bridging(asio::io_context &io) {
  cppcoro::sync_wait(cppcoro_op());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sync_wait' inside coroutine 'bridging' stalls the thread that runs it; co_await the task instead of blocking on it [coro-blocking-call]
  folly::coro::blockingWait(folly_op());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'blockingWait' inside coroutine 'bridging' stalls the thread that runs it; co_await the task instead of blocking on it
  coro::sync_wait(libcoro_op());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sync_wait' inside coroutine 'bridging' stalls the thread that runs it; co_await the task instead of blocking on it
  io.run();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'run' inside coroutine 'bridging' stalls the thread that runs it; run the event loop on its own thread, not inside a coroutine, and co_await the work it does
  co_return;
}

asio::awaitable<void> network(asio::io_context &io) {
  asio::ip::tcp::socket socket(io);
  char data[64];
  socket.connect(asio::ip::tcp::endpoint{});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'connect' inside coroutine 'network' stalls the thread that runs it; use the asynchronous form with co_await (async_read_some, async_write, async_connect, ... with use_awaitable) [coro-blocking-call]
  socket.read_some(asio::buffer(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'read_some' inside coroutine 'network' stalls the thread that runs it; use the asynchronous form with co_await (async_read_some, async_write, async_connect, ... with use_awaitable)
  asio::write(socket, asio::buffer(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'write' inside coroutine 'network' stalls the thread that runs it; use the asynchronous form with co_await (async_read_some, async_write, async_connect, ... with use_awaitable)
  asio::ip::tcp::acceptor acceptor(io);
  acceptor.accept(socket);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'accept' inside coroutine 'network' stalls the thread that runs it; use the asynchronous form with co_await (async_read_some, async_write, async_connect, ... with use_awaitable)
  asio::ip::tcp::resolver resolver(io);
  resolver.resolve("localhost", "80");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'resolve' inside coroutine 'network' stalls the thread that runs it; use the asynchronous form with co_await (async_read_some, async_write, async_connect, ... with use_awaitable)
  asio::steady_timer timer(io);
  timer.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'wait' inside coroutine 'network' stalls the thread that runs it; use the asynchronous form with co_await (async_read_some, async_write, async_connect, ... with use_awaitable)
  // The asynchronous forms are the fix.
  co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
  co_await asio::async_write(socket, asio::buffer(data), asio::use_awaitable);
  co_await timer.async_wait(asio::use_awaitable);
}

user::task<> console(FILE *file) {
  std::string line;
  std::getline(std::cin, line);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'getline' inside coroutine 'console' stalls the thread that runs it; run it on a thread pool and await the result [coro-blocking-call]
  int n = 0;
  std::cin >> n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'operator>>' inside coroutine 'console' stalls the thread that runs it; run it on a thread pool and await the result
  std::cin >> line;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'operator>>' inside coroutine 'console' stalls the thread that runs it; run it on a thread pool and await the result
  scanf("%d", &n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'scanf' inside coroutine 'console' stalls the thread that runs it; run it on a thread pool and await the result
  getchar();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'getchar' inside coroutine 'console' stalls the thread that runs it; run it on a thread pool and await the result
  char buffer[16];
  fgets(buffer, sizeof buffer, stdin);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'fgets' inside coroutine 'console' stalls the thread that runs it; run it on a thread pool and await the result
  // Not the console: a file is not the loop's concern here.
  fgets(buffer, sizeof buffer, file);
  co_return;
}

// ---- Through functions of this file: reported at the call, noted inside.
void pause_briefly() { usleep(100); }
void retry_later() { pause_briefly(); }
int compute() { return 42; }
void recurse_a(int n);
void recurse_b(int n) { if (n) recurse_a(n - 1); }
void recurse_a(int n) { if (n) recurse_b(n - 1); }

user::task<> transitive() {
  pause_briefly();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'pause_briefly' inside coroutine 'transitive' blocks the thread that runs it: it makes a blocking call to 'usleep'; await an asynchronous timer instead [coro-blocking-call]
  retry_later();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: call to 'retry_later' inside coroutine 'transitive' blocks the thread that runs it: it makes a blocking call to 'usleep'; await an asynchronous timer instead
  recurse_a(3);
  compute();
  co_return;
}

// ---- Lambdas.
user::task<> lambdas() {
  auto later = [] { sleep(1); }; // only defined here: it may run elsewhere
  auto coro = []() -> user::task<> {
    sleep(2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'sleep' inside a coroutine lambda stalls the thread that runs it; await an asynchronous timer instead
    co_return;
  };
  [] { sleep(3); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'sleep' inside coroutine 'lambdas' stalls the thread that runs it; await an asynchronous timer instead
  later();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'later' inside coroutine 'lambdas' blocks the thread that runs it: it makes a blocking call to 'sleep'; await an asynchronous timer instead
  co_await coro();
}

// ---- Options: BlockingFunctions adds, AllowedFunctions removes.
user::task<> custom() {
  app::legacy_fetch(1);
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:3: warning: blocking call to 'legacy_fetch' inside coroutine 'custom' stalls the thread that runs it; run it on a thread pool and await the result [coro-blocking-call]
  co_return;
}

// ---- Negatives.
void not_a_coroutine(std::future<int> f) {
  std::this_thread::sleep_for(10ms);
  f.get();
  pause_briefly();
  std::string line;
  std::getline(std::cin, line);
}

user::task<> offloaded(asio::io_context &io, asio::thread_pool &pool,
                       cppcoro::static_thread_pool &cpu) {
  asio::post(pool, [] { sleep(1); });
  asio::co_spawn(pool, []() -> asio::awaitable<void> {
    sleep(1); // runs on the pool
    co_return;
  }, asio::detached);
  asio::co_spawn(pool.get_executor(), []() -> asio::awaitable<void> {
    sleep(1); // runs on the pool
    co_return;
  }, asio::detached);
  asio::co_spawn(io, []() -> asio::awaitable<void> {
    sleep(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'sleep' inside a coroutine lambda stalls the thread that runs it; await an asynchronous timer instead (co_await an asio::steady_timer's async_wait(asio::use_awaitable))
    co_return;
  }, asio::detached);
  struct local {
    void method() { sleep(1); }
  };
  co_await cpu.schedule();
  sleep(1); // after the hop, on the pool
  co_return;
}
