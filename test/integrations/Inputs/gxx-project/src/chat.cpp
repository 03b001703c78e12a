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

// Handles one client: a greeting, then each line echoed back.
asio::awaitable<void> session(tcp::socket socket) {
  send_line(socket, "welcome");
  auto motd = send_line(socket, "message of the day");
  asio::streambuf input;
  for (;;) {
    std::size_t n = co_await asio::async_read_until(socket, input, '\n', asio::use_awaitable);
    std::string line(asio::buffers_begin(input.data()), asio::buffers_begin(input.data()) + n);
    input.consume(n);
    std::this_thread::sleep_for(10ms);
    std::cout << crc32_of(line.data(), line.size()) << ' ' << checksum(line) << '\n';
    co_await send_line(socket, line);
  }
}

// Offloads the heavy part of a request to a pool of its own.
void rehash(std::string text) {
  asio::thread_pool pool(4);
  asio::post(pool, [text] { (void)checksum(text); });
  pool.join();
}

asio::awaitable<void> serve(tcp::acceptor acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    rehash("connection");
    asio::co_spawn(acceptor.get_executor(), session(std::move(socket)), asio::detached);
  }
}
} // namespace chat
