// A place in a template is reported once, and the advice names the library
// of the kept task's type: the instantiation whose type reads first (asio's),
// whichever comes first in the file.
// RUN: %check_coro %s coro-unawaited-task %t -- -- -isystem %S/Inputs/mock

#include "asio.h"
#include "user_task.h"

template <class T> void keep(T (*fn)()) {
  auto t = fn();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 't' is never awaited and never runs; start it with asio::co_spawn [coro-unawaited-task]
}

user::task<> user_op();
asio::awaitable<void> asio_op();

asio::awaitable<void> session() {
  auto op = asio_op();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'op' is never awaited and never runs; co_await it or start it with asio::co_spawn [coro-unawaited-task]
  co_return;
}

void use() {
  keep(user_op);
  keep(asio_op);
}
