// What real code showed coro-blocking-call must not say (issue 17), each with
// its true twin still reported.
// RUN: %check_coro %s coro-blocking-call %t -- --header-filter=.* -- -isystem %S/Inputs/mock -I %S/Inputs/bridge

#include "asio.h"
#include "bridge.h"
#include "user_task.h"
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace std::chrono_literals;

// ---- A blocking call only on a path that ends the program: a logger that
// dumps the stack (popen) on its fatal level, then exits. Every log line in
// a coroutine used to read as a blocking call.
struct logger {
  bool fatal = false;
  void operator+=(const char *message) {
    std::fputs(message, stderr);
    if (fatal) {
      FILE *symbolizer = popen("addr2line", "r");
      pclose(symbolizer);
      std::exit(EXIT_FAILURE);
    }
  }
};
user::task<> handle(logger &log) {
  log += "request\n";
  co_return;
}
// The same call off the exit path is reported.
struct slow_logger {
  void operator+=(const char *message) {
    FILE *symbolizer = popen(message, "r");
    pclose(symbolizer);
  }
};
user::task<> handle_slowly(slow_logger &log) {
  log += "request\n";
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'operator+=' inside coroutine 'handle_slowly' blocks the thread that runs it: it makes a blocking call to 'popen'; run it on a thread pool and await the result [coro-blocking-call]
  co_return;
}
// Directly in the coroutine, on its own fatal branch.
user::task<> check_config(bool broken) {
  if (broken) {
    std::system("dump-core");
    std::abort();
  }
  std::system("reload");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'system' inside coroutine 'check_config' stalls the thread that runs it; run it on a thread pool and await the result [coro-blocking-call]
  co_return;
}

// ---- A library's bridge coroutine (in a header) running the callable the
// user gave it: the user's plain lambda that joins a thread is not the
// library's coroutine blocking.
void user_code(std::thread &worker, user::task<int> t, user::task<int> u) {
  lib::start(std::move(t), [&](int) { worker.join(); });
  lib::start_decayed(std::move(u), [&](int) { worker.join(); });
}
// But a coroutine that hands a blocking callable to a helper that runs it on
// the spot is told, at its own call.
user::task<> retrying(std::thread &worker) {
  lib::retry([&] { worker.join(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'retry' inside coroutine 'retrying' blocks the thread that runs it: it makes a blocking call to 'join'; await an asynchronous event instead, or move the wait to a thread pool [coro-blocking-call]
  co_return;
}

// ---- One report per place, however many instances of a template.
template <class Client> user::task<> event(Client &) {
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep_for' inside coroutine 'event' stalls the thread that runs it; await an asynchronous timer instead [coro-blocking-call]
  co_return;
}
void instantiate(int &a, long &b) {
  (void)event(a);
  (void)event(b);
}

// ---- Advice in the coroutine's own library.
asio::awaitable<void> asio_session() {
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep_for' inside coroutine 'asio_session' stalls the thread that runs it; await an asynchronous timer instead (co_await an asio::steady_timer's async_wait(asio::use_awaitable)) [coro-blocking-call]
  co_return;
}
