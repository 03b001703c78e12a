// coro-detached-task's options: DetachedTokens replaces the tokens that drop
// a result (default asio's and Boost.Asio's `detached`), DetachingFunctions
// the spawn-and-forget functions (default libcoro's spawn_detached).
// RUN: %check_coro -check-suffixes=DEFAULT %s coro-detached-task %t -- -- -isystem %S/Inputs/mock
// RUN: %check_coro -check-suffixes=CUSTOM %s coro-detached-task %t -- \
// RUN:   -config="{CheckOptions: {coro-detached-task.DetachedTokens: '::app::ignore_errors', coro-detached-task.DetachingFunctions: 'app::scheduler::fire'}}" \
// RUN:   -- -isystem %S/Inputs/mock

#include "libcoro.h"
#include "pools.h"
#include "user_task.h"

namespace app {
struct ignore_errors_t {};
inline constexpr ignore_errors_t ignore_errors{};
template <class Task, class Token> void launch(Task &&task, Token &&token);
struct scheduler {
  void fire(user::task<> task);
};
} // namespace app

user::task<> job();

void run(app::scheduler &sched, coro::thread_pool &pool) {
  app::launch(job(), app::ignore_errors);
  // CHECK-NOTES-CUSTOM: :[[@LINE-1]]:3: warning: coroutine 'job' is started with 'app::ignore_errors', which drops its exception; receive its exception: catch it inside the coroutine or start it where the error is handled [coro-detached-task]
  // CHECK-NOTES-CUSTOM: :22:14: note: 'job' is declared here; its definition is not in this file
  app::launch(job(), app::ignore_errors_t{});
  // CHECK-NOTES-CUSTOM: :[[@LINE-1]]:3: warning: coroutine 'job' is started with 'app::ignore_errors', which drops its exception; receive its exception: catch it inside the coroutine or start it where the error is handled [coro-detached-task]
  // CHECK-NOTES-CUSTOM: :22:14: note: 'job' is declared here; its definition is not in this file
  sched.fire(job());
  // CHECK-NOTES-CUSTOM: :[[@LINE-1]]:3: warning: 'app::scheduler::fire' drops the exception of coroutine 'job'; receive its exception: catch it inside the coroutine or start it where the error is handled [coro-detached-task]
  // CHECK-NOTES-CUSTOM: :22:14: note: 'job' is declared here; its definition is not in this file
  pool.spawn_detached([]() -> coro::task<void> { co_return; }());
  pool.spawn_detached([]() -> coro::task<void> { throw 1; co_return; }());
  // CHECK-NOTES-DEFAULT: :[[@LINE-1]]:3: warning: 'coro::thread_pool::spawn_detached' drops the exception of the coroutine lambda; spawn it with spawn_joinable() and co_await the task it returns [coro-detached-task]
  // CHECK-NOTES-DEFAULT: :[[@LINE-2]]:23: note: the coroutine lambda lets exceptions escape: its body is not inside a try that catches everything
}
