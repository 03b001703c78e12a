// Functions that call each other: each one's summary is that of the whole
// cycle, whatever the order in which the coroutines reach it (issue 16: the
// second coroutine used to be missed when the first had reached the cycle
// through the other function).
// RUN: %check_coro -check-suffixes=A %s coro-blocking-call %t -- -- -isystem %S/Inputs/mock
// RUN: %check_coro -check-suffixes=B %s coro-blocking-call %t -- -- -isystem %S/Inputs/mock -DB_FIRST

#include "user_task.h"
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

void b(int n);
void a(int n) { if (n > 0) b(n - 1); std::this_thread::sleep_for(1s); }
void b(int n) { if (n > 0) a(n - 1); }

#ifndef B_FIRST
user::task<> first() { a(3); co_return; }
// CHECK-MESSAGES-A: :[[@LINE-1]]:24: warning: call to 'a' inside coroutine 'first' blocks the thread that runs it: it makes a blocking call to 'sleep_for'; await an asynchronous timer instead [coro-blocking-call]
user::task<> second() { b(3); co_return; }
// CHECK-MESSAGES-A: :[[@LINE-1]]:25: warning: call to 'b' inside coroutine 'second' blocks the thread that runs it: it makes a blocking call to 'sleep_for'; await an asynchronous timer instead
#else
user::task<> second() { b(3); co_return; }
// CHECK-MESSAGES-B: :[[@LINE-1]]:25: warning: call to 'b' inside coroutine 'second' blocks the thread that runs it: it makes a blocking call to 'sleep_for'; await an asynchronous timer instead
user::task<> first() { a(3); co_return; }
// CHECK-MESSAGES-B: :[[@LINE-1]]:24: warning: call to 'a' inside coroutine 'first' blocks the thread that runs it: it makes a blocking call to 'sleep_for'; await an asynchronous timer instead
#endif

// A cycle that reaches the blocking call only through its far end, asked
// from every entry in turn.
void c1(int n);
void c3(int n) { if (n > 0) c1(n - 1); else std::this_thread::sleep_for(1ms); }
void c2(int n) { c3(n); }
void c1(int n) { c2(n); }
user::task<> cycle_entries() {
  c1(1);
  // CHECK-MESSAGES-A: :[[@LINE-1]]:3: warning: call to 'c1' inside coroutine 'cycle_entries' blocks the thread that runs it: it makes a blocking call to 'sleep_for'; await an asynchronous timer instead
  // CHECK-MESSAGES-B: :[[@LINE-2]]:3: warning: call to 'c1' inside coroutine 'cycle_entries' blocks the thread that runs it: it makes a blocking call to 'sleep_for'; await an asynchronous timer instead
  c2(1);
  // CHECK-MESSAGES-A: :[[@LINE-1]]:3: warning: call to 'c2' inside coroutine 'cycle_entries' blocks the thread that runs it: it makes a blocking call to 'sleep_for'; await an asynchronous timer instead
  // CHECK-MESSAGES-B: :[[@LINE-2]]:3: warning: call to 'c2' inside coroutine 'cycle_entries' blocks the thread that runs it: it makes a blocking call to 'sleep_for'; await an asynchronous timer instead
  c3(1);
  // CHECK-MESSAGES-A: :[[@LINE-1]]:3: warning: call to 'c3' inside coroutine 'cycle_entries' blocks the thread that runs it: it makes a blocking call to 'sleep_for'; await an asynchronous timer instead
  // CHECK-MESSAGES-B: :[[@LINE-2]]:3: warning: call to 'c3' inside coroutine 'cycle_entries' blocks the thread that runs it: it makes a blocking call to 'sleep_for'; await an asynchronous timer instead
  co_return;
}
