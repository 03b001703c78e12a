// Coroutines, tasks and loops written through macros: reported where the
// macro is used, and nothing inside the macro definitions themselves.
// RUN: timeout 300 %corolint --checks=-*,coro-* %s -- -std=c++20 -isystem %S/../checks/Inputs/mock 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: timeout 300 %clang_tidy --load=%plugin --checks=-*,coro-* %s -- -std=c++20 -isystem %S/../checks/Inputs/mock 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:

#include "user_task.h"

user::task<int> fetch(int);

#define DEFINE_HANDLER(name, body) user::task<> name() { body; co_return; }
#define FIRE(x) fetch(x)
#define SPIN(n) for (long i = 0; i < (n); ++i) {}
#define AWAIT(x) co_await (x)

DEFINE_HANDLER(h1, FIRE(1))
// CHECK: macros.cpp:[[@LINE-1]]:1: warning: task returned by 'fetch' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
DEFINE_HANDLER(h2, AWAIT(fetch(2)))
DEFINE_HANDLER(h3, SPIN(100000000L))
// CHECK: macros.cpp:[[@LINE-1]]:1: warning: loop of about 100000000 iterations without suspension blocks coroutine 'h3'; {{.*}} [coro-blocking-loop]
user::task<> h4() {
  FIRE(4);
  // CHECK: macros.cpp:[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded and never runs; co_await it or spawn it in a task group [coro-discarded-task]
  AWAIT(fetch(5));
}
