// Incomplete types, a call to a function returning one: an error, no report.
// RUN: not timeout 300 %corolint --checks=-*,coro-* %s -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not timeout 300 %clang_tidy --load=%plugin --checks=-*,coro-* %s -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not=warning:
// CHECK: incomplete-types.cpp:[[@LINE+5]]:12: error: calling 'make' with incomplete return type 'task' [clang-diagnostic-error]

#include <coroutine>
struct task;
task make();
void k() { make(); }
