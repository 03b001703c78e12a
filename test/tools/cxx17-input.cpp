// C++17 input: the coro checks cannot run, so the run fails with one clear
// error instead of passing silently; no other report.
// RUN: not %corolint --checks=-*,coro-* %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %clang_tidy --load=%plugin --checks=-*,coro-* %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// CHECK: cxx17-input.cpp:1:1: error: the coro-* checks need C++20 or later, but this file is compiled as C++17; compile it with -std=c++20 [coro-{{[a-z-]+}}]

// With coro checks off, upstream checks still run on C++17 as usual.
// RUN: %corolint --checks=-*,misc-unused-using-decls %s -- -std=c++17 2>&1 | FileCheck %s --check-prefix=OFF --implicit-check-not=error:
// OFF: 1 warning generated.

struct task {};
task fetch();
void f() { fetch(); }

namespace n { struct s {}; }
using n::s;
// OFF: cxx17-input.cpp:[[@LINE-1]]:10: warning: using decl 's' is unused [misc-unused-using-decls]
