// coro-sequential-await against the real <asio.hpp> (Debian's libasio-dev):
// the advice names asio's ways to await operations together; I/O on one
// socket or timer keeps its order and is left alone.
// RUN: %check_coro %s coro-sequential-await %t -- -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

#include <asio.hpp>
#include <string>
#include <vector>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<bool> probe(tcp::endpoint endpoint);

awaitable<void> probe_all(std::vector<tcp::endpoint> endpoints) {
  std::vector<bool> alive;
  for (const tcp::endpoint &endpoint : endpoints)
    alive.push_back(co_await probe(endpoint));
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: each iteration awaits 'probe' before the next one starts, though the iterations do not depend on each other; co_await them together with asio::experimental::make_parallel_group or asio::experimental::awaitable_operators' && [coro-sequential-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the iterations of this loop run one after another
}

awaitable<void> ordered(tcp::socket &socket, std::vector<std::string> chunks) {
  // Writes to one socket, waits on one timer: their order matters.
  for (const std::string &chunk : chunks)
    co_await asio::async_write(socket, asio::buffer(chunk), use_awaitable);
  asio::steady_timer timer(socket.get_executor());
  for (int i = 0; i < 10; ++i) {
    timer.expires_after(std::chrono::milliseconds(i));
    co_await timer.async_wait(use_awaitable);
  }
}
