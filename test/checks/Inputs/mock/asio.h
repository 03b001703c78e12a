// The shape of (Boost.)Asio: `awaitable` has no nested promise and no
// operator co_await; its promise comes from a std::coroutine_traits
// specialization and accepts only awaitables through await_transform.
#pragma once
#include "promise.h"

namespace asio {
struct any_io_executor {};
struct io_context {
  any_io_executor get_executor() { return {}; }
  void run() {}
};
struct detached_t {};
inline constexpr detached_t detached{};
struct use_awaitable_t {};
inline constexpr use_awaitable_t use_awaitable{};

template <class T, class Executor = any_io_executor> class awaitable {
public:
  using value_type = T;
  using executor_type = Executor;
  awaitable() = default;
  awaitable(awaitable &&) = default;
  ~awaitable() {}
};

namespace detail {
template <class T, class Executor> struct awaitable_promise {
  awaitable<T, Executor> get_return_object() { return {}; }
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() {}
  template <class U> void return_value(U &&) {}
  template <class U, class E>
  mock_detail::awaiter<U> await_transform(awaitable<U, E>) { return {}; }
};
template <class Executor> struct awaitable_promise<void, Executor> {
  awaitable<void, Executor> get_return_object() { return {}; }
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() {}
  void return_void() {}
  template <class U, class E>
  mock_detail::awaiter<U> await_transform(awaitable<U, E>) { return {}; }
};
} // namespace detail

// An executor or an execution context; an awaitable or a coroutine function.
template <class Context, class Work, class Token>
void co_spawn(Context &&, Work &&, Token) {}
template <class Executor, class F> void post(Executor &&, F &&) {}
// With use_awaitable: awaiting it moves the coroutine to the executor.
template <class Executor> awaitable<void> post(Executor &&, use_awaitable_t);

// Synchronous and asynchronous I/O, in asio's class layout.
struct mutable_buffer {};
template <class T> mutable_buffer buffer(T &) { return {}; }
struct error_code {};
template <class Protocol, class Executor = any_io_executor> class basic_socket {
public:
  template <class Endpoint> void connect(const Endpoint &) {}
  template <class Endpoint> void connect(const Endpoint &, error_code &) {}
  template <class Endpoint, class Token>
  awaitable<void> async_connect(const Endpoint &, Token) { return {}; }
  enum wait_type { wait_read };
  void wait(wait_type) {}
};
template <class Protocol, class Executor = any_io_executor>
class basic_stream_socket : public basic_socket<Protocol, Executor> {
public:
  explicit basic_stream_socket(io_context &) {}
  template <class Buffers> unsigned long read_some(const Buffers &) { return 0; }
  template <class Buffers> unsigned long write_some(const Buffers &) { return 0; }
  template <class Buffers> unsigned long receive(const Buffers &) { return 0; }
  template <class Buffers> unsigned long send(const Buffers &) { return 0; }
  template <class Buffers, class Token>
  awaitable<unsigned long> async_read_some(const Buffers &, Token) { return {}; }
};
template <class Protocol, class Executor = any_io_executor>
class basic_socket_acceptor {
public:
  explicit basic_socket_acceptor(io_context &) {}
  template <class Socket> void accept(Socket &) {}
  template <class Token> awaitable<basic_stream_socket<Protocol, Executor>> async_accept(Token) {
    return {};
  }
};
namespace ip {
template <class Protocol, class Executor = any_io_executor> class basic_resolver {
public:
  explicit basic_resolver(io_context &) {}
  int resolve(const char *, const char *) { return 0; }
};
class tcp {
public:
  using socket = basic_stream_socket<tcp>;
  using acceptor = basic_socket_acceptor<tcp>;
  using resolver = basic_resolver<tcp>;
  struct endpoint {};
};
} // namespace ip
template <class Stream, class Buffers> unsigned long read(Stream &, const Buffers &) { return 0; }
template <class Stream, class Buffers> unsigned long write(Stream &, const Buffers &) { return 0; }
template <class Stream, class Buffers, class Token>
awaitable<unsigned long> async_write(Stream &, const Buffers &, Token) { return {}; }
template <class Stream, class Buffers>
unsigned long read_until(Stream &, Buffers &, char) { return 0; }
template <class Clock> struct basic_waitable_timer {
  explicit basic_waitable_timer(io_context &) {}
  void wait() {}
  template <class Token> awaitable<void> async_wait(Token) { return {}; }
};
struct steady_clock {};
using steady_timer = basic_waitable_timer<steady_clock>;
} // namespace asio

template <class T, class Executor, class... Args>
struct std::coroutine_traits<asio::awaitable<T, Executor>, Args...> {
  using promise_type = asio::detail::awaitable_promise<T, Executor>;
};
