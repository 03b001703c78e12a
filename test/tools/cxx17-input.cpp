// C++17 input given directly: the coro checks cannot run, so the run fails
// with one clear line of corolint's own instead of passing silently.
// RUN: not %corolint --checks=-*,coro-* %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// CHECK: corolint: error: '{{.*}}cxx17-input.cpp': the coro-* checks need C++20 or later, but it is compiled as C++17; compile it with -std=c++20
// RUN: not %clang_tidy --load=%plugin --checks=-*,coro-* %s -- -std=c++17 2>&1 | FileCheck %s --check-prefix=PLUGIN --implicit-check-not=warning: --implicit-check-not=error:
// PLUGIN: cxx17-input.cpp:1:1: error: the coro-* checks need C++20 or later, but this file is compiled as C++17; compile it with -std=c++20 [clang-diagnostic-error]

// A C++17 target of a project (compile database): skipped with a note, exit 0.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/cxx17-input.cpp
// RUN: %python -c "import json,sys; json.dump([{'directory': sys.argv[1], 'file': 'cxx17-input.cpp', 'arguments': ['g++', '-std=gnu++17', '-c', 'cxx17-input.cpp']}], open(sys.argv[1] + '/compile_commands.json', 'w'))" %t
// RUN: %corolint -p %t %t/cxx17-input.cpp 2>&1 | FileCheck %s --check-prefix=DB --implicit-check-not=warning: --implicit-check-not=error:
// DB: corolint: note: skipped '{{.*}}cxx17-input.cpp': compiled as C++17, and the coro-* checks need C++20

// With coro checks off, upstream checks still run on C++17 as usual.
// RUN: %corolint --checks=-*,misc-unused-using-decls %s -- -std=c++17 2>&1 | FileCheck %s --check-prefix=OFF --implicit-check-not=error:
// OFF: 1 warning generated.

struct task {};
task fetch();
void f() { fetch(); }

namespace n { struct s {}; }
using n::s;
// OFF: cxx17-input.cpp:[[@LINE-1]]:10: warning: using decl 's' is unused [misc-unused-using-decls]
