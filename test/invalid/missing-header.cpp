// A header that is not there: its types are unknown, nothing to report.
// RUN: not timeout 300 %corolint --checks=-*,coro-* %s -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not timeout 300 %clang_tidy --load=%plugin --checks=-*,coro-* %s -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not=warning:
// CHECK: missing-header.cpp:[[@LINE+2]]:10: error: 'does_not_exist.h' file not found [clang-diagnostic-error]

#include "does_not_exist.h"
nonexistent::task<int> fetch();
nonexistent::task<> handler() { fetch(); auto t = fetch(); co_return; }
void plain() { fetch(); }
