// RUN: %check_coro -check-suffixes=,DEFAULT %s coro-unawaited-task %t -- -- -isystem %S/Inputs/mock
// RUN: %check_coro -check-suffixes=,STRICT %s coro-unawaited-task %t -- \
// RUN:   -config="{CheckOptions: {coro-unawaited-task.StrictPaths: true}}" -- -isystem %S/Inputs/mock

#include "asio.h"
#include "cppcoro.h"
#include "user_task.h"
#include <utility>
#include <vector>

user::task<int> fetch(int id);
// An eager task only counts when it comes from a coroutine call: the
// coroutine is defined here, suspends and returns a value.
user::eager_task<int> eager_send() { co_await mock_detail::awaiter<void>{}; co_return 1; }
user::fire_and_forget detach_job();
std::pair<user::task<int>, user::task<int>> two_fetches();
void consume(user::task<int>);
void inspect(const user::task<int> &);

// ---- Positives.
user::task<int> never_awaited() {
  auto t = fetch(1);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: task 't' is never awaited and never runs; co_await it or spawn it in a task group [coro-unawaited-task]
// CHECK-NOTES: :[[@LINE+2]]:1: note: 't' is destroyed here without having run
  co_return 0;
}

void plain_function() {
  user::task<int> pending = fetch(2);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: task 'pending' is never awaited and never runs; hand it to a task group or to the event loop [coro-unawaited-task]
// CHECK-NOTES: :[[@LINE+6]]:1: note: 'pending' is destroyed here without having run
  if (true) {
    auto inner = fetch(3);
    // CHECK-NOTES: :[[@LINE-1]]:10: warning: task 'inner' is never awaited and never runs; hand it to a task group or to the event loop [coro-unawaited-task]
  // CHECK-NOTES: :[[@LINE+1]]:3: note: 'inner' is destroyed here without having run
  }
}

void eager() {
  auto sent = eager_send();
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: future 'sent' is never awaited: its result and errors are lost; hand it to a task group or to the event loop [coro-unawaited-task]
// CHECK-NOTES: :[[@LINE+1]]:1: note: 'sent' is destroyed here without being awaited
}


// Looking at a task does not run it; neither does a local reference to it.
user::task<> only_looked_at() {
  auto t = fetch(4);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: task 't' is never awaited and never runs; co_await it or spawn it in a task group [coro-unawaited-task]
// CHECK-NOTES: :[[@LINE+5]]:1: note: 't' is destroyed here without having run
  auto &alias = t;
  static_assert(sizeof(t) > 0);
  (void)sizeof(alias);
  co_return;
}

// Consumed on one path only: reported with StrictPaths.
user::task<int> one_path(bool fast) {
  auto t = fetch(5);
  // CHECK-NOTES-STRICT: :[[@LINE-1]]:8: warning: task 't' is not awaited on every path; co_await it or spawn it in a task group [coro-unawaited-task]
// CHECK-NOTES-STRICT: :[[@LINE+4]]:1: note: 't' is destroyed here on a path where it was not awaited
  if (fast)
    co_return co_await std::move(t);
  co_return 0;
}

// ---- Negatives: every way of consuming it, and what is not a task.
user::task<int> awaited() {
  auto t = fetch(6);
  int v = co_await std::move(t);
  auto u = fetch(7);
  co_return v + co_await std::move(u);
}

user::task<int> returned() {
  auto t = fetch(8);
  return t;
}

void passed_on(user::task_group &group, std::vector<user::task<int>> &pending) {
  auto a = fetch(9);
  consume(std::move(a));
  auto b = fetch(10);
  group.spawn(std::move(b));
  auto c = fetch(11);
  pending.push_back(std::move(c));
  auto d = fetch(12);
  auto moved = std::move(d);
  pending.push_back(std::move(moved));
}

struct holder {
  user::task<int> member;
  void store() {
    auto t = fetch(13);
    member = std::move(t);
  }
};

auto captured() {
  auto t = fetch(14);
  return [t = std::move(t)]() mutable -> user::task<int> { co_return co_await std::move(t); };
}

auto captured_by_reference() {
  auto t = fetch(15);
  auto run = [&]() -> user::task<int> { co_return co_await std::move(t); };
  return run;
}

user::task<int> through_alias() {
  auto t = fetch(16);
  auto &alias = t;
  co_return co_await std::move(alias);
}

user::task<int> *escapes() {
  static user::task<int> *out;
  auto t = fetch(17);
  out = &t;
  return out;
}

void bound_elsewhere() {
  auto t = fetch(18);
  inspect(t); // passed to a function: it may store or start it
}

user::task<int> all_paths(bool fast) {
  auto t = fetch(19);
  if (fast)
    co_return co_await std::move(t);
  co_return co_await std::move(t);
}

asio::awaitable<void> asio_op();
asio::awaitable<void> asio_session(asio::io_context &io) {
  auto op = asio_op();
  asio::co_spawn(io.get_executor(), std::move(op), asio::detached);
  co_return;
}

// A pair that a function returns is not what a coroutine call returns (a
// factory made it, and keeps the rest going): its bindings are not tracked.
user::task<> bindings() {
  auto [first, second] = two_fetches();
  co_await std::move(first);
}

void not_tasks() {
  auto job = detach_job(); // fire-and-forget by design
  (void)job;
  static auto kept = fetch(20); // static: lives on
  user::task<int> &ref = *escapes();
  (void)ref;
  int plain = 0;
  (void)plain;
}

template <class T> user::task<T> make() { co_return T{}; }
template <class T> void generic_unused() { auto t = make<T>(); }
// CHECK-NOTES: :[[@LINE-1]]:49: warning: task 't' is never awaited and never runs; hand it to a task group or to the event loop [coro-unawaited-task]
// CHECK-NOTES: :[[@LINE-2]]:64: note: 't' is destroyed here without having run
template <class T> user::task<T> generic_used() { auto t = make<T>(); co_return co_await std::move(t); }
void instantiate() {
  generic_unused<int>();
  generic_unused<long>();
  auto a = generic_used<int>();
  consume(std::move(a));
}
