// The admin endpoint, on Boost.Asio.
#include "common.hpp"

#include <utility> // before Boost.Asio 1.74, whose awaitable.hpp uses std::exchange
#include <boost/asio.hpp>
#include <chrono>

namespace admin {
namespace net = boost::asio;
using net::ip::tcp;

net::awaitable<void> audit(std::string what) {
  (void)what;
  co_return;
}

net::awaitable<int> stats() { co_return 42; }

net::awaitable<void> handle(tcp::socket socket) {
  co_await audit("connected");
  int value = co_await stats();
  std::string reply = std::to_string(value) + "\n";
  co_await net::async_write(socket, net::buffer(reply), net::use_awaitable);
  net::steady_timer linger(socket.get_executor(), std::chrono::milliseconds(5));
  co_await linger.async_wait(net::use_awaitable);
}

net::awaitable<void> listen(tcp::acceptor acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(net::use_awaitable);
    co_await handle(std::move(socket));
  }
}

void start(unsigned short port) {
  net::io_context io;
  net::co_spawn(io, listen(tcp::acceptor(io, {tcp::v4(), port})), net::detached);
  io.run();
}
} // namespace admin
