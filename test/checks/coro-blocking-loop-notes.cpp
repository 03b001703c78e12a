// The notes of coro-blocking-loop: at the coroutine, and at the long loop
// inside a function of the same file.
// RUN: %check_coro %s coro-blocking-loop %t -- -- -isystem %S/Inputs/mock

#include "user_task.h"
#include <atomic>

constexpr long kSize = 1'000'000;
std::atomic<bool> ready{false};

long crunch() {
  long total = 0;
  for (long i = 0; i < 50'000'000; ++i) total += i % 7;
  return total;
}
long crunch_twice() { return crunch() + crunch(); }

user::task<> direct() {
  long t = 0;
  for (long i = 0; i < kSize; ++i) t += i;
  co_return;
}
// CHECK-NOTES: :[[@LINE-3]]:3: warning: loop of about 1000000 iterations without suspension blocks coroutine 'direct'; move the work to a long-lived thread pool or insert a suspension point [coro-blocking-loop]
// CHECK-NOTES: :[[@LINE-6]]:14: note: 'direct' is a coroutine: everything it does between suspension points holds its thread

user::task<> spinning() {
  while (!ready.load()) {}
  co_return;
}
// CHECK-NOTES: :[[@LINE-3]]:3: warning: busy-wait loop without suspension blocks coroutine 'spinning' while it spins on 'ready'; await an asynchronous event instead of polling, or suspend inside the loop [coro-blocking-loop]
// CHECK-NOTES: :[[@LINE-5]]:14: note: 'spinning' is a coroutine: everything it does between suspension points holds its thread

user::task<> through_two_calls() {
  crunch_twice();
  co_return;
}
// CHECK-NOTES: :[[@LINE-3]]:3: warning: call to 'crunch_twice' runs a CPU-heavy loop inside coroutine 'through_two_calls'; move the work to a long-lived thread pool or insert a suspension point [coro-blocking-loop]
// CHECK-NOTES: :[[@LINE-25]]:3: note: loop of about 50000000 iterations is here
// CHECK-NOTES: :[[@LINE-6]]:14: note: 'through_two_calls' is a coroutine: everything it does between suspension points holds its thread

auto lambda = []() -> user::task<> {
  for (int r = 0; r < 1000; ++r)
    for (int c = 0; c < 1000; ++c)
      ready.load();
  crunch();
  co_return;
};
// CHECK-NOTES: :[[@LINE-6]]:3: warning: loop of about 1000000 iterations without suspension blocks a coroutine lambda; move the work to a long-lived thread pool or insert a suspension point
// CHECK-NOTES: :[[@LINE-8]]:15: note: the lambda is a coroutine: everything it does between suspension points holds its thread
// CHECK-NOTES: :[[@LINE-5]]:3: warning: call to 'crunch' runs a CPU-heavy loop inside a coroutine lambda; move the work to a long-lived thread pool or insert a suspension point
// CHECK-NOTES: :[[@LINE-38]]:3: note: loop of about 50000000 iterations is here
// CHECK-NOTES: :[[@LINE-11]]:15: note: the lambda is a coroutine: everything it does between suspension points holds its thread
