// coro-dangling-reference on the shapes of cppcoro and folly: a task run to
// completion by sync_wait / blockingWait in the same full-expression is safe,
// one kept for later is not; options SynchronousFunctions and ViewTypes.
// RUN: %check_coro -check-suffixes=,DEFAULT %s coro-dangling-reference %t -- -- -isystem %S/Inputs/mock
// RUN: %check_coro -check-suffixes=,CUSTOM %s coro-dangling-reference %t -- \
// RUN:   -config="{CheckOptions: {coro-dangling-reference.SynchronousFunctions: '::app::run_blocking', coro-dangling-reference.ViewTypes: '::app::text_view'}}" \
// RUN:   -- -isystem %S/Inputs/mock

#include "async_simple.h"
#include "cppcoro.h"
#include "folly.h"
#include <future>
#include <string>
#include <vector>

namespace app {
struct text_view {
  text_view(const std::string &s);
};
// A function object, as folly's blockingWait is.
struct run_blocking_fn {
  template <class Task> void operator()(Task &&) const;
};
inline constexpr run_blocking_fn run_blocking{};
cppcoro::task<> spawn_joinable(cppcoro::task<int> &&task); // defined elsewhere
} // namespace app

cppcoro::task<int> parse(const std::string &text) { co_return (int)text.size(); }
cppcoro::task<int> parse_view(app::text_view text) { (void)text; co_return 0; }
folly::coro::Task<int> load(const std::vector<int> &ids) { co_return (int)ids.size(); }

void tests(int x) {
  // Run to completion in the full-expression: safe with the defaults.
  cppcoro::sync_wait([x]() -> cppcoro::task<> {
    // CHECK-NOTES-CUSTOM: :[[@LINE-1]]:22: warning: the captures of a lambda coroutine called on a temporary dangle once the full-expression ends, while its task lives on; pass them as parameters or co_await the task in the same expression [coro-dangling-reference]
    // CHECK-NOTES-CUSTOM: :[[@LINE-2]]:3: note: the task is handed to 'sync_wait' here
    (void)x;
    co_return;
  }());
  folly::coro::blockingWait(load(std::vector<int>{1, 2}));
  // CHECK-NOTES-CUSTOM: :[[@LINE-1]]:34: warning: temporary bound to reference parameter 'ids' of coroutine 'load' is destroyed at the end of the full-expression, before the task is done; pass it by value or co_await the task in the same expression [coro-dangling-reference]
  // CHECK-NOTES-CUSTOM: :30:53: note: 'ids' declared here
  // CHECK-NOTES-CUSTOM: :[[@LINE-3]]:3: note: the task is handed to 'blockingWait' here
  app::run_blocking(parse(std::string("c")));
  // CHECK-NOTES-DEFAULT: :[[@LINE-1]]:27: warning: temporary bound to reference parameter 'text' of coroutine 'parse' is destroyed at the end of the full-expression, before the task is done; pass it by value or co_await the task in the same expression [coro-dangling-reference]
  // CHECK-NOTES-DEFAULT: :28:45: note: 'text' declared here
  // CHECK-NOTES-DEFAULT: :[[@LINE-3]]:3: note: the task is handed to 'run_blocking' here

  // A sink of a task defined elsewhere moves from it before it returns.
  std::string kept = "f";
  auto joined = app::spawn_joinable(parse(kept));
  cppcoro::sync_wait(joined);

  // Kept for later: the temporaries are gone when it runs.
  auto later = parse(std::string("d"));
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: temporary bound to reference parameter 'text' of coroutine 'parse' is destroyed at the end of the full-expression, before the task is done; pass it by value or co_await the task in the same expression [coro-dangling-reference]
  // CHECK-NOTES: :28:45: note: 'text' declared here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the task is stored in 'later' here
  auto view_later = parse_view(std::string("e"));
  // CHECK-NOTES-CUSTOM: :[[@LINE-1]]:32: warning: temporary bound to view parameter 'text' of coroutine 'parse_view' is destroyed at the end of the full-expression, before the task is done; pass it by value or co_await the task in the same expression [coro-dangling-reference]
  // CHECK-NOTES-CUSTOM: :29:46: note: 'text' declared here
  // CHECK-NOTES-CUSTOM: :[[@LINE-3]]:3: note: the task is stored in 'view_later' here
  cppcoro::sync_wait(later);
  cppcoro::sync_wait(view_later);
}

// A local function that starts the task it is handed and waits before it
// returns (async_simple's tests): the task is done within the caller's
// full-expression. One that only starts it lets it run on.
void handed_to_local_functions(int x) {
  using async_simple::coro::Lazy;
  auto run = [](Lazy<void> &&lazy) {
    std::promise<void> done;
    std::move(lazy).start([&done](auto &&) { done.set_value(); });
    done.get_future().wait();
  };
  run([&x]() -> Lazy<void> { (void)x; co_return; }());
  auto fire = [](Lazy<void> &&lazy) {
    std::move(lazy).start([](auto &&) {});
  };
  fire([&x]() -> Lazy<void> { (void)x; co_return; }());
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: the captures of a lambda coroutine called on a temporary dangle once the full-expression ends, while its task lives on; pass them as parameters or co_await the task in the same expression [coro-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the task is handed to 'fire' here
}

// The task's own blocking wait finishes it within the full-expression
// (concurrencpp's result::get, as in its generator example); an eager result
// kept for later is reported.
#include "concurrencpp.h"
concurrencpp::result<void> read_lines(const std::string &path) {
  co_await mock_detail::awaiter<void>{};
  (void)path.size();
}
void eager_result(const char *file) {
  read_lines(std::string(file)).get();
  read_lines(file).wait();
  auto later = read_lines(std::string(file));
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: temporary bound to reference parameter 'path' of coroutine 'read_lines' is destroyed at the end of the full-expression, before the task is done; pass it by value or co_await the task in the same expression [coro-dangling-reference]
  // CHECK-NOTES: :[[@LINE-9]]:58: note: 'path' declared here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the task is stored in 'later' here
  later.get();
}
