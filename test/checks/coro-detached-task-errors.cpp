// A coroutine whose operations report their errors as values loses nothing
// but std::bad_alloc when it is started detached (issue 26): its awaits
// yield as_tuple results (an I/O object whose default completion token is
// as_tuple), take redirect_error, or call functions that return an error
// code. A catch-all around every statement that can throw is as good as one
// around the whole body. Their twins that let an exception out are reported.
// RUN: %check_coro %s coro-detached-task %t -- -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <cstdio>

using asio::awaitable;
using asio::detached;
using asio::use_awaitable;
using asio::ip::tcp;
using default_token = asio::experimental::as_tuple_t<asio::use_awaitable_t<>>;
using tuple_socket = default_token::as_default_on_t<tcp::socket>;

awaitable<void> echo(tuple_socket socket) {
  char data[1024];
  for (;;) {
    auto [read_error, n] = co_await socket.async_read_some(asio::buffer(data));
    if (read_error)
      co_return;
    auto [write_error, written] =
        co_await asio::async_write(socket, asio::buffer(data, n));
    if (write_error)
      co_return;
  }
}

awaitable<void> wait_redirected(asio::steady_timer &timer) {
  asio::error_code ec;
  co_await timer.async_wait(asio::redirect_error(use_awaitable, ec));
  if (ec)
    std::puts("cancelled");
}

awaitable<void> guarded_each(tcp::socket &socket) {
  char data[16];
  try {
    co_await socket.async_read_some(asio::buffer(data), use_awaitable);
  } catch (const std::exception &) {
  }
  for (int i = 0; i < 3; ++i) {
    try {
      co_await asio::async_write(socket, asio::buffer(data), use_awaitable);
    } catch (...) {
      std::puts("write failed");
    }
  }
}

awaitable<void> one_uncovered(tcp::socket &socket) {
  char data[16];
  try {
    co_await socket.async_read_some(asio::buffer(data), use_awaitable);
  } catch (...) {
  }
  co_await asio::async_write(socket, asio::buffer(data), use_awaitable);
}

awaitable<void> throws(tcp::socket &socket) {
  char data[16];
  co_await socket.async_read_some(asio::buffer(data), use_awaitable);
}

void start(asio::io_context &io, tuple_socket s, tcp::socket &raw,
           asio::steady_timer &timer) {
  asio::co_spawn(io, echo(std::move(s)), detached);
  asio::co_spawn(io, wait_redirected(timer), detached);
  asio::co_spawn(io, guarded_each(raw), detached);
  asio::co_spawn(io, one_uncovered(raw), detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'one_uncovered' is started with 'asio::detached', which drops its exception; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
  asio::co_spawn(io, throws(raw), detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'throws' is started with 'asio::detached', which drops its exception; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
}
