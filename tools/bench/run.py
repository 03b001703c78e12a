#!/usr/bin/env python3
"""How much corolint adds to the cost of parsing.

For each input, times the median of several runs of
  floor     clang++-19 -fsyntax-only                         (the parse alone)
  corolint  corolint --checks=-*,coro-*                      (every coro check)
  upstream  clang-tidy-19 --checks=-*,misc-coroutine-hostile-raii  (for comparison)
run in turn (interleaved), and prints their time and peak memory as ratios
against the floor, the 16k/1k scaling of corolint against the floor's, and
one PASS/FAIL line per bound. Exit status 1 when a bound fails.

Time is the child's CPU time (user + system, from os.wait4), which another
job on the machine disturbs less than wall time; --clock=wall measures wall
time instead. Peak memory is the child's maximum resident set size. The
bounds are checked on the median of the paired run-by-run ratios (each run
over the floor's run just before it: a change of the machine's load cancels
out); the ratio of the least times is printed beside it.

Inputs:
  examples  runtime/examples/*.cpp, -std=c++20 -I runtime/include
  runtime   the runtime's benchmark (corort and asio) and its unit tests
  asio      asio's C++20 coroutine examples (Debian's libasio-doc), and a
            generated translation unit of 500 asio coroutines (all of
            <asio.hpp>, awaitable operators, channels, a thread pool)
  gen       generated files of 1k, 4k and 16k coroutines calling into long
            chains of functions of the same file (the worst case of the
            interprocedural analyses of coro-blocking-call/-loop)

--check-profile runs `corolint --enable-check-profile` on each input instead
and prints each coro check's share of the time spent in the checks.
"""

import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ASIO_EXAMPLES = "/usr/share/doc/libasio-dev/examples/cpp17/coroutines_ts"
ASIO_FILES = ["chat_server.cpp", "echo_server.cpp"]
ASIO_FLAGS = ["-std=c++20", "-DASIO_HAS_CO_AWAIT=1", "-DASIO_HAS_STD_COROUTINE=1"]


# ---- Generated inputs.

def generate(coroutines, chain=0):
    """A translation unit of `coroutines` corort coroutines and as many plain
    functions. The plain functions form call chains of `chain` functions
    (0: one chain through all of them), each calling the next, and the
    coroutines call into the chains at spread-out points: coro-blocking-call
    and coro-blocking-loop follow every chain to its end, which sleeps or
    runs a long loop. Every 256th coroutine makes a mistake on purpose; a
    class at the top and a factory at the bottom make pools with
    make_unique (kept, not reported: the worst case of coro-pool-per-call's
    search for where a pool goes)."""
    helpers = coroutines
    chain = chain or helpers
    out = [
        "#include <corort/corort.hpp>",
        "#include <atomic>", "#include <chrono>", "#include <memory>",
        "#include <thread>", "#include <vector>",
        "using namespace std::chrono_literals;",
        "namespace gen {",
        "std::atomic<bool> ready{false};",
        "struct service {",
        "  service() : pool(std::make_unique<corort::thread_pool>(2)) {}",
        "  std::unique_ptr<corort::thread_pool> pool;",
        "};",
    ]
    out += ["long h%d(long x);" % j for j in range(helpers)]
    for j in range(helpers):
        if j % chain != chain - 1 and j + 1 < helpers:
            out.append("long h%d(long x) { long y = x * 3 + %d; if (y %% 7 == 0) y /= 7; "
                       "return h%d(y) + 1; }" % (j, j % 97, j + 1))
            continue
        kind = (j // chain) % 4
        if kind == 0:
            body = ("std::this_thread::sleep_for(std::chrono::microseconds(x & 7)); "
                    "long s = x; for (long i = 0; i < 1000000; ++i) s += i ^ x; return s;")
        elif kind == 1:
            body = "long s = x; for (long i = 0; i < 1000000; ++i) s += i ^ x; return s;"
        elif kind == 2:
            body = "std::this_thread::sleep_for(std::chrono::microseconds(x & 7)); return x;"
        else:
            body = "return x ^ %d;" % j
        out.append("long h%d(long x) { %s }" % (j, body))
    out.append("corort::task<long> leaf(long x) { co_return x; }")
    for i in range(coroutines):
        entry = (i * 7919) % helpers
        prev = "c%d" % (i - 1) if i else "leaf"
        body = ["  long acc = h%d(x);" % entry,
                "  for (int k = 0; k < 16; ++k) acc += (acc >> 3) + k;",
                "  int n = 0;",
                "  while (n < 8) { acc ^= n; ++n; }"]
        kind = i % 4
        if kind == 0:
            body += ["  auto t = %s(acc);" % prev,
                     "  acc += co_await std::move(t);"]
        elif kind == 1:
            body += ["  auto step = [acc](long v) -> corort::task<long> { co_return v + acc; };",
                     "  acc = co_await step(acc);"]
        elif kind == 2:
            body += ["  corort::task_group group;",
                     "  auto child = group.spawn(%s(acc));" % prev,
                     "  co_await group.join();"]
        else:
            body += ["  acc += co_await corort::cpu_pool().run(h%d, acc);"
                     % ((entry + 1) % helpers)]
        if i % 256 == 255:  # a mistake, now and then
            body += [["  std::this_thread::sleep_for(1ms);",
                      "  while (!ready.load()) {}",
                      "  auto lost = %s(acc);" % prev,
                      "  for (long i = 0; i < 10000000; ++i) acc += i % 3;"][(i // 256) % 4]]
        body += ["  co_await corort::sleep_for(0ms);", "  co_return acc;"]
        out.append("corort::task<long> c%d(long x) {\n%s\n}" % (i, "\n".join(body)))
    out.append("std::unique_ptr<corort::thread_pool> make_pool() "
               "{ return std::make_unique<corort::thread_pool>(2); }")
    out.append("} // namespace gen")
    return "\n".join(out) + "\n"



def generate_asio(coroutines):
    """A translation unit heavy with asio coroutines: all of <asio.hpp>, the
    awaitable operators and channels, and `coroutines` awaitable coroutines
    in the shapes asio's examples use (sessions reading and writing a
    socket, acceptors spawning sessions, timers raced against reads,
    work handed to a thread pool, a channel between a producer and a
    consumer), calling into a chain of plain functions of the same file.
    Every 64th coroutine makes a mistake on purpose (a blocking call, a
    discarded or never-awaited awaitable, a long loop)."""
    out = [
        "#include <asio.hpp>",
        "#include <asio/experimental/awaitable_operators.hpp>",
        "#include <asio/experimental/channel.hpp>",
        "#include <chrono>", "#include <string>", "#include <thread>",
        "using asio::awaitable;",
        "using asio::use_awaitable;",
        "using asio::ip::tcp;",
        "using namespace asio::experimental::awaitable_operators;",
        "using namespace std::chrono_literals;",
        "using channel = asio::experimental::channel<void(asio::error_code, long)>;",
        "namespace gen {",
        "asio::thread_pool &workers() { static asio::thread_pool pool(2); return pool; }",
        "awaitable<void> ping() { co_return; }",
    ]
    helpers = max(coroutines // 4, 1)
    out += ["long h%d(long x);" % j for j in range(helpers)]
    for j in range(helpers):
        if j + 1 < helpers:
            out.append("long h%d(long x) { long y = x * 5 + %d; return y %% 3 ? h%d(y) : y; }"
                       % (j, j % 89, j + 1))
        else:
            out.append("long h%d(long x) { long s = x; for (int i = 0; i < 64; ++i) s ^= i; return s; }" % j)
    for i in range(coroutines):
        kind = i % 5
        helper = (i * 7919) % helpers
        if kind == 0:
            body = [
                "awaitable<void> c%d(tcp::socket socket) {" % i,
                "  char data[1024];",
                "  asio::steady_timer timer(co_await asio::this_coro::executor);",
                "  for (long total = h%d(%d);;) {" % (helper, i),
                "    std::size_t n = co_await socket.async_read_some(asio::buffer(data), use_awaitable);",
                "    total += static_cast<long>(n);",
                "    timer.expires_after(1ms);",
                "    co_await timer.async_wait(use_awaitable);",
                "    co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);",
                "  }",
                "}"]
        elif kind == 1:
            body = [
                "awaitable<void> c%d(unsigned short port) {" % i,
                "  auto executor = co_await asio::this_coro::executor;",
                "  tcp::acceptor acceptor(executor, {tcp::v4(), port});",
                "  for (;;) {",
                "    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);",
                "    asio::co_spawn(executor, c%d(std::move(socket)), asio::detached);" % (i - 1),
                "  }",
                "}"]
        elif kind == 2:
            body = [
                "awaitable<std::size_t> c%d(tcp::socket &socket, std::string &line) {" % i,
                "  asio::steady_timer timer(co_await asio::this_coro::executor, 50ms);",
                "  auto result = co_await (asio::async_read_until(socket, asio::dynamic_buffer(line), '\\n', use_awaitable)",
                "                         || timer.async_wait(use_awaitable));",
                "  if (result.index() == 1) co_return 0;",
                "  co_return std::get<0>(result) + static_cast<std::size_t>(h%d(%d) & 1);" % (helper, i),
                "}"]
        elif kind == 3:
            body = [
                "awaitable<long> c%d(long x) {" % i,
                "  long y = co_await asio::co_spawn(workers(), [x]() -> awaitable<long> {",
                "    long s = 0; for (long i = 0; i < 1000000; ++i) s += i ^ x; co_return s; }, use_awaitable);",
                "  co_return y + h%d(x);" % helper,
                "}"]
        else:
            body = [
                "awaitable<long> c%d(channel &ch, long n) {" % i,
                "  long sum = 0;",
                "  for (long k = 0; k < n; ++k) {",
                "    co_await ch.async_send(asio::error_code{}, k, use_awaitable);",
                "    sum += co_await ch.async_receive(use_awaitable);",
                "  }",
                "  co_return sum + h%d(n);" % helper,
                "}"]
        if i % 64 == 63:  # a mistake, now and then
            mistake = [
                "  std::this_thread::sleep_for(1ms);",
                "  ping();",
                "  auto pending = ping();",
                "  long busy = 0; for (long i = 0; i < 50000000; ++i) busy += i % 7; (void)busy;",
            ][(i // 64) % 4]
            body.insert(1, mistake)
        out += body
    out.append("} // namespace gen")
    return "\n".join(out) + "\n"


# ---- Running.

class Sample:
    def __init__(self, cpu, wall, rss_kb, status):
        self.cpu, self.wall, self.rss_kb, self.status = cpu, wall, rss_kb, status


def run_once(argv, cwd):
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(argv, cwd=cwd, stdout=null, stderr=null)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Sample(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss,
                  proc.returncode)


def tool_commands(args, path, flags):
    coro = [args.corolint, "--checks=-*,coro-*", "--quiet", path, "--"] + flags
    tools = [("floor", [args.clang, "-fsyntax-only", path] + flags),
             ("corolint", coro)]
    if not args.no_upstream:
        tools.append(("upstream", [args.clang_tidy,
                                   "--checks=-*,misc-coroutine-hostile-raii",
                                   "--quiet", path, "--"] + flags))
    return tools


def collect_inputs(args, tmp):
    inputs = []  # (name, path, flags)
    wanted = set(args.inputs.split(","))
    if "examples" in wanted:
        include = os.path.join(ROOT, "runtime", "include")
        for path in sorted(glob.glob(os.path.join(ROOT, "runtime", "examples", "*.cpp"))):
            inputs.append((os.path.basename(path), path, ["-std=c++20", "-I", include]))
    if "runtime" in wanted:
        include = os.path.join(ROOT, "runtime", "include")
        inputs.append(("runtime/corort_vs_asio.cpp",
                       os.path.join(ROOT, "runtime", "bench", "corort_vs_asio.cpp"),
                       ["-std=c++20", "-I", include, "-DCORORT_BENCH_ASIO"] + ASIO_FLAGS[1:]))
        tests = os.path.join(ROOT, "test", "runtime")
        for path in sorted(glob.glob(os.path.join(tests, "*_test.cpp"))):
            inputs.append(("runtime/" + os.path.basename(path), path,
                           ["-std=c++20", "-I", include, "-I", tests]))
    if "asio" in wanted:
        found = [os.path.join(ASIO_EXAMPLES, f) for f in ASIO_FILES
                 if os.path.exists(os.path.join(ASIO_EXAMPLES, f))]
        if not found:
            print("bench: no asio examples in %s (install libasio-doc); skipped"
                  % ASIO_EXAMPLES, file=sys.stderr)
        for path in found:
            inputs.append(("asio/" + os.path.basename(path), path, ASIO_FLAGS))
        path = os.path.join(tmp, "gen_asio_%d.cpp" % args.asio_coroutines)
        with open(path, "w") as f:
            f.write(generate_asio(args.asio_coroutines))
        inputs.append(("asio/gen-%d" % args.asio_coroutines, path, ASIO_FLAGS))
    if "gen" in wanted:
        include = os.path.join(ROOT, "runtime", "include")
        for size in args.sizes:
            path = os.path.join(tmp, "gen_%d.cpp" % size)
            with open(path, "w") as f:
                f.write(generate(size, args.chain))
            inputs.append(("gen-%s" % label(size), path, ["-std=c++20", "-I", include]))
    return inputs


def label(size):
    return "%dk" % (size // 1000) if size % 1000 == 0 else str(size)


def fmt_ratio(x):
    return "%.3f" % x


def measure(args, inputs, tmp, findings):
    results = {}  # name -> tool -> [Sample]
    for name, path, flags in inputs:
        tools = tool_commands(args, path, flags)
        # One untimed run each: warms the page cache, checks that it works
        # and counts corolint's findings (a fast run that found nothing on a
        # file with mistakes would measure nothing).
        for tool, argv in tools:
            if tool == "corolint":
                out = subprocess.run(argv, cwd=tmp, capture_output=True, text=True)
                findings[name] = sum(1 for line in out.stdout.splitlines()
                                     if " warning: " in line and "[coro-" in line)
                continue
            s = run_once(argv, tmp)
            if s.status != 0 and tool == "floor":
                sys.exit("bench: %s does not compile: %s" % (name, " ".join(argv)))
        samples = {tool: [] for tool, _ in tools}
        for _ in range(args.runs):
            for tool, argv in tools:  # interleaved
                samples[tool].append(run_once(argv, tmp))
        results[name] = samples
        print("  measured %-28s %s" % (name, "  ".join(
            "%s %.2fs" % (t, statistics.median(getattr(s, args.clock) for s in v))
            for t, v in samples.items())), file=sys.stderr, flush=True)
    return results


def min_ratio(samples, tool, attr):
    """The tool's least time (memory) over the floor's least: noise only
    adds time, but on runs under a second one lucky run of either side moves
    it by several percent. Printed for reference."""
    return (min(getattr(s, attr) for s in samples[tool])
            / min(getattr(s, attr) for s in samples["floor"]))


def paired_ratio(samples, tool, attr):
    """The median over the runs of tool/floor, each run of the tool divided by
    the run of the floor just before it: a change of the machine's load
    between runs cancels out."""
    return statistics.median(getattr(t, attr) / getattr(f, attr)
                             for t, f in zip(samples[tool], samples["floor"]))


def report(args, inputs, results, findings):
    med = lambda xs, attr: statistics.median(getattr(s, attr) for s in xs)
    print()
    print("Time: median %s seconds of %d runs; memory: median peak RSS (MiB);"
          % ("CPU (user+sys)" if args.clock == "cpu" else "wall", args.runs))
    print("x: median over the runs of each run's time (memory) over the floor's run just before it;")
    print("   (min): the least time of the runs over the floor's least.")
    print("found: corolint's coro-* warnings on the input.")
    header = "%-28s %8s %8s %8s   %7s %7s %7s   %6s %6s %6s   %6s %6s  %5s" % (
        "input", "floor s", "coro s", "up s", "coro x", "(min)", "up x",
        "floorM", "coroM", "upM", "coroMx", "upMx", "found")
    print(header)
    print("-" * len(header))
    worst_time = worst_mem = 0.0
    crashed = []
    for name, _, _ in inputs:
        r = results[name]
        f_t, c_t = med(r["floor"], args.clock), med(r["corolint"], args.clock)
        f_m, c_m = med(r["floor"], "rss_kb"), med(r["corolint"], "rss_kb")
        tr, mr = paired_ratio(r, "corolint", args.clock), paired_ratio(r, "corolint", "rss_kb")
        ptr = min_ratio(r, "corolint", args.clock)
        if "upstream" in r:
            u_t, u_m = med(r["upstream"], args.clock), med(r["upstream"], "rss_kb")
            utr, umr = paired_ratio(r, "upstream", args.clock), paired_ratio(r, "upstream", "rss_kb")
        else:
            u_t = u_m = utr = umr = float("nan")
        worst_time, worst_mem = max(worst_time, tr), max(worst_mem, mr)
        print("%-28s %8.3f %8.3f %8.3f   %7s %7s %7s   %6.0f %6.0f %6.0f   %6s %6s  %5d" % (
            name, f_t, c_t, u_t, fmt_ratio(tr), fmt_ratio(ptr), fmt_ratio(utr),
            f_m / 1024, c_m / 1024, u_m / 1024, fmt_ratio(mr), fmt_ratio(umr),
            findings.get(name, 0)))
        # clang-tidy exits with 1 when it reports a finding.
        bad = [t for t in r if t != "floor" and any(s.status not in (0, 1) for s in r[t])]
        if bad:
            crashed.append("%s on %s" % (",".join(bad), name))
    print()
    lines = []
    lines.append("%s  time: coro-* <= %.2fx the floor on every input (worst %.3fx)"
                 % ("PASS" if worst_time <= args.time_bound else "FAIL",
                    args.time_bound, worst_time))
    lines.append("%s  memory: coro-* peak RSS <= %.2fx the floor on every input (worst %.3fx)"
                 % ("PASS" if worst_mem <= args.mem_bound else "FAIL",
                    args.mem_bound, worst_mem))
    gen = ["gen-%s" % label(s) for s in args.sizes if "gen-%s" % label(s) in results]
    if len(gen) >= 2:
        small, big = results[gen[0]], results[gen[-1]]
        least = lambda xs: min(getattr(s, args.clock) for s in xs)
        f_scale = least(big["floor"]) / least(small["floor"])
        c_scale = least(big["corolint"]) / least(small["corolint"])
        # corolint's growth over the floor's growth.
        dev = c_scale / f_scale - 1
        print("Scaling %s/%s: floor %.2fx, corolint %.2fx; corolint's over the floor's %+.1f%%"
              % (gen[-1][4:], gen[0][4:], f_scale, c_scale, 100 * dev))
        lines.append("%s  scaling: corolint's %s/%s time ratio within %d%% of the floor's (%+.1f%%)"
                     % ("PASS" if abs(dev) <= args.scaling_bound else "FAIL",
                        gen[-1][4:], gen[0][4:], round(100 * args.scaling_bound),
                        100 * dev))
    lines.append("%s  no crash%s" % ("FAIL" if crashed else "PASS",
                                     (": " + "; ".join(crashed)) if crashed else ""))
    print("\n".join(lines))
    return not any(l.startswith("FAIL") for l in lines)


# ---- Check profile.

def check_profile(args, inputs, tmp):
    """Runs corolint --enable-check-profile on each input (median of the
    runs per check) and prints each check's share of the checks' time."""
    ok = True
    print("Per-check time (median of %d runs, user+sys ms) and share of all coro-* checks"
          % args.runs)
    for name, path, flags in inputs:
        per_check = {}
        for run in range(args.runs):
            out = os.path.join(tmp, "profile-%d" % run)
            shutil.rmtree(out, ignore_errors=True)
            argv = [args.corolint, "--checks=-*,coro-*", "--quiet",
                    "--enable-check-profile", "--store-check-profile=" + out,
                    path, "--"] + flags
            with open(os.devnull, "wb") as null:
                subprocess.run(argv, cwd=tmp, stdout=null, stderr=null)
            totals = {}
            for file in glob.glob(os.path.join(out, "*.json")):
                with open(file) as f:
                    profile = json.load(f)["profile"]
                for key, value in profile.items():
                    # time.clang-tidy.<check>.{wall,user,sys}
                    check, _, kind = key[len("time.clang-tidy."):].rpartition(".")
                    if kind in ("user", "sys"):
                        totals[check] = totals.get(check, 0.0) + value
            for check, value in totals.items():
                per_check.setdefault(check, []).append(value)
        medians = {c: statistics.median(v) for c, v in per_check.items()}
        total = sum(medians.values()) or 1e-9
        top = max(medians, key=medians.get) if medians else "-"
        share = medians.get(top, 0) / total
        print("%-26s total %7.1f ms  %s" % (name, 1000 * total, "  ".join(
            "%s %.1f (%.0f%%)" % (c[len("coro-"):], 1000 * v, 100 * v / total)
            for c, v in sorted(medians.items()))))
        if share > args.share_bound:
            ok = False
            print("  %s takes %.0f%% of the checks' time" % (top, 100 * share))
    print("%s  no check above %.0f%% of the coro-* checks' time on any input"
          % ("PASS" if ok else "FAIL", 100 * args.share_bound))
    return ok


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    build = os.environ.get("COROLINT_BUILD_DIR", os.path.join(ROOT, "build"))
    p.add_argument("--runs", type=int, default=7, help="timed runs per tool and input (default 7)")
    p.add_argument("--corolint", default=os.path.join(build, "bin", "corolint"))
    p.add_argument("--clang", default="clang++-19")
    p.add_argument("--clang-tidy", default="clang-tidy-19")
    p.add_argument("--inputs", default="examples,runtime,asio,gen",
                   help="comma-separated among examples, runtime, asio, gen")
    p.add_argument("--asio-coroutines", type=int, default=500,
                   help="coroutines of the generated asio translation unit (default 500)")
    p.add_argument("--sizes", default="1000,4000,16000",
                   help="coroutines per generated file (first and last give the scaling)")
    p.add_argument("--chain", type=int, default=0,
                   help="length of the call chains of the generated files "
                        "(default 0: one chain through all the functions of a file)")
    p.add_argument("--clock", choices=["cpu", "wall"], default="cpu")
    p.add_argument("--no-upstream", action="store_true", help="skip clang-tidy-19")
    p.add_argument("--check-profile", action="store_true",
                   help="per-check shares from corolint --enable-check-profile")
    p.add_argument("--keep", metavar="DIR", help="write the generated files here and keep them")
    p.add_argument("--time-bound", type=float, default=1.10)
    p.add_argument("--mem-bound", type=float, default=1.10)
    p.add_argument("--scaling-bound", type=float, default=0.10)
    p.add_argument("--share-bound", type=float, default=0.50)
    args = p.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",")]
    args.clock = "cpu" if args.clock == "cpu" else "wall"
    for tool in (args.corolint, args.clang) + (() if args.no_upstream else (args.clang_tidy,)):
        if not shutil.which(tool):
            sys.exit("bench: %s not found (build first: tools/bench/run.sh)" % tool)

    tmp = args.keep or tempfile.mkdtemp(prefix="corolint-bench-")
    os.makedirs(tmp, exist_ok=True)
    try:
        inputs = collect_inputs(args, tmp)
        print("corolint %s, %d runs, %s clock, inputs in %s"
              % (args.corolint, args.runs, args.clock, tmp), file=sys.stderr)
        if args.check_profile:
            ok = check_profile(args, inputs, tmp)
        else:
            findings = {}
            ok = report(args, inputs, measure(args, inputs, tmp, findings), findings)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
