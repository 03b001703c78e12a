// Counted loops whose count constants fix (issue 26): a `while` that counts
// to a large constant with the step in its body (also inside an expression
// that always runs: `work(count++)`), a `for` with an unsigned counter and a
// `<=` bound, a counter whose address only goes to a parameter that points
// to const. A step that runs on some iterations only, or a counter handed
// out to be changed, gives no count.
// RUN: %check_coro %s coro-blocking-loop %t -- -- -I %runtime_include

#include <corort/corort.hpp>
#include <cstddef>

int work(int);
void observe(const int *counter);
void advance(int *counter);

corort::task<> while_counts() {
  int i = 0;
  while (i < 2000000) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 2000000 iterations without suspension blocks coroutine 'while_counts'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool) [coro-blocking-loop]
    work(i);
    ++i;
  }
  co_return;
}

corort::task<> step_inside_call() {
  int count = 0;
  int other = 3;
  ++other;
  while (count < 5000000)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 5000000 iterations without suspension blocks coroutine 'step_inside_call'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool) [coro-blocking-loop]
    work(count++);
  co_return;
}

corort::task<> unsigned_inclusive() {
  for (unsigned i = 0; i <= 999999u; ++i)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 1000000 iterations without suspension blocks coroutine 'unsigned_inclusive'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool) [coro-blocking-loop]
    work(static_cast<int>(i));
  for (std::size_t n = 1; n <= 300000; n += 3)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 100000 iterations without suspension blocks coroutine 'unsigned_inclusive'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool) [coro-blocking-loop]
    work(static_cast<int>(n));
  co_return;
}

corort::task<> address_read_only() {
  for (int i = 0; i < 1000000; ++i)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 1000000 iterations without suspension blocks coroutine 'address_read_only'; move the work to a long-lived thread pool or insert a suspension point (co_await pool.run(fn) on a corort::cpu_pool) [coro-blocking-loop]
    observe(&i);
  co_return;
}

// ---- No count: the counter may change elsewhere, or the step may not run.
corort::task<> not_counted(bool fast) {
  for (int i = 0; i < 1000000; ++i)
    advance(&i);
  int j = 0;
  while (j < 1000000) {
    if (fast)
      ++j;
    work(j);
  }
  int k = 0;
  while (k < 1000000)
    work(fast ? k++ : k);
  co_return;
}
