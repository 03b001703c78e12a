// A syntax error in the middle of coroutine code.
// RUN: not timeout 300 %corolint --checks=-*,coro-* %s -- -std=c++20 -isystem %S/../checks/Inputs/mock 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not timeout 300 %clang_tidy --load=%plugin --checks=-*,coro-* %s -- -std=c++20 -isystem %S/../checks/Inputs/mock 2>&1 | FileCheck %s --implicit-check-not=warning:
// CHECK: syntax-error.cpp:{{[0-9]+}}:{{[0-9]+}}: error: {{.*}} [clang-diagnostic-error]

#include "user_task.h"
#include <thread>
user::task<int> fetch();
user::task<> broken() {
  fetch();
  std::this_thread::sleep_for(std::chrono::seconds(1);
  for (long i = 0; i < 100000000; ++i {}
  co_return
}
void g() { fetch(); }
