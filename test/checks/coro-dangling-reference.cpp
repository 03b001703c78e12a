// coro-dangling-reference against the bundled runtime: a coroutine frame that
// outlives the lambda it is the call operator of, or a temporary bound to one
// of its reference or view parameters. The safe forms (awaited in the same
// full-expression, run to completion there, parameters by value, lvalues that
// outlive the task) are left alone.
// RUN: %check_coro %s coro-dangling-reference %t -- -- -I %runtime_include

#include <corort/corort.hpp>
#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

using namespace std::chrono_literals;

corort::task<> send(const std::string &text) {
  co_await corort::sleep_for(1ms);
  (void)text.size();
}
corort::task<> send_view(std::string_view text) {
  co_await corort::sleep_for(1ms);
  (void)text.size();
}
corort::task<> sum(std::span<const int> values) {
  co_await corort::sleep_for(1ms);
  (void)values.size();
}
corort::task<> send_copy(std::string text) {
  co_await corort::sleep_for(1ms);
  (void)text.size();
}
std::string make_name();

// ---- (a) a capturing lambda coroutine called on a temporary.
corort::task<> lambdas(corort::task_group &group, int x) {
  auto stored = [x]() -> corort::task<> {
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: the captures of a lambda coroutine called on a temporary dangle once the full-expression ends, while its task lives on; pass them as parameters or co_await the task in the same expression [coro-dangling-reference]
    // CHECK-NOTES: :[[@LINE-2]]:3: note: the task is stored in 'stored' here
    co_await corort::sleep_for(1ms);
    (void)x;
  }();
  co_await std::move(stored);

  group.spawn([&x]() -> corort::task<> {
    // CHECK-NOTES: :[[@LINE-1]]:15: warning: the captures of a lambda coroutine called on a temporary dangle once the full-expression ends, while its task lives on; pass them as parameters or co_await the task in the same expression [coro-dangling-reference]
    // CHECK-NOTES: :[[@LINE-2]]:3: note: the task is handed to 'spawn' here
    co_await corort::sleep_for(1ms);
    ++x;
  }());

  // Not reported: awaited in the same full-expression; parameters by value;
  // captureless; a capture default that captures nothing.
  co_await [x]() -> corort::task<> {
    co_await corort::sleep_for(1ms);
    (void)x;
  }();
  group.spawn([](int y) -> corort::task<> {
    co_await corort::sleep_for(1ms);
    (void)y;
  }(x));
  group.spawn([]() -> corort::task<> { co_await corort::sleep_for(1ms); }());
  group.spawn([&]() -> corort::task<> { co_await corort::sleep_for(1ms); }());
  co_await group.join();
}

// Run to completion in the same full-expression: safe.
int run_now(int x) {
  return corort::run([x]() -> corort::task<int> {
    co_await corort::sleep_for(1ms);
    co_return x;
  }());
}

// ---- (a') a named lambda coroutine whose task outlives the lambda.
corort::task<int> returns_task_of_local_lambda(int x) {
  // (A coroutine: the lambda lives in its frame; not reported.)
  auto lambda = [x]() -> corort::task<int> { co_return x; };
  co_return co_await lambda();
}
corort::task<int> factory(int x) {
  auto lambda = [x]() -> corort::task<int> {
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: the captures of lambda coroutine 'lambda' dangle once 'factory' returns, while the task outlives it; pass them as parameters [coro-dangling-reference]
    // CHECK-NOTES: :[[@LINE+3]]:3: note: the task is returned here
    co_return x;
  };
  return lambda();
}

// Stored where it outlives the function: a member, through a reference
// parameter. Kept in a local, it is not reported.
struct scheduler {
  std::vector<corort::task<int>> pending;
  corort::task<int> current;
  void schedule(int x) {
    auto first = [x]() -> corort::task<int> { co_return x; };
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: the captures of lambda coroutine 'first' dangle once 'schedule' returns, while the task outlives it; pass them as parameters [coro-dangling-reference]
    // CHECK-NOTES: :[[@LINE+3]]:5: note: the task is stored here
    auto second = [x]() -> corort::task<int> { co_return x + 1; };
    // CHECK-NOTES: :[[@LINE-1]]:19: warning: the captures of lambda coroutine 'second' dangle once 'schedule' returns, while the task outlives it; pass them as parameters [coro-dangling-reference]
    pending.push_back(first());
    this->current = second();
    // CHECK-NOTES: :[[@LINE-1]]:5: note: the task is stored here
  }
  int run_here(int x) {
    std::vector<corort::task<int>> local;
    auto lambda = [x]() -> corort::task<int> { co_return x; };
    local.push_back(lambda());
    return corort::run(std::move(local.back()));
  }
};
void keep_in(std::vector<corort::task<int>> &out, int x) {
  auto lambda = [x]() -> corort::task<int> { co_return x; };
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: the captures of lambda coroutine 'lambda' dangle once 'keep_in' returns, while the task outlives it; pass them as parameters [coro-dangling-reference]
  out.push_back(lambda());
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the task is stored here
}

// ---- (b) a temporary bound to a reference or view parameter.
corort::task<> references(corort::task_group &group, const std::string &kept) {
  auto t1 = send(std::string("hello"));
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: temporary bound to reference parameter 'text' of coroutine 'send' is destroyed at the end of the full-expression, before the task is done; pass it by value or co_await the task in the same expression [coro-dangling-reference]
  // CHECK-NOTES: :17:40: note: 'text' declared here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the task is stored in 't1' here
  group.spawn(send("literal converted to std::string"));
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: temporary bound to reference parameter 'text' of coroutine 'send' is destroyed at the end of the full-expression, before the task is done; pass it by value or co_await the task in the same expression [coro-dangling-reference]
  // CHECK-NOTES: :17:40: note: 'text' declared here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the task is handed to 'spawn' here
  group.spawn(send_view(make_name()));
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: temporary bound to view parameter 'text' of coroutine 'send_view' is destroyed at the end of the full-expression, before the task is done; pass it by value or co_await the task in the same expression [coro-dangling-reference]
  // CHECK-NOTES: :21:43: note: 'text' declared here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the task is handed to 'spawn' here
  group.spawn(sum(std::vector<int>{1, 2, 3}));
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: temporary bound to view parameter 'values' of coroutine 'sum' is destroyed at the end of the full-expression, before the task is done; pass it by value or co_await the task in the same expression [coro-dangling-reference]
  // CHECK-NOTES: :25:41: note: 'values' declared here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the task is handed to 'spawn' here

  // Not reported: awaited in the same full-expression, a string literal
  // viewed (static storage), by value, an lvalue that outlives the task.
  co_await send(std::string("hello"));
  co_await corort::when_all(send(std::string("a")), send(make_name()));
  group.spawn(send_view("static storage"));
  group.spawn(send_copy(make_name()));
  group.spawn(send(kept));
  co_await group.join();
  co_await std::move(t1);
}

// ---- (b') a local of a function that returns the task.
corort::task<> send_greeting() {
  std::string greeting = "hello";
  return send(greeting);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: reference parameter 'text' of coroutine 'send' refers to 'greeting', a local of 'send_greeting', which returns the task; pass it by value [coro-dangling-reference]
  // CHECK-NOTES: :17:40: note: 'text' declared here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the task is returned here
}
corort::task<> send_greeting_view(std::string greeting) {
  return send_view(greeting);
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: view parameter 'text' of coroutine 'send_view' refers to 'greeting', a local of 'send_greeting_view', which returns the task; pass it by value [coro-dangling-reference]
  // CHECK-NOTES: :21:43: note: 'text' declared here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the task is returned here
}
void keep_greeting(std::vector<corort::task<>> &out) {
  std::string greeting = "hello";
  out.push_back(send(greeting));
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: reference parameter 'text' of coroutine 'send' refers to 'greeting', a local of 'keep_greeting', which stores the task where it outlives 'keep_greeting'; pass it by value [coro-dangling-reference]
  // CHECK-NOTES: :17:40: note: 'text' declared here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the task is stored here
}
// Not reported: a coroutine awaits it before its locals die; a reference
// parameter passed on refers to the caller's object.
corort::task<> send_greeting_awaited() {
  std::string greeting = "hello";
  co_await send(greeting);
}
corort::task<> forward(const std::string &text) { return send(text); }
// A view parameter passed on: it refers to the caller's string, not to a
// local (cinatra's async_read_until wrappers).
corort::task<> forward_view(std::string_view text) { return send_view(text); }
