// RUN: %check_coro -check-suffixes=,CAST,CPPCORO %s coro-discarded-task %t -- -- -isystem %S/Inputs/mock
// RUN: %check_coro -check-suffixes=,CPPCORO %s coro-discarded-task %t -- \
// RUN:   -config="{CheckOptions: {coro-discarded-task.AllowCastToVoid: true}}" -- -isystem %S/Inputs/mock
// RUN: %check_coro -check-suffixes=,CAST,IGNORED %s coro-discarded-task %t -- \
// RUN:   -config="{CheckOptions: {coro-discarded-task.IgnoredTypes: 'cppcoro::task', coro-discarded-task.TaskTypes: '::app::handle'}}" -- -isystem %S/Inputs/mock

#include "asio.h"
#include "concurrencpp.h"
#include "cppcoro.h"
#include "folly.h"
#include "libcoro.h"
#include "user_task.h"
#include <functional>
#include <vector>

user::task<int> fetch(int id);
user::task<> log_event(const char *what);
user::eager_task<> eager_send();
user::fire_and_forget detach_job();

// ---- Outside coroutines: no fix-it, the advice is a task group or the loop.
void plain_function() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded and never runs; hand it to a task group or to the event loop [coro-discarded-task]
  log_event("a"), fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'log_event' is discarded and never runs; hand it to a task group or to the event loop [coro-discarded-task]
  // CHECK-MESSAGES: :[[@LINE-2]]:19: warning: task returned by 'fetch' is discarded and never runs; hand it to a task group or to the event loop [coro-discarded-task]
}

// ---- The eager form loses its result and its errors.
void eager() {
  eager_send();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: future returned by 'eager_send' is discarded: it runs detached and its result and errors are lost; hand it to a task group or to the event loop [coro-discarded-task]
}

// A cast to void does not start a lazy task: reported unless AllowCastToVoid.
void cast_to_void() {
  (void)fetch(3);
  // CHECK-MESSAGES-CAST: :[[@LINE-1]]:3: warning: task returned by 'fetch' is cast to void and never runs; hand it to a task group or to the event loop [coro-discarded-task]
  static_cast<void>(log_event("b"));
  // CHECK-MESSAGES-CAST: :[[@LINE-1]]:3: warning: task returned by 'log_event' is cast to void and never runs; hand it to a task group or to the event loop [coro-discarded-task]
}

// ---- Inside coroutines: the fix inserts co_await where the coroutine can await it.
struct client {
  user::task<int> get(int);
  static user::task<> ping();
};

template <class T> user::task<T> make() { co_return T{}; }

#define START_LOGGING() log_event("macro")

user::task<> handler(client &c, bool flag) {
  fetch(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await fetch(4);{{$}}
  c.get(5);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'get' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await c.get(5);{{$}}
  client::ping();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'ping' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await client::ping();{{$}}
  make<int>();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'make' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await make<int>();{{$}}
  if (flag)
    fetch(6);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'fetch' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  // CHECK-FIXES: {{^}}    co_await fetch(6);{{$}}
  else
    log_event("else");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'log_event' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  // CHECK-FIXES: {{^}}    co_await log_event("else");{{$}}
  for (int i = 0; i < 2; ++i)
    fetch(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'fetch' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  // CHECK-FIXES: {{^}}    co_await fetch(i);{{$}}
  while (flag)
    log_event("loop");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'log_event' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  // CHECK-FIXES: {{^}}    co_await log_event("loop");{{$}}
  START_LOGGING();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'log_event' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  // CHECK-FIXES: {{^}}  START_LOGGING();{{$}}
  [&]() -> user::task<> { co_await fetch(7); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by the lambda is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await [&]() -> user::task<> { co_await fetch(7); }();{{$}}
  co_return;
}

user::task<> indirect(std::function<user::task<>()> callback,
                      user::task<int> (*fp)(int)) {
  callback();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'callback' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await callback();{{$}}
  fp(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fp' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await fp(8);{{$}}
  co_return;
}

// ---- Each library's shape.
asio::awaitable<void> asio_op();
cppcoro::task<int> cppcoro_op();
cppcoro::shared_task<> cppcoro_shared_op();
folly::coro::Task<int> folly_op();
coro::task<int> libcoro_op();
concurrencpp::lazy_result<int> concurrencpp_op();

asio::awaitable<void> asio_session() {
  asio_op();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'asio_op' is discarded and never runs; co_await it or start it with asio::co_spawn [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await asio_op();{{$}}
  fetch(9);
  // asio's promise only awaits asio awaitables: no fix-it here.
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: task returned by 'fetch' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  // CHECK-FIXES: {{^}}  fetch(9);{{$}}
  co_return;
}

cppcoro::task<> cppcoro_job() {
  cppcoro_op();
  // CHECK-MESSAGES-CPPCORO: :[[@LINE-1]]:3: warning: task returned by 'cppcoro_op' is discarded and never runs; co_await it or spawn it in a cppcoro::async_scope [coro-discarded-task]
  // CHECK-FIXES-CPPCORO: {{^}}  co_await cppcoro_op();{{$}}
  // CHECK-FIXES-IGNORED: {{^}}  cppcoro_op();{{$}}
  cppcoro_shared_op();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'cppcoro_shared_op' is discarded and never runs; co_await it or spawn it in a cppcoro::async_scope [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await cppcoro_shared_op();{{$}}
  co_return;
}

folly::coro::Task<void> folly_job() {
  folly_op();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'folly_op' is discarded and never runs; co_await it or add it to a folly::coro::AsyncScope [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await folly_op();{{$}}
  co_return;
}

coro::task<> libcoro_job() {
  libcoro_op();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'libcoro_op' is discarded and never runs; co_await it or start it in a coro::task_container [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await libcoro_op();{{$}}
  concurrencpp_op();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'concurrencpp_op' is discarded and never runs; co_await it, or keep it and co_await it later [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await concurrencpp_op();{{$}}
  co_return;
}

// ---- Options: a type named by TaskTypes is a task, whatever its shape.
namespace app { struct handle {}; }
app::handle open_handle();
void uses_handle() {
  open_handle();
  // CHECK-MESSAGES-IGNORED: :[[@LINE-1]]:3: warning: task returned by 'open_handle' is discarded and never runs; hand it to a task group or to the event loop [coro-discarded-task]
}

// ---- Negatives: every way of consuming a task, and what is not a task.
user::task<int> &cached();
struct [[nodiscard]] status { int code; };
status check_status();

template <class T> void generic() { make<T>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:37: warning: task returned by 'make' is discarded and never runs; hand it to a task group or to the event loop [coro-discarded-task]
template <class T> void never_instantiated() { make<T>(); }

void consume(user::task<int>);

user::task<int> negatives(user::task_group &group, std::vector<user::task<int>> &pending,
                          asio::io_context &io) {
  co_await fetch(10);
  int value = co_await fetch(11);
  auto stored = fetch(12);
  co_await std::move(stored);
  const user::task<int> &bound = fetch(13);
  (void)bound;
  consume(fetch(14));
  group.spawn(fetch(15));
  pending.push_back(fetch(16));
  asio::co_spawn(io.get_executor(), asio_op(), asio::detached);
  co_await cppcoro::when_all(cppcoro_op(), cppcoro_shared_op());
  detach_job();   // fire-and-forget by design
  cached();       // a reference to a task somebody else owns
  check_status(); // [[nodiscard]] but not a task
  generic<int>();
  generic<long>();
  co_return co_await fetch(value);
}

user::task<int> returns_it() { return fetch(17); }
