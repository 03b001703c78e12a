// coro-blocking-call against the real <asio.hpp> (Debian's libasio-dev).
// RUN: %check_coro %s coro-blocking-call %t -- -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

#include <asio.hpp>
#include <unistd.h>

using asio::ip::tcp;

asio::awaitable<void> session(tcp::socket socket) {
  char data[1024];
  std::size_t n = socket.read_some(asio::buffer(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: blocking call to 'read_some' inside coroutine 'session' stalls the thread that runs it; use the asynchronous form with co_await (async_read_some, async_write, async_connect, ... with use_awaitable) [coro-blocking-call]
  asio::write(socket, asio::buffer(data, n));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'write' inside coroutine 'session' stalls
  socket.wait(tcp::socket::wait_read);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'wait' inside coroutine 'session' stalls
  // The asynchronous forms are the fix.
  n = co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
  co_await asio::async_write(socket, asio::buffer(data, n), asio::use_awaitable);
}

asio::awaitable<void> client(asio::io_context &io) {
  tcp::resolver resolver(io);
  auto endpoints = resolver.resolve("localhost", "7");
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: blocking call to 'resolve' inside coroutine 'client' stalls
  tcp::socket socket(io);
  asio::connect(socket, endpoints);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'connect' inside coroutine 'client' stalls
  asio::steady_timer timer(io);
  timer.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'wait' inside coroutine 'client' stalls
  co_await timer.async_wait(asio::use_awaitable);
  io.run();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'run' inside coroutine 'client' stalls the thread that runs it; run the event loop on its own thread, not inside a coroutine, and co_await the work it does [coro-blocking-call]
  asio::thread_pool pool(2);
  pool.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'join' inside coroutine 'client' stalls the thread that runs it; await an asynchronous event instead, or move the wait to a thread pool (co_await asio::co_spawn(pool, ..., asio::use_awaitable)) [coro-blocking-call]
}

asio::awaitable<void> listener(tcp::acceptor acceptor) {
  for (;;) {
    tcp::socket socket = acceptor.accept();
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: blocking call to 'accept' inside coroutine 'listener' stalls
    asio::co_spawn(acceptor.get_executor(), session(std::move(socket)), asio::detached);
    tcp::socket next = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(acceptor.get_executor(), session(std::move(next)), asio::detached);
  }
}

void start(asio::io_context &io, asio::thread_pool &pool) {
  // Started on the pool: blocking there holds a pool thread, not the loop.
  asio::co_spawn(pool, []() -> asio::awaitable<void> {
    sleep(1);
    co_return;
  }, asio::detached);
  asio::co_spawn(pool.get_executor(), []() -> asio::awaitable<void> {
    sleep(1);
    co_return;
  }, asio::detached);
  // Started on the io_context: this one blocks the loop.
  asio::co_spawn(io, []() -> asio::awaitable<void> {
    sleep(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'sleep' inside a coroutine lambda stalls
    co_return;
  }, asio::detached);
  asio::post(pool, [] { sleep(1); });
  // Not a coroutine: running the loop here is how a program starts.
  io.run();
}
