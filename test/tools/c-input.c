// C input: one clear error, non-zero exit.
// RUN: not %corolint --checks=-*,coro-* %s -- 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %clang_tidy --load=%plugin --checks=-*,coro-* %s -- 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// CHECK: c-input.c:1:1: error: the coro-* checks need C++20 or later, but this file is compiled as C; compile it with -std=c++20 [coro-{{[a-z-]+}}]

int main(void) { return 0; }
