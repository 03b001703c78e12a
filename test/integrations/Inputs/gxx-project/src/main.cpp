#include "chat.hpp"
#include "common.hpp"

#include <thread>

int main() {
  asio::io_context io;
  asio::co_spawn(io, chat::serve(asio::ip::tcp::acceptor(io, {asio::ip::tcp::v4(), 7777})),
                 asio::detached);
  std::thread admin_thread([] { admin::start(7778); });
  io.run();
  admin_thread.join();
  return legacy_version();
}
