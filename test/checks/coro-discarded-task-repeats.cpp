// A place in a template is reported once, and the advice names the library
// of the dropped task's type: the instantiation whose type reads first
// (asio's), whichever comes first in the file.
// RUN: %check_coro %s coro-discarded-task %t -- -- -isystem %S/Inputs/mock

#include "asio.h"
#include "user_task.h"

template <class T> void drop(T (*fn)()) {
  fn();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fn' is discarded and never runs; start it with asio::co_spawn [coro-discarded-task]
}

user::task<> user_op();
asio::awaitable<void> asio_op();
user::task<int> fetch(int);

// The type is fixed: the template and both instantiations hold it.
template <class T> void fixed() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded and never runs; hand it to a task group or to the event loop [coro-discarded-task]
}

void use() {
  drop(user_op);
  drop(asio_op);
  fixed<int>();
  fixed<long>();
}
