// coro-sequential-await on the shapes of cppcoro and folly, with each
// library's advice, and the options MinIterations and PacingFunctions.
// RUN: %check_coro -check-suffixes=,DEFAULT %s coro-sequential-await %t -- -- -isystem %S/Inputs/mock
// RUN: %check_coro -check-suffixes=,CUSTOM %s coro-sequential-await %t -- \
// RUN:   -config="{CheckOptions: {coro-sequential-await.MinIterations: 20, coro-sequential-await.PacingFunctions: '::app::throttle'}}" \
// RUN:   -- -isystem %S/Inputs/mock

#include "cppcoro.h"
#include "folly.h"
#include <chrono>
#include <string>
#include <vector>

namespace app {
cppcoro::task<std::string> load(int id);
folly::coro::Task<int> count(std::string key);
cppcoro::task<> throttle(int step);
} // namespace app

cppcoro::task<> cppcoro_loop() {
  std::vector<std::string> loaded;
  for (int id = 0; id < 10; ++id)
    loaded.push_back(co_await app::load(id));
  // CHECK-NOTES-DEFAULT: :[[@LINE-1]]:22: warning: each iteration awaits 'load' before the next one starts, though the iterations do not depend on each other; collect the tasks and co_await cppcoro::when_all(std::move(tasks)) [coro-sequential-await]
  // CHECK-NOTES-DEFAULT: :[[@LINE-3]]:3: note: the iterations of this loop run one after another
  for (int id = 0; id < 100; ++id)
    co_await app::load(id);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: each iteration awaits 'load' before the next one starts, though the iterations do not depend on each other; collect the tasks and co_await cppcoro::when_all(std::move(tasks)) [coro-sequential-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the iterations of this loop run one after another
  // Pacing: a function of PacingFunctions keeps its order.
  for (int step = 0; step < 100; ++step)
    co_await app::throttle(step);
  // CHECK-NOTES-DEFAULT: :[[@LINE-1]]:5: warning: each iteration awaits 'throttle' before the next one starts, though the iterations do not depend on each other; collect the tasks and co_await cppcoro::when_all(std::move(tasks)) [coro-sequential-await]
  // CHECK-NOTES-DEFAULT: :[[@LINE-3]]:3: note: the iterations of this loop run one after another
}

folly::coro::Task<void> folly_loop(std::vector<std::string> keys) {
  std::vector<int> counts(keys.size());
  for (size_t i = 0; i < keys.size(); ++i)
    counts[i] = co_await app::count(keys[i]);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: each iteration awaits 'count' before the next one starts, though the iterations do not depend on each other; collect the tasks and co_await folly::coro::collectAllRange(std::move(tasks)) [coro-sequential-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: the iterations of this loop run one after another
  // folly's sleep is pacing by default.
  for (int i = 0; i < 10; ++i)
    co_await folly::coro::sleep(std::chrono::milliseconds(i));
}
