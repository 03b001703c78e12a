// Code that does not compile: the compiler's error, a non-zero exit, no crash.
// RUN: not %corolint --checks=-*,coro-* %s -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %clang_tidy --load=%plugin --checks=-*,coro-* %s -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not=warning:

struct task;
task broken() { co_return 1 + ; }
// CHECK: does-not-compile.cpp:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}} [clang-diagnostic-error]
// CHECK: Found compiler error(s).
