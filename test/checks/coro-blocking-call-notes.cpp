// The notes of coro-blocking-call: at the coroutine, and at the blocking call
// inside a function of the same file.
// RUN: %check_coro %s coro-blocking-call %t -- -- -isystem %S/Inputs/mock

#include "user_task.h"
#include <unistd.h>

void pause_briefly() { usleep(100); }
void retry_later() { pause_briefly(); }

user::task<> direct() {
  sleep(1);
  co_return;
}
// CHECK-NOTES: :[[@LINE-3]]:3: warning: blocking call to 'sleep' inside coroutine 'direct' stalls the thread that runs it; await an asynchronous timer instead [coro-blocking-call]
// CHECK-NOTES: :[[@LINE-5]]:14: note: 'direct' is a coroutine: everything it does between suspension points holds its thread

user::task<> through_two_calls() {
  retry_later();
  co_return;
}
// CHECK-NOTES: :[[@LINE-3]]:3: warning: call to 'retry_later' inside coroutine 'through_two_calls' blocks the thread that runs it: it makes a blocking call to 'usleep'; await an asynchronous timer instead [coro-blocking-call]
// CHECK-NOTES: :[[@LINE-15]]:24: note: blocking call to 'usleep' is here
// CHECK-NOTES: :[[@LINE-6]]:14: note: 'through_two_calls' is a coroutine: everything it does between suspension points holds its thread

auto lambda = []() -> user::task<> {
  sleep(2);
  co_return;
};
// CHECK-NOTES: :[[@LINE-3]]:3: warning: blocking call to 'sleep' inside a coroutine lambda stalls the thread that runs it; await an asynchronous timer instead
// CHECK-NOTES: :[[@LINE-5]]:15: note: the lambda is a coroutine: everything it does between suspension points holds its thread
