#pragma once
#include <asio.hpp>
#include <string>

namespace chat {
asio::awaitable<void> serve(asio::ip::tcp::acceptor acceptor);
asio::awaitable<void> session(asio::ip::tcp::socket socket);
asio::awaitable<void> send_line(asio::ip::tcp::socket &socket, std::string line);
} // namespace chat
