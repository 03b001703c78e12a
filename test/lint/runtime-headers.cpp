// Every runtime header, linted as user code (--header-filter), gives no
// warning: the runtime is the correct pattern.
// RUN: %corolint --checks=-*,coro-* --quiet --header-filter='.*corort.*' %s -- -std=c++20 -I %runtime_include 2>&1 \
// RUN:   | FileCheck %s --allow-empty --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %clang_tidy --load=%plugin --checks=-*,coro-* --quiet --header-filter='.*corort.*' %s -- -std=c++20 -I %runtime_include 2>&1 \
// RUN:   | FileCheck %s --allow-empty --implicit-check-not=warning: --implicit-check-not=error:
// CHECK-NOT: {{.}}

#include <corort/corort.hpp>

int main() { return 0; }
