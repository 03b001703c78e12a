#include "chat.hpp"
#include "common.hpp"

#include <chrono>
#include <iostream>
#include <thread>

namespace chat {
using asio::ip::tcp;
using namespace std::chrono_literals;

asio::awaitable<void> send_line(tcp::socket &socket, std::string line) {
  line += '\n';
  co_await asio::async_write(socket, asio::buffer(line), asio::use_awaitable);
}

unsigned checksum(const std::string &text) {
  unsigned sum = 0;
  for (int round = 0; round < 50000000; ++round)
    sum = sum * 31 + text[round % text.size()];
  return sum;
}

// One pool for the whole program, for the CPU-heavy part of requests.
asio::thread_pool &cpu_pool() {
  static asio::thread_pool pool(4);
  return pool;
}

// Handles one client: a greeting, then each line echoed back.
asio::awaitable<void> session(tcp::socket socket) {
  co_await send_line(socket, "welcome");
  co_await send_line(socket, "message of the day");
  asio::streambuf input;
  asio::steady_timer pacing(socket.get_executor());
  for (;;) {
    std::size_t n = co_await asio::async_read_until(socket, input, '\n', asio::use_awaitable);
    std::string line(asio::buffers_begin(input.data()), asio::buffers_begin(input.data()) + n);
    input.consume(n);
    pacing.expires_after(10ms);
    co_await pacing.async_wait(asio::use_awaitable);
    unsigned sum = co_await asio::co_spawn(
        cpu_pool(), [line]() -> asio::awaitable<unsigned> { co_return checksum(line); },
        asio::use_awaitable);
    std::cout << crc32_of(line.data(), line.size()) << ' ' << sum << '\n';
    co_await send_line(socket, line);
  }
}

asio::awaitable<void> serve(tcp::acceptor acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(acceptor.get_executor(), session(std::move(socket)), asio::detached);
  }
}
} // namespace chat
