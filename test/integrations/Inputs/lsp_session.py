#!/usr/bin/env python3
"""Drive corolint-clangd through a scripted LSP session (lit helper).

  lsp_session.py --clangd=BIN --workdir=DIR --scenario=fix|strict-filter
  lsp_session.py --clangd=BIN --workdir=DIR --scenario=project --project=P --file=F
                 [--server-arg=ARG ...] [--allow-errors]

Writes a small C++20 project into DIR (main.cpp, compile_flags.txt, .clangd),
starts the server on stdio with HOME and XDG directories inside DIR, then:

  fix             .clangd enables coro-* and modernize-use-nullptr with
                  FastCheckFilter: None; the published diagnostics must carry
                  coro-discarded-task and modernize-use-nullptr, and a
                  textDocument/codeAction request at the coro diagnostic must
                  offer a quick fix inserting `co_await `, and one on a
                  qualified name a refactoring (clangd's tweaks are linked).
  strict-filter   .clangd enables the same checks; the user's own clangd
                  configuration (config.yaml under XDG_CONFIG_HOME) sets
                  FastCheckFilter: Strict (clangd 19's own default): it wins
                  over corolint-clangd's default (Loose), so the fast upstream
                  check runs and the coro checks (not in clangd's list of
                  measured fast checks) do not.
  project         no .clangd, no set-up: open F of the existing project P
                  (its compile database found as clangd finds it) and print
                  every diagnostic as `line:col code`; any error fails.

Every wait has a deadline; the server is killed on any failure, so the
session can never hang. Prints one line per verified fact.
"""

import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

SOURCE = """\
#include <coroutine>
#include <cstddef>

namespace user {
template <class T = void> struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace user

user::task<> f();
user::task<> g() {
  f();
  co_return;
}

int *null_pointer() { return 0; }
std::size_t size_of_task() { return sizeof(user::task<>); }
"""
DECLARATION_LINE = 18  # 0-based line of `user::task<> f();`
DISCARDED_LINE = 20  # 0-based line of `  f();`
NULLPTR_LINE = 24

CLANGD_CONFIG = {
    "fix": "Diagnostics:\n  ClangTidy:\n    Add: [coro-*, modernize-use-nullptr]\n"
           "    FastCheckFilter: None\n",
    "strict-filter": "Diagnostics:\n  ClangTidy:\n    Add: [coro-*, modernize-use-nullptr]\n",
    "project": None,
}

TIMEOUT = float(os.environ.get("COROLINT_LSP_TIMEOUT", "120"))


class Failure(Exception):
    pass


class Server:
    def __init__(self, argv, cwd, env, stderr_path):
        self.stderr = open(stderr_path, "wb")
        self.proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.stderr)
        self.messages = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        self.messages.put(None)
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                if length is None:
                    continue
                self.messages.put(json.loads(out.read(length)))
        except Exception as e:  # the main thread reports the missing answer
            self.messages.put({"reader-error": repr(e)})
            self.messages.put(None)

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def wait_for(self, what, predicate, deadline):
        """Next message satisfying predicate; answers server requests."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure("timed out waiting for " + what)
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                raise Failure("timed out waiting for " + what)
            if message is None:
                raise Failure("server exited (code %s) while waiting for %s"
                              % (self.proc.poll(), what))
            if "reader-error" in message:
                raise Failure("cannot read the server's output: " + message["reader-error"])
            if "method" in message and "id" in message:
                # A request from the server (window/workDoneProgress/create...).
                self.send({"id": message["id"], "result": None})
                continue
            if predicate(message):
                return message

    def response(self, request_id, deadline):
        message = self.wait_for("the answer to request %d" % request_id,
                                lambda m: m.get("id") == request_id and "method" not in m,
                                deadline)
        if "error" in message:
            raise Failure("request %d failed: %s" % (request_id, message["error"]))
        return message.get("result")

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=30)
        self.stderr.close()


def write_project(workdir, scenario):
    os.makedirs(workdir, exist_ok=True)
    for name in ("home", "xdg-config", "xdg-cache"):
        os.makedirs(os.path.join(workdir, name), exist_ok=True)
    src = os.path.join(workdir, "src")
    os.makedirs(src, exist_ok=True)
    with open(os.path.join(src, "main.cpp"), "w") as f:
        f.write(SOURCE)
    with open(os.path.join(src, "compile_flags.txt"), "w") as f:
        f.write("-std=c++20\n")
    with open(os.path.join(src, ".clangd"), "w") as f:
        f.write(CLANGD_CONFIG[scenario])
    if scenario == "strict-filter":
        os.makedirs(os.path.join(workdir, "xdg-config", "clangd"), exist_ok=True)
        with open(os.path.join(workdir, "xdg-config", "clangd", "config.yaml"), "w") as f:
            f.write("Diagnostics:\n  ClangTidy:\n    FastCheckFilter: Strict\n")
    return src


def file_uri(path):
    return urllib.parse.urljoin("file:", urllib.request.pathname2url(path))


def session(args):
    if args.scenario == "project":
        for name in ("home", "xdg-config", "xdg-cache"):
            os.makedirs(os.path.join(args.workdir, name), exist_ok=True)
        src = os.path.abspath(args.project)
        main_cpp = os.path.join(src, args.file)
        with open(main_cpp, encoding="utf-8") as f:
            text = f.read()
    else:
        src = write_project(args.workdir, args.scenario)
        main_cpp = os.path.join(src, "main.cpp")
        text = SOURCE
    uri = file_uri(main_cpp)
    env = dict(os.environ)
    env.update(HOME=os.path.join(args.workdir, "home"),
               XDG_CONFIG_HOME=os.path.join(args.workdir, "xdg-config"),
               XDG_CACHE_HOME=os.path.join(args.workdir, "xdg-cache"))
    argv = [args.clangd, "--background-index=false", "--log=info", "--pch-storage=memory"]
    argv += args.server_arg or []
    server = Server(argv, src, env, os.path.join(args.workdir, "clangd.log"))
    deadline = time.monotonic() + TIMEOUT
    try:
        init = server.request("initialize", {
            "processId": os.getpid(),
            "rootUri": file_uri(src),
            "capabilities": {
                "textDocument": {
                    "publishDiagnostics": {"relatedInformation": True},
                    "codeAction": {"codeActionLiteralSupport": {
                        "codeActionKind": {"valueSet": ["quickfix", "refactor"]}}},
                },
            },
        })
        result = server.response(init, deadline)
        if "codeActionProvider" not in result.get("capabilities", {}):
            raise Failure("the server offers no code actions: %s" % result)
        print("initialized: %s" % result.get("serverInfo", {}).get("version", "?"))
        server.notify("initialized", {})
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}})

        published = server.wait_for(
            "publishDiagnostics for main.cpp",
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri and m["params"].get("version") == 1,
            deadline)
        diagnostics = published["params"]["diagnostics"]
        codes = sorted({str(d.get("code")) for d in diagnostics})
        print("diagnostics: " + ", ".join(codes))
        errors = [d for d in diagnostics if d.get("severity") == 1]
        if errors and not args.allow_errors:  # e.g. <stddef.h> not found
            raise Failure("the file does not compile in the server: %s" % errors)
        if args.scenario == "project":
            for d in sorted(diagnostics, key=lambda d: (d["range"]["start"]["line"],
                                                        d["range"]["start"]["character"])):
                start = d["range"]["start"]
                # A diagnostic without a check's code (corolint-clangd's own
                # word on a file without a compile command) by its message.
                print("%d:%d %s" % (start["line"] + 1, start["character"] + 1,
                                    d.get("code") or d["message"].splitlines()[0]))
            diagnostics = []
        by_code = {d.get("code"): d for d in diagnostics}
        upstream = by_code.get("modernize-use-nullptr")
        if args.scenario != "project":
            if not upstream or upstream["range"]["start"]["line"] != NULLPTR_LINE:
                raise Failure("no modernize-use-nullptr diagnostic on line %d: %s"
                              % (NULLPTR_LINE + 1, diagnostics))
            print("upstream check: modernize-use-nullptr at line %d" % (NULLPTR_LINE + 1))
        coro = by_code.get("coro-discarded-task")

        if args.scenario == "project":
            pass
        elif args.scenario == "strict-filter":
            if any(str(c).startswith("coro-") for c in by_code):
                raise Failure("coro checks ran under FastCheckFilter: Strict: %s"
                              % diagnostics)
            print("FastCheckFilter Strict: no coro diagnostics")
        else:
            if not coro:
                raise Failure("no coro-discarded-task diagnostic: %s" % diagnostics)
            start = coro["range"]["start"]
            if start != {"line": DISCARDED_LINE, "character": 2}:
                raise Failure("coro-discarded-task at %s, expected line %d column 3"
                              % (start, DISCARDED_LINE + 1))
            if coro.get("source") != "clang-tidy" or "discarded" not in coro["message"]:
                raise Failure("unexpected diagnostic: %s" % coro)
            print("coro-discarded-task at %d:%d: %s" % (start["line"] + 1,
                  start["character"] + 1, coro["message"].splitlines()[0]))

            action_id = server.request("textDocument/codeAction", {
                "textDocument": {"uri": uri},
                "range": coro["range"],
                "context": {"diagnostics": [coro], "only": ["quickfix"]},
            })
            actions = server.response(action_id, deadline) or []
            fixes = []
            for action in actions:
                edits = (action.get("edit") or {}).get("changes", {}).get(uri, [])
                for change in (action.get("edit") or {}).get("documentChanges", []):
                    if change.get("textDocument", {}).get("uri") == uri:
                        edits += change.get("edits", [])
                if action.get("kind") == "quickfix" and any(
                        e["newText"] == "co_await " and
                        e["range"]["start"] == {"line": DISCARDED_LINE, "character": 2}
                        for e in edits):
                    fixes.append(action)
            if not fixes:
                raise Failure("no quick fix inserting 'co_await ': %s" % actions)
            print("quick fix: %s" % fixes[0]["title"])

            # clangd's own refactorings (tweaks) are linked in too.
            tweak_id = server.request("textDocument/codeAction", {
                "textDocument": {"uri": uri},
                "range": {"start": {"line": DECLARATION_LINE, "character": 0},
                          "end": {"line": DECLARATION_LINE, "character": 10}},
                "context": {"diagnostics": []},
            })
            tweaks = [a.get("title") for a in server.response(tweak_id, deadline) or []
                      if str(a.get("kind", "")).startswith("refactor")]
            if not tweaks:
                raise Failure("no refactoring code action on line %d" % (DECLARATION_LINE + 1))
            print("refactorings: %s" % ", ".join(sorted(tweaks)))

        shutdown = server.request("shutdown", None)
        server.response(shutdown, deadline)
        server.notify("exit", None)
        try:
            code = server.proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            raise Failure("the server did not exit after shutdown")
        if code != 0:
            raise Failure("the server exited with code %d" % code)
        print("shutdown: exit code 0")
    except Failure as e:
        server.close()
        with open(os.path.join(args.workdir, "clangd.log"), errors="replace") as f:
            log = f.read()
        sys.stderr.write("lsp_session: %s\n----- server log (tail) -----\n%s\n"
                         % (e, log[-6000:]))
        return 1
    server.close()
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--scenario", choices=sorted(CLANGD_CONFIG), default="fix")
    parser.add_argument("--project", help="with --scenario=project: the project's directory")
    parser.add_argument("--file", help="with --scenario=project: the file to open, "
                                       "relative to the project")
    parser.add_argument("--server-arg", action="append",
                        help="an argument for the server (repeatable)")
    parser.add_argument("--allow-errors", action="store_true",
                        help="with --scenario=project: print error diagnostics too, "
                             "instead of failing on them")
    return session(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
