// coro-dangling-reference against the real <asio.hpp>: co_spawn's
// function-object overload keeps the lambda alive; a lambda called in the
// co_spawn call is a temporary that dies at the end of the statement.
// RUN: %check_coro %s coro-dangling-reference %t -- -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

#include <asio.hpp>
#include <string>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<void> write_all(tcp::socket &socket, const std::string &text) {
  co_await asio::async_write(socket, asio::buffer(text), use_awaitable);
}

void serve(asio::io_context &ctx, tcp::socket &socket, int id) {
  asio::co_spawn(ctx, [id]() -> awaitable<void> {
    // CHECK-NOTES: :[[@LINE-1]]:23: warning: the captures of a lambda coroutine called on a temporary dangle once the full-expression ends, while its task lives on; pass them as parameters or co_await the task in the same expression [coro-dangling-reference]
    // CHECK-NOTES: :[[@LINE-2]]:3: note: the task is handed to 'co_spawn' here
    (void)id;
    co_return;
  }(), asio::detached);
  asio::co_spawn(ctx, write_all(socket, "hello"), asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:41: warning: temporary bound to reference parameter 'text' of coroutine 'write_all' is destroyed at the end of the full-expression, before the task is done; pass it by value or co_await the task in the same expression [coro-dangling-reference]
  // CHECK-NOTES: :13:67: note: 'text' declared here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the task is handed to 'co_spawn' here

  // Not reported: the function-object form keeps the lambda alive.
  asio::co_spawn(ctx, [id]() -> awaitable<void> {
    (void)id;
    co_return;
  }, asio::detached);
}

awaitable<int> inside(asio::io_context &ctx, tcp::socket &socket, int id) {
  // Not reported: awaited in the same full-expression.
  co_await write_all(socket, std::string("hello"));
  int n = co_await asio::co_spawn(ctx, [id]() -> awaitable<int> { co_return id; }(),
                                  use_awaitable);
  co_return n;
}
