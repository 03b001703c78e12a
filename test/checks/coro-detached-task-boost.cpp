// coro-detached-task against the real <boost/asio.hpp> (Debian's
// libboost-dev): boost::asio::detached drops the exception as asio's does.
// RUN: %check_coro %s coro-detached-task %t -- -- \
// RUN:   -DBOOST_ASIO_HAS_CO_AWAIT=1 -DBOOST_ASIO_HAS_STD_COROUTINE=1

#include <utility> // before Boost.Asio 1.74, whose awaitable.hpp uses std::exchange
#include <boost/asio.hpp>
#include <cstdio>

namespace net = boost::asio;

net::awaitable<void> session(net::ip::tcp::socket socket) {
  char data[512];
  std::size_t n = co_await socket.async_read_some(net::buffer(data), net::use_awaitable);
  co_await net::async_write(socket, net::buffer(data, n), net::use_awaitable);
}

net::awaitable<void> safe_session(net::ip::tcp::socket socket) {
  try {
    co_await session(std::move(socket));
  } catch (const std::exception &e) {
    std::fprintf(stderr, "session: %s\n", e.what());
  }
}

net::awaitable<void> listen(net::ip::tcp::acceptor acceptor) {
  for (;;) {
    auto socket = co_await acceptor.async_accept(net::use_awaitable);
    auto executor = socket.get_executor();
    net::co_spawn(executor, session(std::move(socket)), net::detached);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: coroutine 'session' is started with 'boost::asio::detached', which drops its exception; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
    // CHECK-NOTES: :12:22: note: 'session' lets exceptions escape: its body is not inside a try that catches everything
  }
}

net::awaitable<void> listen_safely(net::ip::tcp::acceptor acceptor) {
  for (;;) {
    auto socket = co_await acceptor.async_accept(net::use_awaitable);
    auto executor = socket.get_executor();
    net::co_spawn(executor, safe_session(std::move(socket)), net::detached);
    net::co_spawn(executor, session(std::move(socket)), [](std::exception_ptr e) {
      if (e)
        std::rethrow_exception(e);
    });
  }
}
