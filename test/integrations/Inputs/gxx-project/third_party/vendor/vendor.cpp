// Vendored code the team does not change: the CI gate excludes it.
#include <asio.hpp>

namespace vendor {
asio::awaitable<void> flush() { co_return; }
asio::awaitable<void> close() {
  flush();
  co_return;
}
} // namespace vendor
