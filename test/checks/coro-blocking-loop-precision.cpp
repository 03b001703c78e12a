// What real code showed coro-blocking-loop must not say (issue 17), each with
// its true twin still reported.
// RUN: %check_coro %s coro-blocking-loop %t -- -- -isystem %S/Inputs/mock

#include "asio.h"
#include "pools.h"
#include "user_task.h"
#include <vector>

unsigned mix(unsigned);

// ---- A loop whose body is one cheap store: 100'000 iterations are well
// under a millisecond. Cheap loops count from ten times MinIterations.
user::task<> fill() {
  std::vector<int> values(100'000);
  for (int i = 0; i < 100'000; ++i)
    values[i] = (1337 * i) % 1'000'000;
  co_return;
}
user::task<> fill_more() {
  std::vector<int> values(2'000'000);
  for (int i = 0; i < 2'000'000; ++i)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 2000000 iterations without suspension blocks coroutine 'fill_more'; move the work to a long-lived thread pool or insert a suspension point [coro-blocking-loop]
    values[i] = (1337 * i) % 1'000'000;
  co_return;
}
// A call that does work in the body: MinIterations as before.
user::task<> hash_all() {
  unsigned h = 0;
  for (int i = 0; i < 100'000; ++i)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 100000 iterations without suspension blocks coroutine 'hash_all'; move the work to a long-lived thread pool or insert a suspension point [coro-blocking-loop]
    h = mix(h + i);
  co_return;
}

// ---- A fan-out loop: its body only starts tasks, which run elsewhere.
user::task<> work(int);
user::task<> fan_out(user::task_group &group) {
  for (int i = 0; i < 1'000'000; ++i)
    group.spawn(work(i));
  co_return;
}
asio::awaitable<void> job(int);
asio::awaitable<void> asio_fan_out(asio::io_context &io) {
  for (int i = 0; i < 1'000'000; ++i)
    asio::co_spawn(io, job(i), asio::detached);
  for (int i = 0; i < 1'000'000; ++i)
    asio::co_spawn(io, [i]() -> asio::awaitable<void> { co_await job(i); }, asio::detached);
  co_return;
}

// A member template that starts the task on a pool, also in a template's
// own code where the call is not resolved yet (issue 26).
template <class Pool> asio::awaitable<void> generic_fan_out(Pool &pool) {
  for (int i = 0; i < 1'000'000; ++i)
    pool.submit_task([i] { (void)mix(i); });
  co_return;
}
void instantiate_fan_out(BS::thread_pool<> &pool) { (void)generic_fan_out(pool); }

// ---- One report per place, however many instances of a template; the
// advice in the coroutine's own library (asio here).
template <class T> asio::awaitable<T> crunch() {
  T total = 0;
  for (int i = 0; i < 100'000; ++i)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: loop of about 100000 iterations without suspension blocks coroutine 'crunch'; move the work to a long-lived thread pool or insert a suspension point (co_await asio::co_spawn(pool, ..., asio::use_awaitable)) [coro-blocking-loop]
    total += mix(i);
  co_return total;
}
void instantiate() {
  (void)crunch<int>();
  (void)crunch<long>();
}
