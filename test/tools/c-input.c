// C input given directly: one clear line of corolint's own (no check's name
// on it) and a non-zero exit; no finding.
// RUN: not %corolint --checks=-*,coro-* %s -- 2>&1 | FileCheck %s --check-prefix=DIRECT --implicit-check-not=warning: --implicit-check-not=error:
// DIRECT: corolint: error: '{{.*}}c-input.c': the coro-* checks need C++20 or later, but it is compiled as C; compile it with -std=c++20

// The plugin has no driver of its own: one compiler error, attributed to no check.
// RUN: not %clang_tidy --load=%plugin --checks=-*,coro-* %s -- 2>&1 | FileCheck %s --check-prefix=PLUGIN --implicit-check-not=warning: --implicit-check-not=error:
// PLUGIN: c-input.c:1:1: error: the coro-* checks need C++20 or later, but this file is compiled as C; compile it with -std=c++20 [clang-diagnostic-error]

// No flags at all (no `--`, no compile database): the same line. Outside the
// build tree, whose compile database would lend the file a guessed command.
// RUN: D=$(mktemp -d) && cp %s $D/c-input.c && (not %corolint $D/c-input.c 2>&1; rm -rf $D) | FileCheck %s --check-prefix=DIRECT --implicit-check-not=warning: --implicit-check-not=error:

// In a project's compile database a C file is no error: a note, exit 0.
// RUN: rm -rf %t && mkdir -p %t/db && cp %s %t/db/c-input.c
// RUN: %python -c "import json,sys; json.dump([{'directory': sys.argv[1], 'file': 'c-input.c', 'arguments': ['gcc', '-std=c11', '-c', 'c-input.c']}], open(sys.argv[1] + '/compile_commands.json', 'w'))" %t/db
// RUN: %corolint -p %t/db %t/db/c-input.c > %t/db.out 2> %t/db.err
// RUN: FileCheck %s --check-prefix=DB --input-file=%t/db.err --implicit-check-not=warning: --implicit-check-not=error:
// RUN: count 0 < %t/db.out
// DB: corolint: note: skipped '{{.*}}c-input.c': compiled as C, and the coro-* checks need C++20

int main(void) { return 0; }
