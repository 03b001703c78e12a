// RUN: %check_coro -check-suffixes=,DEEP %s coro-blocking-loop %t -- -- -I %runtime_include
// RUN: %check_coro -check-suffixes=,LOW %s coro-blocking-loop %t -- \
// RUN:   -config="{CheckOptions: {coro-blocking-loop.MinIterations: 1000, coro-blocking-loop.MaxCallDepth: 1}}" \
// RUN:   -- -I %runtime_include
// RUN: %check_coro -check-suffixes=,DEEP,UNKNOWN %s coro-blocking-loop %t -- \
// RUN:   -config="{CheckOptions: {coro-blocking-loop.ReportUnknownBounds: true}}" \
// RUN:   -- -I %runtime_include

#include <corort/corort.hpp>
#include <atomic>
#include <chrono>
#include <coroutine>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

constexpr int kSize = 1'000'000;
enum { kRows = 2000, kCols = 500 };
constexpr long kShift = 1L << 20;

// A minimal generator, for co_yield.
struct numbers {
  struct promise_type {
    numbers get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int) noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

// ---- Loops bounded by constants: the count is the product of a nest.
corort::task<long> bounded() {
  long t = 0;
  for (int i = 0; i < kSize; ++i) t += i;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 1000000 iterations without suspension blocks coroutine 'bounded'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool) [coro-blocking-loop]
  for (long i = 0; i <= 50'000'000; i += 2) t += i;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 25000001 iterations without suspension blocks coroutine 'bounded'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  for (int i = kSize; i > 0; --i) t -= i;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 1000000 iterations without suspension blocks coroutine 'bounded'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  for (unsigned i = 0; i != static_cast<unsigned>(kShift); i++) t ^= i;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 1048576 iterations without suspension blocks coroutine 'bounded'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  for (int i = 3000000; i >= 0; i -= 3) t++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 1000001 iterations without suspension blocks coroutine 'bounded'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  for (int i = 0; kRows * kCols > i; i = i + 1) t++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 1000000 iterations without suspension blocks coroutine 'bounded'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  int k = 0;
  while (k < 2000000) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 2000000 iterations without suspension blocks coroutine 'bounded'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
    t += k;
    k++;
  }
  int d = 0;
  do {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 2500000 iterations without suspension blocks coroutine 'bounded'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
    t += d;
    d += 4;
  } while (d < 10'000'000);
  static int table[kSize];
  for (int x : table) t += x;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 1000000 iterations without suspension blocks coroutine 'bounded'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  // Small loops.
  for (int i = 0; i < 50000; ++i) t += i;
  // CHECK-MESSAGES-LOW: :[[@LINE-1]]:3: warning: loop of about 50000 iterations without suspension blocks coroutine 'bounded'
  for (int i = 0; i < 100; ++i) t += i;
  for (int i = 10; i < 5; ++i) t += i;
  co_return t;
}

corort::task<long> unknown_bounds(std::vector<int> v, int n) {
  long t = 0;
  for (int i = 0; i < n; ++i) t += i;
  // CHECK-MESSAGES-UNKNOWN: :[[@LINE-1]]:3: warning: loop with a bound unknown at compile time and no suspension point may block coroutine 'unknown_bounds'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool) [coro-blocking-loop]
  for (int x : v) t += x;
  // CHECK-MESSAGES-UNKNOWN: :[[@LINE-1]]:3: warning: loop with a bound unknown at compile time and no suspension point may block coroutine 'unknown_bounds'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  // The counter also changes in the body: the count is not known.
  for (int i = 0; i < kSize; ++i) {
    // CHECK-MESSAGES-UNKNOWN: :[[@LINE-1]]:3: warning: loop with a bound unknown at compile time and no suspension point may block coroutine 'unknown_bounds'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
    if (t > 5) i += 10;
  }
  int j = 0;
  int *alias = &j;
  while (j < kSize) ++j;
  // CHECK-MESSAGES-UNKNOWN: :[[@LINE-1]]:3: warning: loop with a bound unknown at compile time and no suspension point may block coroutine 'unknown_bounds'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  // Counts down from below its bound, or up past it: it never ends normally.
  for (int i = 0; i < kSize; --i) t += *alias;
  // CHECK-MESSAGES-UNKNOWN: :[[@LINE-1]]:3: warning: loop with a bound unknown at compile time and no suspension point may block coroutine 'unknown_bounds'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  co_return t;
}

corort::task<long> nests(int n) {
  long t = 0;
  for (int r = 0; r < kRows; ++r)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 1000000 iterations without suspension blocks coroutine 'nests'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
    for (int c = 0; c < kCols; ++c) t += r * c;
  for (int r = 0; r < 400; ++r) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 240000 iterations without suspension blocks coroutine 'nests'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
    for (int c = 0; c < 300; ++c) t += c;
    for (int c = 0; c < 300; ++c) t -= c;
  }
  for (int r = 0; r < 50; ++r)
    // CHECK-MESSAGES-LOW: :[[@LINE-1]]:3: warning: loop of about 2500 iterations without suspension blocks coroutine 'nests'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
    for (int c = 0; c < 50; ++c) t += c;
  // An outer loop with an unknown bound: the inner loop is the long one.
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < kSize; ++c) t += c;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop of about 1000000 iterations without suspension blocks coroutine 'nests'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  }
  // An inner loop with an unknown bound counts as one iteration.
  for (int r = 0; r < 1000; ++r) {
    // CHECK-MESSAGES-LOW: :[[@LINE-1]]:3: warning: loop of about 1000 iterations without suspension blocks coroutine 'nests'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
    while (t > n) t /= 2;
    // CHECK-MESSAGES-UNKNOWN: :[[@LINE-1]]:5: warning: loop with a bound unknown at compile time and no suspension point may block coroutine 'nests'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  }
  for (int r = 0; r < 200; ++r) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 200000 iterations without suspension blocks coroutine 'nests'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
    while (t > n) {
      for (int c = 0; c < 1000; ++c) t -= c;
    }
  }
  co_return t;
}

// ---- A suspension point inside the loop, at any depth, lets others run.
corort::task<long> suspending() {
  long t = 0;
  for (int i = 0; i < kSize; ++i) {
    t += i;
    if (i % 1000 == 0)
      co_await corort::sleep_for(0ms);
  }
  for (int i = 0; i < kSize; ++i) {
    for (int j = 0; j < 10; ++j)
      t += co_await corort::to_thread([j] { return j; });
  }
  // The outer loop suspends, the inner one does not.
  for (int r = 0; r < 10; ++r) {
    co_await corort::sleep_for(0ms);
    for (int c = 0; c < kSize; ++c) t += c;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop of about 1000000 iterations without suspension blocks coroutine 'suspending'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  }
  // A co_await in a lambda defined in the loop is the lambda's own.
  for (int i = 0; i < kSize; ++i) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 1000000 iterations without suspension blocks coroutine 'suspending'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
    auto later = [i]() -> corort::task<int> {
      co_await corort::sleep_for(0ms);
      co_return i;
    };
    t += i;
  }
  co_return t;
}

numbers generate() {
  for (int i = 0; i < kSize; ++i)
    co_yield i;
}

// ---- Busy waits: polling until another thread acts.
std::atomic<bool> ready{false};
std::atomic_flag done_flag;
std::atomic_flag lock_flag;
volatile int status = 0;
bool stopped = false;

corort::task<> spinning(std::atomic<int> &count, const bool *stop) {
  while (!ready.load()) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: busy-wait loop without suspension blocks coroutine 'spinning' while it spins on 'ready'; await an asynchronous event instead of polling, or suspend inside the loop (co_await corort::sleep_for(0ms)) [coro-blocking-loop]
  while (!ready)
    ;
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: busy-wait loop without suspension blocks coroutine 'spinning' while it spins on 'ready'; await an asynchronous event instead of polling, or suspend inside the loop (co_await corort::sleep_for(0ms))
  do {
  } while (!ready.load(std::memory_order_acquire));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: busy-wait loop without suspension blocks coroutine 'spinning' while it spins on 'ready'; await an asynchronous event instead of polling, or suspend inside the loop (co_await corort::sleep_for(0ms))
  while (count.load(std::memory_order_relaxed) < 4)
    std::this_thread::yield();
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: busy-wait loop without suspension blocks coroutine 'spinning' while it spins on 'count'; await an asynchronous event instead of polling, or suspend inside the loop (co_await corort::sleep_for(0ms))
  while (!done_flag.test()) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: busy-wait loop without suspension blocks coroutine 'spinning' while it spins on 'done_flag'; await an asynchronous event instead of polling, or suspend inside the loop (co_await corort::sleep_for(0ms))
    std::this_thread::yield();
    ready.load();
  }
  while (lock_flag.test_and_set(std::memory_order_acquire)) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: busy-wait loop without suspension blocks coroutine 'spinning' while it spins on 'lock_flag'; await an asynchronous event instead of polling, or suspend inside the loop (co_await corort::sleep_for(0ms))
  while (status != 0) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: busy-wait loop without suspension blocks coroutine 'spinning' while it spins on 'status'; await an asynchronous event instead of polling, or suspend inside the loop (co_await corort::sleep_for(0ms))
  while (!stopped) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: busy-wait loop without suspension blocks coroutine 'spinning' while it spins on 'stopped'; await an asynchronous event instead of polling, or suspend inside the loop (co_await corort::sleep_for(0ms))
  for (; !*stop;) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: busy-wait loop without suspension blocks coroutine 'spinning' while it spins on 'stop'; await an asynchronous event instead of polling, or suspend inside the loop (co_await corort::sleep_for(0ms))
  // Not busy waits.
  while (true) {
    // CHECK-MESSAGES-UNKNOWN: :[[@LINE-1]]:3: warning: loop with a bound unknown at compile time and no suspension point may block coroutine 'spinning'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
    if (ready.load())
      break;
  }
  while (!ready.load())
    co_await corort::sleep_for(1ms);
  while (!ready.load())
    // CHECK-MESSAGES-UNKNOWN: :[[@LINE-1]]:3: warning: loop with a bound unknown at compile time and no suspension point may block coroutine 'spinning'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
    count.fetch_add(1);
  lock_flag.clear();
}

// A container's empty(), a job's done(), a plain data member: polled with
// nothing in the body that changes them, these spin too (issue 16).
struct inbox {
  std::vector<int> items;
  int pending = 0;
  bool done() const { return pending == 0; }
  corort::task<> drain() {
    while (items.empty()) {}
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: busy-wait loop without suspension blocks coroutine 'drain' while it spins on 'items'; await an asynchronous event instead of polling, or suspend inside the loop (co_await corort::sleep_for(0ms))
    while (pending > 0)
      std::this_thread::yield();
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: busy-wait loop without suspension blocks coroutine 'drain' while it spins on 'pending'; await an asynchronous event instead of polling, or suspend inside the loop (co_await corort::sleep_for(0ms))
    while (!done()) {}
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: busy-wait loop without suspension blocks coroutine 'drain'; await an asynchronous event instead of polling, or suspend inside the loop (co_await corort::sleep_for(0ms))
    // The body changes what it polls: a loop, not a spin.
    while (!items.empty())
      items.pop_back();
    // CHECK-MESSAGES-UNKNOWN: :[[@LINE-2]]:5: warning: loop with a bound unknown at compile time and no suspension point may block coroutine 'drain'
    while (pending > 0)
      --pending;
    // CHECK-MESSAGES-UNKNOWN: :[[@LINE-2]]:5: warning: loop with a bound unknown at compile time and no suspension point may block coroutine 'drain'
    co_return;
  }
};

// ---- Calls to functions of this file that run a long loop.
long crunch() {
  long total = 0;
  for (long i = 0; i < 50'000'000; ++i) total += i % 7;
  return total;
}
long twice() { return crunch() + crunch(); }
long thrice() { return twice(); }
long four_deep() { return thrice(); }
long five_deep() { return four_deep(); }
long small_work() {
  long s = 0;
  for (int i = 0; i < 100; ++i) s += i;
  return s;
}
long recurse_a(int n);
long recurse_b(int n) { return n ? recurse_a(n - 1) : 0; }
long recurse_a(int n) { return n ? recurse_b(n - 1) + small_work() : 0; }
long heavy_recursion(int n) {
  if (n)
    return heavy_recursion(n - 1);
  long s = 0;
  for (int i = 0; i < kSize; ++i) s += i;
  return s;
}
long cycle_a(int n);
long cycle_b(int n) { return n ? cycle_a(n - 1) : crunch(); }
long cycle_a(int n) { return n ? cycle_b(n - 1) : 0; }
template <int Count> long sum_to() {
  long s = 0;
  for (int i = 0; i < Count; ++i) s += i;
  return s;
}
void spin_in_thread() {
  while (!ready.load()) {} // not a coroutine: a busy wait is no call target
}

corort::task<long> callers() {
  long t = crunch();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: call to 'crunch' runs a CPU-heavy loop inside coroutine 'callers'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool) [coro-blocking-loop]
  t += twice();
  // CHECK-MESSAGES-DEEP: :[[@LINE-1]]:8: warning: call to 'twice' runs a CPU-heavy loop inside coroutine 'callers'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  t += thrice();
  // CHECK-MESSAGES-DEEP: :[[@LINE-1]]:8: warning: call to 'thrice' runs a CPU-heavy loop inside coroutine 'callers'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  t += four_deep();
  // CHECK-MESSAGES-DEEP: :[[@LINE-1]]:8: warning: call to 'four_deep' runs a CPU-heavy loop inside coroutine 'callers'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  t += five_deep(); // beyond MaxCallDepth
  t += recurse_a(10);
  t += heavy_recursion(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'heavy_recursion' runs a CPU-heavy loop inside coroutine 'callers'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  t += cycle_a(4);
  // CHECK-MESSAGES-DEEP: :[[@LINE-1]]:8: warning: call to 'cycle_a' runs a CPU-heavy loop inside coroutine 'callers'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  t += cycle_b(4);
  // CHECK-MESSAGES-DEEP: :[[@LINE-1]]:8: warning: call to 'cycle_b' runs a CPU-heavy loop inside coroutine 'callers'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  t += small_work();
  t += sum_to<kSize>();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'sum_to' runs a CPU-heavy loop inside coroutine 'callers'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  t += sum_to<10>();
  spin_in_thread();
  for (int i = 0; i < 10; ++i)
    t += crunch();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: call to 'crunch' runs a CPU-heavy loop inside coroutine 'callers'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  for (int i = 0; i < kSize; ++i)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 1000000 iterations without suspension blocks coroutine 'callers'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
    t += crunch();
  auto job = [] { return crunch(); };
  t += job();
  // CHECK-MESSAGES-DEEP: :[[@LINE-1]]:8: warning: call to 'job' runs a CPU-heavy loop inside coroutine 'callers'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  co_return t;
}

// ---- Lambdas and templates.
auto coro_lambda = []() -> corort::task<long> {
  long t = 0;
  for (int i = 0; i < kSize; ++i) t += i;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 1000000 iterations without suspension blocks a coroutine lambda; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  t += crunch();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'crunch' runs a CPU-heavy loop inside a coroutine lambda; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  co_return t;
};

template <int Count> corort::task<long> templated() {
  long t = 0;
  for (int i = 0; i < Count; ++i) t += i;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 1000000 iterations without suspension blocks coroutine 'templated'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  co_return t;
}
template corort::task<long> templated<kSize>();
template corort::task<long> templated<10>();

corort::task<long> in_place() {
  long t = 0;
  auto later = [&] {
    for (int i = 0; i < kSize; ++i) t += i; // only defined here
  };
  [&] {
    for (int i = 0; i < kSize; ++i) t += i;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: loop of about 1000000 iterations without suspension blocks coroutine 'in_place'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  }();
  later();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'later' runs a CPU-heavy loop inside coroutine 'in_place'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool)
  co_return t;
}

// ---- Work that already runs on a pool: the runtime's pattern.
corort::task<long> crunch_on_pool() {
  co_return co_await corort::cpu_pool().run(crunch);
}

corort::task<long> offloaded(corort::thread_pool &pool) {
  long t = co_await corort::cpu_pool().run([] {
    long s = 0;
    for (long i = 0; i < 50'000'000; ++i) s += i % 7;
    return s;
  });
  t += co_await corort::to_thread([] { return crunch(); });
  t += co_await pool.run(twice);
  co_await pool.schedule();
  // On a worker from here on.
  for (long i = 0; i < 50'000'000; ++i) t += i;
  t += crunch();
  while (!ready.load()) {}
  co_return t;
}

// ---- Not coroutines.
long plain_function() {
  long t = 0;
  for (int i = 0; i < kSize; ++i) t += i;
  while (!ready.load()) {}
  return t + crunch();
}
