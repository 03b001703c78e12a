#!/usr/bin/env python3
"""Write a small multi-file C++20 project and its compile_commands.json.

  make_project.py DIR [--broken] [--header-finding]

DIR/include/task.h  a lazy task type
DIR/src/a.cpp       two discarded tasks (coro-discarded-task), one with a note
DIR/src/b.cpp       a task kept in a variable and never awaited (coro-unawaited-task)
DIR/src/c.cpp       clean
DIR/src/d.cpp       clean
DIR/src/e.cpp       one discarded task
DIR/src/f.cpp       clean
DIR/src/broken.cpp  (with --broken) does not compile
task.h gets a discarded task of its own with --header-finding.
DIR/build/compile_commands.json, its entries in an unsorted order.
"""

import json
import os
import sys

# The same task type as the CMake project beside this script.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "cmake-project", "task.h")) as f:
    TASK_H = f.read()

SOURCES = {
    "a.cpp": """\
#include "task.h"

app::task<> send(int);
app::task<> handler() {
  send(1);
  send(2);
  co_return;
}
""",
    "b.cpp": """\
#include "task.h"

app::task<> send(int);
app::task<> handler_b() {
  auto pending = send(3);
  co_return;
}
""",
    "c.cpp": """\
#include "task.h"

app::task<> send(int);
app::task<> handler_c() { co_await send(4); }
""",
    "d.cpp": "int d() { return 4; }\n",
    "e.cpp": """\
#include "task.h"

app::task<> send(int);
app::task<> handler_e() {
  send(5);
  co_return;
}
""",
    "f.cpp": "int f() { return 6; }\n",
}


def main():
    root = os.path.abspath(sys.argv[1])
    sources = dict(SOURCES)
    if "--broken" in sys.argv[2:]:
        sources["broken.cpp"] = "int broken( { return; }\n"
    for sub in ("include", "src", "build"):
        os.makedirs(os.path.join(root, sub), exist_ok=True)
    with open(os.path.join(root, "include", "task.h"), "w") as f:
        f.write(TASK_H)
        if "--header-finding" in sys.argv[2:]:  # seen by every file including it
            f.write("inline app::task<> header_send() { co_return; }\n"
                    "inline app::task<> in_header() { header_send(); co_return; }\n")
    entries = []
    for name in sorted(sources, reverse=True):  # unsorted on purpose
        with open(os.path.join(root, "src", name), "w") as f:
            f.write(sources[name])
        entries.append({
            "directory": os.path.join(root, "build"),
            "file": "../src/" + name,
            "arguments": ["clang++", "-std=c++20", "-I../include", "-c",
                          "../src/" + name, "-o", name + ".o"],
        })
    with open(os.path.join(root, "build", "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)


if __name__ == "__main__":
    main()
