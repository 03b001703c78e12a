// The admin endpoint, on Boost.Asio.
#include "common.hpp"

#include <utility> // before Boost.Asio 1.74, whose awaitable.hpp uses std::exchange
#include <boost/asio.hpp>
#include <chrono>
#include <future>
#include <thread>

namespace admin {
namespace net = boost::asio;
using net::ip::tcp;

net::awaitable<void> audit(std::string what) {
  (void)what;
  co_return;
}

net::awaitable<void> handle(tcp::socket socket) {
  audit("connected");
  std::future<int> stats = std::async(std::launch::async, [] { return 42; });
  int value = stats.get();
  std::string reply = std::to_string(value) + "\n";
  co_await net::async_write(socket, net::buffer(reply), net::use_awaitable);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
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
