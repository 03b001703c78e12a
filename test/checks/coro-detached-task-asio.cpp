// coro-detached-task against the real <asio.hpp> (Debian's libasio-dev):
// asio::detached swallows the exception of the coroutine it starts.
// RUN: %check_coro %s coro-detached-task %t -- -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

#include <asio.hpp>
#include <asio/experimental/deferred.hpp>
#include <cstdio>
#include <exception>

using asio::awaitable;
using asio::detached;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<void> elsewhere(); // defined in another file

awaitable<void> listener(tcp::acceptor &acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    socket.close();
  }
}

awaitable<int> compute(int n) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  co_await timer.async_wait(use_awaitable);
  co_return n * 2;
}

// Handled inside: the whole body is a try that catches everything.
awaitable<void> echo(tcp::socket socket) {
  try {
    char data[1024];
    for (;;) {
      std::size_t n = co_await socket.async_read_some(asio::buffer(data), use_awaitable);
      co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
    }
  } catch (std::exception &e) {
    std::printf("echo Exception: %s\n", e.what());
  }
}
awaitable<void> const_catch() {
  try {
    co_await elsewhere();
  } catch (const std::exception &e) {
    std::printf("%s\n", e.what());
    throw; // logging and rethrowing is handling
  }
}
awaitable<void> catch_all() {
  int attempts = 0;
  try {
    co_await elsewhere();
  } catch (...) {
    ++attempts;
  }
}
awaitable<void> function_try_block() try {
  co_await elsewhere();
} catch (...) {
}
awaitable<int> cannot_throw() { co_return 42; }
// asio's mutual_exclusion example: a local built before the try.
awaitable<void> heartbeats(tcp::socket &socket) {
  asio::steady_timer timer{socket.get_executor()};
  try {
    for (;;) {
      timer.expires_after(std::chrono::seconds(1));
      co_await timer.async_wait(use_awaitable);
    }
  } catch (const std::exception &) {
  }
}
awaitable<void> executor_first() {
  auto executor = co_await asio::this_coro::executor; // cannot throw
  try {
    asio::steady_timer timer(executor);
    co_await timer.async_wait(use_awaitable);
  } catch (const std::exception &) {
  }
}
// Only one kind of exception is caught: the others escape.
awaitable<void> narrow_catch() {
  try {
    co_await elsewhere();
  } catch (const std::system_error &) {
  }
}

struct logging_handler {
  void operator()(std::exception_ptr e) const;
};

void start_server(asio::io_context &ctx, tcp::acceptor &acceptor) {
  asio::co_spawn(ctx, listener(acceptor), detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'listener' is started with 'asio::detached', which drops its exception; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
  // CHECK-NOTES: :17:17: note: 'listener' lets exceptions escape: its body is not inside a try that catches everything
  co_spawn(ctx, elsewhere(), asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'elsewhere' is started with 'asio::detached', which drops its exception; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
  // CHECK-NOTES: :15:17: note: 'elsewhere' is declared here; its definition is not in this file
  asio::co_spawn(ctx, compute(1), asio::detached_t());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'compute' is started with 'asio::detached', which drops its exception; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
  // CHECK-NOTES: :24:16: note: 'compute' lets exceptions escape: its body is not inside a try that catches everything
  asio::co_spawn(ctx, narrow_catch(), detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'narrow_catch' is started with 'asio::detached', which drops its exception; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
  // CHECK-NOTES: :83:17: note: 'narrow_catch' lets exceptions escape: its body is not inside a try that catches everything

  // The function-object form and a lambda called in place.
  asio::co_spawn(ctx, [&acceptor]() -> awaitable<void> { co_await listener(acceptor); }, detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the coroutine lambda is started with 'asio::detached', which drops its exception; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
  // CHECK-NOTES: :[[@LINE-2]]:23: note: the coroutine lambda lets exceptions escape: its body is not inside a try that catches everything
  asio::co_spawn(ctx, []() -> awaitable<void> { co_await elsewhere(); }(), detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the coroutine lambda is started with 'asio::detached', which drops its exception; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
  // CHECK-NOTES: :[[@LINE-2]]:23: note: the coroutine lambda lets exceptions escape: its body is not inside a try that catches everything

  // A task kept in a variable, then detached.
  auto later = compute(2);
  asio::co_spawn(ctx, std::move(later), detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'compute' is started with 'asio::detached', which drops its exception; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
  // CHECK-NOTES: :24:16: note: 'compute' lets exceptions escape: its body is not inside a try that catches everything

  // A completion handler that ignores the exception is detached by another name.
  asio::co_spawn(ctx, elsewhere(), [](std::exception_ptr) {});
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the completion handler ignores the exception of coroutine 'elsewhere'; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
  // CHECK-NOTES: :[[@LINE-2]]:39: note: the error arrives here, unnamed
  // CHECK-NOTES: :15:17: note: 'elsewhere' is declared here; its definition is not in this file
  asio::co_spawn(ctx, compute(3), [](std::exception_ptr e, int result) { std::printf("%d\n", result); });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the completion handler ignores the exception of coroutine 'compute'; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
  // CHECK-NOTES: :[[@LINE-2]]:57: note: the error arrives in 'e', never read
  // CHECK-NOTES: :24:16: note: 'compute' lets exceptions escape: its body is not inside a try that catches everything
}

// asio's chat server: a plain lambda that returns a member coroutine's task;
// the coroutine it returns is what runs.
struct chat_session : std::enable_shared_from_this<chat_session> {
  awaitable<void> reader();
  awaitable<void> writer() { co_await elsewhere(); }
  void start(asio::io_context &ctx) {
    co_spawn(ctx, [self = shared_from_this()] { return self->reader(); }, detached);
    co_spawn(ctx, [self = shared_from_this()] { return self->writer(); }, detached);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: coroutine 'writer' is started with 'asio::detached', which drops its exception; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
    // CHECK-NOTES: :[[@LINE-5]]:19: note: 'writer' lets exceptions escape: its body is not inside a try that catches everything
  }
};
awaitable<void> chat_session::reader() {
  try {
    co_await elsewhere();
  } catch (std::exception &) {
  }
}

// Inside a coroutine, the usual accept loop.
awaitable<void> accept_loop(tcp::acceptor acceptor) {
  auto executor = co_await asio::this_coro::executor;
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    co_spawn(executor, echo(std::move(socket)), detached); // echo catches
    co_spawn(executor, listener(acceptor), detached);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: coroutine 'listener' is started with 'asio::detached', which drops its exception; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
    // CHECK-NOTES: :17:17: note: 'listener' lets exceptions escape: its body is not inside a try that catches everything
  }
}

// A macro: reported where it is used.
#define SPAWN_DETACHED(ctx, task) asio::co_spawn(ctx, task, asio::detached)
void with_macro(asio::io_context &ctx) {
  SPAWN_DETACHED(ctx, elsewhere());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'elsewhere' is started with 'asio::detached', which drops its exception; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
  // CHECK-NOTES: :15:17: note: 'elsewhere' is declared here; its definition is not in this file
}

// A template: reported once, not once per instantiation.
template <class Context> void spawn_in(Context &ctx) {
  asio::co_spawn(ctx, elsewhere(), detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'elsewhere' is started with 'asio::detached', which drops its exception; pass a completion handler that rethrows or logs the std::exception_ptr [coro-detached-task]
  // CHECK-NOTES: :15:17: note: 'elsewhere' is declared here; its definition is not in this file
}
void instantiate(asio::io_context &ctx, asio::thread_pool &pool) {
  spawn_in(ctx);
  spawn_in(pool);
}

// ---- Not reported.

// A wrapper that forwards its caller's token (as asio's own co_spawn
// overloads do): the token is the caller's choice, not this call's.
template <class Token> void spawn_forwarding(asio::io_context &ctx, Token &&token) {
  asio::co_spawn(ctx, elsewhere(), std::forward<Token>(token));
}
void use_forwarding(asio::io_context &ctx) { spawn_forwarding(ctx, use_awaitable); }

awaitable<void> negatives(asio::io_context &ctx, tcp::socket socket) {
  // The coroutine handles its own exceptions.
  asio::co_spawn(ctx, echo(std::move(socket)), detached);
  asio::co_spawn(ctx, const_catch(), detached);
  asio::co_spawn(ctx, catch_all(), detached);
  asio::co_spawn(ctx, function_try_block(), detached);
  asio::co_spawn(ctx, cannot_throw(), detached);
  asio::co_spawn(ctx, heartbeats(socket), detached);
  asio::co_spawn(ctx, executor_first(), detached);
  asio::co_spawn(ctx, []() -> awaitable<void> {
    try {
      co_await elsewhere();
    } catch (...) {
    }
  }, detached);
  // The result and the exception come back.
  co_await asio::co_spawn(ctx, elsewhere(), use_awaitable);
  std::future<int> f = asio::co_spawn(ctx, compute(4), asio::use_future);
  auto op = asio::co_spawn(ctx, elsewhere(), asio::experimental::deferred);
  co_await std::move(op)(use_awaitable);
  // A completion handler that uses the exception.
  asio::co_spawn(ctx, elsewhere(), [](std::exception_ptr e) {
    if (e)
      std::rethrow_exception(e);
  });
  // A handler that is not a lambda: what it does is its own business.
  asio::co_spawn(ctx, elsewhere(), logging_handler{});
  // A detached asynchronous operation is no coroutine.
  asio::steady_timer timer(ctx);
  timer.async_wait(detached);
  f.get();
}
